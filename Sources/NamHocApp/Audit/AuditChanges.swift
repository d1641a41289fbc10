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
    ]
    static let labels = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.label) })
    private static func order(_ key: String) -> Int { fields.firstIndex { $0.key == key } ?? fields.count }

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
        let string = (value as? String) ?? "\(value)"
        switch key {
        case "kind": return display.kindName(string)
        case "levels": return display.levels(string)
        case "ownership": return display.ownership(string)
        case "role": return Role(rawValue: string)?.nameVI ?? string
        case "validFrom", "validTo": return Day(iso: string)?.vietnamese ?? string
        default: return string
        }
    }
}
