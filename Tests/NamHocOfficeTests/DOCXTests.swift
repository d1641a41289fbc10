import Foundation
import Testing
@testable import NamHocOffice

@Suite struct DOCXTests {
    static func report(day: Int = 5, month: Int = 1) -> OfficialDocument {
        OfficialDocument(
            issuingBodyParent: "UBND tỉnh Bắc Ninh", issuingBody: "Sở Giáo dục và Đào tạo", number: "15/BC-SGDĐT",
            place: "Bắc Ninh", date: Fixture.date(2024, month, day), type: "Báo cáo",
            title: "Tình hình thực hiện nhiệm vụ năm học 2024-2025",
            preamble: ["Thực hiện Kế hoạch số 139/KH-UBND, Sở báo cáo như sau:"],
            sections: [
                .init(heading: "KẾT QUẢ", paragraphs: ["Toàn tỉnh có 2.222.246 học sinh & 72,6% trường đạt chuẩn."],
                      table: .init(header: ["Cấp học", "Số trường"], rows: [["Tiểu học", "412"]]),
                      subsections: [.init(heading: "Quy mô", paragraphs: ["Ổn định."], subsections: [.init(heading: "Mầm non")])]),
                .init(heading: "NHIỆM VỤ", paragraphs: ["Tiếp tục."]),
            ],
            signer: .init(authority: "KT. Giám đốc", title: "Phó Giám đốc", name: "Nguyễn Văn An"),
            recipients: ["- Bộ GDĐT;", "Lưu: VT, KHTC."])
    }

    @Test func page_margins_fonts_and_header_follow_the_decree() throws {
        // MUT
        let data = try DOCXWriter.write(Self.report())
        // validate
        let xml = try Fixture.part(data, "word/document.xml")
        #expect(xml.contains(#"<w:pgSz w:w="11906" w:h="16838"/>"#))
        #expect(xml.contains(#"w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#))
        let styles = try Fixture.part(data, "word/styles.xml")
        #expect(styles.contains(#"w:ascii="Times New Roman""#) && styles.contains(#"<w:sz w:val="28"/>"#))
        #expect(xml.contains("UBND TỈNH BẮC NINH") && xml.contains("SỞ GIÁO DỤC VÀ ĐÀO TẠO"))
        #expect(xml.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && xml.contains("Độc lập - Tự do - Hạnh phúc"))
        #expect(xml.contains("Số: 15/BC-SGDĐT"))
        #expect(xml.contains(#"<w:i/><w:iCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t>Bắc Ninh, ngày 05 tháng 01 năm 2024</w:t>"#))
        #expect(xml.contains("BÁO CÁO") && xml.contains("KT. GIÁM ĐỐC") && xml.contains("PHÓ GIÁM ĐỐC"))
        #expect(xml.contains(#"<w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t>Nơi nhận:</w:t>"#))
        #expect(xml.contains(#"<w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr><w:t>- Lưu: VT, KHTC.</w:t>"#))
        #expect(xml.contains(#"<w:jc w:val="both"/>"#))
        #expect(xml.contains("2.222.246 học sinh &amp; 72,6%"))
        #expect(xml.contains(#"<w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:t>Tiểu học</w:t>"#))
    }

    @Test func table_columns_are_as_wide_as_their_content_needs() {
        // setup: the usual statistics table, a serial number column first
        let table = OfficialDocument.Table(header: ["STT", "Đơn vị", "Số học sinh"],
                                           rows: [["1", "Trường Tiểu học Kim Liên", "1.202"], ["2", "Trường THCS Nguyễn Trãi", "980"]])
        // MUT
        let widths = DOCXWriter.columnWidths(table, columns: 3)
        // validate: narrow serial numbers, the widest column for names, the text width used up
        #expect(widths[0] < widths[2] && widths[2] < widths[1])
        #expect(widths.reduce(0, +) <= 9355 && widths.reduce(0, +) > 9355 - 3)
    }

