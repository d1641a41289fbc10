import Foundation
import NamHocText

/// A readable Vietnamese summary of a reading, for the command line.
public func summaryVI(_ r: DirectiveReading) -> String {
    var out: [String] = []
    func fmt(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return VietnameseFormat.integer(Int(x)) }
        return VietnameseFormat.decimal(x, fractionDigits: 1)
    }
    if let d = r.document {
        var head = [d.type?.value, d.symbol.map { "số \($0.value)" }].compactMap { $0 }.joined(separator: " ")
        if let date = d.date?.value { head += " ngày \(isoToVI(date))" }
        if let place = d.place?.value { head += " (\(place))" }
        out.append("Văn bản: \(head)")
        if let b = d.issuingBody?.value { out.append("Cơ quan ban hành: \(b)") }
        if let title = d.title?.value { out.append("Trích yếu: \(title)") }
        if let s = d.signer?.value { out.append("Người ký: \(s)\(d.signingTitle.map { " – \($0.value)" } ?? "")") }
    } else if let i = r.issuer {
        out.append("Người/cơ quan chỉ đạo: \([i.office, i.person].compactMap { $0 }.joined(separator: " "))")
    }
    if let y = r.schoolYear { out.append("Năm học: \(y.value)") }
    if let th = r.theme { out.append("Chủ đề năm học: “\(th.value)”") }
    if let n = r.announcedTaskCount { out.append("Số nhiệm vụ công bố: \(n.value)") }
    if !r.tasks.isEmpty {
        out.append("Nhiệm vụ trọng tâm (\(r.tasks.count)):")
        for t in r.tasks {
            out.append("  \(t.number). \(t.title)")
            for s in t.subtasks { out.append("     \(s.label == "-" || s.label == "+" ? "-" : s.label + ")") \(s.text)") }
        }
    }
    if !r.figures.isEmpty {
        out.append("Số liệu:")
        for f in r.figures {
            var line = "  - " + (f.value.map { fmt($0) + (f.unit ?? "") } ?? "")
            if let o = f.object { line += " \(o)" }
            if let c = f.change { line += " (\(c >= 0 ? "tăng" : "giảm") \(fmt(abs(c)))\(f.unit ?? ""))" }
            if let i = f.indicator { line += " [\(i)]" }
            if f.target { line += " – chỉ tiêu" }
            out.append(line)
        }
    }
    if !r.references.isEmpty {
        out.append("Văn bản dẫn chiếu:")
        for ref in r.references {
            var line = "  - " + [ref.type, ref.symbol].compactMap { $0 }.joined(separator: " ")
            if let d = ref.date { line += " ngày \(isoToVI(d))" }
            if let i = ref.issuer { line += " của \(i)" }
            out.append(line)
        }
    }
    let relVI = ["before": "trước ", "from": "từ ", "until": "đến ", "after": "sau "]
    if !r.dates.isEmpty { out.append("Mốc thời gian: " + r.dates.map { (relVI[$0.relation ?? ""] ?? "") + isoToVI($0.date) }.joined(separator: "; ")) }
    if !r.periods.isEmpty { out.append("Thời kỳ: " + r.periods.map(\.label).joined(separator: "; ")) }
    if !r.places.isEmpty { out.append("Địa danh: " + r.places.map(\.name).joined(separator: "; ")) }
    if !r.units.isEmpty { out.append("Đơn vị: " + r.units.map(\.name).joined(separator: "; ")) }
    if !r.movements.isEmpty { out.append("Phong trào, cuộc vận động: " + r.movements.map { "“\($0.value)”" }.joined(separator: "; ")) }
    return out.joined(separator: "\n")
}

/// "2024-10-20" → "20/10/2024"; "--01-16" → "16/01".
func isoToVI(_ iso: String) -> String {
    let parts = iso.split(separator: "-").map(String.init)
    if iso.hasPrefix("--"), parts.count == 2 { return "\(parts[1])/\(parts[0])" }
    if parts.count == 3 { return "\(parts[2])/\(parts[1])/\(parts[0])" }
    return iso
}
