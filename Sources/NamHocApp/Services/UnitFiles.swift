import Foundation
import NamHocOffice

/// Unit lists as files: what "Xuất Excel", `namhoc units export` and `namhoc units import` exchange.
enum UnitFiles {
    /// CSV carries the machine keys as header (for integrators); XLSX a title row and the Vietnamese
    /// labels (for people), and any `extraSheets` after the list. Import reads both (the first sheet).
    static func export(_ rows: [[String]], format: String, title: String, extraSheets: [SheetSpec] = []) throws -> Download {
        switch format.lowercased() {
        case "csv":
            return .csv(header: UnitColumn.allCases.map(\.rawValue), rows: rows)
        case "xlsx":
            let sheet = SheetSpec(name: "Đơn vị", titleRows: [title], header: UnitColumn.allCases.map(\.labelVI),
                                  rows: rows.map { $0.map { CellValue.text($0) } },
                                  columnWidths: [14, 48, 14, 16, 12, 14, 14, 14, 16])
            return try .xlsx([sheet] + extraSheets)
        default:
            throw AppError.invalidField(field: "format", message: "Định dạng \"\(format)\" không được hỗ trợ (csv hoặc xlsx).")
        }
    }

    /// Rows of a CSV or XLSX unit list. An XLSX written by NamHoc has a title row above the header:
    /// rows before the first one that names the code column are skipped.
    static func read(_ data: Data, filename: String?) throws -> [[String]] {
        let rows = try TableFile.readRows(data, filename: filename)
        guard let headerIndex = rows.firstIndex(where: { $0.contains { UnitColumn.match($0) == .code } }) else { return rows }
        return Array(rows[headerIndex...])
    }
}
