import Foundation
import Testing
@testable import NamHocOffice

/// Hand-made workbooks in the XML dialects of other producers.
@Suite struct XLSXFixtureTests {
    /// LibreOffice: styles with custom date formats, shared strings with rich text and phonetic
    /// runs, self-closing styled empty cells, `t="d"`, entities.
    static let libreOfficeStyles = #"""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="DD/MM/YYYY"/><numFmt numFmtId="165" formatCode="[$-42A]0.0%"/></numFmts>
    <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="14"/><xf numFmtId="4"/></cellXfs></styleSheet>
    """#

    static let libreOfficeStrings = #"""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
    <si><t xml:space="preserve">Trường THCS Nguyễn Trãi</t></si>
    <si><r><rPr><b val="true"/><sz val="10"/></rPr><t>Đặng </t></r><r><t xml:space="preserve">Thùy Trâm</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>
    <si><t>A &amp; B &lt;1&gt; &#x1EA1;&#7841;</t></si>
    <si><t/></si>
    </sst>
    """#

    @Test func libreoffice_style_workbook_reads_every_kind() throws {
        // setup
        let sheet = #"""
        <row r="1" spans="1:6"><c r="A1" s="0" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" s="0"/><c r="E1" t="s"><v>3</v></c></row>
        <row r="3"><c r="A3" s="1"><v>45540</v></c><c r="B3" s="2"><v>0.726</v></c><c r="C3" s="3"><v>45296.5</v></c><c r="D3" s="4"><v>12</v></c><c r="F3"><v>2222246</v></c></row>
        <row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="e"><v>#DIV/0!</v></c><c r="C4" t="str"><f>A1&amp;"x"</f><v>kết quả</v></c><c r="D4" t="d"><v>2024-09-05</v></c><c r="E4"><v>1.5E3</v></c><c r="F4"><v>-0.25</v></c></row>
        """#
        let data = try Fixture.workbook(sheets: [("Sheet1", sheet)], sharedStrings: Self.libreOfficeStrings, styles: Self.libreOfficeStyles)

        // MUT
        let rows = try Fixture.rows(data)

        // validate
        #expect(rows.map(\.0) == [1, 3, 4])
        #expect(rows[0].1 == [.text("Trường THCS Nguyễn Trãi"), .text("Đặng Thùy Trâm"), .text("A & B <1> ạạ"), .empty, .empty])
        #expect(rows[1].1 == [.date(Fixture.date(2024, 9, 5)), .percent(72.6), .date(Fixture.date(2024, 1, 5, 12)),
                              .number(12), .empty, .integer(2_222_246)])
        #expect(rows[2].1 == [.bool(true), .text("#DIV/0!"), .text("kết quả"), .date(Fixture.date(2024, 9, 5)),
                              .integer(1500), .number(-0.25)])
    }

    @Test func prefixed_namespace_inline_strings_and_missing_references() throws {
        // setup: the x: prefix (.NET Open XML SDK, some Google exports), rows and cells without r.
        let sheet = #"""
        <x:row><x:c t="inlineStr"><x:is><x:t>Mã</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:r><x:t>Tên </x:t></x:r><x:r><x:t>trường</x:t></x:r></x:is></x:c></x:row>
        <x:row><x:c><x:v>7</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:t><![CDATA[<b>&</b>]]></x:t></x:is></x:c><x:c><x:v>8</x:v></x:c></x:row>
        """#
        let data = try Fixture.workbook(sheets: [("Dữ liệu", sheet), ("Khác", "<x:row r=\"2\"/>")], prefix: "x")

        // MUT
        let reader = try XLSXReader(data: data)
        let rows = try Fixture.rows(data, sheet: "Dữ liệu")

        // validate
        #expect(reader.sheetNames == ["Dữ liệu", "Khác"])
        #expect(rows.map(\.0) == [1, 2])
        #expect(rows[0].1 == [.text("Mã"), .text("Tên trường")])
        #expect(rows[1].1 == [.integer(7), .empty, .empty, .text("<b>&</b>"), .integer(8)])
        #expect(try Fixture.rows(data, sheet: "Khác").map(\.0) == [2])
    }

    @Test func nfd_and_legacy_text_come_back_nfc() throws {
        // setup: "Trường" decomposed (NFD), as macOS and some exports write it.
        let nfd = "Tru\u{031B}o\u{031B}\u{0300}ng"
        let sheet = #"<row r="1"><c r="A1" t="inlineStr"><is><t>\#(nfd)</t></is></c></row>"#
        let data = try Fixture.workbook(sheets: [("S", sheet)])
        // MUT / validate
        #expect(try Fixture.rows(data)[0].1 == [.text("Trường")])
    }

    @Test func merged_ranges_and_date1904() throws {
        // setup
        let styles = #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#
        var data = try Fixture.workbook(sheets: [("S", #"<row r="1"><c r="A1" s="1"><v>0</v></c></row>"#)], styles: styles,
                                        extraSheetXML: #"<mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="B2:B3"/></mergeCells>"#)
        // MUT / validate
        #expect(try XLSXReader(data: data).mergedRanges(sheet: nil) == ["A1:D1", "B2:B3"])
        #expect(try Fixture.rows(data)[0].1 == [.date(Fixture.date(1899, 12, 30))])
        // setup: the same cell in a workbook counting days from 1904
        data = try Fixture.zip([
            ("_rels/.rels", Fixture.rootRels),
            ("xl/workbook.xml", #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1"/></sheets></workbook>"#),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" s="1"><v>0</v></c></row></sheetData></worksheet>"#),
        ])
        // MUT + validate
        #expect(try Fixture.rows(data)[0].1 == [.date(Fixture.date(1904, 1, 1))])
    }

    @Test func sheet_not_found_and_old_xls_are_clear_errors() throws {
        // setup
        let data = try Fixture.workbook(sheets: [("S", "")])
        // MUT / validate
        #expect(throws: OfficeError.sheetNotFound("Không có")) { try Fixture.rows(data, sheet: "Không có") }
        // setup: an old .xls file
        let xls = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 600))
        // MUT + validate
        #expect(throws: OfficeError.unsupportedFormat(".xls (Excel 97-2003)")) { try XLSXReader(data: xls) }
        // MUT + validate: the error's code and message
        #expect(OfficeError.sheetNotFound("X").code == "sheet_not_found")
        #expect(OfficeError.tooManyRows(limit: 1_000_000).messageVI.contains("1.000.000"))
    }

    @Test func number_format_classification() {
        // MUT + validate
        #expect(NumberFormatKind.classify("dd/mm/yyyy") == .date)
        #expect(NumberFormatKind.classify("[$-42A]#,##0") == .plain)
        #expect(NumberFormatKind.classify("[$-42A]#,##0.0#####") == .decimal)
        #expect(NumberFormatKind.classify("0.0%") == .percent)
        #expect(NumberFormatKind.classify(#"#,##0 "đồng""#) == .plain)
        #expect(NumberFormatKind.classify("[h]:mm") == .date)
        #expect(NumberFormatKind.classify("0.00E+00") == .decimal)
        #expect(NumberFormatKind.classify("General") == .plain)
        #expect(NumberFormatKind.classify("[Red]#,##0;[Blue]-#,##0") == .plain)
        #expect(NumberFormatKind.builtIn(14) == .date && NumberFormatKind.builtIn(9) == .percent)
    }
}
