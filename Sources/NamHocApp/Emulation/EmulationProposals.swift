import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// A unit's emulation year: its staff with their records, the rule set of the year, the proposals made.
/// Proposals are checked by the engine when made (an ineligible one is refused with every failed rule);
/// a decision of the authority above records the award, which then counts in later years' chains.
struct EmulationYear {
    var unitID: UUID
    var year: SchoolYear
    var ruleSet: RuleSet
    var staff: [EmulationStore.Staff]
    var records: [UUID: PersonRecord]
    var proposals: [Proposal]

    struct Proposal: Codable, Sendable {
        var id: UUID
        var staffId: UUID
        var award: String
        var state: String
        var ruleSet: String
        var proposedBy: String
        var proposedAt: Date
        var decision: String?
        var decidedOn: String?
        var signer: String?
    }

    static func load(unitID: UUID, year: SchoolYear, on db: any Database) async throws -> EmulationYear {
        let book = try await EmulationStore.book(on: db)
        let ruleSet = try await EmulationStore.ruleSet(for: year, in: book, on: db)
        let staff = try await EmulationStore.staff(of: unitID, on: db)
        let records = try await EmulationStore.records(of: staff, unitID: unitID, on: db)
        let proposals = try await db.sql.raw("""
            SELECT p.id, p.staff_id, p.award, p.state, p.rule_set, p.proposed_by, p.proposed_at, d.decision, d.decided_on, d.signer
            FROM award_proposals p LEFT JOIN award_decisions d ON d.proposal_id = p.id
            WHERE p.unit_id = \(bind: unitID) AND p.school_year = \(bind: year.name) ORDER BY p.proposed_at, p.id
            """).all(decoding: Proposal.self, keyDecodingStrategy: .convertFromSnakeCase)
        return EmulationYear(unitID: unitID, year: year, ruleSet: ruleSet, staff: staff, records: records, proposals: proposals)
    }

    func member(_ code: String) throws -> EmulationStore.Staff {
        guard let member = staff.first(where: { $0.code == code }) else { throw AppError.notFound("cán bộ \(code)") }
        return member
    }

    /// The verdict for one member and award; a capped award's base is the unit's staff, with the proposals
    /// of that award already made.
    func verdict(_ member: EmulationStore.Staff, _ award: Award) -> Verdict {
        let already = proposals.filter { $0.award == award.rawValue && $0.staffId != member.id }.count
        return Eligibility(ruleSet: ruleSet).judge(award, year: year, candidate: .person(records[member.id] ?? PersonRecord()),
                                                   cap: CapContext(base: staff.count, alreadyProposed: already))
    }

    func proposal(of member: EmulationStore.Staff, _ award: Award) -> Proposal? {
        proposals.first { $0.staffId == member.id && $0.award == award.rawValue }
    }

    // MARK: - Writes

    /// Proposes a member for an award, refused with every failed rule if the engine finds them ineligible.
    func propose(_ code: String, award: Award, by actor: AuditActor, on db: any Database) async throws -> Proposal {
        let member = try member(code)
        guard !award.isCollective else {
            throw AppError.invalidField(field: "award", message: "\(award.vietnamese) là danh hiệu tập thể, không đề nghị cho cá nhân.")
        }
        guard proposal(of: member, award) == nil else {
            throw AppError.conflict(field: "award", message: "\(member.fullName) đã được đề nghị \(award.vietnamese) năm học \(year.name).")
        }
        let verdict = verdict(member, award)
        guard verdict.eligible else {
            let reasons = verdict.failed.map { "\($0.text) (\($0.article)): \($0.facts.joined(separator: " "))" }.joined(separator: "; ")
            throw AppError.invalidField(field: "award", message: "\(member.fullName) chưa đủ điều kiện \(award.vietnamese): \(reasons)")
        }
        let proposal = Proposal(id: UUID(), staffId: member.id, award: award.rawValue, state: "proposed", ruleSet: ruleSet.id,
                                proposedBy: actor.name, proposedAt: Date())
        let json = String(decoding: try JSONEncoder().encode(verdict), as: UTF8.self)
        try await db.transaction { tx in
            try await tx.sql.insertRows(
                into: "award_proposals",
                columns: ["id", "unit_id", "staff_id", "school_year", "award", "rule_set", "verdict", "state", "proposed_by", "proposed_at"],
                rows: [[proposal.id, unitID, member.id, year.name, award.rawValue, ruleSet.id, json, proposal.state, actor.name, proposal.proposedAt]])
            try await AuditLog.record(.entry(.propose, .proposal, record: "\(member.code) \(award.rawValue) \(year.name)", unitID: unitID,
                                             before: nil, after: ["award": award.rawValue, "ruleSet": ruleSet.id, "staff": member.code]),
                                      by: actor, on: tx)
        }
        return proposal
    }

    struct Decision: Codable, Sendable {
        var decision: String
        var decidedOn: String
        var signer: String
    }

    /// A decision as it is recorded: a number, a day within the year's start and today, a signer.
    func checked(_ decision: Decision, today: Day) throws -> Decision {
        let number = decision.decision.trimmingCharacters(in: .whitespaces), signer = decision.signer.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.count <= 60 else {
            throw AppError.invalidField(field: "decision", message: "Cần số quyết định (tối đa 60 ký tự), ví dụ 123/QĐ-SGDĐT.")
        }
        guard let day = QueryDay.day(decision.decidedOn), day <= today, day >= year.start else {
            throw AppError.invalidField(field: "decidedOn", message: "Ngày quyết định \"\(decision.decidedOn)\" không hợp lệ: cần một ngày từ \(year.start.vietnamese) đến hôm nay.")
        }
        guard !signer.isEmpty, signer.count <= 120 else {
            throw AppError.invalidField(field: "signer", message: "Cần người ký quyết định (tối đa 120 ký tự).")
        }
        return Decision(decision: number, decidedOn: day.iso, signer: signer)
    }

    /// Records the authority's decision on a proposal: the award is held from now on.
    func decide(_ proposalID: UUID, _ decision: Decision, today: Day, by actor: AuditActor, on db: any Database) async throws {
        guard let proposal = proposals.first(where: { $0.id == proposalID }),
              let member = staff.first(where: { $0.id == proposal.staffId }), let award = Award(rawValue: proposal.award) else {
            throw AppError.notFound("đề nghị khen thưởng")
        }
        guard proposal.state == "proposed" else {
            throw AppError.conflict(field: "proposal", message: "Đề nghị này đã có quyết định \(proposal.decision ?? "").")
        }
        let checked = try checked(decision, today: today)
        let (number, day, signer) = (checked.decision, Day(iso: checked.decidedOn)!, checked.signer)
        let works = Eligibility(ruleSet: ruleSet).worksUsed(by: award, year: year, person: records[member.id] ?? PersonRecord())
        try await db.transaction { tx in
            try await tx.sql.insertRows(
                into: "award_decisions",
                columns: ["staff_id", "school_year", "award", "decision", "decided_on", "signer", "works", "proposal_id"],
                rows: [[member.id, year.name, award.rawValue, number, day.iso, signer, works.joined(separator: ","), proposal.id]])
            try await tx.sql.raw("UPDATE award_proposals SET state = 'decided' WHERE id = \(bind: proposal.id)").run()
            try await AuditLog.record(.entry(.decideAward, .proposal, record: "\(member.code) \(award.rawValue) \(year.name)", unitID: unitID,
                                             before: ["state": "proposed"], after: ["decision": number, "decidedOn": day.iso, "signer": signer]),
                                      by: actor, on: tx)
        }
    }
}
