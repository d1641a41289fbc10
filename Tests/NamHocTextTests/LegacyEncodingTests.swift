import Foundation
import NamHocText
import Testing

@Suite struct LegacyEncodingTests {
    static let sentence =
        "Trường Trung học cơ sở Nguyễn Trãi, năm học 2023-2024, Sở Giáo dục và Đào tạo Hà Nội"

    /// Bytes shown the way Word or Excel shows them when the .Vn/VNI font is gone: CP1252.
    static func cp1252(_ bytes: [UInt8]) -> String {
        String(data: Data(bytes), encoding: .windowsCP1252)!
    }

    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/legacy/\(name)", withExtension: nil)
            ?? Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/legacy"))
        return try Data(contentsOf: url)
    }

    // MARK: - Files (real bytes)

    @Test func tcvn3_sentence_file_is_decoded() throws {
        // setup
        let data = try Self.fixture("sentence.tcvn3.bin")
        // MUT
        let (text, encoding) = VietnameseDecoder.decode(data)
        // validate
        #expect(encoding == .tcvn3)
        #expect(text == Self.sentence + "\r\n")
    }

    @Test func vni_sentence_file_is_decoded() throws {
        // setup
        let data = try Self.fixture("sentence.vni.bin")
        // MUT
        let (text, encoding) = VietnameseDecoder.decode(data)
        // validate
        #expect(encoding == .vni)
        #expect(text == Self.sentence + "\r\n")
    }

    @Test func utf8_utf16_and_bom_files_are_unicode() {
        // setup: the sentence in UTF-8
        let utf8 = Data(Self.sentence.utf8)
        // MUT + validate: UTF-8, without and with a BOM
        #expect(VietnameseDecoder.decode(utf8) == (Self.sentence, .unicode))
        #expect(VietnameseDecoder.decode(Data([0xEF, 0xBB, 0xBF]) + utf8) == (Self.sentence, .unicode))
        // setup: the sentence in UTF-16, both byte orders, with a BOM
        let le = Data([0xFF, 0xFE]) + Self.sentence.data(using: .utf16LittleEndian)!
        let be = Data([0xFE, 0xFF]) + Self.sentence.data(using: .utf16BigEndian)!
        // MUT + validate
        #expect(VietnameseDecoder.decode(le) == (Self.sentence, .unicode))
        #expect(VietnameseDecoder.decode(be) == (Self.sentence, .unicode))
        // setup: the sentence decomposed
        let nfd = Data(Self.sentence.decomposedStringWithCanonicalMapping.utf8)
        // MUT + validate
        #expect(VietnameseDecoder.decode(nfd) == (Self.sentence, .unicode))
    }

    @Test func western_cp1252_file_is_not_converted() {
        // setup
        let bytes: [UInt8] = Array("Le caf".utf8) + [0xE9] + Array(" d".utf8) + [0xE9, 0x6A, 0xE0] + Array(" vu, na".utf8) + [0xEF, 0x76, 0x65]
        // MUT
        let (text, encoding) = VietnameseDecoder.decode(Data(bytes))
        // validate
        #expect(encoding == .unicode)
        #expect(text == "Le café déjà vu, naïve")
    }

    // MARK: - Strings already read as CP1252

    @Test(arguments: [
        // Well-known specimens, byte by byte: ViÖt = V i 0xD6 t …
        ([0x56, 0x69, 0xD6, 0x74, 0x20, 0x4E, 0x61, 0x6D] as [UInt8], "Việt Nam", LegacyEncoding.tcvn3),
        ([0x42, 0xB6, 0x6F, 0x20, 0x54, 0x68, 0xBE, 0x6E, 0x67], "Bảo Thắng", .tcvn3),
        ([0x4D, 0xAD, 0xEA, 0x6E, 0x67, 0x20, 0x4B, 0x68, 0xAD, 0xAC, 0x6E, 0x67], "Mường Khương", .tcvn3),
        ([0xA7, 0xE9, 0x63, 0x20, 0x6C, 0xCB, 0x70, 0x20, 0x2D, 0x20, 0x54, 0xF9, 0x20, 0x64, 0x6F, 0x20,
          0x2D, 0x20, 0x48, 0xB9, 0x6E, 0x68, 0x20, 0x70, 0x68, 0xF3, 0x63], "Độc lập - Tự do - Hạnh phúc", .tcvn3),
        ([0x48, 0xB5], "Hà", .tcvn3),
        ([0x56, 0x69, 0x65, 0xE4, 0x74, 0x20, 0x4E, 0x61, 0x6D], "Việt Nam", .vni),
        ([0x48, 0x61, 0xF8], "Hà", .vni),
        // Capitals: "ĐỒNG THÁP" in VNI uses the upper-case mark bytes.
        ([0xD1, 0x4F, 0xC0, 0x4E, 0x47, 0x20, 0x54, 0x48, 0x41, 0xD9, 0x50], "ĐỒNG THÁP", .vni),
        ([0x4E, 0x67, 0x75, 0x79, 0x65, 0xE3, 0x6E, 0x20, 0x56, 0x61, 0xEA, 0x6E, 0x20, 0x41, 0x6E], "Nguyễn Văn An", .vni),
    ])
    func legacy_strings_are_converted(bytes: [UInt8], expected: String, encoding: LegacyEncoding) {
        // MUT
        let result = VietnameseDecoder.convertIfLegacy(Self.cp1252(bytes))
        // validate
        #expect(result.text == expected)
        #expect(result.encoding == encoding)
    }

    @Test func vntimeh_capitals_are_restored() {
        // setup: a .VnTimeH heading, as Word shows it
        // .VnTimeH headings use the lower-case codes drawn as capitals.
        let heading = Self.cp1252([
            0x43, 0xE9, 0x4E, 0x47, 0x20, 0x48, 0x4F, 0xB5, 0x20, 0x58, 0xB7, 0x20, 0x48, 0xE9, 0x49, 0x20,
            0x43, 0x48, 0xF1, 0x20, 0x4E, 0x47, 0x48, 0xDC, 0x41, 0x20, 0x56, 0x49, 0xD6, 0x54, 0x20, 0x4E, 0x41, 0x4D,
        ])
        #expect(heading == "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM")
        // MUT
        let result = VietnameseDecoder.convertIfLegacy(heading)
        // validate
        #expect(result == ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", .tcvn3))
    }

    @Test func mixed_case_tcvn3_keeps_its_case() {
        // MUT
        let result = VietnameseDecoder.convertIfLegacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
        // validate
        #expect(result == ("Cộng hoà xã hội chủ nghĩa Việt Nam", .tcvn3))
    }

    // MARK: - Must not convert

    @Test(arguments: [
        "café déjà",
        "Le café déjà vu, naïve señor, Müller, Ærø, «Bonjour»",
        "Truong THCS Nguyen Trai",
        "2023-2024",
        "",
        "Trường Trung học cơ sở Nguyễn Trãi",
        "Hà", "Tô Hà", "Lê", "Hoà Bình", "Cà Mau", "Trà Vinh", "Châu Thành", "thé",
        "José Ángel", "Raúl, São Paulo, Noël, poésie", "Ñandú", "schön",
    ])
    func unicode_and_western_text_is_not_converted(input: String) {
        // MUT
        let result = VietnameseDecoder.convertIfLegacy(input)
        // validate
        #expect(result.encoding == .unicode, "\(input) → \(result.text)")
        #expect(result.text == input)
    }

    @Test func nfd_unicode_is_composed_not_converted() {
        // setup
        let nfd = Self.sentence.decomposedStringWithCanonicalMapping
        // MUT
        let result = VietnameseDecoder.convertIfLegacy(nfd)
        // validate
        #expect(result == (Self.sentence, .unicode))
        // setup: a decomposed western phrase
        let nfdCafe = "cafe\u{301} de\u{301}ja\u{300}"
        // MUT + validate
        #expect(VietnameseDecoder.convertIfLegacy(nfdCafe) == ("café déjà", .unicode))
    }

    @Test func full_sentence_strings_both_encodings() throws {
        // setup: both fixture files, as Word shows them
        let tcvn3 = Self.cp1252([UInt8](try Self.fixture("sentence.tcvn3.bin")))
        let vni = Self.cp1252([UInt8](try Self.fixture("sentence.vni.bin")))
        #expect(tcvn3.hasPrefix("Tr\u{AD}êng Trung häc c¬ së NguyÔn Tr·i"))
        #expect(vni.hasPrefix("Tröôøng Trung hoïc cô sôû Nguyeãn Traõi"))
        // MUT + validate
        #expect(VietnameseDecoder.convertIfLegacy(tcvn3) == (Self.sentence + "\r\n", .tcvn3))
        #expect(VietnameseDecoder.convertIfLegacy(vni) == (Self.sentence + "\r\n", .vni))
        // normalize() applies the same conversion.
        #expect(VietnameseText.normalize(vni) == Self.sentence + "\r\n")
    }

    @Test func legacy_text_resaved_as_utf8_is_converted() {
        // A .VnTime document exported to UTF-8 keeps the CP1252 look-alike characters.
        // setup
        let data = Data("Së Gi¸o dôc vµ §µo t¹o".utf8)
        // MUT + validate
        #expect(VietnameseDecoder.decode(data) == ("Sở Giáo dục và Đào tạo", .tcvn3))
    }

    @Test func cp1252_punctuation_survives_tcvn3_decoding() {
        // “Së Gi¸o dôc” – with Word's curly quotes (0x93/0x94) and en dash (0x96).
        // setup
        let bytes: [UInt8] = [0x93, 0x53, 0xEB, 0x20, 0x47, 0x69, 0xB8, 0x6F, 0x20, 0x64, 0xF4, 0x63, 0x94, 0x20, 0x96, 0x20, 0x48, 0xB5]
        // MUT + validate
        #expect(VietnameseDecoder.decode(Data(bytes)) == ("“Sở Giáo dục” – Hà", .tcvn3))
    }

    @Test func empty_and_ascii_data() {
        // MUT + validate
        #expect(VietnameseDecoder.decode(Data()) == ("", .unicode))
        #expect(VietnameseDecoder.decode(Data("Truong THCS\n".utf8)) == ("Truong THCS\n", .unicode))
    }

    @Test func encoding_is_codable_by_name() throws {
        // MUT
        let json = try JSONEncoder().encode([LegacyEncoding.tcvn3, .vni, .unicode])
        // validate
        #expect(String(decoding: json, as: UTF8.self) == #"["tcvn3","vni","unicode"]"#)
    }
}
