import Foundation
import NamHocDomain
import Testing

@Suite struct PeriodTests {
    @Test func a_reporting_period_is_a_census_or_a_year_end_and_nothing_else() {
        #expect(Period(reportingCode: "2024-2025/census") == Period.census(SchoolYear(startYear: 2024)))
        #expect(Period(reportingCode: "2024-2025/end") == Period.yearEnd(SchoolYear(startYear: 2024)))
        for code in ["2024-2025/HK1", "2024-2025", "2024-2026/census", "2024-2025/census ", ""] {
            #expect(Period(reportingCode: code) == nil, "\(code)")
        }
    }

    /// Every period of several school years, of every kind.
    static let allPeriods: [Period] = (2019...2027).flatMap { start -> [Period] in
        let year = SchoolYear(startYear: start)
        return [year.period, year.census, year.yearEnd] + year.semesters + year.quarters + year.months
    }

    @Test func every_code_round_trips() {
        // MUT + validate: each code parses back to its period
        for period in Self.allPeriods {
            #expect(Period(code: period.code) == period, "\(period.code)")
        }
        // validate: no two periods share a code
        #expect(Set(Self.allPeriods.map(\.code)).count == Self.allPeriods.count)
    }

    @Test func codes_and_names_of_each_kind() throws {
        // setup: one code of each kind, with its name and days
        let cases: [(String, PeriodKind, String, String, String)] = [
            ("2024-2025", .schoolYear, "Năm học 2024-2025", "2024-09-01", "2025-08-31"),
            ("2024-2025/HK1", .semester, "Học kỳ I năm học 2024-2025", "2024-09-05", "2025-01-18"),
            ("2024-2025/HK2", .semester, "Học kỳ II năm học 2024-2025", "2025-01-19", "2025-05-31"),
            ("2024-Q4", .quarter, "Quý IV/2024", "2024-10-01", "2024-12-31"),
            ("2024-Q1", .quarter, "Quý I/2024", "2024-01-01", "2024-03-31"),
            ("2024-09", .month, "Tháng 9/2024", "2024-09-01", "2024-09-30"),
            ("2024-02", .month, "Tháng 2/2024", "2024-02-01", "2024-02-29"),
            ("2024-2025/census", .census, "Thời điểm 30/09/2024", "2024-09-30", "2024-09-30"),
            ("2024-2025/end", .yearEnd, "Thời điểm 31/05/2025", "2025-05-31", "2025-05-31"),
        ]
        for (code, kind, name, first, last) in cases {
            // MUT
            let period = try #require(Period(code: code), "\(code)")
            // validate
            #expect(period.kind == kind && period.nameVI == name)
            #expect(period.first == Day(iso: first) && period.last == Day(iso: last), "\(code)")
            #expect(period.description == code)
        }
    }

    @Test(arguments: ["", "2024-2026", "2024 - 2025", "2024–2025", "2024-2025/HK3", "2024-2025/hk1", "2024-Q5",
                      "2024-Q0", "2024-13", "2024-00", "2024-9", "24-09", "2024-2025/", "2024-2025/census/x",
                      "2024-Q4 ", "Q4-2024", "2024-2025/HK1/HK2", "+024-09",
                      "2024-2025/END", "2024-2025/end/", "2024-2025/cuoi-nam"])
    func invalid_codes_are_rejected(_ code: String) {
        // MUT + validate
        #expect(Period(code: code) == nil)
    }

    @Test func periods_know_their_school_year() {
        // MUT + validate
        #expect(Period(code: "2024-2025/HK2")?.schoolYear == SchoolYear(startYear: 2024))
        #expect(Period(code: "2025-03")?.schoolYear == SchoolYear(startYear: 2024))
        #expect(Period(code: "2024-Q4")?.schoolYear == SchoolYear(startYear: 2024))
        #expect(Period(code: "2024-2025/census")?.schoolYear == SchoolYear(startYear: 2024))
        #expect(Period(code: "2024-2025/end")?.schoolYear == SchoolYear(startYear: 2024))
    }

    @Test func parsing_with_a_province_calendar_keeps_the_code() throws {
        // setup: a province whose first semester ends on 15 January
        var calendar = SchoolCalendar.standard
        calendar.semester1End = .init(month: 1, day: 15)
        // MUT
        let hk1 = try #require(Period(code: "2024-2025/HK1", calendar: calendar))
        // validate
        #expect(hk1.code == "2024-2025/HK1" && hk1.last == Day(iso: "2025-01-15"))
        #expect(hk1 != Period(code: "2024-2025/HK1"))
    }

    @Test func codable_round_trip() throws {
        // MUT: encode every period
        let data = try JSONEncoder().encode(Self.allPeriods)
        // MUT + validate: decoded back unchanged
        #expect(try JSONDecoder().decode([Period].self, from: data) == Self.allPeriods)
    }
}
