import Foundation
import NamHocDomain
import NamHocOffice
import NamHocText

/// What the emulation pages show, built from an `EmulationYear` (and the Excel file of the same tables).
enum EmulationPage {
    struct Model: Encodable {
        var unitName: String
        var unitURL: String
        var year: String
        var ruleSet: String
        var basis: String
        var rulesURL: String
        var previousURL: String
        var nextURL: String
        var importURL: String?
        var exportURL: String
        var documentURL: String
        var proposeURL: String
        var awards: [String]
        var rows: [Row]?
        var proposals: [ProposalRow]?
        var canWrite: Bool
        var canDecide: Bool
        var today: String
        var collective: CollectiveView
    }

    struct CollectiveView: Encodable {
        var rating: String
        var rateURL: String?
        var ratings: [String]
        var facts: [String]
        var verdicts: [CollectiveVerdict]
        var proposeURL: String
        var proposals: [ProposalRow]?
    }

    struct CollectiveVerdict: Encodable {
        var award: String
        var code: String
        var eligible: Bool
        var unconfirmed: Bool
        var checks: [CheckView]
        var canPropose: Bool
    }

    struct Row: Encodable {
        var code: String
        var name: String
        var position: String
        var rating: String
        var titles: String
        var url: String
        var cells: [Cell]
    }

    struct Cell: Encodable {
        var award: String
        var eligible: Bool
        var state: String
        var canPropose: Bool
    }

    struct ProposalRow: Encodable {
        var id: String
        var staff: String
        var award: String
        var state: String
        var decision: String
        var decideURL: String?
        var proposedBy: String
        var proposedAt: String
    }

    static func collective(_ c: CollectiveYear, code: String, canWrite: Bool, canDecide: Bool) -> CollectiveView {
        let record = c.record
        let year = c.year.year
        return CollectiveView(
            rating: c.rating?.vietnamese ?? "Chưa xếp loại", rateURL: canDecide ? SiteURL.unitEmulationRating(code).url(.year(year)) : nil,
            ratings: Rating.allCases.map(\.rawValue),
            facts: ["\(record.members) cán bộ có hồ sơ; \(record.ldtt) đạt hoặc đủ điều kiện LĐTT, \(record.cstdcs) CSTĐCS; "
                    + "\(record.khtnv) không hoàn thành nhiệm vụ; \(record.warningOrAbove) bị kỷ luật từ cảnh cáo"
                    + (record.leadsCluster ? "; dẫn đầu cụm, khối thi đua năm học \(year.name)." : ".")],
            verdicts: CollectiveYear.awards.map { award in
                let verdict = c.verdict(award)
                return CollectiveVerdict(award: award.vietnamese, code: award.rawValue, eligible: verdict.eligible,
                                         unconfirmed: verdict.restsOnUnconfirmed, checks: verdict.checks.map(view),
                                         canPropose: canWrite && verdict.eligible && !c.proposals.contains { $0.award == award.rawValue })
            },
            proposeURL: SiteURL.unitEmulationCollective(code).url(.year(year)),
            proposals: c.proposals.map { p in
                ProposalRow(id: p.id.uuidString, staff: "", award: Award(rawValue: p.award)?.vietnamese ?? p.award,
                            state: p.decision == nil ? "Chờ quyết định" : "Đã có quyết định",
                            decision: decisionText(p.decision, p.decidedOn, p.signer),
                            decideURL: canDecide && p.decision == nil ? SiteURL.unitEmulationCollectiveDecision(code, p.id.uuidString).url(.year(year)) : nil,
                            proposedBy: p.proposedBy, proposedAt: VietnameseFormat.date(p.proposedAt))
            }.nonEmpty)
    }

