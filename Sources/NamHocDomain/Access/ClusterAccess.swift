import Foundation

/// Who may do what in an emulation cluster (cụm, khối thi đua). The cluster crosses the tree — its members
/// are departments or schools that do not see each other — so its rule sits beside the tree's: members see
/// each other's registrations and scores and nothing else of each other; the organiser (and who is above
/// it) sees and runs the cluster; only the organiser finalises.
public enum ClusterAccess {
    public enum Action: Sendable, Equatable {
        case view
        /// A member's own registration, self-score and agreement signature.
        case register(member: UUID)
        case sign(member: UUID)
        case selfScore(member: UUID)
        /// One member scoring another.
        case crossScore(scorer: UUID, target: UUID)
        /// Final scores, ranking, vote, head and deputy: the organiser's.
        case organise
    }

    public struct Cluster: Sendable, Equatable {
        /// The organiser and its ancestors today: `[organiser, parent, …]`.
        public var organiserAncestry: [UUID]
        public var members: Set<UUID>

        public init(organiserAncestry: [UUID], members: Set<UUID>) {
            self.organiserAncestry = organiserAncestry
            self.members = members
        }
    }

    public static func decide(_ action: Action, by actor: Actor, in cluster: Cluster) -> AccessDecision {
        let organiser = cluster.organiserAncestry.contains(actor.unitID)
        let member = cluster.members.contains(actor.unitID)
        guard organiser || member else { return .hidden }
        let writer = actor.role == .leader || actor.role == .officer
        switch action {
        case .view:
            return .allowed
        case .register(let unit), .selfScore(let unit):
            return actor.unitID == unit && cluster.members.contains(unit) && writer ? .allowed : .forbidden
        case .sign(let unit):
            // The agreement is signed by the member's leader.
            return actor.unitID == unit && cluster.members.contains(unit) && actor.role == .leader ? .allowed : .forbidden
        case .crossScore(let scorer, let target):
            return actor.unitID == scorer && scorer != target && cluster.members.isSuperset(of: [scorer, target]) && writer ? .allowed : .forbidden
        case .organise:
            guard organiser else { return .forbidden }
            return actor.role == .admin || (actor.unitID == cluster.organiserAncestry.first && writer) ? .allowed : .forbidden
        }
    }
}
