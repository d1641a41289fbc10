import Foundation
import Testing
@testable import NamHocOffice

/// Files built to hurt: each must end in a clear `OfficeError`, never a crash or a hang.
@Suite struct XLSXHostileInputTests {
    static func sheetData(rows: Int) -> String {
        (1...rows).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c></row>"# }.joined()
    }

    @Test func not_a_zip_and_empty_data() {
        // MUT + validate
        #expect(throws: OfficeError.notAZip) { try XLSXReader(data: Data("hello, world".utf8)) }
        #expect(throws: OfficeError.notAZip) { try XLSXReader(data: Data()) }
        #expect(throws: OfficeError.notAZip) { try XLSXReader(data: Data(repeating: 0x50, count: 70_000)) }
    }

    @Test func truncated_zip_is_refused() throws {
        // setup
        let data = try XLSXWriter.write([SheetSpec(name: "S", header: ["a"], rows: (1...500).map { [.integer($0)] })])
        // MUT / validate: every cut point throws (the end record moves or vanishes).
        for cut in stride(from: 1, to: data.count, by: max(1, data.count / 40)) {
            #expect(throws: OfficeError.self) {
                let reader = try XLSXReader(data: data.prefix(cut))
                try reader.forEachRow { _, _ in }
            }
        }
    }

    @Test func deflate_stream_cut_short_fails_instead_of_hanging() throws {
        // setup: claim half the compressed bytes for the sheet: the stream ends early.
        var data = try Fixture.workbook(sheets: [("S", Self.sheetData(rows: 3000))])
        let cd = try #require(Self.centralEntry(data, "xl/worksheets/sheet1.xml"))
        data.putLE32(UInt32(data.le32(cd + 20) / 2), at: cd + 20)
        // MUT / validate
        #expect(throws: OfficeError.self) { try Fixture.rows(data) }
    }

    @Test func zip_bomb_by_compression_ratio() throws {
        // setup: 5 MB of one repeated row deflates to a few KB (ratio far above 200).
        let rows = String(repeating: #"<row><c><v>0</v></c></row>"#, count: 200_000)
        let data = try Fixture.workbook(sheets: [("S", rows)])
        #expect(data.count < 100_000)
        // MUT / validate
        #expect(throws: OfficeError.tooLarge(limit: XLSXReadLimits.default.maxUncompressedBytes)) { try Fixture.rows(data) }
    }

    @Test func zip_bomb_past_the_byte_limit_declared_or_lying() throws {
        // setup
        var data = try Fixture.workbook(sheets: [("S", Self.sheetData(rows: 20_000))])
        let limits = XLSXReadLimits(maxUncompressedBytes: 256 * 1024)
        // MUT / validate: honest declared size over the limit.
        #expect(throws: OfficeError.tooLarge(limit: 256 * 1024)) { try Fixture.rows(data, limits: limits) }
        // A lying declared size: inflating counts the real bytes and stops.
        // setup
        let cd = try #require(Self.centralEntry(data, "xl/worksheets/sheet1.xml"))
        data.putLE32(1000, at: cd + 24)
        // MUT + validate
        #expect(throws: OfficeError.tooLarge(limit: XLSXReadLimits.default.maxUncompressedBytes)) { try Fixture.rows(data) }
    }

    @Test func too_many_columns_by_reference_or_by_count() throws {
        // setup
        let far = try Fixture.workbook(sheets: [("S", #"<row r="1"><c r="XFE1"><v>1</v></c></row>"#)])
        let wide = try Fixture.workbook(sheets: [("S", "<row>" + String(repeating: "<c><v>1</v></c>", count: 20_000) + "</row>")])
        let absurd = try Fixture.workbook(sheets: [("S", #"<row r="1"><c r="AAAAAAAAAAAAAAAAAAAA1"><v>1</v></c></row>"#)])
        // MUT / validate
        #expect(throws: OfficeError.tooManyColumns(limit: 16_384)) { try Fixture.rows(far) }
        #expect(throws: OfficeError.tooManyColumns(limit: 16_384)) { try Fixture.rows(wide) }
        #expect(throws: OfficeError.self) { try Fixture.rows(absurd) }
        #expect(throws: OfficeError.tooManyColumns(limit: 10)) {
            try Fixture.rows(wide, limits: XLSXReadLimits(maxColumns: 10))
        }
    }

    @Test func too_many_rows() throws {
        // setup
        let data = try Fixture.workbook(sheets: [("S", Self.sheetData(rows: 50))])
        let far = try Fixture.workbook(sheets: [("S", #"<row r="2000000"/>"#)])
        // MUT / validate
        #expect(throws: OfficeError.tooManyRows(limit: 10)) { try Fixture.rows(data, limits: XLSXReadLimits(maxRows: 10)) }
        #expect(throws: OfficeError.tooManyRows(limit: 1_000_000)) { try Fixture.rows(far) }
    }

    @Test func invalid_utf8_is_refused() throws {
        // setup: a lone continuation byte and a truncated sequence inside text.
        var sst = Array(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>"#.utf8)
        sst += [0x54, 0x72, 0xC6, 0x80, 0xFF, 0xE1, 0xBA] + Array("</t></si></sst>".utf8)
        let data = try OfficeZip.archive([
            ("xl/workbook.xml", Array(#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>"#.utf8)),
            ("xl/sharedStrings.xml", sst),
            ("xl/worksheets/sheet1.xml", Array(#"<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>"#.utf8)),
        ])
        // MUT / validate
        #expect(throws: OfficeError.invalidText("dữ liệu không phải UTF-8")) { try XLSXReader(data: data) }
    }

    @Test func doctype_and_entity_expansion_are_refused() throws {
        // setup: billion laughs in a sheet (byte scanner) and in workbook.xml (XMLCoder/libxml2).
        let laughs = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>"#
        let sheetBomb = try Fixture.zip([
            ("xl/workbook.xml", #"<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>"#),
            ("xl/worksheets/sheet1.xml", laughs + #"<worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"#),
        ])
        let workbookBomb = try Fixture.zip([
            ("xl/workbook.xml", laughs + #"<workbook><sheets><sheet name="&lol2;" sheetId="1"/></sheets></workbook>"#),
        ])
        let undefined = try Fixture.workbook(sheets: [("S", #"<row><c t="inlineStr"><is><t>&lol;</t></is></c></row>"#)])
        // MUT / validate
        #expect(throws: OfficeError.malformedXML(part: "xl/worksheets/sheet1.xml", detail: "DOCTYPE/DTD is not allowed")) {
            try Fixture.rows(sheetBomb)
        }
        #expect(throws: OfficeError.malformedXML(part: "xl/workbook.xml", detail: "DOCTYPE/DTD is not allowed")) {
            try XLSXReader(data: workbookBomb)
        }
        #expect(throws: OfficeError.malformedXML(part: "xl/worksheets/sheet1.xml", detail: "unknown entity &lol;")) {
            try Fixture.rows(undefined)
        }
    }

    @Test func broken_xml_is_refused() throws {
        // setup: sheets broken in four ways
        let cases = [
            "<row><c><v>1</v></row>",  // mismatched end tag
            "<row><c><v>1</v></c>",  // truncated: unclosed elements
            #"<row><c r="A1"<v>1</v></c></row>"#,  // '<' inside a tag
            "<row><c t=\"s\"><v>99</v></c></row>",  // shared string out of range
        ]
        // MUT + validate: each broken sheet
        for sheet in cases {
            let data = try Fixture.workbook(sheets: [("S", sheet)], sharedStrings: "<sst><si><t>a</t></si></sst>")
            #expect(throws: OfficeError.self) { try Fixture.rows(data) }
        }
        // setup: a workbook part cut short
        let brokenWorkbook = try Fixture.zip([("xl/workbook.xml", "<workbook><sheets><sheet name=")])
        // MUT + validate
        #expect(throws: OfficeError.self) { try XLSXReader(data: brokenWorkbook) }
        // setup: a zip without a workbook
        let noWorkbook = try Fixture.zip([("hello.txt", "hi")])
        // MUT + validate
        #expect(throws: OfficeError.missingPart("xl/workbook.xml")) { try XLSXReader(data: noWorkbook) }
    }

    /// Offset of the central-directory record of `path` (sizes at +20 compressed, +24 uncompressed).
    static func centralEntry(_ data: Data, _ path: String) -> Int? {
        let name = Array(path.utf8)
        var p = 0
        while p + 46 < data.count {
            if data.le32(p) == 0x0201_4b50, Int(data.le16(p + 28)) == name.count,
               Array(data[data.startIndex + p + 46 ..< data.startIndex + p + 46 + name.count]) == name {
                return p
            }
            p += 1
        }
        return nil
    }
}
