import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// The writes of a cluster's year, each checked and audited in its own transaction: creation, registration,
/// the agreement's signatures, score sheets stage by stage (computed criteria filled from the statistics
/// and plans), the vote. Who may do each is decided before, by `ClusterAccess`.
enum ClusterService {
    struct NewCluster: Sendable {
        var name: String
        var year: SchoolYear
        var kind: String
        var members: [String]
        var head: String?
        var deputy: String?
        var agreement: String
        var table: CriteriaTable
    }

    static func create(_ new: NewCluster, organiser: Unit, by actor: AuditActor, on db: any Database) async throws -> UUID {
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else { throw AppError.invalidField(field: "name", message: "Cần tên cụm, khối (tối đa 200 ký tự).") }
        guard ["cluster", "block"].contains(new.kind) else { throw AppError.invalidField(field: "kind", message: "Loại là cụm (cluster) hoặc khối (block).") }
        let codes = Array(Set(new.members.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
        guard (2...200).contains(codes.count) else { throw AppError.invalidField(field: "members", message: "Một cụm, khối có từ 2 đến 200 thành viên.") }
        let organiserID = try organiser.requireID()
        var members: [String: UUID] = [:]
        for code in codes {
            guard let unit = try await Unit.query(on: db).filter(\.$code == code).first(), let id = unit.id else {
                throw AppError.invalidField(field: "members", message: "Không có đơn vị mã \(code).")
            }
            // A member is under the organiser on the year's census day (the tree as it stood then).
            let ancestry = try await UnitTree.ancestry(of: id, on: new.year.censusDate, in: db)
            guard ancestry.dropFirst().contains(organiserID) else {
                throw AppError.invalidField(field: "members", message: "\(unit.name) không trực thuộc \(organiser.name) trong năm học \(new.year.name).")
            }
            members[code] = id
        }
        for (field, code) in [("head", new.head), ("deputy", new.deputy)] {
            if let code, !code.isEmpty, members[code] == nil {
                throw AppError.invalidField(field: field, message: "Cụm trưởng, cụm phó phải là thành viên (\(code) không phải).")
            }
        }
        struct Found: Decodable { var n: Int }
        let taken = try await db.sql.raw("""
            SELECT COUNT(*) AS n FROM emulation_clusters WHERE organiser_id = \(bind: organiserID) AND school_year = \(bind: new.year.name) AND name = \(bind: name)
            """).first(decoding: Found.self)?.n ?? 0
        guard taken == 0 else { throw AppError.conflict(field: "name", message: "Đã có \(name) năm học \(new.year.name).") }
        let id = UUID(), chosen = members
        let head = new.head.flatMap { chosen[$0] }, deputy = new.deputy.flatMap { chosen[$0] }
        let criteria = String(decoding: try JSONEncoder().encode(new.table), as: UTF8.self)
        try await db.transaction { tx in
            try await tx.sql.insertRows(into: "emulation_clusters",
                                        columns: ["id", "organiser_id", "school_year", "name", "kind", "head_id", "deputy_id", "criteria", "agreement", "created_at"],
                                        rows: [[id, organiserID, new.year.name, name, new.kind, head, deputy, criteria, new.agreement, Date()]])
            try await tx.sql.insertRows(into: "cluster_members", columns: ["cluster_id", "unit_id"], rows: chosen.values.map { [id, $0] })
            try await AuditLog.record(.entry(.createCluster, .cluster, record: "\(name) \(new.year.name)", unitID: organiserID, before: nil,
                                             after: ["members": codes.joined(separator: ","), "head": new.head ?? "", "deputy": new.deputy ?? ""]),
                                      by: actor, on: tx)
        }
        return id
    }

    /// A member's registration: the title aimed for, new models, targets on indicators of the catalogue.
    static func register(_ cluster: EmulationCluster, member: EmulationCluster.Member, award: String, models: String,
                         targets: [EmulationCluster.Target], catalogue: IndicatorCatalogue, by actor: AuditActor, on db: any Database) async throws {
        guard let aimed = Award(rawValue: award), aimed.isCollective else {
            throw AppError.invalidField(field: "award", message: "Danh hiệu đăng ký là danh hiệu tập thể: TTLDTT, TTLDXS, CO_BO hoặc CO_CP.")
        }
        guard models.count <= 4000 else { throw AppError.invalidField(field: "models", message: "Mô hình mới: tối đa 4.000 ký tự.") }
        guard targets.count <= 40 else { throw AppError.invalidField(field: "targets", message: "Tối đa 40 chỉ tiêu đăng ký.") }
        for target in targets {
            guard catalogue[target.indicator] != nil else {
                throw AppError.invalidField(field: "targets", message: "Không có chỉ tiêu mã \(target.indicator) trong danh mục thống kê.")
            }
            guard target.value.isFinite, target.value >= 0, target.value <= 1e12 else {
                throw AppError.invalidField(field: "targets", message: "Giá trị đăng ký của chỉ tiêu \(target.indicator) phải là số không âm.")
            }
        }
        guard cluster.stages(of: member.id).isEmpty else {
            throw AppError.conflict(field: "award", message: "\(member.name) đã bắt đầu chấm điểm: không sửa đăng ký thi đua.")
        }
        let json = String(decoding: try JSONEncoder().encode(targets), as: UTF8.self)
        let before = cluster.registrations.first { $0.unitId == member.id }
        try await db.transaction { tx in
            try await tx.sql.raw("DELETE FROM cluster_registrations WHERE cluster_id = \(bind: cluster.row.id) AND unit_id = \(bind: member.id)").run()
            try await tx.sql.insertRows(into: "cluster_registrations",
                                        columns: ["cluster_id", "unit_id", "award", "models", "targets", "registered_by", "registered_at"],
                                        rows: [[cluster.row.id, member.id, aimed.rawValue, models, json, actor.name, Date()]])
            try await AuditLog.record(.entry(.register, .cluster, record: "\(cluster.row.name) \(member.code)", unitID: member.id,
                                             before: before.map { ["award": $0.award, "targets": $0.targets] },
                                             after: ["award": aimed.rawValue, "targets": json]), by: actor, on: tx)
        }
    }

    static func sign(_ cluster: EmulationCluster, member: EmulationCluster.Member, signer: String, by actor: AuditActor, on db: any Database) async throws {
        guard !cluster.row.agreement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AppError.conflict(field: "agreement", message: "Cụm chưa có văn bản giao ước thi đua để ký.")
        }
        // Signing twice keeps the first signature: pressing the button again is no fault.
        guard !cluster.signatures.contains(where: { $0.unitId == member.id }) else { return }
        try await db.transaction { tx in
            try await tx.sql.insertRows(into: "cluster_signatures", columns: ["cluster_id", "unit_id", "signed_by", "signed_at"],
                                        rows: [[cluster.row.id, member.id, signer, Date()]])
            try await AuditLog.record(.entry(.sign, .cluster, record: "\(cluster.row.name) \(member.code)", unitID: member.id, before: nil,
                                             after: ["signedBy": signer]), by: actor, on: tx)
        }
    }

    /// A score sheet of one stage for one member, by one scorer (the member itself, another member, or the
    /// organiser). Computed criteria are filled here, whatever was sent; a stage waits for the one before.
    static func score(_ cluster: EmulationCluster, target: EmulationCluster.Member, stage: ScoreStage, scorer: UUID,
                      points sent: [String: Double], evidence: [String: String], computed: [String: Double],
                      by actor: AuditActor, on db: any Database) async throws {
        let done = cluster.stages(of: target.id)
        if let refusal = ScoreStage.refusal(of: stage, done: done.subtracting([stage])) ?? (done.contains { $0 > stage } ? "Giai đoạn sau đã bắt đầu." : nil) {
            throw AppError.conflict(field: "stage", message: "\(target.name): \(refusal)")
        }
        var points = sent.filter { cluster.table[$0.key]?.computed == nil }
        let faults = cluster.table.faults(points, evidence: evidence, stage: stage)
        guard faults.isEmpty else { throw AppError.invalidField(field: "points", message: faults.joined(separator: " ")) }
        for (id, value) in computed { points[id] = value }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let pointsJSON = String(decoding: try encoder.encode(points), as: UTF8.self), total = cluster.table.total(points).pointsText
        let evidenceJSON = String(decoding: try encoder.encode(evidence.filter { cluster.table[$0.key] != nil && !$0.value.isEmpty }), as: UTF8.self)
        try await db.transaction { tx in
            try await tx.sql.raw("""
                DELETE FROM cluster_scores WHERE cluster_id = \(bind: cluster.row.id) AND unit_id = \(bind: target.id)
                AND stage = \(bind: stage.rawValue) AND scorer_id = \(bind: scorer)
                """).run()
            try await tx.sql.insertRows(into: "cluster_scores",
                                        columns: ["cluster_id", "unit_id", "stage", "scorer_id", "points", "evidence", "scored_by", "scored_at"],
                                        rows: [[cluster.row.id, target.id, stage.rawValue, scorer, pointsJSON, evidenceJSON, actor.name, Date()]])
            try await AuditLog.record(.entry(.score, .cluster, record: "\(cluster.row.name) \(target.code) \(stage.rawValue)", unitID: target.id,
                                             before: nil, after: ["points": pointsJSON, "total": total]),
                                      by: actor, on: tx)
        }
    }

    /// The vote (bình xét): votes per member and the leading unit(s), once every member has a final score.
    static func vote(_ cluster: EmulationCluster, votes: [String: Int], leads: Set<String>, by actor: AuditActor, on db: any Database) async throws {
        let unscored = cluster.members.filter { !cluster.stages(of: $0.id).contains(.final) }
        guard unscored.isEmpty else {
            throw AppError.conflict(field: "votes", message: "Chưa có điểm chính thức của: \(unscored.map(\.name).joined(separator: ", ")).")
        }
        for (code, count) in votes where cluster.members.contains(where: { $0.code == code }) == false || count < 0 || count > 10_000 {
            throw AppError.invalidField(field: "votes", message: "Phiếu bình xét không hợp lệ cho \(code).")
        }
        guard !leads.isEmpty, leads.allSatisfy({ code in cluster.members.contains { $0.code == code } }) else {
            throw AppError.invalidField(field: "leads", message: "Chọn ít nhất một đơn vị dẫn đầu trong các thành viên.")
        }
        try await db.transaction { tx in
            try await tx.sql.raw("DELETE FROM cluster_votes WHERE cluster_id = \(bind: cluster.row.id)").run()
            try await tx.sql.insertRows(into: "cluster_votes", columns: ["cluster_id", "unit_id", "votes", "leads"],
                                        rows: cluster.members.map { [cluster.row.id, $0.id, votes[$0.code] ?? 0, leads.contains($0.code)] })
            try await AuditLog.record(.entry(.vote, .cluster, record: cluster.row.name, unitID: cluster.row.organiserId, before: nil,
                                             after: ["leads": leads.sorted().joined(separator: ","), "votes": votes.description]), by: actor, on: tx)
        }
    }

    /// Points of the computed criteria for a member: registered targets met by the approved figures of the
    /// year (census period), key tasks of the member's plan done according to the reports.
    static func computed(_ cluster: EmulationCluster, for member: EmulationCluster.Member, statistics: StatisticsCatalogue, today: Day,
                         on db: any Database) async throws -> (points: [String: Double], notes: [String]) {
        var points: [String: Double] = [:], notes: [String] = []
        for criterion in cluster.table.criteria {
            switch criterion.computed {
            case .targetsMet?:
                let targets = cluster.registrations.first { $0.unitId == member.id }?.targetList ?? []
                let period = Period.census(cluster.year).code
                let figures = try await StatisticsStore.totals(of: [member.id], periods: [period], indicators: nil, breakdowns: [""],
                                                               groupedBy: .none, in: db)[period]?[member.id]?[""] ?? Figures()
                let met = targets.filter { (figures.value($0.indicator, in: statistics.catalogue) ?? -1) >= $0.value }
                points[criterion.id] = CriteriaTable.computed(met: met.count, of: targets.count, maxPoints: criterion.maxPoints)
                notes.append("\(criterion.name): đạt \(met.count)/\(targets.count) chỉ tiêu đăng ký theo số liệu \(Period.census(cluster.year).nameVI).")
            case .tasksOnTime?:
                var done = 0, total = 0
                if let plan = try await PlanStore.plan(of: member.id, year: cluster.year, on: db),
                   let unit = try await Unit.find(member.id, on: db) {
                    let tasks = try await PlanView.body(of: plan, unit: unit, today: today, statistics: statistics, on: db).tasks.filter { $0.parentID == nil }
                    total = tasks.count
                    done = tasks.filter { $0.status == TaskStatus.done.rawValue }.count
                }
                points[criterion.id] = CriteriaTable.computed(met: done, of: total, maxPoints: criterion.maxPoints)
                notes.append("\(criterion.name): \(done)/\(total) nhiệm vụ trọng tâm hoàn thành theo báo cáo tiến độ.")
            case nil:
                continue
            }
        }
        return (points, notes)
    }
}
