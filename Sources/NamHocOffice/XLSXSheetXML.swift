import Foundation

/// The XML of one worksheet: title rows merged across the table, a frozen bold header, data,
/// and how it prints (A4, scaled to the page width, title and header rows on every page).
///
/// Elements follow CT_Worksheet's sequence (ECMA-376 Part 1, §18.3.1.99): sheetPr, dimension,
/// sheetViews, sheetFormatPr, cols, sheetData, …, mergeCells, …, printOptions, pageMargins,
/// pageSetup, headerFooter; Excel refuses a sheet whose elements are out of order.
enum SheetXML {
    typealias Style = XLSXStyles.Style

    /// Sheets whose columns add up to more characters than this print in landscape: A4 portrait
    /// holds about 90 characters of Times New Roman 12 between its margins, so up to 100 the
    /// fit-to-width shrink stays slight, and past it landscape reads better.
    static let landscapeWidth = 100.0
    /// Width of a column the sheet gives none (Excel's default).
    static let defaultColumnWidth = 8.43

    /// Title rows and the header: the rows repeated at the top of every printed page.
    static func printTitleRows(_ spec: SheetSpec) -> Int {
        spec.titleRows.count + (spec.header.isEmpty ? 0 : 1)
    }

    static func build(_ spec: SheetSpec, selected: Bool, strings: inout SharedStringTable) -> [UInt8] {
        let columns = max(1, spec.header.count, spec.rows.map(\.count).max() ?? 0)
        let lastColumn = CellReference.columnName(columns - 1)
        let headerRows = spec.header.isEmpty ? 0 : 1
        let totalRows = spec.titleRows.count + headerRows + spec.rows.count
        let frozen = spec.freezeHeader ? spec.titleRows.count + headerRows : 0
        let widths = spec.columnWidths ?? estimatedWidths(spec, columns: columns)
        let printedWidths = (0 ..< columns).map { $0 < widths.count ? widths[$0] : ($0 == 0 && widths.isEmpty ? 12 : defaultColumnWidth) }
        let landscape = (spec.orientation ?? (printedWidths.reduce(0, +) > landscapeWidth ? .landscape : .portrait)) == .landscape

        var x = XMLBuffer()
        x.bytes.reserveCapacity(64 + spec.rows.count * columns * 24)
        x.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        x.raw(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#)
        x.raw(#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        // fitToPage makes pageSetup's fitToWidth/fitToHeight count (instead of its scale).
        x.raw(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#)
        x.raw(#"<dimension ref="A1:\#(lastColumn)\#(max(totalRows, 1))"/>"#)
        x.raw(#"<sheetViews><sheetView workbookViewId="0""# + (selected ? #" tabSelected="1""# : "") + ">")
        if frozen > 0 {
            x.raw(#"<pane ySplit="\#(frozen)" topLeftCell="A\#(frozen + 1)" activePane="bottomLeft" state="frozen"/>"#)
            x.raw(#"<selection pane="bottomLeft" activeCell="A\#(frozen + 1)" sqref="A\#(frozen + 1)"/>"#)
        }
        x.raw(#"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15.75"/><cols>"#)
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
            let lines = spec.header.enumerated().reduce(1) { most, column in
                max(most, TextLines.count(column.element, width: printedWidths[column.offset], bold: true))
            }
            x.raw(#"<row r="\#(rowNumber)""# + rowHeight(lines) + ">")
            for (c, title) in spec.header.enumerated() {
                cell(&x, column: c, row: rowNumber, value: .text(title), style: .header, strings: &strings)
            }
            x.raw("</row>")
        }
        for values in spec.rows {
            rowNumber += 1
            var lines = 1
            for (c, value) in values.enumerated() where c < columns {
                if case .text(let s) = value { lines = max(lines, TextLines.count(s, width: printedWidths[c], bold: false)) }
            }
            x.raw(#"<row r="\#(rowNumber)""# + rowHeight(lines) + ">")
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
        // Print: margins in inches (1 cm at the sides, 1,3 cm at the top, 1,5 cm at the bottom with
        // the footer in it); A4 (paperSize 9), as wide as the page and as many pages long as needed
        // (fitToHeight 0); "Trang 3 / 12" centred in the footer. The repeated rows are the
        // workbook's _xlnm.Print_Titles name (XLSXWriter.workbookXML).
        x.raw(#"<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.25" footer="0.3"/>"#)
        x.raw(#"<pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" orientation="\#(landscape ? "landscape" : "portrait")"/>"#)
        x.raw("<headerFooter><oddFooter>&amp;CTrang &amp;P / &amp;N</oddFooter></headerFooter>")
        x.raw("</worksheet>")
        return x.bytes
    }

    /// Line height of Times New Roman 12 (Excel's default row height for it); a row of several
    /// lines gets its height written, as Excel itself saves it: LibreOffice does not fit rows to
    /// wrapped text when it opens a file, so without it the lines spill over the rows below.
    /// No customHeight: Excel still refits the row to its content.
    static let lineHeight = 15.75

    private static func rowHeight(_ lines: Int) -> String {
        guard lines > 1 else { return "" }
        return #" ht="\#(min(Double(lines) * lineHeight, 409.5))""#
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
