import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// A cluster or block of a year, loaded whole (a cluster has tens of members, not thousands): members,
/// registrations, signatures, score sheets, votes. Access is `ClusterAccess`, through `Request.authorize`.
struct EmulationCluster: Sendable {
    struct Row: Codable, Sendable {
        var id: UUID
        var organiserId: UUID
        var schoolYear: String
        var name: String
        var kind: String
        var headId: UUID?
        var deputyId: UUID?
        var criteria: String
        var agreement: String
    }

    struct Member: Codable, Sendable { var id: UUID; var code: String; var name: String }

    struct Target: Codable, Sendable, Equatable { var indicator: String; var value: Double }

    struct Registration: Codable, Sendable {
        var unitId: UUID
        var award: String
        var models: String
        var targets: String
        var registeredBy: String
        var registeredAt: Date
        var targetList: [Target] { (try? JSONDecoder().decode([Target].self, from: Data(targets.utf8))) ?? [] }
    }

    struct Signature: Codable, Sendable { var unitId: UUID; var signedBy: String; var signedAt: Date }

    struct Sheet: Codable, Sendable {
        var unitId: UUID
        var stage: String
        var scorerId: UUID
        var points: String
        var evidence: String
        var scoredBy: String
        var scoredAt: Date
        var pointMap: [String: Double] { (try? JSONDecoder().decode([String: Double].self, from: Data(points.utf8))) ?? [:] }
        var evidenceMap: [String: String] { (try? JSONDecoder().decode([String: String].self, from: Data(evidence.utf8))) ?? [:] }
    }

    struct Vote: Codable, Sendable { var unitId: UUID; var votes: Int; var leads: Bool }

    var row: Row
    var year: SchoolYear
    var table: CriteriaTable
    var organiser: Member
    var members: [Member]
    var registrations: [Registration]
    var signatures: [Signature]
    var sheets: [Sheet]
    var votes: [Vote]

    static func load(_ id: UUID, on db: any Database) async throws -> EmulationCluster {
        guard let row = try await db.sql.raw("""
            SELECT id, organiser_id, school_year, name, kind, head_id, deputy_id, criteria, agreement FROM emulation_clusters WHERE id = \(bind: id)
            """).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase),
              let year = SchoolYear(row.schoolYear) else { throw AppError.notFound("cụm, khối thi đua") }
        func all<T: Decodable>(_ sql: SQLQueryString, _ type: T.Type) async throws -> [T] {
            try await db.sql.raw(sql).all(decoding: T.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        let organiser = try await all("SELECT id, code, name FROM units WHERE id = \(bind: row.organiserId)", Member.self)
        return EmulationCluster(
            row: row, year: year, table: try JSONDecoder().decode(CriteriaTable.self, from: Data(row.criteria.utf8)),
            organiser: organiser.first ?? Member(id: row.organiserId, code: "", name: ""),
            members: try await all("""
                SELECT u.id, u.code, u.name FROM cluster_members m JOIN units u ON u.id = m.unit_id WHERE m.cluster_id = \(bind: id) ORDER BY u.code
                """, Member.self),
            registrations: try await all("""
                SELECT unit_id, award, models, targets, registered_by, registered_at FROM cluster_registrations WHERE cluster_id = \(bind: id)
                """, Registration.self),
            signatures: try await all("SELECT unit_id, signed_by, signed_at FROM cluster_signatures WHERE cluster_id = \(bind: id)", Signature.self),
            sheets: try await all("""
                SELECT unit_id, stage, scorer_id, points, evidence, scored_by, scored_at FROM cluster_scores WHERE cluster_id = \(bind: id)
                """, Sheet.self),
            votes: try await all("SELECT unit_id, votes, leads FROM cluster_votes WHERE cluster_id = \(bind: id)", Vote.self))
    }

    /// The clusters a user sees: organised at their unit or below it, or with their unit as a member.
    static func visible(to unitID: UUID, today: Day, on db: any Database) async throws -> [Row] {
        try await db.sql.raw("""
            WITH RECURSIVE \(UnitTree.subtree(unitID, today))
            SELECT c.id, c.organiser_id, c.school_year, c.name, c.kind, c.head_id, c.deputy_id, '' AS criteria, '' AS agreement
            FROM emulation_clusters c
            WHERE c.organiser_id IN (SELECT id FROM sub) OR EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.id AND m.unit_id = \(bind: unitID))
            ORDER BY c.school_year DESC, c.name
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func access(today: Day, on db: any Database) async throws -> ClusterAccess.Cluster {
        ClusterAccess.Cluster(organiserAncestry: try await UnitTree.ancestry(of: row.organiserId, on: today, in: db), members: Set(members.map(\.id)))
    }

    func member(_ code: String) throws -> Member {
        guard let member = members.first(where: { $0.code == code }) else {
            throw AppError.invalidField(field: "member", message: "\(code) không phải thành viên của \(row.name).")
        }
        return member
    }

    func stages(of unitID: UUID) -> Set<ScoreStage> {
        Set(sheets.filter { $0.unitId == unitID }.compactMap { ScoreStage(rawValue: $0.stage) })
    }

    /// The organiser's final sheet of each member, ranked by the table's tie-breaks.
    var ranking: [Ranking.Row] {
        let finals = sheets.filter { $0.stage == ScoreStage.final.rawValue }
        let groups = Set(table.criteria.compactMap(\.group))
        return Ranking.rank(finals.compactMap { sheet in
            guard let member = members.first(where: { $0.id == sheet.unitId }) else { return nil }
            let points = sheet.pointMap
            return Ranking.Entry(member: member.code, total: table.total(points),
                                 groups: Dictionary(uniqueKeysWithValues: groups.map { ($0, table.total(points, group: $0)) }),
                                 votes: votes.first { $0.unitId == member.id }?.votes ?? 0)
        }, tieBreaks: table.tieBreaks)
    }
}
