import Foundation

/// What a request wants to do with a unit's data.
public enum AccessAction: String, Sendable, Codable {
    /// Read the unit and anything of its subtree.
    case read
    /// Write the unit's own data (figures, plans, profile).
    case write
    /// Approve what the unit submitted (done by a leader of its parent).
    case approve
    /// Manage the unit itself: its record, children and users.
    case administer
}

/// The answer of the policy. `hidden` means the unit lies outside the actor's subtree, so even its
/// existence must not leak (HTTP 404); `forbidden` means it is visible but the action is not allowed (403).
public enum AccessDecision: Sendable, Equatable {
    case allowed, forbidden, hidden
}

/// Who is asking: a role held at one unit.
public struct Actor: Sendable, Equatable {
    public var role: Role
    public var unitID: UUID
    public init(role: Role, unitID: UUID) {
        self.role = role
        self.unitID = unitID
    }
}

/// The single access rule of NamHoc. Every page and API route goes through it (via the app's unit-scope
/// middleware); nothing else decides access.
///
/// `targetAncestry` is the target unit followed by its ancestors up to the root, as the tree stood at the
/// date the request is about: `[target, parent, grandparent, …]`.
public enum AccessPolicy {
    public static func decide(_ action: AccessAction, by actor: Actor, on targetAncestry: [UUID]) -> AccessDecision {
        guard let target = targetAncestry.first, targetAncestry.contains(actor.unitID) else { return .hidden }
        let ownUnit = target == actor.unitID
        switch action {
        case .read:
            return .allowed
        case .write:
            if actor.role == .admin { return .allowed }
            return ownUnit && (actor.role == .leader || actor.role == .officer) ? .allowed : .forbidden
        case .approve:
            let directChild = targetAncestry.count > 1 && targetAncestry[1] == actor.unitID
            return directChild && actor.role == .leader ? .allowed : .forbidden
        case .administer:
            return actor.role == .admin ? .allowed : .forbidden
        }
    }
}
