import Foundation

/// What a request wants to do with a unit's data.
public enum AccessAction: String, Sendable, Codable, CaseIterable {
    /// Read the unit and anything of its subtree.
    case read
    /// Write the unit's own data (figures, plans, profile).
    case write
    /// Approve what the unit submitted (done by a leader of its parent).
    case approve
    /// Manage the unit itself: its record, children and users.
    case administer
    /// Enter figures for the unit or for a unit below it (nhập hộ): a commune or a department filling
    /// its schools' drafts from one file. Submitting stays the reporting unit's own act.
    case enterFigures
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

/// Everything the policy needs to know about the target besides the actor. Ancestries are the target
/// followed by its ancestors up to the root: `[target, parent, grandparent, …]`.
public struct AccessContext: Sendable, Equatable {
    /// The tree of today. Writing, approving and administering are decided on it alone, whatever day
    /// the request names: a client must not pick the tree its write is judged on.
    public var today: [UUID]
    /// The tree of the day a read is about (`?date=`), when it is not today. A read is allowed where the
    /// actor sees the unit today (its history included) or saw it on that day (a province reads what its
    /// former district offices reported).
    public var readDay: [UUID]?
    /// For a write about a period (a year's figures, a quarter's report): the tree of the period's day.
    /// The write must hold there too, so a unit cannot write figures of a year it did not hold the target.
    public var period: [UUID]?

    public init(today: [UUID], readDay: [UUID]? = nil, period: [UUID]? = nil) {
        self.today = today
        self.readDay = readDay
        self.period = period
    }
}

/// The single access rule of NamHoc. Every page and API route goes through it (via the app's unit-scope
/// middleware and `Request.decide`); nothing else decides access.
public enum AccessPolicy {
    public static func decide(_ action: AccessAction, by actor: Actor, in context: AccessContext) -> AccessDecision {
        let seenToday = isVisible(context.today, to: actor)
        let seenOnDay = context.readDay.map { isVisible($0, to: actor) } ?? false
        guard seenToday || seenOnDay else { return .hidden }
        if action == .read { return .allowed }
        // Every other action: today's tree, and the period's tree when the write is about a period.
        guard seenToday, context.period.map({ isVisible($0, to: actor) }) ?? true else { return .forbidden }
        return rule(action, by: actor, on: context.today) && (context.period.map { rule(action, by: actor, on: $0) } ?? true)
            ? .allowed : .forbidden
    }

    /// The policy on one tree only (today's), for callers that have no other day.
    public static func decide(_ action: AccessAction, by actor: Actor, on ancestry: [UUID]) -> AccessDecision {
        decide(action, by: actor, in: AccessContext(today: ancestry))
    }

    private static func isVisible(_ ancestry: [UUID], to actor: Actor) -> Bool {
        !ancestry.isEmpty && ancestry.contains(actor.unitID)
    }

    /// The role rule on one tree where the target is already known to be in the actor's subtree.
    private static func rule(_ action: AccessAction, by actor: Actor, on ancestry: [UUID]) -> Bool {
        let ownUnit = ancestry.first == actor.unitID
        switch action {
        case .read:
            return true
        case .write:
            return actor.role == .admin || (ownUnit && (actor.role == .leader || actor.role == .officer))
        case .approve:
            return ancestry.count > 1 && ancestry[1] == actor.unitID && actor.role == .leader
        case .administer:
            return actor.role == .admin
        case .enterFigures:
            return actor.role != .viewer
        }
    }
}
