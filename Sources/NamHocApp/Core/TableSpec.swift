import Foundation
import NamHocDomain
import NamHocOffice
import NamHocText

/// One column list for a table that is both a page and an Excel file: the page and "Xuất Excel" read the
/// same columns, so they cannot drift apart.
struct TableSpec<Row> {
    struct Column {
        var title: String
        /// Width in characters in the Excel file.
        var width: Double
        var value: (Row) -> CellValue
        /// A link for the page's cell.
        var link: ((Row) -> String?)? = nil
        /// Hidden on a phone (the page only).
        var hideOnPhone = false
    }

    var columns: [Column]

    func sheet(_ rows: [Row], name: String, title: String) -> SheetSpec {
        SheetSpec(name: name, titleRows: [title], header: columns.map(\.title),
                  rows: rows.map { row in columns.map { $0.value(row) } }, columnWidths: columns.map(\.width))
    }

    func html(_ rows: [Row], extra: (Row) -> [String: String] = { _ in [:] }) -> HTMLTable {
        HTMLTable(
            header: columns.map { .init(title: $0.title, numeric: false, hideOnPhone: $0.hideOnPhone) },
            rows: rows.map { row in
                HTMLTable.Row(cells: columns.map { column in
                    let value = column.value(row)
                    return .init(text: Self.text(value), url: column.link?(row), numeric: Self.isNumeric(value), hideOnPhone: column.hideOnPhone)
                }, extra: extra(row))
            })
    }

    /// A cell as the page shows it, in Vietnamese formats: a day cell (midnight in Vietnam) as a date, any
    /// other instant with its time.
    static func text(_ value: CellValue) -> String {
        switch value {
        case .text(let text): text
        case .integer(let number): VietnameseFormat.integer(number)
        case .number(let number): VietnameseFormat.decimal(number)
        case .percent(let share): VietnameseFormat.percent(share)
        case .bool(let flag): flag ? "Có" : "Không"
        case .date(let date):
            value.isoDayString.flatMap { CellValue.isoDay($0) } == value
                ? VietnameseFormat.date(date) : VietnameseFormat.dateTime(date)
        case .empty: ""
        }
    }

    static func isNumeric(_ value: CellValue) -> Bool {
        switch value {
        case .integer, .number, .percent: true
        default: false
        }
    }
}

/// A table ready for `partials/table.leaf` (or a page's own loop when rows carry actions: `extra`).
struct HTMLTable: Encodable {
    struct Header: Encodable { var title: String; var numeric: Bool; var hideOnPhone: Bool }
    struct Cell: Encodable { var text: String; var url: String?; var numeric: Bool; var hideOnPhone: Bool }
    struct Row: Encodable { var cells: [Cell]; var extra: [String: String] }
    var header: [Header]
    var rows: [Row]
}
