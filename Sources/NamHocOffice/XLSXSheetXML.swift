import Foundation

/// The XML of one worksheet: title rows merged across the table, a frozen bold header, data.
enum SheetXML {
    typealias Style = XLSXStyles.Style

    static func build(_ spec: SheetSpec, selected: Bool, strings: inout SharedStringTable) -> [UInt8] {
        let columns = max(1, spec.header.count, spec.rows.map(\.count).max() ?? 0)
        let lastColumn = CellReference.columnName(columns - 1)
        let headerRows = spec.header.isEmpty ? 0 : 1
        let totalRows = spec.titleRows.count + headerRows + spec.rows.count
        let frozen = spec.freezeHeader ? spec.titleRows.count + headerRows : 0

        var x = XMLBuffer()
        x.bytes.reserveCapacity(64 + spec.rows.count * columns * 24)
        x.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        x.raw(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#)
        x.raw(#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        x.raw(#"<dimension ref="A1:\#(lastColumn)\#(max(totalRows, 1))"/>"#)
        x.raw(#"<sheetViews><sheetView workbookViewId="0""# + (selected ? #" tabSelected="1""# : "") + ">")
        if frozen > 0 {
            x.raw(#"<pane ySplit="\#(frozen)" topLeftCell="A\#(frozen + 1)" activePane="bottomLeft" state="frozen"/>"#)
            x.raw(#"<selection pane="bottomLeft" activeCell="A\#(frozen + 1)" sqref="A\#(frozen + 1)"/>"#)
        }
        x.raw(#"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15.75"/><cols>"#)
        let widths = spec.columnWidths ?? estimatedWidths(spec, columns: columns)
        for (i, width) in widths.prefix(columns).enumerated() {
            x.raw(#"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(width)" customWidth="1"/>"#)
        }
        if widths.isEmpty { x.raw(#"<col min="1" max="1" width="12" customWidth="1"/>"#) }
        x.raw("</cols><sheetData>")

        var rowNumber = 0
        for title in spec.titleRows {
            rowNumber += 1
            x.raw(#"<row r="\#(rowNumber)" ht="21" customHeight="1">"#)
            cell(&x, column: 0, row: rowNumber, value: .text(title), style: .title, strings: &strings)
            x.raw("</row>")
        }
        if headerRows > 0 {
            rowNumber += 1
            x.raw(#"<row r="\#(rowNumber)">"#)
            for (c, title) in spec.header.enumerated() {
                cell(&x, column: c, row: rowNumber, value: .text(title), style: .header, strings: &strings)
            }
            x.raw("</row>")
        }
        for values in spec.rows {
            rowNumber += 1
            x.raw(#"<row r="\#(rowNumber)">"#)
            for (c, value) in values.enumerated() {
                cell(&x, column: c, row: rowNumber, value: value, style: nil, strings: &strings)
            }
            x.raw("</row>")
        }
        x.raw("</sheetData>")
        if columns > 1 && !spec.titleRows.isEmpty {
            x.raw(#"<mergeCells count="\#(spec.titleRows.count)">"#)
            for r in 1...spec.titleRows.count { x.raw(#"<mergeCell ref="A\#(r):\#(lastColumn)\#(r)"/>"#) }
            x.raw("</mergeCells>")
        }
        x.raw(#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#)
        x.raw(#"<pageSetup paperSize="9" orientation="landscape"/></worksheet>"#)
        return x.bytes
    }

    private static func cell(
        _ x: inout XMLBuffer, column: Int, row: Int, value: CellValue, style: Style?,
        strings: inout SharedStringTable
    ) {
        let ref = CellReference.columnName(column) + String(row)
        switch value {
        case .text(let raw):
            let s = OfficeText.fittingCell(OfficeText.normalize(raw))
            if s.isEmpty { return emptyCell(&x, ref, style) }
            // Always a shared string, never <f>: "=SUM(…)" typed by a user stays text.
            x.raw(#"<c r="\#(ref)" s="\#((style ?? .text).rawValue)" t="s"><v>\#(strings.id(for: s))</v></c>"#)
        case .integer(let i):
            x.raw(#"<c r="\#(ref)" s="\#((style ?? .integer).rawValue)"><v>\#(i)</v></c>"#)
        case .number(let d):
            guard d.isFinite else { return emptyCell(&x, ref, style) }
            x.raw(#"<c r="\#(ref)" s="\#((style ?? .number).rawValue)"><v>\#(d)</v></c>"#)
        case .percent(let p):
            guard p.isFinite else { return emptyCell(&x, ref, style) }
            x.raw(#"<c r="\#(ref)" s="\#((style ?? .percent).rawValue)"><v>\#(p / 100)</v></c>"#)
        case .date(let date):
            let kind: Style = ExcelDate.hasTime(date) ? .dateTime : .date
            x.raw(#"<c r="\#(ref)" s="\#((style ?? kind).rawValue)"><v>\#(ExcelDate.serial(date))</v></c>"#)
        case .bool(let b):
            x.raw(#"<c r="\#(ref)" s="\#((style ?? .bool).rawValue)" t="b"><v>\#(b ? 1 : 0)</v></c>"#)
        case .empty:
            emptyCell(&x, ref, style)
        }
    }

    private static func emptyCell(_ x: inout XMLBuffer, _ ref: String, _ style: Style?) {
        x.raw(#"<c r="\#(ref)" s="\#((style ?? .empty).rawValue)"/>"#)
    }

    /// Widths from the longest text in the header and first rows, within readable bounds.
    static func estimatedWidths(_ spec: SheetSpec, columns: Int) -> [Double] {
        var longest = [Int](repeating: 6, count: columns)
        for (c, title) in spec.header.enumerated() { longest[c] = max(longest[c], title.count + 2) }
        for row in spec.rows.prefix(200) {
            for (c, value) in row.enumerated() {
                let length: Int
                switch value {
                case .text(let s): length = s.count
                case .integer(let i): length = String(i).count + String(i).count / 3
                case .number, .percent: length = 10
                case .date: length = 11
                case .bool, .empty: length = 5
                }
                longest[c] = max(longest[c], length + 2)
            }
        }
        return longest.map { Double(min($0, 60)) }
    }
}
