import Foundation
import NamHocDomain
import NamHocOffice
import NamHocText

/// What a cluster's page shows: members with registration, signature, scores by stage and rank; the forms
/// the caller may use (decided by `ClusterAccess`); the criteria table and the agreement.
enum ClusterPage {
    struct Model: Encodable {
        var id: String
        var name: String
        var kind: String
        var year: String
        var organiser: String
        var head: String
        var deputy: String
        var agreement: String
        var table: String
        var criteria: [CriterionView]
        var members: [MemberRow]
        var ranking: [RankRow]?
        var exportURL: String
        var listURL: String
        var registerURL: String?
        var signURL: String?
        var scoreURL: String?
        var voteURL: String?
        var awards: [Option]
        var stages: [Option]?
        var targets: [Option]?
        var ownCode: String?
        var today: String
    }

    struct CriterionView: Encodable {
        var id: String; var name: String; var maxPoints: String; var kind: String; var evidence: Bool; var computed: Bool
    }

    struct MemberRow: Encodable {
        var code: String
        var name: String
        var role: String
        var award: String
        var targets: String
        var models: String
        var signed: String
        var selfTotal: String
        var crossTotal: String
        var finalTotal: String
        var votes: String
        var leads: Bool
    }

    struct RankRow: Encodable { var rank: Int; var code: String; var total: String; var note: String; var leads: Bool }
    struct Option: Encodable { var value: String; var label: String }

    /// Everything the caller may do, already decided.
    struct Permissions {
        var register: Bool
        var sign: Bool
        var selfScore: Bool
        var crossScore: Bool
        var organise: Bool
        var ownCode: String?
    }

    static func model(_ c: EmulationCluster, may: Permissions, today: Day) -> Model {
        let id = c.row.id.uuidString
        func total(_ member: EmulationCluster.Member, _ stage: ScoreStage) -> String {
            let sheets = c.sheets.filter { $0.unitId == member.id && $0.stage == stage.rawValue }
            guard !sheets.isEmpty else { return "" }
            // Cross-scores of several members: their average.
            let totals = sheets.map { c.table.total($0.pointMap) }
            return (totals.reduce(0, +) / Double(totals.count)).pointsText
        }
        let ranking = c.ranking
        let leads = Set(c.votes.filter(\.leads).map(\.unitId))
        let members = c.members.map { m in
            let registration = c.registrations.first { $0.unitId == m.id }
            let signature = c.signatures.first { $0.unitId == m.id }
            return MemberRow(
                code: m.code, name: m.name,
                role: m.id == c.row.headId ? "Cụm trưởng" : m.id == c.row.deputyId ? "Cụm phó" : "",
                award: registration.flatMap { Award(rawValue: $0.award)?.vietnamese } ?? "",
                targets: registration?.targetList.map { "\($0.indicator) ≥ \(VietnameseFormat.decimal($0.value, fractionDigits: $0.value == $0.value.rounded() ? 0 : 1))" }
                    .joined(separator: "; ") ?? "",
                models: registration?.models ?? "",
                signed: signature.map { "\($0.signedBy), \(VietnameseFormat.date($0.signedAt))" } ?? "",
                selfTotal: total(m, .selfScore), crossTotal: total(m, .cross), finalTotal: total(m, .final),
                votes: c.votes.first { $0.unitId == m.id }.map { VietnameseFormat.integer($0.votes) } ?? "",
                leads: leads.contains(m.id))
        }
        var stages: [Option] = []
        if may.selfScore { stages.append(Option(value: ScoreStage.selfScore.rawValue, label: ScoreStage.selfScore.vietnamese)) }
        if may.crossScore { stages.append(Option(value: ScoreStage.cross.rawValue, label: ScoreStage.cross.vietnamese)) }
        if may.organise { stages.append(Option(value: ScoreStage.final.rawValue, label: ScoreStage.final.vietnamese)) }
        let name: (UUID?) -> String = { id in c.members.first { $0.id == id }?.name ?? "" }
        return Model(
            id: id, name: c.row.name, kind: c.row.kind == "block" ? "Khối thi đua" : "Cụm thi đua", year: c.year.name,
            organiser: c.organiser.name, head: name(c.row.headId), deputy: name(c.row.deputyId), agreement: c.row.agreement,
            table: c.table.name,
            criteria: c.table.criteria.map {
                CriterionView(id: $0.id, name: $0.name, maxPoints: $0.maxPoints.pointsText,
                              kind: $0.kind == .bonus ? "Điểm thưởng" : $0.kind == .penalty ? "Điểm trừ" : "", evidence: $0.evidenceRequired,
                              computed: $0.computed != nil)
            },
            members: members,
            ranking: ranking.map { row in
                RankRow(rank: row.rank, code: row.entry.member, total: row.entry.total.pointsText,
                        note: row.tied ? "bằng điểm sau mọi tiêu chí phụ" : row.decidedBy.map { "xếp sau nhờ \($0)" } ?? "",
                        leads: c.votes.contains { v in v.leads && c.members.first { $0.id == v.unitId }?.code == row.entry.member })
            }.nonEmpty,
            exportURL: SiteURL.cluster(id).url(.format("xlsx")), listURL: SiteURL.clusters.path,
            registerURL: may.register ? SiteURL.clusterStep(id, .registration).path : nil,
            signURL: may.sign ? SiteURL.clusterStep(id, .signature).path : nil,
            scoreURL: stages.isEmpty ? nil : SiteURL.clusterStep(id, .scores).path,
            voteURL: may.organise ? SiteURL.clusterStep(id, .vote).path : nil,
            awards: [Award.ttldtt, .ttldxs, .coBo, .coChinhPhu].map { Option(value: $0.rawValue, label: $0.vietnamese) },
            stages: stages.nonEmpty,
            targets: stages.isEmpty ? nil : c.members.map { Option(value: $0.code, label: $0.name) },
            ownCode: may.ownCode, today: today.iso)
    }

