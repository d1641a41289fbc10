import Foundation

/// Tình trạng of a key task at one unit: what its latest progress report states, corrected by the clock
/// (`TaskStanding`). The six states are the ones the sector's briefing reports use.
public enum TaskStatus: String, CaseIterable, Codable, Sendable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case atRisk = "at_risk"
    case done
    case overdue
    case cancelled

    public var nameVI: String {
        switch self {
        case .notStarted: "Chưa triển khai"
        case .inProgress: "Đang thực hiện"
        case .atRisk: "Có nguy cơ chậm"
        case .done: "Hoàn thành"
        case .overdue: "Quá hạn"
        case .cancelled: "Hủy"
        }
    }

    /// Finished one way or the other: the clock no longer moves it.
    public var isClosed: Bool { self == .done || self == .cancelled }

    /// Needs a leader's attention (the red and amber cells of the children × tasks table).
    public var needsAttention: Bool { self == .overdue || self == .atRisk }
}

/// How the clock judges a task: a task past its deadline and not done is overdue whatever its last
/// report said; one close to its deadline and far from finished is at risk. The reported status stands
/// otherwise — the unit knows its task better than a rule does.
public enum TaskStanding {
    /// Days before the deadline from which an unfinished task is watched.
    public static let warningDays = 14
    /// Below this percent inside the warning days, a task is at risk.
    public static let safePercent = 80

    public static func status(reported: TaskStatus?, percent: Int?, deadline: Day?, today: Day) -> TaskStatus {
        let reported = reported ?? .notStarted
        if reported.isClosed { return reported }
        guard let deadline else { return reported }
        if today > deadline { return .overdue }
        if reported == .overdue || reported == .atRisk { return reported }
        if days(from: today, to: deadline) <= warningDays && (percent ?? 0) < safePercent { return .atRisk }
        return reported
    }

    /// Whole days from `a` to `b` (negative when `b` is earlier).
    public static func days(from a: Day, to b: Day) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        func date(_ d: Day) -> Date { calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day))! }
        return calendar.dateComponents([.day], from: date(a), to: date(b)).day ?? 0
    }
}

/// What a progress report must hold together: a percent of 0–100 that agrees with the status, about a
/// period that has begun (a unit reports on what it did, not on a quarter to come).
public enum ProgressRules {
    public static func problems(status: TaskStatus, percent: Int, period: Period, today: Day) -> [String] {
        var found: [String] = []
        if !(0...100).contains(percent) { found.append("Tỷ lệ hoàn thành phải từ 0 đến 100 %.") }
        if status == .done && percent != 100 { found.append("Nhiệm vụ hoàn thành thì tỷ lệ phải là 100 %.") }
        if status == .notStarted && percent != 0 { found.append("Nhiệm vụ chưa triển khai thì tỷ lệ hoàn thành là 0 %.") }
        if status == .overdue { found.append("Tình trạng “quá hạn” do hệ thống tính theo thời hạn, không chọn khi báo cáo.") }
        if period.first > today { found.append("\(period.nameVI) chưa bắt đầu: chỉ báo cáo kỳ đã bắt đầu.") }
        return found
    }
}