    @Test func dateline_leading_zeros() {
        // MUT + validate
        #expect(Self.report(day: 5, month: 1).dateline == "Bắc Ninh, ngày 05 tháng 01 năm 2024")
        #expect(Self.report(day: 28, month: 2).dateline == "Bắc Ninh, ngày 28 tháng 02 năm 2024")
        #expect(Self.report(day: 9, month: 3).dateline == "Bắc Ninh, ngày 09 tháng 3 năm 2024")
        #expect(Self.report(day: 15, month: 12).dateline == "Bắc Ninh, ngày 15 tháng 12 năm 2024")
    }

    @Test func reader_returns_paragraphs_in_order_including_table_cells() throws {
        // MUT
        let paragraphs = try DOCXReader.paragraphs(DOCXWriter.write(Self.report()))
        // validate
        #expect(Array(paragraphs.prefix(6)) == ["UBND TỈNH BẮC NINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                                               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                               "Số: 15/BC-SGDĐT", "Bắc Ninh, ngày 05 tháng 01 năm 2024"])
        #expect(paragraphs.contains("I. KẾT QUẢ") && paragraphs.contains("1. Quy mô") && paragraphs.contains("a) Mầm non"))
        #expect(paragraphs.contains("II. NHIỆM VỤ"))
        let table = try #require(paragraphs.firstIndex(of: "Cấp học"))
        #expect(Array(paragraphs[table ..< table + 4]) == ["Cấp học", "Số trường", "Tiểu học", "412"])
        #expect(paragraphs.last == "Nguyễn Văn An")
    }

    @Test func reader_handles_word_specifics_and_refuses_garbage() throws {
        // setup: tabs, breaks, deleted text, field codes, a text box with its fallback copy.
        let body = #"""
        <w:document xmlns:w="w" xmlns:mc="mc"><w:body>
        <w:p><w:r><w:t>Điều 1.</w:t><w:tab/><w:t xml:space="preserve">Phạm vi </w:t><w:br/><w:t>áp dụng</w:t></w:r></w:p>
        <w:p><w:del><w:r><w:delText>bỏ</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText><w:t>Tru&#x31B;o&#x31B;&#x300;ng</w:t></w:r></w:p>
        <w:p/><w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Hộp</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:p><w:r><w:t>Hộp</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent><w:t>Ngoài</w:t></w:r></w:p>
        </w:body></w:document>
        """#
        let data = try Fixture.zip([("word/document.xml", body)])
        // MUT / validate
        #expect(try DOCXReader.paragraphs(data) == ["Điều 1.\tPhạm vi \náp dụng", "Trường", "Hộp", "Ngoài"])
        #expect(throws: OfficeError.notAZip) { try DOCXReader.paragraphs(Data("not a docx".utf8)) }
        #expect(throws: OfficeError.missingPart("word/document.xml")) { try DOCXReader.paragraphs(Fixture.zip([("a.xml", "<a/>")])) }
    }

    @Test func paragraphs_typed_in_tcvn3_are_read_as_unicode() throws {
        // setup: "Độc lập - Tự do - Hạnh phúc" typed with a .VnTime font (TCVN3 bytes shown as Latin-1).
        let legacy = Fixture.latin1([0xA7, 0xE9, 0x63, 0x20, 0x6C, 0xCB, 0x70, 0x20, 0x2D, 0x20, 0x54, 0xF9, 0x20, 0x64, 0x6F, 0x20,
                                     0x2D, 0x20, 0x48, 0xB9, 0x6E, 0x68, 0x20, 0x70, 0x68, 0xF3, 0x63])
        let data = try Fixture.zip([("word/document.xml", #"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>\#(legacy)</w:t></w:r></w:p></w:body></w:document>"#)])
        // MUT / validate
        #expect(try DOCXReader.paragraphs(data) == ["Độc lập - Tự do - Hạnh phúc"])
    }
}
