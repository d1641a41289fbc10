import Foundation

/// A calendar day in Vietnam (no time, no time zone). Stored as "yyyy-MM-dd" text, so comparisons are
/// the same in SQLite and PostgreSQL and a validity interval reads plainly in the database.
public struct Day: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "2025-07-01".
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// "2025-07-01".
    public var iso: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// "01/07/2025", the way Vietnamese documents write a date.
    public var vietnamese: String {
        String(format: "%02d/%02d/%04d", day, month, year)
    }

    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Today in Vietnam (UTC+7, no daylight saving).
    public static func today(now: Date = Date()) -> Day {
        Day.in(now) ?? Day(year: 1970, month: 1, day: 1)!
    }

    /// The day an instant falls on in Vietnam; nil outside years 1–9999 (a hostile "01/01/99999").
    public static func `in`(_ instant: Date) -> Day? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        guard let year = c.year, let month = c.month, let day = c.day else { return nil }
        return Day(year: year, month: month, day: day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The day before, used to close a validity interval when a new one opens.
    public var previous: Day {
        if day > 1 { return Day(year: year, month: month, day: day - 1)! }
        if month > 1 { return Day(year: year, month: month - 1, day: Day.daysIn(month: month - 1, year: year))! }
        return Day(year: year - 1, month: 12, day: 31)!
    }

    /// The day after: the first day a unit is closed is the day after its last valid day.
    public var next: Day {
        if day < Day.daysIn(month: month, year: year) { return Day(year: year, month: month, day: day + 1)! }
        if month < 12 { return Day(year: year, month: month + 1, day: 1)! }
        return Day(year: year + 1, month: 1, day: 1)!
    }
}

/// [from, to] inclusive, either end open. A unit or a parent link is valid on the days it covers.
public struct Validity: Hashable, Codable, Sendable {
    public var from: Day?
    public var to: Day?
    public init(from: Day? = nil, to: Day? = nil) {
        self.from = from
        self.to = to
    }
    public func contains(_ day: Day) -> Bool {
        (from.map { $0 <= day } ?? true) && (to.map { day <= $0 } ?? true)
    }
    public static let always = Validity()
}
