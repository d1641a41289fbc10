import Foundation

/// Năm học, e.g. 2024-2025. It opens (khai giảng) on 05/09 of its start year and the GSO counts schools,
/// classes and pupils as of 30/09.
///
/// `start`…`end` is the year's administrative span, 01/09 of the start year to 31/08 of the next: every
/// day belongs to exactly one school year, which is what tree queries ("the unit as it stood in 2024-2025")
/// and `containing(_:)` need. Early gathering days (tựu trường, up to two weeks before 05/09) fall in late
/// August and so belong, administratively, to the year before; nothing in NamHoc depends on them.
public struct SchoolYear: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let startYear: Int

    public init(startYear: Int) {
        self.startYear = startYear
    }

    /// Parses "2024-2025", also with spaces or an en/em dash ("2024 – 2025", as pasted from Word) or a
    /// slash. The second year must follow the first: "2024 - 2024" is nil.
    public init?(_ text: String) {
        let separators: Set<Character> = ["-", "–", "—", "/"]
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2,
              parts.allSatisfy({ (part: String) in part.count == 4 && part.allSatisfy { $0.isASCII && $0.isNumber } }),
              let first = Int(parts[0]), let second = Int(parts[1]),
              (1...9998).contains(first), second == first + 1 else { return nil }
        self.init(startYear: first)
    }

    /// "2024-2025".
    public var name: String { "\(startYear)-\(startYear + 1)" }
    public var description: String { name }

    /// Ngày khai giảng, 05/09 of the start year (the national opening day, the same every year).
    public var opening: Day { SchoolCalendar.standard.opening(of: self) }
    /// The GSO's census date for school statistics: 30/09 of the start year.
    public var censusDate: Day { Day(year: startYear, month: 9, day: 30)! }
    /// The end-of-year statistics day (kỳ cuối năm học): 31/05 of the year after the start year.
    public var yearEndDate: Day { Day(year: startYear + 1, month: 5, day: 31)! }
    /// First day of the administrative span: 01/09 of the start year.
    public var start: Day { Day(year: startYear, month: 9, day: 1)! }
    /// Last day of the administrative span: 31/08 of the next year.
    public var end: Day { Day(year: startYear + 1, month: 8, day: 31)! }
    /// `start`…`end` as a validity interval.
    public var span: Validity { Validity(from: start, to: end) }

    /// Học kỳ I and II by the default calendar (see `SchoolCalendar.standard`).
    public var semesters: [Period] { semesters(in: .standard) }

    /// Học kỳ I and II by a province's own calendar.
    public func semesters(in calendar: SchoolCalendar) -> [Period] {
        [Period.semester(1, of: self, calendar: calendar)!, Period.semester(2, of: self, calendar: calendar)!]
    }

    /// The four calendar quarters in which the year's briefings fall: Q3 of the start year (it holds the
    /// opening) to Q2 of the next (it holds the year end, 31/05). July–August of the next year belong to
    /// Q3 of that year, which is the next school year's first quarter.
    public var quarters: [Period] {
        [Period.quarter(3, year: startYear)!, Period.quarter(4, year: startYear)!,
         Period.quarter(1, year: startYear + 1)!, Period.quarter(2, year: startYear + 1)!]
    }

    /// The twelve months of the span, September to August.
    public var months: [Period] {
        (9...12).map { Period.month($0, year: startYear)! } + (1...8).map { Period.month($0, year: startYear + 1)! }
    }

    /// The whole year as a period.
    public var period: Period { Period.schoolYear(self) }
    /// The census date as a period.
    public var census: Period { Period.census(self) }
    /// The end-of-year statistics day as a period (`2024-2025/end`).
    public var yearEnd: Period { Period.yearEnd(self) }

    /// The school year whose span holds the day: from 01/09 on, the year starting then.
    public static func containing(_ day: Day) -> SchoolYear {
        SchoolYear(startYear: day.month >= 9 ? day.year : day.year - 1)
    }

    public static func < (a: SchoolYear, b: SchoolYear) -> Bool { a.startYear < b.startYear }

    /// The year before, for "change against last year".
    public var previous: SchoolYear { SchoolYear(startYear: startYear - 1) }
    public var next: SchoolYear { SchoolYear(startYear: startYear + 1) }

    // Encoded as its name ("2024-2025"): that is how people and the database write it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let year = SchoolYear(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a school year: \(text)")
        }
        self = year
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

/// When the semesters of a school year begin and end. MOET sets a frame each year (khung kế hoạch thời gian
/// năm học) and each province fixes its own dates inside it, so these are data, not constants.
///
/// Defaults, from MOET's frames for 2024-2025 (Quyết định 2045/QĐ-BGDĐT) and 2025-2026 as reported in the
/// press: opening 05/09; "kết thúc học kỳ I trước ngày 18/01"; "kết thúc năm học trước ngày 31/5". NamHoc
/// takes each deadline as the semester's last day. **[verify]** the decision numbers and, per province, the
/// dates its own plan (kế hoạch thời gian năm học của UBND tỉnh) actually sets.
public struct SchoolCalendar: Hashable, Codable, Sendable {
    /// A day of the year without the year, e.g. 18/01.
    public struct MonthDay: Hashable, Codable, Sendable {
        public var month: Int
        public var day: Int
        public init(month: Int, day: Int) {
            self.month = month
            self.day = day
        }
        /// The day in the given year; 29/02 becomes 28/02 in common years.
        public func `in`(_ year: Int) -> Day {
            Day(year: year, month: month, day: min(day, Day.daysIn(month: month, year: year)))!
        }
    }

    /// Khai giảng, in the start year; the first day of học kỳ I.
    public var opening: MonthDay
    /// Last day of học kỳ I, in the year after the start year. Học kỳ II begins the day after.
    public var semester1End: MonthDay
    /// Last day of học kỳ II (and of teaching), in the year after the start year.
    public var semester2End: MonthDay

    public init(opening: MonthDay, semester1End: MonthDay, semester2End: MonthDay) {
        self.opening = opening
        self.semester1End = semester1End
        self.semester2End = semester2End
    }

    /// MOET's frame: 05/09, 18/01, 31/05 [verify].
    public static let standard = SchoolCalendar(
        opening: MonthDay(month: 9, day: 5),
        semester1End: MonthDay(month: 1, day: 18),
        semester2End: MonthDay(month: 5, day: 31)
    )

    public func opening(of year: SchoolYear) -> Day { opening.in(year.startYear) }

    /// Học kỳ I: opening to `semester1End`.
    public func semester1(of year: SchoolYear) -> Validity {
        Validity(from: opening.in(year.startYear), to: semester1End.in(year.startYear + 1))
    }

    /// Học kỳ II: the day after `semester1End` to `semester2End`.
    public func semester2(of year: SchoolYear) -> Validity {
        // Day has `previous` but no `next`; the day after is simple enough to spell out here.
        let end1 = semester1End.in(year.startYear + 1)
        let next: Day
        if end1.day < Day.daysIn(month: end1.month, year: end1.year) {
            next = Day(year: end1.year, month: end1.month, day: end1.day + 1)!
        } else if end1.month < 12 {
            next = Day(year: end1.year, month: end1.month + 1, day: 1)!
        } else {
            next = Day(year: end1.year + 1, month: 1, day: 1)!
        }
        return Validity(from: next, to: semester2End.in(year.startYear + 1))
    }
}
