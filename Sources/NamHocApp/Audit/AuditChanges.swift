import Foundation
import NamHocDomain

/// What an audit entry changed, field by field, in words an officer reads: "Vai trò: Người xem → Lãnh
/// đạo". Entries store their before and after snapshots as JSON objects of one level.
struct AuditChange: Encodable, Equatable {
    var field: String
    var before: String
    var after: String

    /// "Tên đơn vị: A → B"; a field only set (creation) reads "Tên đơn vị: B".
    var line: String { before.isEmpty ? "\(field): \(after)" : "\(field): \(before) → \(after)" }

    static func between(_ beforeJSON: String?, _ afterJSON: String?, display: UnitDisplay) -> [AuditChange] {
        let before = object(beforeJSON), after = object(afterJSON)
        let keys = Set(before.keys).union(after.keys).filter { labels[$0] != nil || !$0.isEmpty }
        return keys.sorted { order($0) < order($1) }.compactMap { key in
            if key == "values" { return figureChanges(before[key] as? [String: Any], after[key] as? [String: Any]) }
            let old = text(before[key], key: key, display: display), new = text(after[key], key: key, display: display)
            guard old != new else { return nil }
            return AuditChange(field: labels[key] ?? key, before: old, after: new.isEmpty ? "(trống)" : new)
        }
    }

    /// Field labels, in the order a person reads a record.
    static let fields: [(key: String, label: String)] = [
        ("code", "Mã đơn vị"), ("name", "Tên đơn vị"), ("kind", "Loại đơn vị"), ("levels", "Cấp học"),
        ("ownership", "Loại hình"), ("parentCode", "Đơn vị cấp trên"), ("validFrom", "Hiệu lực từ ngày"),
        ("validTo", "Hiệu lực đến ngày"), ("headName", "Thủ trưởng đơn vị"), ("address", "Địa chỉ"),
        ("phone", "Điện thoại"), ("email", "Thư điện tử"), ("username", "Tên đăng nhập"), ("displayName", "Họ và tên"),
        ("unitCode", "Đơn vị"), ("role", "Vai trò"), ("active", "Trạng thái"), ("deactivatedReason", "Lý do ngừng kích hoạt"),
        ("passwordChanged", "Mật khẩu"), ("scale", "Quy mô"), ("seed", "Hạt giống"), ("units", "Số đơn vị"),
        ("status", "Trạng thái báo cáo"), ("reason", "Lý do"), ("explanations", "Giải trình"), ("values", "Số liệu"),
    ]
    static let labels = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.label) })
    private static func order(_ key: String) -> Int { fields.firstIndex { $0.key == key } ?? fields.count }

    /// "Số liệu: 2105: 966 → 1140; 2105.k1: 190 → 364 (và 1 ô khác)": the cells of a report that changed.
    private static func figureChanges(_ before: [String: Any]?, _ after: [String: Any]?) -> AuditChange? {
        guard before != nil || after != nil else { return nil }
        let old = before ?? [:], new = after ?? [:]
        func plain(_ value: Any?) -> String {
            guard let value else { return "–" }
            if let number = value as? Double, number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
            return "\(value)"
        }
        let changed = Set(old.keys).union(new.keys).sorted().filter { plain(old[$0]) != plain(new[$0]) }
        guard !changed.isEmpty else { return nil }
        let shown = changed.prefix(5).map { "\($0): \(plain(old[$0])) → \(plain(new[$0]))" }
        let more = changed.count > 5 ? " (và \(changed.count - 5) ô khác)" : ""
        return AuditChange(field: "Số liệu", before: "", after: shown.joined(separator: "; ") + more)
    }

    private static func object(_ json: String?) -> [String: Any] {
        guard let data = json?.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    private static func text(_ value: Any?, key: String, display: UnitDisplay) -> String {
        guard let value, !(value is NSNull) else { return "" }
        if key == "active" || key == "passwordChanged", let flag = value as? Bool {
            return key == "active" ? (flag ? "Đang hoạt động" : "Ngừng kích hoạt") : (flag ? "đã đổi" : "")
        }
        if let cells = value as? [String: Any] {
            // A report's figures or explanations: how many, not every cell in the log's line.
            return key == "values" ? "\(cells.count) ô số liệu"
                : cells.keys.sorted().map { "\($0): \(cells[$0].map { "\($0)" } ?? "")" }.joined(separator: "; ")
        }
        let string = (value as? String) ?? "\(value)"
        switch key {
        case "kind": return display.kindName(string)
        case "levels": return display.levels(string)
        case "ownership": return display.ownership(string)
        case "role": return Role(rawValue: string)?.nameVI ?? string
        case "status": return ReportStatus(rawValue: string)?.nameVI ?? string
        case "validFrom", "validTo": return Day(iso: string)?.vietnamese ?? string
        default: return string
        }
    }
}
