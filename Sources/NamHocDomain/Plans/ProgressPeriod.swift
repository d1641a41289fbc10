import Foundation

/// How often the units below report on a plan's tasks, as the unit above asks: by month, by calendar
/// quarter (the sector's "giao ban quý") or by semester. Progress reports are about `Period`s of that kind.
public enum ReportingCycle: String, CaseIterable, Codable, Sendable {
    case month, quarter, semester

    public var nameVI: String {
        switch self {
        case .month: "Hằng tháng"
        case .quarter: "Hằng quý"
        case .semester: "Theo học kỳ"
        }
    }

    public var periodKind: PeriodKind {
        switch self {
        case .month: .month
        case .quarter: .quarter
        case .semester: .semester
        }
    }

    /// The reporting periods of a school year: its months, the calendar quarters it overlaps, or its semesters.
    public func periods(of year: SchoolYear) -> [Period] {
        switch self {
        case .month: year.months
        case .quarter: year.quarters
        case .semester: year.semesters
        }
    }

    /// The period a day falls in (the last one that has begun, for a day between semesters).
    public func period(containing day: Day, in year: SchoolYear) -> Period? {
        periods(of: year).last { $0.first <= day } ?? periods(of: year).first
    }
}
