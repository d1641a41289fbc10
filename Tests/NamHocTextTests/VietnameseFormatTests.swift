import Foundation
import NamHocDemo
import NamHocText
import Testing

@Suite struct VietnameseFormatTests {
    static func vietnamDate(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> Date {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        return c.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min))!
    }

    // MARK: - Numbers

    @Test(arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1000, "1.000"), (2_222_246, "2.222.246"), (-1919, "-1.919"),
        (-999, "-999"), (1_000_000_000, "1.000.000.000"),
        (Int.min, "-9.223.372.036.854.775.808"), (Int.max, "9.223.372.036.854.775.807"),
    ])
    func integer_format(n: Int, expected: String) {
        // MUT + validate
        #expect(VietnameseFormat.integer(n) == expected)
    }

    @Test func decimal_and_percent_format() {
        // MUT + validate
        #expect(VietnameseFormat.decimal(1234.5) == "1.234,5")
        #expect(VietnameseFormat.decimal(1234.5, fractionDigits: 2) == "1.234,50")
        #expect(VietnameseFormat.decimal(1234.56, fractionDigits: 0) == "1.235")
        #expect(VietnameseFormat.decimal(-0.04) == "0,0")
        #expect(VietnameseFormat.decimal(-1234567.25, fractionDigits: 2) == "-1.234.567,25")
        #expect(VietnameseFormat.decimal(0.5) == "0,5")
        #expect(VietnameseFormat.percent(72.6) == "72,6%")
        #expect(VietnameseFormat.percent(100) == "100,0%")
        #expect(VietnameseFormat.percent(33.333, fractionDigits: 2) == "33,33%")
        #expect(VietnameseFormat.decimal(.nan) == "NaN")
    }

    @Test(arguments: [
        ("2.222.246", 2_222_246.0), ("1.234,5", 1234.5), ("72,6%", 72.6), ("-12", -12.0), (" 1 234 ", 1234.0),
        ("0,25", 0.25), ("1,5", 1.5), ("1.5", 1.5), ("2.222", 2222.0), ("0.250", 0.25), ("1234.5", 1234.5),
        ("1,234,567", 1_234_567.0), ("1,234.5", 1234.5), ("1\u{00A0}234,5", 1234.5), ("−7", -7.0), ("+3", 3.0),
        ("100%", 100.0), ("0", 0.0),
    ])
    func parse_number(input: String, expected: Double) {
        // MUT + validate
        #expect(VietnameseFormat.parseNumber(input) == expected)
    }

    @Test(arguments: ["", " ", "abc", "1.2.3", "12a", "1,2,3", "1.234.5678", "--1", "%", ".", "1..2", "1.234,5,6", "1e5", "12.34.567"])
    func parse_number_rejects_garbage(input: String) {
        // MUT + validate
        #expect(VietnameseFormat.parseNumber(input) == nil)
    }

    @Test func parse_integer() {
        // MUT + validate
        #expect(VietnameseFormat.parseInteger("2.222.246") == 2_222_246)
        #expect(VietnameseFormat.parseInteger("-1.919") == -1919)
        #expect(VietnameseFormat.parseInteger(" 57 000 ") == 57000)
        #expect(VietnameseFormat.parseInteger("1,5") == nil)
        #expect(VietnameseFormat.parseInteger("x") == nil)
    }

    @Test func numbers_round_trip() {
        // setup: a seeded random source
        var rng = SeededRandom(seed: 42)
        for _ in 0..<500 {
            let n = Int(truncatingIfNeeded: rng.next()) % 10_000_000_000
            // MUT + validate: an integer
            #expect(VietnameseFormat.parseInteger(VietnameseFormat.integer(n)) == n)
            // MUT + validate: the same number as a decimal and as a percentage
            let x = Double(n) / 100
            #expect(VietnameseFormat.parseNumber(VietnameseFormat.decimal(x, fractionDigits: 2)) == x)
            #expect(VietnameseFormat.parseNumber(VietnameseFormat.percent(x, fractionDigits: 2)) == x)
        }
    }

    // MARK: - Dates

    @Test func date_formats_in_vietnam_time() {
        // setup: 14:30 on 5 September 2024, Vietnam time
        let d = Self.vietnamDate(2024, 9, 5, 14, 30)
        // MUT + validate
        #expect(VietnameseFormat.date(d) == "05/09/2024")
        #expect(VietnameseFormat.longDate(d) == "ngày 05 tháng 9 năm 2024")
        #expect(VietnameseFormat.dateTime(d) == "05/09/2024 14:30")
        // 23:30 UTC on 4 September is already 5 September in Hà Nội.
        // setup
        let utcLate = Date(timeIntervalSince1970: 1_725_492_600)  // 2024-09-04T23:30:00Z
        // MUT + validate
        #expect(VietnameseFormat.date(utcLate) == "05/09/2024")
    }

    @Test func dateline_pads_days_below_10_and_months_1_and_2() {
        // MUT + validate
        #expect(VietnameseFormat.datelineDate(Self.vietnamDate(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024")
        #expect(VietnameseFormat.datelineDate(Self.vietnamDate(2024, 2, 29)) == "ngày 29 tháng 02 năm 2024")
        #expect(VietnameseFormat.datelineDate(Self.vietnamDate(2024, 3, 15)) == "ngày 15 tháng 3 năm 2024")
        #expect(VietnameseFormat.datelineDate(Self.vietnamDate(2023, 12, 31)) == "ngày 31 tháng 12 năm 2023")
        #expect(VietnameseFormat.longDate(Self.vietnamDate(2024, 1, 5)) == "ngày 05 tháng 1 năm 2024")
    }

    @Test(arguments: [
        "05/09/2024", "5/9/2024", "2024-09-05", "ngày 05 tháng 9 năm 2024", "Ngày 5 tháng 09 năm 2024",
        "Hà Nội, ngày 05 tháng 9 năm 2024", "05-09-2024", "05.09.2024", " 05/09/2024 ",
    ])
    func parse_date(input: String) {
        // MUT + validate
        #expect(VietnameseFormat.parseDate(input) == Self.vietnamDate(2024, 9, 5))
    }

    @Test(arguments: ["31/02/2024", "32/01/2024", "05/13/2024", "05/09/24", "abc", "", "2024-9", "ngày 05 tháng 9", "29/02/2023", "05/09/2024/1"])
    func parse_date_rejects_invalid(input: String) {
        // MUT + validate
        #expect(VietnameseFormat.parseDate(input) == nil)
    }

    @Test func dates_round_trip() {
        // setup: Christmas 2023, then each following day
        var day = Self.vietnamDate(2023, 12, 25)
        for _ in 0..<400 {
            // MUT + validate: each form of the day reads back
            #expect(VietnameseFormat.parseDate(VietnameseFormat.date(day)) == day)
            #expect(VietnameseFormat.parseDate(VietnameseFormat.longDate(day)) == day)
            #expect(VietnameseFormat.parseDate(VietnameseFormat.datelineDate(day)) == day)
            day += 86_400  // no DST in Vietnam
        }
    }

    // MARK: - School years

    @Test func school_years() {
        // MUT + validate: a year's name
        #expect(VietnameseFormat.schoolYear(2023) == "2023-2024")
        // MUT + validate: the ways people write a school year
        for s in ["2023-2024", "2023 - 2024", "2023–2024", "2023—2024", "2023/2024", "Năm học 2023-2024", " 2023-2024 "] {
            #expect(VietnameseFormat.parseSchoolYear(s) == 2023, "\(s)")
        }
        // MUT + validate: what is not a school year
        for s in ["2023-2025", "2024-2023", "2023", "2023-24", "abcd-efgh", "", "2023-2024-2025", "12023-12024"] {
            #expect(VietnameseFormat.parseSchoolYear(s) == nil, "\(s)")
        }
        // MUT + validate: round trip
        for y in 1990...2040 {
            #expect(VietnameseFormat.parseSchoolYear(VietnameseFormat.schoolYear(y)) == y)
        }
    }
}
