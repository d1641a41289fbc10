import Fluent
import NamHocDomain
import Vapor

/// Clusters for integrators: the same checks as the pages (`ClusterController`), answered in JSON.
enum APIClusterController {
    struct Item: Content { var id: UUID; var name: String; var schoolYear: String; var kind: String; var organiserId: UUID }

    @Sendable static func list(req: Request) async throws -> [Item] {
        try await EmulationCluster.visible(to: try req.requireUser().$unit.id, today: req.today, on: req.db).map {
            Item(id: $0.id, name: $0.name, schoolYear: $0.schoolYear, kind: $0.kind, organiserId: $0.organiserId)
        }
    }

    struct Detail: Content {
        struct Member: Content {
            var code: String
            var name: String
            var registration: Registration?
            var signedBy: String?
            var signedAt: Date?
            var totals: [String: Double]
            var votes: Int?
            var leads: Bool
        }
        struct Registration: Content { var award: String; var models: String; var targets: [EmulationCluster.Target]; var registeredBy: String }
        struct Rank: Content { var rank: Int; var code: String; var total: Double; var tied: Bool; var decidedBy: String? }
        var id: UUID
        var name: String
        var schoolYear: String
        var kind: String
        var organiser: String
        var head: String?
        var deputy: String?
        var agreement: String
        var criteria: CriteriaTable
        var members: [Member]
        var ranking: [Rank]
    }

    @Sendable static func show(req: Request) async throws -> Detail {
        let (c, _) = try await ClusterController.load(req)
        let code: (UUID?) -> String? = { id in c.members.first { $0.id == id }?.code }
        return Detail(
            id: c.row.id, name: c.row.name, schoolYear: c.year.name, kind: c.row.kind, organiser: c.organiser.code, head: code(c.row.headId),
            deputy: code(c.row.deputyId), agreement: c.row.agreement, criteria: c.table,
            members: c.members.map { m in
                let r = c.registrations.first { $0.unitId == m.id }, s = c.signatures.first { $0.unitId == m.id }
                let vote = c.votes.first { $0.unitId == m.id }
                var totals: [String: Double] = [:]
                for stage in ScoreStage.allCases {
                    let sheets = c.sheets.filter { $0.unitId == m.id && $0.stage == stage.rawValue }.map { c.table.total($0.pointMap) }
                    if !sheets.isEmpty { totals[stage.rawValue] = sheets.reduce(0, +) / Double(sheets.count) }
                }
                return Detail.Member(code: m.code, name: m.name,
                              registration: r.map { Detail.Registration(award: $0.award, models: $0.models, targets: $0.targetList, registeredBy: $0.registeredBy) },
                              signedBy: s?.signedBy, signedAt: s?.signedAt, totals: totals, votes: vote?.votes, leads: vote?.leads ?? false)
            },
            ranking: c.ranking.map { Detail.Rank(rank: $0.rank, code: $0.entry.member, total: $0.entry.total, tied: $0.tied, decidedBy: $0.decidedBy) })
    }

    struct RegisterBody: Content { var award: String; var models: String?; var targets: [EmulationCluster.Target]? }

    @Sendable static func register(req: Request) async throws -> HTTPStatus {
        let (cluster, access) = try await ClusterController.load(req), body = try req.content.decode(RegisterBody.self)
        let member = try ClusterController.ownMember(req, cluster)
        try ClusterController.authorize(req, .register(member: member.id), access)
        try await ClusterService.register(cluster, member: member, award: body.award, models: body.models ?? "", targets: body.targets ?? [],
                                          catalogue: try await req.statistics().catalogue.edition(for: cluster.year),
                                          by: AuditActor(try req.requireUser()), on: req.db)
        return .ok
    }

    struct ScoreBody: Content { var stage: String; var target: String; var points: [String: Double]; var evidence: [String: String]? }

    @Sendable static func score(req: Request) async throws -> HTTPStatus {
        let (cluster, access) = try await ClusterController.load(req), body = try req.content.decode(ScoreBody.self)
        try await ClusterController.score(req, cluster, access, stage: body.stage, target: body.target, points: body.points,
                                          evidence: body.evidence ?? [:])
        return .ok
    }
}

extension CriteriaTable: Content {}
