import Foundation
import Testing
@testable import NamHocOffice

@Suite struct CSVFileTests {
    @Test func write_has_bom_crlf_quoting_and_neutralised_formulas() {
        // MUT
        let data = CSVFile.write(header: ["Tên", "Ghi chú"], rows: [["Trường \"A\", xã B", "dòng 1\ndòng 2"], ["=1+1", "-5"], ["@SUM(A1)", "+84912345678"]])
        // validate
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text == "Tên,Ghi chú\r\n\"Trường \"\"A\"\", xã B\",\"dòng 1\ndòng 2\"\r\n'=1+1,-5\r\n'@SUM(A1),+84912345678\r\n")
    }

    @Test func read_round_trips_what_write_wrote() throws {
        // setup
        let rows = [["Trường \"A\", xã B", "dòng 1\r\ndòng 2", ""], ["x", "y", "z"]]
        // MUT
        let back = try CSVFile.read(CSVFile.write(header: ["a", "b", "c"], rows: rows))
        // validate
        #expect(back == [["a", "b", "c"]] + rows)
    }

    @Test func read_detects_semicolon_and_missing_bom() throws {
        // setup: as Excel saves "CSV" on a Vietnamese Windows: ';' and a decimal comma.
        let data = Data("Tên;Điểm\nNguyễn Văn Ánh;8,5\n\"Lê; Thị\";7\n".utf8)
        // MUT / validate
        #expect(try CSVFile.read(data) == [["Tên", "Điểm"], ["Nguyễn Văn Ánh", "8,5"], ["Lê; Thị", "7"]])
    }

    @Test func read_handles_utf16_bom_nfd_and_unclosed_quote() throws {
        // setup
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("a,b\r\nTru\u{031B}o\u{031B}\u{0300}ng,2".data(using: .utf16LittleEndian)!)
        // MUT / validate
        #expect(try CSVFile.read(utf16) == [["a", "b"], ["Trường", "2"]])
        #expect(throws: OfficeError.self) { try CSVFile.read(Data("a,\"b\nc".utf8)) }
        #expect(try CSVFile.read(Data()) == [])
    }

    @Test func formula_guard_rules() {
        // MUT + validate
        #expect(FormulaGuard.neutralise("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
        #expect(FormulaGuard.neutralise("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0")
        #expect(FormulaGuard.neutralise("-1+2") == "'-1+2")
        #expect(FormulaGuard.neutralise("@SUM(1)") == "'@SUM(1)")
        #expect(FormulaGuard.neutralise("\tx") == "'\tx")
        #expect(FormulaGuard.neutralise("\r=1") == "'\r=1")
        #expect(FormulaGuard.neutralise("-12,5") == "-12,5")
        #expect(FormulaGuard.neutralise("Trường") == "Trường")
        #expect(FormulaGuard.neutralise("") == "")
    }

    @Test func table_file_reads_xlsx_and_csv_as_plain_strings() throws {
        // setup
        let xlsx = try XLSXWriter.write([SheetSpec(name: "S", header: ["a", "b", "c", "d", "e"], rows: [
            [.integer(12), .number(12.0), .number(0.1 + 0.2), .date(Fixture.date(2024, 9, 5)), .percent(72.6)],
            [], [.bool(true)],
        ])])
        // MUT
        let rows = try TableFile.readRows(xlsx, filename: "du-lieu.XLSX")
        let sniffed = try TableFile.readRows(xlsx, filename: nil)
        let csv = try TableFile.readRows(Data("x;y\n1;2".utf8), filename: "a.csv")
        // validate
        #expect(rows == [["a", "b", "c", "d", "e"], ["12", "12", "0.3", "2024-09-05", "72.6"], [], ["TRUE"]])
        #expect(sniffed == rows)
        #expect(csv == [["x", "y"], ["1", "2"]])
        #expect(throws: OfficeError.notAZip) { try TableFile.readRows(Data("a,b".utf8), filename: "x.xlsx") }
        #expect(throws: OfficeError.unsupportedFormat(".ods")) { try TableFile.readRows(Data("a".utf8), filename: "x.ods") }
    }
}
