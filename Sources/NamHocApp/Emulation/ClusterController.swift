import Fluent
import NamHocDomain
import NamHocText
import Vapor

/// Cụm, khối thi đua: thin adapters over `EmulationCluster` and `ClusterService`, pages and API alike.
/// Every handler asks `ClusterAccess` (through `authorize`) before it reads or writes anything of a cluster.
enum ClusterController {
    // MARK: - Loading and access

    static func load(_ req: Request) async throws -> (EmulationCluster, ClusterAccess.Cluster) {
        guard let id = req.parameters.get("cluster").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound("cụm, khối thi đua") }
        let cluster = try await EmulationCluster.load(id, on: req.db)
        let access = try await cluster.access(today: req.today, on: req.db)
        try authorize(req, .view, access)
        return (cluster, access)
    }

    /// 404 where the caller is neither organiser nor member (the cluster does not exist for them), 403 where
    /// it is visible but the action is not theirs.
    static func authorize(_ req: Request, _ action: ClusterAccess.Action, _ access: ClusterAccess.Cluster) throws {
        switch ClusterAccess.decide(action, by: try req.requireUser().actor, in: access) {
        case .allowed: return
        case .forbidden: throw AppError.forbidden
        case .hidden: throw AppError.notFound("cụm, khối thi đua")
        }
    }

    static func permissions(_ req: Request, _ access: ClusterAccess.Cluster, _ cluster: EmulationCluster) throws -> ClusterPage.Permissions {
        let actor = try req.requireUser().actor
        let own = cluster.members.first { $0.id == actor.unitID }
        func may(_ action: ClusterAccess.Action) -> Bool { ClusterAccess.decide(action, by: actor, in: access) == .allowed }
        let other = cluster.members.first { $0.id != actor.unitID }
        return ClusterPage.Permissions(
            register: own.map { may(.register(member: $0.id)) } ?? false, sign: own.map { may(.sign(member: $0.id)) } ?? false,
            selfScore: own.map { may(.selfScore(member: $0.id)) } ?? false,
            crossScore: own.flatMap { o in other.map { may(.crossScore(scorer: o.id, target: $0.id)) } } ?? false,
            organise: may(.organise), ownCode: own?.code)
    }

    // MARK: - Pages

    struct ListModel: Encodable {
        struct Item: Encodable { var name: String; var year: String; var kind: String; var url: String }
        var items: [Item]?
        var createURL: String?
        var unitName: String
        var year: String
        var members: String
        var agreement: String
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let rows = try await EmulationCluster.visible(to: user.$unit.id, today: req.today, on: req.db)
        let unit = try await Unit.find(user.$unit.id, on: req.db)
        var canCreate = false
        if let unit { canCreate = try await req.decide(.write, on: unit, readingRequestedDay: false) == .allowed }
        let model = ListModel(items: rows.map { .init(name: $0.name, year: $0.schoolYear, kind: $0.kind == "block" ? "Khối" : "Cụm",
                                                     url: SiteURL.cluster($0.id.uuidString).path) }.nonEmpty,
                              createURL: canCreate ? SiteURL.clusters.path : nil, unitName: unit?.name ?? "", year: req.schoolYear.name,
                              members: "", agreement: defaultAgreement)
        return try await req.render("clusters", title: "Cụm, khối thi đua", model)
    }

    static let defaultAgreement = """
        Các đơn vị thành viên cam kết thực hiện tốt các nhiệm vụ trọng tâm của năm học, hoàn thành các chỉ tiêu đã đăng ký, \
        thực hiện nghiêm chế độ thông tin báo cáo, phối hợp và hỗ trợ nhau trong cụm; chấm điểm theo bảng tiêu chí đã thống nhất.
        """

    struct CreateForm: Content {
        var name: String; var year: String; var kind: String?; var members: String; var head: String?; var deputy: String?; var agreement: String?
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.requireUser(), organiser = try req.scopedUnit, form = try req.content.decode(CreateForm.self)
        guard let year = SchoolYear(form.year) else { throw AppError.invalidField(field: "year", message: "Năm học \"\(form.year)\" không hợp lệ (dạng 2025-2026).") }
        let codes = form.members.split(whereSeparator: { ",; \n\r\t".contains($0) }).map(String.init)
        let id = try await ClusterService.create(
            .init(name: form.name, year: year, kind: form.kind ?? "cluster", members: codes, head: form.head?.nonBlank, deputy: form.deputy?.nonBlank,
                  agreement: form.agreement ?? defaultAgreement, table: try CriteriaTable.example()),
            organiser: organiser, by: AuditActor(user), on: req.db)
        return req.redirect(to: SiteURL.cluster(id.uuidString).path, redirectType: .normal)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let (cluster, access) = try await load(req)
        if req.wantsSpreadsheet {
            return try Download.xlsx(ClusterPage.sheets(cluster)).response(named: "cum-thi-dua-\(cluster.year.name)")
        }
        let model = ClusterPage.model(cluster, may: try permissions(req, access, cluster), today: req.today)
        return try await req.render("cluster", title: "\(cluster.row.name) – năm học \(cluster.year.name)", model)
    }

    struct RegisterForm: Content { var award: String; var models: String?; var targets: String? }

    @Sendable static func register(req: Request) async throws -> Response {
        let (cluster, access) = try await load(req), user = try req.requireUser(), form = try req.content.decode(RegisterForm.self)
        let member = try ownMember(req, cluster)
        try authorize(req, .register(member: member.id), access)
        try await ClusterService.register(cluster, member: member, award: form.award, models: form.models ?? "", targets: try targets(form.targets ?? ""),
                                          catalogue: try await req.statistics().catalogue.edition(for: cluster.year), by: AuditActor(user), on: req.db)
        return req.redirect(to: SiteURL.cluster(cluster.row.id.uuidString).path, redirectType: .normal)
    }

    @Sendable static func sign(req: Request) async throws -> Response {
        let (cluster, access) = try await load(req), user = try req.requireUser()
        let member = try ownMember(req, cluster)
        try authorize(req, .sign(member: member.id), access)
        try await ClusterService.sign(cluster, member: member, signer: user.displayName, by: AuditActor(user), on: req.db)
        return req.redirect(to: SiteURL.cluster(cluster.row.id.uuidString).path, redirectType: .normal)
    }

    @Sendable static func score(req: Request) async throws -> Response {
        let (cluster, access) = try await load(req)
        let fields = try req.content.decode([String: String].self)
        var points: [String: Double] = [:], evidence: [String: String] = [:]
        for (key, value) in fields where key.hasPrefix("p_") && !value.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let number = VietnameseFormat.parseNumber(value) else {
                throw AppError.invalidField(field: key, message: "Điểm “\(value)” không phải là số.")
            }
            points[String(key.dropFirst(2))] = number
        }
        for (key, value) in fields where key.hasPrefix("e_") { evidence[String(key.dropFirst(2))] = String(value.prefix(2000)) }
        try await score(req, cluster, access, stage: fields["stage"] ?? "", target: fields["target"] ?? "", points: points, evidence: evidence)
        return req.redirect(to: SiteURL.cluster(cluster.row.id.uuidString).path, redirectType: .normal)
    }

    struct VoteForm: Content { var votes: [String: Int]?; var leads: [String]? }

    @Sendable static func vote(req: Request) async throws -> Response {
        let (cluster, access) = try await load(req), user = try req.requireUser()
        try authorize(req, .organise, access)
        let fields = try req.content.decode([String: String].self)
        var votes: [String: Int] = [:], leads: Set<String> = []
        for (key, value) in fields {
            if key.hasPrefix("v_"), !value.isEmpty {
                guard let count = Int(value) else { throw AppError.invalidField(field: key, message: "Số phiếu “\(value)” không phải số nguyên.") }
                votes[String(key.dropFirst(2))] = count
            }
            if key.hasPrefix("l_") { leads.insert(String(key.dropFirst(2))) }
        }
        try await ClusterService.vote(cluster, votes: votes, leads: leads, by: AuditActor(user), on: req.db)
        return req.redirect(to: SiteURL.cluster(cluster.row.id.uuidString).path, redirectType: .normal)
    }

    // MARK: - Shared by pages and API

    static func ownMember(_ req: Request, _ cluster: EmulationCluster) throws -> EmulationCluster.Member {
        let unitID = try req.requireUser().$unit.id
        guard let member = cluster.members.first(where: { $0.id == unitID }) else { throw AppError.forbidden }
        return member
    }

    /// One sheet, whoever sends it: the stage says whose act it is (the member's own, another member's, the
    /// organiser's), and the policy decides.
    static func score(_ req: Request, _ cluster: EmulationCluster, _ access: ClusterAccess.Cluster, stage text: String, target code: String,
                      points: [String: Double], evidence: [String: String]) async throws {
        guard let stage = ScoreStage(rawValue: text) else {
            throw AppError.invalidField(field: "stage", message: "Giai đoạn chấm là self (tự chấm), cross (chấm chéo) hoặc final (điểm chính thức).")
        }
        let target = try cluster.member(code), user = try req.requireUser()
        let scorer: UUID
        switch stage {
        case .selfScore: try authorize(req, .selfScore(member: target.id), access); scorer = target.id
        case .cross: scorer = try ownMember(req, cluster).id; try authorize(req, .crossScore(scorer: scorer, target: target.id), access)
        case .final: try authorize(req, .organise, access); scorer = cluster.row.organiserId
        }
        let computed = try await ClusterService.computed(cluster, for: target, statistics: try await req.statistics(), today: req.today, on: req.db)
        try await ClusterService.score(cluster, target: target, stage: stage, scorer: scorer, points: points, evidence: evidence,
                                       computed: computed.points, by: AuditActor(user), on: req.db)
    }

    /// "2106b = 30" or "2106b: 30" a line, Vietnamese numbers ("1.234,5").
    static func targets(_ text: String) throws -> [EmulationCluster.Target] {
        try text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            let parts = trimmed.split(maxSplits: 1, whereSeparator: { $0 == "=" || $0 == ":" }).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = VietnameseFormat.parseNumber(parts[1]) else {
                throw AppError.invalidField(field: "targets", message: "Dòng “\(trimmed)”: ghi mã chỉ tiêu = giá trị, ví dụ 2106b = 30.")
            }
            return EmulationCluster.Target(indicator: parts[0], value: value)
        }
    }
}

private extension String {
    var nonBlank: String? { trimmingCharacters(in: .whitespaces).isEmpty ? nil : trimmingCharacters(in: .whitespaces) }
}
