import Foundation
import Testing
@testable import NamHocOffice

@Suite struct XLSXRoundTripTests {
    @Test func every_cell_kind_round_trips_on_several_sheets() throws {
        // setup
        let when = Fixture.date(2024, 9, 5)
        let whenWithTime = Fixture.date(2024, 1, 5, 14, 30)
        let first = SheetSpec(
            name: "Trường học", titleRows: ["BÁO CÁO THỐNG KÊ", "Năm học 2024-2025"],
            header: ["Tên trường", "Số học sinh", "Tỷ lệ", "Điểm", "Ngày", "Đạt", "Ghi chú"],
            rows: [
                [.text("Trường THCS Nguyễn Trãi"), .integer(2_222_246), .percent(72.6), .number(8.25),
                 .date(when), .bool(true), .text("=SUM(A1:A2)")],
                [.text("Trường TH Đặng Thùy Trâm"), .integer(-15), .percent(100), .number(-0.5),
                 .date(whenWithTime), .bool(false), .empty, .text("  khoảng trắng & <ký tự>  ")],
            ])
        let second = SheetSpec(name: "Tổng hợp", header: ["A"], rows: [[.integer(1)], [], [.text("cuối")]])

        // MUT
        let data = try XLSXWriter.write([first, second])
        let reader = try XLSXReader(data: data)

        // validate
        #expect(reader.sheetNames == ["Trường học", "Tổng hợp"])
        let rows = try Fixture.rows(data)
        #expect(rows.map(\.0) == [1, 2, 3, 4, 5])
        #expect(rows[0].1 == [.text("BÁO CÁO THỐNG KÊ")])
        #expect(rows[2].1.first == .text("Tên trường"))
        #expect(rows[3].1 == [.text("Trường THCS Nguyễn Trãi"), .integer(2_222_246), .percent(72.6), .number(8.25),
                              .date(when), .bool(true), .text("=SUM(A1:A2)")])
        #expect(rows[4].1 == [.text("Trường TH Đặng Thùy Trâm"), .integer(-15), .percent(100), .number(-0.5),
                              .date(whenWithTime), .bool(false), .empty, .text("  khoảng trắng & <ký tự>  ")])
        #expect(try reader.mergedRanges(sheet: "Trường học") == ["A1:H1", "A2:H2"])
        let other = try Fixture.rows(data, sheet: "Tổng hợp")
        #expect(other.map(\.0) == [1, 2, 3, 4])
        #expect(other[3].1 == [.text("cuối")])
    }

    @Test func cells_typed_in_legacy_fonts_are_read_as_unicode_and_unicode_stays() throws {
        // setup: "Mường Khương" typed with .VnTime (TCVN3 bytes shown as Latin-1), as a shared string
        // and as an inline string; "Hà Nội" typed with VNI-Times; real Unicode and a Western word.
        let tcvn3 = Fixture.latin1([0x4D, 0xAD, 0xEA, 0x6E, 0x67, 0x20, 0x4B, 0x68, 0xAD, 0xAC, 0x6E, 0x67])
        let written = try XLSXWriter.write([SheetSpec(name: "S", header: ["Tên"],
                                                      rows: [[.text(tcvn3)], [.text("Haø Noäi")], [.text("Hà Nội")], [.text("café")]])])
        let inline = try Fixture.workbook(sheets: [("S", #"<row r="1"><c r="A1" t="inlineStr"><is><t>\#(tcvn3)</t></is></c></row>"#)])
        // MUT
        let rows = try Fixture.rows(written).map(\.1)
        let inlineRows = try Fixture.rows(inline).map(\.1)
        // validate
        #expect(Array(rows.dropFirst()) == [[.text("Mường Khương")], [.text("Hà Nội")], [.text("Hà Nội")], [.text("café")]])
        #expect(inlineRows == [[.text("Mường Khương")]])
    }

    @Test func text_longer_than_excel_allows_is_cut_to_fit_one_cell() throws {
        // setup: 42.000 characters; Excel refuses a file with a cell over 32.767.
        let long = String(repeating: "Trường ", count: 6_000)
        // MUT
        let rows = try Fixture.rows(XLSXWriter.write([SheetSpec(name: "S", header: ["x"], rows: [[.text(long)], [.text("ngắn")]])]))
        // validate
        guard case .text(let cut) = rows[1].1.first else { Issue.record("not text: \(rows[1].1)"); return }
        #expect(cut.utf16.count == 32_767)
        #expect(cut.hasSuffix("…") && long.hasPrefix(cut.dropLast()))
        #expect(rows[2].1 == [.text("ngắn")])
    }

    @Test func formula_like_text_is_written_as_a_shared_string_never_a_formula() throws {
        // setup / MUT
        let data = try XLSXWriter.write([SheetSpec(name: "S", header: ["x"], rows: [[.text("=HYPERLINK(\"http://x\")")], [.text("@SUM(1)")]])])
        // validate
        let sheet = try Fixture.part(data, "xl/worksheets/sheet1.xml")
        #expect(!sheet.contains("<f>"))
        #expect(try Fixture.part(data, "xl/sharedStrings.xml").contains("=HYPERLINK(&quot;http://x&quot;)"))
    }

    @Test func frozen_header_widths_and_vietnamese_formats_are_written() throws {
        // setup / MUT
        let data = try XLSXWriter.write([SheetSpec(name: "S", titleRows: ["T"], header: ["a", "b"], rows: [[.integer(1), .percent(5)]], columnWidths: [30, 12])])
        // validate
        let sheet = try Fixture.part(data, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<col min="1" max="1" width="30.0" customWidth="1"/>"#))
        let styles = try Fixture.part(data, "xl/styles.xml")
        #expect(styles.contains(#"formatCode="[$-42A]#,##0""#))
        #expect(styles.contains(#"formatCode="dd/mm/yyyy""#))
        #expect(styles.contains("<b/>"))
    }
}