    /// The consolidated registrations (tổng hợp đăng ký), the scores and the ranking, for the organiser's files.
    static func sheets(_ c: EmulationCluster) -> [SheetSpec] {
        let title = "\(c.row.name) – năm học \(c.year.name)"
        let registrations = SheetSpec(
            name: "Tổng hợp đăng ký", titleRows: ["Tổng hợp đăng ký thi đua", title],
            header: ["STT", "Mã", "Đơn vị", "Danh hiệu đăng ký", "Chỉ tiêu đăng ký", "Mô hình mới", "Người đăng ký", "Ký giao ước"],
            rows: c.members.enumerated().map { index, m in
                let r = c.registrations.first { $0.unitId == m.id }
                let s = c.signatures.first { $0.unitId == m.id }
                return [.integer(index + 1), .text(m.code), .text(m.name), .text(r.flatMap { Award(rawValue: $0.award)?.vietnamese } ?? ""),
                        .text(r?.targetList.map { "\($0.indicator) ≥ \($0.value.pointsText)" }.joined(separator: "; ") ?? ""),
                        .text(r?.models ?? ""), .text(r?.registeredBy ?? ""), .text(s.map { "\($0.signedBy) \(VietnameseFormat.date($0.signedAt))" } ?? "")]
            })
        let scores = SheetSpec(
            name: "Điểm", titleRows: ["Điểm thi đua theo tiêu chí", title],
            header: ["Mã", "Giai đoạn", "Người chấm"] + c.table.criteria.map { "\($0.id) (\($0.maxPoints.pointsText))" } + ["Tổng"],
            rows: c.sheets.sorted { ($0.unitId.uuidString, $0.stage) < ($1.unitId.uuidString, $1.stage) }.map { sheet in
                let points = sheet.pointMap
                return [.text(c.members.first { $0.id == sheet.unitId }?.code ?? ""), .text(ScoreStage(rawValue: sheet.stage)?.vietnamese ?? sheet.stage),
                        .text(sheet.scoredBy)] + c.table.criteria.map { points[$0.id].map(CellValue.number) ?? .empty } + [.number(c.table.total(points))]
            })
        let ranking = SheetSpec(
            name: "Xếp hạng", titleRows: ["Kết quả xếp hạng và bình xét", title],
            header: ["Hạng", "Mã", "Tổng điểm", "Ghi chú", "Phiếu bình xét", "Dẫn đầu"],
            rows: c.ranking.map { row in
                let vote = c.votes.first { v in c.members.first { $0.id == v.unitId }?.code == row.entry.member }
                return [.integer(row.rank), .text(row.entry.member), .number(row.entry.total), .text(row.tied ? "bằng điểm" : row.decidedBy ?? ""),
                        .integer(vote?.votes ?? 0), .text(vote?.leads == true ? "Dẫn đầu" : "")]
            })
        return [registrations, scores, ranking]
    }
}
