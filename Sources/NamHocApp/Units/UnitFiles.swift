import Foundation
import NamHocOffice

/// Unit lists as files: what "Xuất Excel" and `namhoc units export` write; imports read them back with
/// `TableFile.readRows` (rows numbered as the sheet numbers them; `UnitImport.parse` finds the header).
enum UnitFiles {
    /// CSV carries machine keys and values (for integrators); XLSX a title row, Vietnamese labels and
    /// kind and ownership names (for people), and any `extraSheets` after the list. Import reads both.
    static func export(_ rows: [[String]], format: String, title: String, display: UnitDisplay,
                       extraSheets: [SheetSpec] = []) throws -> Download {
        switch format.lowercased() {
        case "csv":
            return .csv(header: UnitColumn.allCases.map(\.rawValue), rows: rows)
        case "xlsx":
            let sheet = SheetSpec(name: "Đơn vị", titleRows: [title], header: UnitColumn.allCases.map(\.labelVI),
                                  rows: rows.map { row in
                                      row.enumerated().map { index, value in
                                          switch UnitColumn.allCases[index] {
                                          case .kind: .text(display.kindName(value))
                                          case .ownership: .text(display.ownership(value))
                                          // Real dates (dd/mm/yyyy in Excel); the import reads them back as days.
                                          case .validFrom, .validTo, .parentFrom: CellValue.isoDayOrText(value)
                                          default: .text(value)
                                          }
                                      }
                                  },
                                  columnWidths: [10, 50, 24, 11, 9, 15, 11, 11, 12])
            return try .xlsx([sheet] + extraSheets)
        default:
            throw AppError.invalidField(field: "format", message: "Định dạng \"\(format)\" không được hỗ trợ (csv hoặc xlsx).")
        }
    }
}
