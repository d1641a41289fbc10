import Fluent
import NamHocDomain
import Vapor

/// The emulation API: rule sets, a stateless eligibility check, a unit's staff judged for a year, proposals
/// and decisions. The same checks as the pages (`EmulationYear`), answered in JSON.
enum APIEmulationController {
    struct RuleSetResponse: Content {
        var ruleSet: RuleSet
        var unconfirmed: [String]
    }

    @Sendable static func ruleSets(req: Request) async throws -> [RuleSetResponse] {
        try await EmulationStore.book(on: req.db).sets.map { RuleSetResponse(ruleSet: $0, unconfirmed: $0.unconfirmed.map(\.rule.id)) }
    }

    struct EligibilityRequest: Content {
        var award: Award
        var year: SchoolYear
        var ruleSet: String?
        var person: PersonRecord?
        var collective: CollectiveRecord?
        var cap: CapContext?
    }

    /// Judges a record sent whole (nothing stored): for integrators with their own staff database.
    @Sendable static func eligibility(req: Request) async throws -> Verdict {
        let body = try req.content.decode(EligibilityRequest.self)
        let set = try await EmulationStore.ruleSet(body.ruleSet, for: body.year, on: req.db)
        let candidate: Eligibility.Candidate
        switch (body.person, body.collective) {
        case (let person?, nil): candidate = .person(person)
        case (nil, let collective?): candidate = .collective(collective)
        default: throw AppError.invalidField(field: "person", message: "Cần đúng một trong hai: person (cá nhân) hoặc collective (tập thể).")
        }
        return Eligibility(ruleSet: set).judge(body.award, year: body.year, candidate: candidate, cap: body.cap)
    }

    struct UnitResponse: Content {
        struct Member: Content {
            var code: String
            var fullName: String
            var position: String
            var record: PersonRecord
            var verdicts: [Verdict]
        }
        var unit: String
        var year: SchoolYear
        var ruleSet: String
        var staff: [Member]
        var proposals: [EmulationYear.Proposal]
    }

    @Sendable static func unit(req: Request) async throws -> UnitResponse {
        let unit = try req.scopedUnit, year = try req.planYear
        let data = try await EmulationYear.load(unitID: try unit.requireID(), year: year, on: req.db)
        return UnitResponse(unit: unit.code, year: year, ruleSet: data.ruleSet.id, staff: data.staff.map { member in
            .init(code: member.code, fullName: member.fullName, position: member.position, record: data.records[member.id] ?? PersonRecord(),
                  verdicts: EmulationStore.individualAwards.map { data.verdict(member, $0) })
        }, proposals: data.proposals)
    }

    struct ProposeRequest: Content { var staff: String; var award: String; var year: SchoolYear? }

    @Sendable static func propose(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, body = try req.content.decode(ProposeRequest.self)
        guard let award = Award(rawValue: body.award) else { throw AppError.invalidField(field: "award", message: "Không có danh hiệu \"\(body.award)\".") }
        let data = try await EmulationYear.load(unitID: try unit.requireID(), year: try body.year ?? req.planYear, on: req.db)
        let proposal = try await data.propose(body.staff, award: award, by: AuditActor(try req.requireUser()), on: req.db)
        return try await proposal.encodeResponse(status: .created, for: req)
    }

    struct DecideRequest: Content { var decision: String; var decidedOn: String; var signer: String; var year: SchoolYear? }

    @Sendable static func decide(req: Request) async throws -> HTTPStatus {
        let unit = try req.scopedUnit, body = try req.content.decode(DecideRequest.self)
        guard let id = req.parameters.get("proposal").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound("đề nghị khen thưởng") }
        let data = try await EmulationYear.load(unitID: try unit.requireID(), year: try body.year ?? req.planYear, on: req.db)
        try await data.decide(id, .init(decision: body.decision, decidedOn: body.decidedOn, signer: body.signer), today: req.today,
                              by: AuditActor(try req.requireUser()), on: req.db)
        return .ok
    }
}

extension Verdict: Content {}
extension EmulationYear.Proposal: Content {}