    static func model(_ data: EmulationYear, collective: CollectiveYear, unitName: String, code: String, canWrite: Bool, canDecide: Bool,
                      today: Day) -> Model {
        let rows = data.staff.map { member in
            let record = data.records[member.id] ?? PersonRecord()
            return Row(
                code: member.code, name: member.fullName, position: member.position,
                rating: record.ratings[data.year]?.rawValue ?? "",
                titles: record.titles.filter { $0.year == data.year }.map(\.title.vietnamese).joined(separator: "; "),
                url: SiteURL.unitEmulationStaff(code, member.code).url(.year(data.year)),
                cells: EmulationStore.individualAwards.map { award in
                    let verdict = data.verdict(member, award)
                    let proposal = data.proposal(of: member, award)
                    let held = record.titles.contains { $0.year == data.year && $0.title == award }
                    return Cell(award: award.rawValue, eligible: verdict.eligible,
                                state: held ? "Đã có" : proposal.map { $0.state == "decided" ? "Đã quyết định" : "Đã đề nghị" } ?? "",
                                canPropose: canWrite && verdict.eligible && proposal == nil && !held)
                })
        }
        let names = Dictionary(uniqueKeysWithValues: data.staff.map { ($0.id, $0.fullName) })
        let proposals = data.proposals.map { p in
            ProposalRow(id: p.id.uuidString, staff: names[p.staffId] ?? "", award: Award(rawValue: p.award)?.vietnamese ?? p.award,
                        state: p.state == "decided" ? "Đã có quyết định" : "Chờ quyết định",
                        decision: decisionText(p.decision, p.decidedOn, p.signer),
                        decideURL: canDecide && p.state == "proposed" ? SiteURL.unitEmulationDecision(code, p.id.uuidString).url(.year(data.year)) : nil,
                        proposedBy: p.proposedBy, proposedAt: VietnameseFormat.date(p.proposedAt))
        }
        return Model(unitName: unitName, unitURL: SiteURL.unit(code).path, year: data.year.name, ruleSet: data.ruleSet.name,
                     basis: data.ruleSet.basis, rulesURL: SiteURL.emulationRules.path,
                     previousURL: SiteURL.unitEmulation(code).url(.year(data.year.previous)),
                     nextURL: SiteURL.unitEmulation(code).url(.year(data.year.next)),
                     importURL: canWrite ? SiteURL.unitEmulationImport(code).path : nil,
                     exportURL: SiteURL.unitEmulation(code).url(.year(data.year), .format("xlsx")),
                     documentURL: SiteURL.unitEmulation(code).url(.year(data.year), .format("docx")),
                     proposeURL: SiteURL.unitEmulationProposals(code).url(.year(data.year)),
                     awards: EmulationStore.individualAwards.map(\.short), rows: rows.nonEmpty, proposals: proposals.nonEmpty,
                     canWrite: canWrite, canDecide: canDecide, today: today.iso,
                     collective: self.collective(collective, code: code, canWrite: canWrite, canDecide: canDecide))
    }

    /// "QĐ 15/QĐ-UBND ngày 10/07/2026 – Chủ tịch", or "" before the decision.
    static func decisionText(_ decision: String?, _ decidedOn: String?, _ signer: String?) -> String {
        decision.map { "QĐ \($0) ngày \(decidedOn.flatMap(Day.init(iso:))?.vietnamese ?? "") – \(signer ?? "")" } ?? ""
    }

