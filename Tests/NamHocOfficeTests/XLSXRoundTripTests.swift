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
