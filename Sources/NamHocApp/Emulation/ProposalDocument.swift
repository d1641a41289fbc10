import Foundation
import NamHocDomain
import NamHocOffice
import Vapor

/// The proposal file (tờ trình đề nghị khen thưởng with its list) in the layout of Nghị định 30/2020:
/// the unit's proposals of the year grouped by award, each person with the rules they meet and the article.
enum ProposalDocument {
    static func data(_ year: EmulationYear, unit: Unit, path: [Unit], now: Date) throws -> Data {
        let parent = path.dropLast().last
        let names = Dictionary(uniqueKeysWithValues: year.staff.map { ($0.id, $0) })
        let groups = Dictionary(grouping: year.proposals, by: \.award)
        let sections = Award.allCases.compactMap { award -> OfficialDocument.Section? in
            guard let proposals = groups[award.rawValue], !proposals.isEmpty else { return nil }
            let rules = year.ruleSet.rules(for: award)
            return OfficialDocument.Section(
                heading: "Danh hiệu, hình thức “\(award.vietnamese)”: \(proposals.count) cá nhân",
                paragraphs: ["Căn cứ: \(rules?.article ?? year.ruleSet.basis). Thẩm quyền: \(rules?.awardedBy ?? "")."],
                table: .init(header: ["STT", "Họ và tên", "Chức vụ", "Thành tích, điều kiện đạt", "Tình trạng"],
                             rows: proposals.enumerated().map { index, p in
                                 let member = names[p.staffId]
                                 let verdict = member.map { year.verdict($0, award) }
                                 let met = verdict?.checks.filter(\.passed).map { $0.text }.joined(separator: "; ") ?? ""
                                 return [String(index + 1), member?.fullName ?? "", member?.position ?? "", met,
                                         p.decision.map { "Đã có QĐ \($0)" } ?? "Đề nghị"]
                             }))
        }
        let document = OfficialDocument(
            issuingBodyParent: parent?.name.uppercased(), issuingBody: unit.name.uppercased(), number: "     /TTr-\(unit.code)",
            place: Briefing.place(onPath: path), date: now, type: "TỜ TRÌNH",
            title: "Đề nghị công nhận danh hiệu thi đua và khen thưởng năm học \(year.year.name)",
            preamble: [
                "Kính gửi: \(parent?.name ?? "Hội đồng Thi đua – Khen thưởng").",
                "Căn cứ \(year.ruleSet.basis);",
                "Căn cứ kết quả bình xét thi đua năm học \(year.year.name) của \(unit.name); mỗi trường hợp dưới đây đã được đối chiếu "
                    + "với từng điều kiện của \(year.ruleSet.name),",
                "\(unit.name) kính đề nghị \(parent?.name ?? "cấp có thẩm quyền") xem xét, quyết định công nhận danh hiệu thi đua và khen thưởng cho "
                    + "\(year.proposals.count) cá nhân có tên trong danh sách sau:",
            ],
            sections: sections.isEmpty ? [.init(heading: "Danh sách đề nghị", paragraphs: ["Chưa có đề nghị nào trong năm học."])] : sections,
            signer: .init(title: "THỦ TRƯỞNG ĐƠN VỊ", name: unit.headName ?? ""), recipients: ["Như trên;", "Lưu: VT, TĐKT."])
        return try DOCXWriter.write(document)
    }

    static func response(_ data: Data, unit: Unit, year: SchoolYear) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
        response.headers.contentDisposition = .init(.attachment, filename: "to-trinh-khen-thuong-\(unit.code)-\(year.name).docx")
        return response
    }
}
