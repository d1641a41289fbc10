import Foundation

/// Whether an account may act today. An account is kept with its history when it stops; it stops when
/// an administrator deactivates it or when its unit closes (a former district office after 30/06/2025),
/// and then it can neither sign in nor use its API tokens.
public enum AccountStanding: Sendable, Equatable {
    case active
    /// Deactivated by an administrator, with the reason they gave.
    case deactivated(reason: String?)
    /// The unit was closed on `closedOn` (its last valid day) or has not opened yet.
    case unitClosed(unitName: String, lastDay: Day?)

    public static func of(active: Bool, reason: String?, unitName: String, unitValidity: Validity, today: Day) -> AccountStanding {
        guard active else { return .deactivated(reason: reason) }
        guard unitValidity.contains(today) else { return .unitClosed(unitName: unitName, lastDay: unitValidity.to) }
        return .active
    }

    /// What the person is told, in Vietnamese.
    public var messageVI: String {
        switch self {
        case .active:
            return "Tài khoản đang hoạt động."
        case .deactivated(let reason):
            let why = reason.flatMap { $0.isEmpty ? nil : " Lý do: \($0)." } ?? ""
            return "Tài khoản đã bị quản trị viên ngừng kích hoạt.\(why) Vui lòng liên hệ quản trị viên của đơn vị."
        case .unitClosed(let name, let lastDay):
            let since = lastDay.map { " từ ngày \($0.next.vietnamese)" } ?? ""
            return "Tài khoản đã ngừng hoạt động vì đơn vị \(name) đã ngừng hoạt động\(since)."
                + " Vui lòng liên hệ quản trị viên để được chuyển sang đơn vị mới."
        }
    }
}
