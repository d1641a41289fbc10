import Foundation
import NamHocText

/// The columns of a unit list, as files carry them: the machine key (CSV, API) or the Vietnamese label
/// (the Excel sheet people fill in). Import accepts either.
enum UnitColumn: String, CaseIterable, Sendable {
    case code
    case name
    case kind
    case parentCode = "parent_code"
    case levels
    case ownership
    case validFrom = "valid_from"
    case validTo = "valid_to"
    case parentFrom = "parent_from"

    var labelVI: String {
        switch self {
        case .code: "Mã đơn vị"
        case .name: "Tên đơn vị"
        case .kind: "Loại đơn vị"
        case .parentCode: "Mã đơn vị cấp trên"
        case .levels: "Cấp học"
        case .ownership: "Loại hình"
        case .validFrom: "Hiệu lực từ ngày"
        case .validTo: "Hiệu lực đến ngày"
        case .parentFrom: "Trực thuộc cấp trên từ ngày"
        }
    }

    /// The column's position in a file row.
    var index: Int { Self.allCases.firstIndex(of: self)! }

    static func match(_ header: String) -> UnitColumn? {
        let key = VietnameseText.searchKey(header).replacingOccurrences(of: " ", with: "_")
        return allCases.first { $0.rawValue == key || VietnameseText.searchKey($0.labelVI).replacingOccurrences(of: " ", with: "_") == key }
    }
}
