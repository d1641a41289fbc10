import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// A unit as a collective in a year: its rating (given by the unit above), its members' titles counted from
/// its staff records, whether it leads a cluster (the vote), and its proposals for collective titles — judged
/// by the same engine, decided by the authority above like individual ones.
struct CollectiveYear {
    var year: EmulationYear
    var unitID: UUID
    var rating: Rating?
    var leadsCluster: Bool
    var proposals: [Proposal]

    struct Proposal: Codable, Sendable {
        var id: UUID
        var award: String
        var proposedBy: String
        var proposedAt: Date
        var decision: String?
        var decidedOn: String?
        var signer: String?
    }

    static let awards: [Award] = [.ttldtt, .ttldxs, .coBo, .coChinhPhu]

    static func load(_ year: EmulationYear, on db: any Database) async throws -> CollectiveYear {
        struct RatingRow: Decodable { var rating: String }
        struct Lead: Decodable { var n: Int }
        let rating = try await db.sql.raw("SELECT rating FROM unit_ratings WHERE unit_id = \(bind: year.unitID) AND school_year = \(bind: year.year.name)")
            .first(decoding: RatingRow.self).flatMap { Rating(rawValue: $0.rating) }
        let leads = try await db.sql.raw("""
            SELECT COUNT(*) AS n FROM cluster_votes v JOIN emulation_clusters c ON c.id = v.cluster_id
            WHERE v.unit_id = \(bind: year.unitID) AND v.leads = \(bind: true) AND c.school_year = \(bind: year.year.name)
            """).first(decoding: Lead.self)?.n ?? 0
        let proposals = try await db.sql.raw("""
            SELECT id, award, proposed_by, proposed_at, decision, decided_on, signer FROM collective_proposals
            WHERE unit_id = \(bind: year.unitID) AND school_year = \(bind: year.year.name) ORDER BY proposed_at
            """).all(decoding: Proposal.self, keyDecodingStrategy: .convertFromSnakeCase)
        return CollectiveYear(year: year, unitID: year.unitID, rating: rating, leadsCluster: leads > 0, proposals: proposals)
    }

    /// The record the collective rules read: members are the unit's staff; a member counts as LĐTT or CSTĐCS
    /// when the title is decided or the member qualifies for it this year (proposed in the same round).
    var record: CollectiveRecord {
        func holds(_ member: EmulationStore.Staff, _ award: Award) -> Bool {
            year.records[member.id]?.titles.contains { $0.year == year.year && $0.title == award } == true || year.verdict(member, award).eligible
        }
        let staff = year.staff
        return CollectiveRecord(
            rating: rating, members: staff.count,
            ldtt: staff.filter { holds($0, .ldtt) }.count, cstdcs: staff.filter { holds($0, .cstdcs) }.count,
            khtnv: staff.filter { year.records[$0.id]?.ratings[year.year] == .khtnv }.count,
            warningOrAbove: staff.filter { m in year.records[m.id]?.disciplines.contains { $0.year == year.year && $0.form >= .warning } == true }.count,
            leadsCluster: leadsCluster)
    }

    func verdict(_ award: Award) -> Verdict {
        Eligibility(ruleSet: year.ruleSet).judge(award, year: year.year, candidate: .collective(record))
    }

    // MARK: - Writes

    static func rate(_ unit: Unit, year: SchoolYear, rating: Rating, by actor: AuditActor, on db: any Database) async throws {
        let unitID = try unit.requireID()
        try await db.transaction { tx in
            try await tx.sql.raw("DELETE FROM unit_ratings WHERE unit_id = \(bind: unitID) AND school_year = \(bind: year.name)").run()
            try await tx.sql.insertRows(into: "unit_ratings", columns: ["unit_id", "school_year", "rating", "rated_by"],
                                        rows: [[unitID, year.name, rating.rawValue, actor.name]])
            try await AuditLog.record(.entry(.update, .unit, record: "\(unit.code) xếp loại \(year.name)", unitID: unitID, before: nil,
                                             after: ["rating": rating.rawValue]), by: actor, on: tx)
        }
    }

    func propose(_ award: Award, by actor: AuditActor, on db: any Database) async throws {
        guard Self.awards.contains(award) else {
            throw AppError.invalidField(field: "award", message: "\(award.vietnamese) không phải danh hiệu tập thể.")
        }
        guard !proposals.contains(where: { $0.award == award.rawValue }) else {
            throw AppError.conflict(field: "award", message: "Đã đề nghị \(award.vietnamese) năm học \(year.year.name).")
        }
        let verdict = verdict(award)
        guard verdict.eligible else {
            throw AppError.invalidField(field: "award", message: "Tập thể chưa đủ điều kiện \(award.vietnamese): "
                + verdict.failed.map { "\($0.text) (\($0.article)): \($0.facts.joined(separator: " "))" }.joined(separator: "; "))
        }
        let json = String(decoding: try JSONEncoder().encode(verdict), as: UTF8.self)
        try await db.transaction { [unitID, year] tx in
            try await tx.sql.insertRows(into: "collective_proposals",
                                        columns: ["id", "unit_id", "school_year", "award", "rule_set", "verdict", "proposed_by", "proposed_at"],
                                        rows: [[UUID(), unitID, year.year.name, award.rawValue, year.ruleSet.id, json, actor.name, Date()]])
            try await AuditLog.record(.entry(.propose, .proposal, record: "tập thể \(award.rawValue) \(year.year.name)", unitID: unitID, before: nil,
                                             after: ["award": award.rawValue, "ruleSet": year.ruleSet.id]), by: actor, on: tx)
        }
    }

    func decide(_ id: UUID, _ decision: EmulationYear.Decision, today: Day, by actor: AuditActor, on db: any Database) async throws {
        guard let proposal = proposals.first(where: { $0.id == id }) else { throw AppError.notFound("đề nghị khen thưởng") }
        guard proposal.decision == nil else {
            throw AppError.conflict(field: "proposal", message: "Đề nghị này đã có quyết định \(proposal.decision ?? "").")
        }
        let checked = try year.checked(decision, today: today)
        try await db.transaction { [unitID] tx in
            try await tx.sql.raw("""
                UPDATE collective_proposals SET decision = \(bind: checked.decision), decided_on = \(bind: checked.decidedOn), signer = \(bind: checked.signer)
                WHERE id = \(bind: id)
                """).run()
            try await AuditLog.record(.entry(.decideAward, .proposal, record: "tập thể \(proposal.award) \(year.year.name)", unitID: unitID,
                                             before: nil, after: checked), by: actor, on: tx)
        }
    }
}