    /// The two lists as an Excel file: who is eligible for what, and the proposals (danh sách đề nghị).
    static func sheets(_ data: EmulationYear, unitName: String) -> [SheetSpec] {
        let awards = EmulationStore.individualAwards
        let eligibility = SheetSpec(
            name: "Điều kiện", titleRows: ["Điều kiện danh hiệu thi đua năm học \(data.year.name) – \(unitName)", "Theo \(data.ruleSet.name)"],
            header: ["STT", "Mã", "Họ và tên", "Chức vụ", "Xếp loại"] + awards.map(\.short),
            rows: data.staff.enumerated().map { index, member in
                [.integer(index + 1), .text(member.code), .text(member.fullName), .text(member.position),
                 .text(data.records[member.id]?.ratings[data.year]?.rawValue ?? "")]
                    + awards.map { .text(data.verdict(member, $0).eligible ? "Đủ" : "Chưa đủ") }
            })
        let names = Dictionary(uniqueKeysWithValues: data.staff.map { ($0.id, $0) })
        let proposals = SheetSpec(
            name: "Danh sách đề nghị", titleRows: ["Danh sách đề nghị khen thưởng năm học \(data.year.name) – \(unitName)"],
            header: ["STT", "Họ và tên", "Chức vụ", "Danh hiệu, hình thức đề nghị", "Căn cứ", "Tình trạng", "Quyết định"],
            rows: data.proposals.enumerated().map { index, p in
                let member = names[p.staffId]
                return [.integer(index + 1), .text(member?.fullName ?? ""), .text(member?.position ?? ""),
                        .text(Award(rawValue: p.award)?.vietnamese ?? p.award), .text(data.ruleSet.rules(for: Award(rawValue: p.award) ?? .ldtt)?.article ?? ""),
                        .text(p.state == "decided" ? "Đã có quyết định" : "Chờ quyết định"),
                        .text(p.decision.map { "\($0) ngày \(p.decidedOn.flatMap(Day.init(iso:))?.vietnamese ?? "")" } ?? "")]
            })
        return [eligibility, proposals]
    }

    // MARK: - One person's explanation

    struct PersonModel: Encodable {
        var unitName: String
        var backURL: String
        var name: String
        var position: String
        var year: String
        var ruleSet: String
        var facts: [String]
        var verdicts: [VerdictView]
    }

    struct VerdictView: Encodable {
        var award: String
        var eligible: Bool
        var unconfirmed: Bool
        var checks: [CheckView]
    }

    struct CheckView: Encodable {
        var text: String
        var article: String
        var confirmed: Bool
        var passed: Bool
        var facts: [String]
        var parts: [CheckView]?
    }

    static func person(_ data: EmulationYear, _ member: EmulationStore.Staff, unitName: String, code: String) -> PersonModel {
        let record = data.records[member.id] ?? PersonRecord()
        var facts = record.ratings.sorted { $0.key < $1.key }.map { "Xếp loại \($0.key.name): \($0.value.vietnamese)" }
        facts += record.titles.map(\.citation)
        facts += record.initiatives.map { "Có \($0.citation)" }
        facts += record.disciplines.map { "Kỷ luật \($0.form.vietnamese) năm \($0.year.name)" }
        if let day = record.recruitedOn { facts.insert("Tuyển dụng ngày \(day.vietnamese)", at: 0) }
        return PersonModel(
            unitName: unitName, backURL: SiteURL.unitEmulation(code).url(.year(data.year)), name: member.fullName, position: member.position,
            year: data.year.name, ruleSet: "\(data.ruleSet.name) (\(data.ruleSet.basis))", facts: facts,
            verdicts: EmulationStore.individualAwards.map { award in
                let verdict = data.verdict(member, award)
                return VerdictView(award: award.vietnamese, eligible: verdict.eligible, unconfirmed: verdict.restsOnUnconfirmed,
                                   checks: verdict.checks.map(view))
            })
    }

    static func view(_ check: Check) -> CheckView {
        CheckView(text: check.text, article: check.article, confirmed: check.confirmed, passed: check.passed, facts: check.facts,
                  parts: check.parts.map(view).nonEmpty)
    }
}

extension Award {
    /// The short form people write in tables.
    var short: String {
        switch self {
        case .ldtt: "LĐTT"
        case .cstdcs: "CSTĐCS"
        case .cstdBo: "CSTĐ cấp tỉnh"
        case .cstdToanQuoc: "CSTĐ toàn quốc"
        case .bangKhenBo: "Bằng khen cấp tỉnh"
        case .bangKhenThuTuong: "Bằng khen Thủ tướng"
        case .ttldtt: "TTLĐTT"
        case .ttldxs: "TTLĐXS"
        case .coBo: "Cờ thi đua Bộ"
        case .coChinhPhu: "Cờ thi đua Chính phủ"
        case .kyNiemChuong: "Kỷ niệm chương"
        }
    }
}
