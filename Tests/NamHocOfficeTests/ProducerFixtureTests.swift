import Foundation
import Testing
@testable import NamHocOffice

/// Files written by LibreOffice 7.4 (our samples re-saved by `soffice --convert-to`), kept in
/// Fixtures: the reader must understand a real producer, not only our own writer.
@Suite struct ProducerFixtureTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        return try Data(contentsOf: url)
    }

    @Test func libreoffice_xlsx_reads_with_types_and_merges() throws {
        // setup
        let data = try Self.fixture("libreoffice-resaved.xlsx")
        // MUT
        let reader = try XLSXReader(data: data)
        let rows = try Fixture.rows(data)
        // validate
        #expect(reader.sheetNames == ["Thống kê", "Sheet 2"])
        #expect(rows[0].1.first == .text("BÁO CÁO SỐ LIỆU TRƯỜNG HỌC"))
        let school = try #require(rows.first { $0.1.first == .text("Trường THCS Nguyễn Trãi") })
        #expect(Array(school.1.prefix(6)) == [.text("Trường THCS Nguyễn Trãi"), .integer(2_222_246), .percent(72.6),
                                              .number(8.25), .date(Fixture.date(2024, 9, 5)), .text("=1+1")])
        #expect(try reader.mergedRanges(sheet: "Thống kê").contains("A1:F1"))
        #expect(try Fixture.rows(data, sheet: "Sheet 2").last?.1 == [.text("Nguyễn Văn Ánh"), .bool(true)])
    }

    @Test func libreoffice_docx_paragraphs() throws {
        // MUT
        let paragraphs = try DOCXReader.paragraphs(Self.fixture("libreoffice-resaved.docx"))
        // validate
        #expect(paragraphs.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(paragraphs.contains("Bắc Ninh, ngày 05 tháng 01 năm 2024"))
        #expect(paragraphs.contains("I. KẾT QUẢ THỰC HIỆN"))
        #expect(paragraphs.last == "Nguyễn Văn An")
    }
}
