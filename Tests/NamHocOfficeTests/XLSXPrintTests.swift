import Foundation
import Testing
@testable import NamHocOffice

/// How written workbooks print (A4, fit to width, repeated title and header rows, page numbers),
/// wrapped text with its row height, and calendar days as real dates.
@Suite struct XLSXPrintTests {
    static let unitHeader = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Cấp học", "Loại hình",
                             "Hiệu lực từ ngày", "Hiệu lực đến ngày", "Trực thuộc cấp trên từ ngày"]
    static let unitWidths: [Double] = [14, 48, 14, 16, 12, 14, 14, 14, 16]

    @Test func every_sheet_repeats_its_title_and_header_rows_on_each_printed_page() throws {
        // setup: two title rows + header; a header only; no header at all; a name with ' and &.
        let sheets = [
            SheetSpec(name: "Trường học", titleRows: ["BÁO CÁO", "Năm học 2024-2025"], header: ["a"], rows: [[.integer(1)]]),
            SheetSpec(name: "Lớp O'Neil & Cô", header: ["a"], rows: [[.integer(1)]]),
            SheetSpec(name: "Trống", header: [], rows: [[.integer(1)]]),
        ]
        // MUT
        let workbook = try Fixture.part(XLSXWriter.write(sheets), "xl/workbook.xml")
        // validate: CT_Workbook puts definedNames after sheets; localSheetId is the 0-based sheet.
        #expect(workbook.contains(
            #"</sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'Trường học'!$1:$3</definedName>"#
            + #"<definedName name="_xlnm.Print_Titles" localSheetId="1">'Lớp O''Neil &amp; Cô'!$1:$1</definedName>"#
            + "</definedNames></workbook>"))
        #expect(!workbook.contains(#"localSheetId="2""#))
        #expect(XLSXWriter.printTitlesReference(sheet: "It's", rows: 2) == "'It''s'!$1:$2")
    }

    @Test func sheets_print_on_a4_fitted_to_the_page_width_with_page_numbers() throws {
        // setup / MUT
        let data = try XLSXWriter.write([SheetSpec(name: "S", titleRows: ["T"], header: ["a", "b"], rows: [[.integer(1), .text("x")]],
                                                   columnWidths: [30, 12])])
        // validate
        let sheet = try Fixture.part(data, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#))
        #expect(sheet.contains(#"<pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" orientation="portrait"/>"#))
        #expect(sheet.contains(#"<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.25" footer="0.3"/>"#))
        #expect(sheet.contains("<headerFooter><oddFooter>&amp;CTrang &amp;P / &amp;N</oddFooter></headerFooter></worksheet>"))
        // The elements in CT_Worksheet's order (Excel refuses a sheet out of order).
        let order = ["<sheetPr>", "<dimension ", "<sheetViews>", "<sheetFormatPr ", "<cols>", "<sheetData>", "<mergeCells ",
                     "<pageMargins ", "<pageSetup ", "<headerFooter>"]
        let positions = order.map { sheet.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "missing: \(zip(order, positions).filter { $0.1 == nil }.map(\.0))")
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted())
        // Our own reader still reads it.
        #expect(try Fixture.rows(data).map(\.1) == [[.text("T")], [.text("a"), .text("b")], [.integer(1), .text("x")]])
    }

    @Test func a_wide_sheet_prints_landscape_a_narrow_one_portrait_unless_the_caller_says() throws {
        // setup: the unit list's 162 characters; the count table's 80; widths estimated from content.
        let wide = SheetSpec(name: "Đơn vị", header: Self.unitHeader, rows: [], columnWidths: Self.unitWidths)
        let narrow = SheetSpec(name: "Theo loại", header: ["Loại", "Công lập", "Ngoài công lập", "Tổng"], rows: [],
                               columnWidths: [40, 12, 16, 12])
        var forced = narrow
        forced.name = "Ngang"
        forced.orientation = .landscape
        let estimated = SheetSpec(name: "Ước lượng", header: ["Ghi chú", "Mô tả"],
                                  rows: [[.text(String(repeating: "chữ ", count: 20)), .text(String(repeating: "dài ", count: 20))]])
        // MUT
        let data = try XLSXWriter.write([wide, narrow, forced, estimated])
        // validate
        func orientation(_ n: Int) throws -> String? {
            let sheet = try Fixture.part(data, "xl/worksheets/sheet\(n).xml")
            return sheet.range(of: #"orientation="[a-z]+""#, options: .regularExpression).map { String(sheet[$0]) }
        }
        #expect(try orientation(1) == #"orientation="landscape""#)
        #expect(try orientation(2) == #"orientation="portrait""#)
        #expect(try orientation(3) == #"orientation="landscape""#)
        #expect(try orientation(4) == #"orientation="landscape""#)  // 60 + 60 characters
    }

    @Test func text_cells_wrap_inside_their_column_and_their_rows_are_as_tall_as_the_lines() throws {
        // setup: a name longer than its 48-character column, a short one, a header that wraps in 16.
        let long = "Trường Tiểu học và Trung học cơ sở Nguyễn Văn Trỗi, xã Phù Đổng số 7 (điểm trường chính)"
        let rows: [[CellValue]] = [
            [.text("T00001"), .text("Trường Tiểu học số 1 Phường Ba Đình"), .text("Trường tiểu học")],
            [.text("T00007"), .text(long), .text("Trường tiểu học")],
            [.text("T00008"), .text("một\nhai\nba"), .integer(3)],
        ]
        // MUT
        let data = try XLSXWriter.write([SheetSpec(name: "S", titleRows: ["T"], header: ["Mã", "Tên đơn vị", "Mã đơn vị cấp trên"],
                                                   rows: rows, columnWidths: [14, 48, 16])])
        // validate: body text uses style 3, which wraps and sits at the top of the row.
        let sheet = try Fixture.part(data, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<c r="B4" s="3" t="s">"#))
        let styles = try Fixture.part(data, "xl/styles.xml")
        let cellXfs = styles.components(separatedBy: "<cellXfs")[1].components(separatedBy: "</cellXfs>")[0]
        let xfs = cellXfs.components(separatedBy: "<xf ").dropFirst().map { $0 }
        #expect(xfs[XLSXStyles.Style.text.rawValue].contains(#"<alignment vertical="top" wrapText="1"/>"#))
        #expect(xfs[XLSXStyles.Style.header.rawValue].contains(#"wrapText="1""#))
        // Row heights: LibreOffice does not fit rows on opening, so multi-line rows carry theirs.
        #expect(sheet.contains(#"<row r="1" ht="21" customHeight="1">"#))
        #expect(sheet.contains(#"<row r="2" ht="31.5">"#))  // "Mã đơn vị cấp trên" in 16: two lines
        #expect(sheet.contains(#"<row r="3">"#))
        #expect(sheet.contains(#"<row r="4" ht="31.5">"#))
        #expect(sheet.contains(#"<row r="5" ht="47.25">"#))
        #expect(!sheet.contains("customHeight=\"1\"><c r=\"A2\""))  // Excel may still refit them
        // Caller's widths are kept.
        #expect(sheet.contains(#"<col min="2" max="2" width="48.0" customWidth="1"/>"#))
    }

    @Test func line_estimates_match_what_libreoffice_shows() {
        // Measured with LibreOffice 7.4 (Liberation Serif, Times New Roman's metrics) on A4 print.
        // MUT + validate
        #expect(TextLines.count("Trường tiểu học", width: 14, bold: false) == 1)
        #expect(TextLines.count("Trường Tiểu học số 3000 Phường Ba Đình", width: 48, bold: false) == 1)
        #expect(TextLines.count("Trường Tiểu học và Trung học cơ sở Nguyễn Văn Trỗi, xã Phù Đổng số 7 (điểm trường chính)",
                                width: 48, bold: false) == 2)
        #expect(TextLines.count("Mã đơn vị cấp trên", width: 16, bold: true) == 2)
        #expect(TextLines.count("Trực thuộc cấp trên từ ngày", width: 16, bold: true) == 2)
        #expect(TextLines.count("Tên đơn vị", width: 48, bold: true) == 1)
        #expect(TextLines.count("2025-07-01", width: 14, bold: false) == 1)
        #expect(TextLines.count("", width: 10, bold: false) == 1)
        #expect(TextLines.count("a\n\nb", width: 10, bold: false) == 3)
        // A word wider than the column is broken; a huge text stops counting at Excel's row limit.
        #expect(TextLines.count(String(repeating: "x", count: 60), width: 10, bold: false) >= 6)
        #expect(TextLines.count(String(repeating: "chữ ", count: 10_000), width: 10, bold: false) == TextLines.maxLines)
    }

    @Test func a_day_is_written_as_a_real_date_and_read_back_as_the_same_iso_day() throws {
        // setup: days from ISO text and from parts, the first Excel shows right, the end of a leap February.
        let days = ["2025-07-01", "1900-03-01", "2024-02-29", "2024-12-31", "9999-12-31"]
        let cells = try days.map { try #require(CellValue.isoDay($0)) }
        #expect(CellValue.day(year: 2025, month: 7, day: 1) == cells[0])
        // MUT
        let data = try XLSXWriter.write([SheetSpec(name: "S", header: ["Ngày"], rows: cells.map { [$0] })])
        // validate: a whole serial with the dd/mm/yyyy style (2025-07-01 is Excel's day 45839).
        let sheet = try Fixture.part(data, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<c r="A2" s="\#(XLSXStyles.Style.date.rawValue)"><v>45839.0</v></c>"#))
        #expect(sheet.contains(#"<c r="A3" s="\#(XLSXStyles.Style.date.rawValue)"><v>61.0</v></c>"#))
        let read = try Fixture.rows(data).dropFirst().map { $0.1[0] }
        #expect(read == cells)
        #expect(read.map(\.isoDayString) == days)
        #expect(try TableFile.readRows(data, filename: "x.xlsx").dropFirst().map { $0[0] } == days)
        // Re-saved the way LibreOffice saves dates (t="d" ISO cells) or as a bare serial with a built-in
        // date format, the day is still the same.
        // setup: a t="d" cell, as LibreOffice writes it
        let iso = try Fixture.workbook(sheets: [("S", #"<row r="1"><c r="A1" t="d"><v>2025-07-01T00:00:00</v></c></row>"#)])
        // MUT + validate
        #expect(try Fixture.rows(iso)[0].1 == [cells[0]])
        // setup: a bare serial with a built-in date format
        let styles = #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#
        let serial = try Fixture.workbook(sheets: [("S", #"<row r="1"><c r="A1" s="1"><v>45839</v></c></row>"#)], styles: styles)
        // MUT + validate
        #expect(try Fixture.rows(serial)[0].1[0].isoDayString == "2025-07-01")
    }

    @Test func text_that_is_not_a_day_is_refused_or_kept_as_text() {
        // MUT + validate: text that is not an ISO day
        for text in ["2025-02-30", "2025-13-01", "2025-7-1", "01/07/2025", "2025-07-01T08:00", " 2025-07-01", "1900-02-28", "", "abcd-ef-gh"] {
            #expect(CellValue.isoDay(text) == nil, "\(text)")
        }
        // MUT + validate: a day that does not exist, and text kept as text
        #expect(CellValue.day(year: 2023, month: 2, day: 29) == nil)
        #expect(CellValue.isoDayOrText("2025-07-01") == CellValue.isoDay("2025-07-01"))
        #expect(CellValue.isoDayOrText(" 2025-07-01 ") == CellValue.isoDay("2025-07-01"))
        #expect(CellValue.isoDayOrText("") == .empty)
        #expect(CellValue.isoDayOrText("  ") == .empty)
        #expect(CellValue.isoDayOrText("không rõ") == .text("không rõ"))
        #expect(CellValue.text("2025-07-01").isoDayString == nil)
    }
}
