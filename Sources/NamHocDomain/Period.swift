import Foundation

/// What a reporting period is: the unit of progress reports, briefings and statistics.
public enum PeriodKind: String, Codable, Sendable, CaseIterable {
    case schoolYear, semester, quarter, month, census
    /// Kỳ cuối năm học: the end-of-year statistics day, 31/05 of the year after the start year.
    case yearEnd
}

/// A reporting period with a stable code, its Vietnamese name and its first and last day.
///
/// Codes (what the database and URLs store):
/// - school year `2024-2025` — "Năm học 2024-2025"
/// - semester `2024-2025/HK1`, `2024-2025/HK2` — "Học kỳ I năm học 2024-2025"
/// - calendar quarter `2024-Q4` — "Quý IV/2024" (briefings are named by calendar quarter: "giao ban quý I/2024")
/// - month `2024-09` — "Tháng 9/2024"
/// - census `2024-2025/census` — "Thời điểm 30/09/2024", the GSO's counting day (one day long); the
///   start-of-year statistics report (kỳ đầu năm học) is about this day
/// - year end `2024-2025/end` — "Thời điểm 31/05/2025", the end-of-year statistics report (kỳ cuối năm
///   học, TT 24/2018: data as at 31/5, due 30/6) is about this day (one day long)
///
/// Semester dates come from a `SchoolCalendar`; `init?(code:)` uses `SchoolCalendar.standard`, so a period
/// built with a province's own calendar has the same code but may differ in `validity` (and so in `==`).
public struct Period: Hashable, Codable, Sendable, CustomStringConvertible {
    public let kind: PeriodKind
    public let code: String
    public let nameVI: String
    public let validity: Validity

    public var description: String { code }

    /// First day (always set: every period is bounded).
    public var first: Day { validity.from! }
    /// Last day.
    public var last: Day { validity.to! }

    public func contains(_ day: Day) -> Bool { validity.contains(day) }

    /// The school year the period belongs to: the one holding its first day. A calendar quarter Q3
    /// (July–September) is thus attributed to the school year before the one it opens — by design the
    /// quarters of a year are listed by `SchoolYear.quarters`, not derived from this.
    public var schoolYear: SchoolYear {
        switch kind {
        case .schoolYear, .semester, .census, .yearEnd: SchoolYear(String(code.prefix(9)))!
        case .quarter, .month: SchoolYear.containing(first)
        }
    }

    private init(kind: PeriodKind, code: String, nameVI: String, from: Day, to: Day) {
        self.kind = kind
        self.code = code
        self.nameVI = nameVI
        self.validity = Validity(from: from, to: to)
    }

    public static func schoolYear(_ year: SchoolYear) -> Period {
        Period(kind: .schoolYear, code: year.name, nameVI: "Năm học \(year.name)", from: year.start, to: year.end)
    }

    /// Học kỳ `number` (1 or 2).
    public static func semester(_ number: Int, of year: SchoolYear, calendar: SchoolCalendar = .standard) -> Period? {
        let span: Validity
        switch number {
        case 1: span = calendar.semester1(of: year)
        case 2: span = calendar.semester2(of: year)
        default: return nil
        }
        let roman = number == 1 ? "I" : "II"
        return Period(kind: .semester, code: "\(year.name)/HK\(number)",
                      nameVI: "Học kỳ \(roman) năm học \(year.name)", from: span.from!, to: span.to!)
    }

    /// Calendar quarter `number` (1…4) of `year`.
    public static func quarter(_ number: Int, year: Int) -> Period? {
        guard (1...4).contains(number), (1...9999).contains(year) else { return nil }
        let firstMonth = (number - 1) * 3 + 1
        let lastMonth = firstMonth + 2
        let roman = ["I", "II", "III", "IV"][number - 1]
        return Period(kind: .quarter, code: "\(year)-Q\(number)", nameVI: "Quý \(roman)/\(year)",
                      from: Day(year: year, month: firstMonth, day: 1)!,
                      to: Day(year: year, month: lastMonth, day: Day.daysIn(month: lastMonth, year: year))!)
    }

    public static func month(_ month: Int, year: Int) -> Period? {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        return Period(kind: .month, code: String(format: "%04d-%02d", year, month), nameVI: "Tháng \(month)/\(year)",
                      from: Day(year: year, month: month, day: 1)!,
                      to: Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!)
    }

    public static func census(_ year: SchoolYear) -> Period {
        let day = year.censusDate
        return Period(kind: .census, code: "\(year.name)/census", nameVI: "Thời điểm \(day.vietnamese)", from: day, to: day)
    }

    /// The end-of-year statistics day: "Thời điểm 31/05/2025" for 2024-2025 (code `2024-2025/end`).
    public static func yearEnd(_ year: SchoolYear) -> Period {
        let day = year.yearEndDate
        return Period(kind: .yearEnd, code: "\(year.name)/end", nameVI: "Thời điểm \(day.vietnamese)", from: day, to: day)
    }

    /// A statistics reporting period: `2024-2025/census` (start of year) or `2024-2025/end` (end of year);
    /// nil for any other code, other kinds of period included.
    public init?(reportingCode code: String) {
        guard let period = Period(code: code), period.kind == .census || period.kind == .yearEnd else { return nil }
        self = period
    }

    /// Parses any code this type produces; nil for anything else (no lenient forms: codes are machine text).
    public init?(code: String) {
        self.init(code: code, calendar: .standard)
    }

    public init?(code: String, calendar: SchoolCalendar) {
        let parsed: Period?
        if let slash = code.firstIndex(of: "/") {
            let yearText = String(code[..<slash])
            let suffix = code[code.index(after: slash)...]
            guard Period.isCanonicalYear(yearText), let year = SchoolYear(yearText) else { return nil }
            switch suffix {
            case "HK1": parsed = Period.semester(1, of: year, calendar: calendar)
            case "HK2": parsed = Period.semester(2, of: year, calendar: calendar)
            case "census": parsed = Period.census(year)
            case "end": parsed = Period.yearEnd(year)
            default: return nil
            }
        } else if Period.isCanonicalYear(code), let year = SchoolYear(code) {
            parsed = Period.schoolYear(year)
        } else {
            let parts = code.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit),
                  let year = Int(parts[0]) else { return nil }
            let tail = parts[1]
            if tail.count == 2, tail.first == "Q", let q = Int(tail.dropFirst()), tail.last!.isASCIIDigit {
                parsed = Period.quarter(q, year: year)
            } else if tail.count == 2, tail.allSatisfy(\.isASCIIDigit), let m = Int(tail) {
                parsed = Period.month(m, year: year)
            } else {
                return nil
            }
        }
        guard let parsed, parsed.code == code else { return nil }
        self = parsed
    }

    /// Exactly "dddd-dddd": `SchoolYear.init?` is lenient with spaces and dashes, codes are not.
    private static func isCanonicalYear(_ text: String) -> Bool {
        text.count == 9 && text.enumerated().allSatisfy { i, c in i == 4 ? c == "-" : c.isASCIIDigit }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
