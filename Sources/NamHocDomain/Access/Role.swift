import Foundation

/// Vai trò — what a user may do within their unit's subtree.
public enum Role: String, CaseIterable, Codable, Sendable {
    /// Quản trị: units, users, catalogues of their subtree.
    case admin
    /// Lãnh đạo: issues plans, approves what the units directly below submit.
    case leader
    /// Chuyên viên: enters the unit's own plans, figures and progress.
    case officer
    /// Người xem: reads dashboards of the subtree, writes nothing.
    case viewer

    public var nameVI: String {
        switch self {
        case .admin: "Quản trị"
        case .leader: "Lãnh đạo"
        case .officer: "Chuyên viên"
        case .viewer: "Người xem"
        }
    }
}
