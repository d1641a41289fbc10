import Foundation
import NamHocDemo
import Testing

/// The reference files as committed in the repository (Sources/NamHocText/Resources), found from this
/// file's path so the tests need nothing outside the repository.
/// Symlinks are resolved first, so a scratch package that links this folder still finds the repository.
enum ReferenceFixtures {
    static func text(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/NamHocText/Resources").appendingPathComponent(name)
        return try String(contentsOf: url, encoding: .utf8)
    }

    private static let loaded = Result {
        (try ReferenceData.parseProvinces(text("provinces-2025.csv")),
         try ReferenceData.parseCommunes(text("communes-2025.csv")))
    }

    /// Loaded once; a missing or unreadable file fails the tests that use it, not the whole run.
    static func provinces() throws -> [ProvinceRecord] { try loaded.get().0 }
    static func communes() throws -> [CommuneRecord] { try loaded.get().1 }
}

@Suite struct ReferenceDataTests {
    @Test func real_files_have_34_provinces_and_3321_communes() throws {
        // MUT + validate
        #expect(try ReferenceFixtures.provinces().count == 34)
        #expect(try ReferenceFixtures.communes().count == 3321)
    }

    @Test func codes_are_unique_and_every_commune_has_its_province() throws {
        // MUT: both files
        let provinces = try ReferenceFixtures.provinces(), communes = try ReferenceFixtures.communes()
        // validate
        let provinceCodes = Set(provinces.map(\.code))
        #expect(provinceCodes.count == 34)
        #expect(Set(communes.map(\.code)).count == 3321)
        #expect(communes.allSatisfy { provinceCodes.contains($0.provinceCode) })
        // …and every province has communes.
        #expect(Set(communes.map(\.provinceCode)) == provinceCodes)
    }

    @Test func merged_provinces_list_their_former_provinces() throws {
        // MUT
        let tuyenQuang = try #require(ReferenceFixtures.provinces().first { $0.code == "08" })
        // validate
        #expect(tuyenQuang.name == "Tuyên Quang")
        #expect(tuyenQuang.kind == "tỉnh")
        #expect(tuyenQuang.mergedFrom == [FormerProvince(code: "08", name: "Tuyên Quang"),
                                          FormerProvince(code: "02", name: "Hà Giang")])
        #expect(tuyenQuang.absorbed == [FormerProvince(code: "02", name: "Hà Giang")])
        // MUT + validate: Hồ Chí Minh City
        let hcm = try #require(ReferenceFixtures.provinces().first { $0.code == "79" })
        #expect(hcm.isCity)
        #expect(hcm.absorbed.map(\.name) == ["Bình Dương", "Bà Rịa - Vũng Tàu"])
        // 63 old provinces in all, each listed once.
        // MUT + validate
        let former = try ReferenceFixtures.provinces().flatMap(\.mergedFrom)
        #expect(former.count == 63)
        #expect(Set(former.map(\.code)).count == 63)
    }

    @Test func commune_kinds_are_read_from_the_name() throws {
        // MUT
        let baDinh = try #require(ReferenceFixtures.communes().first { $0.code == "00004" })
        // validate
        #expect(baDinh == CommuneRecord(provinceCode: "01", code: "00004", name: "Phường Ba Đình"))
        #expect(baDinh.kind == .ward)
        #expect(baDinh.properName == "Ba Đình")
        // MUT + validate: the kinds counted
        let kinds = try Dictionary(grouping: ReferenceFixtures.communes(), by: \.kind).mapValues(\.count)
        #expect(kinds[.specialZone] == 13)
        #expect(kinds[.ward]! + kinds[.rural]! == 3308)
    }

    @Test func lower_case_kind_in_source_is_capitalised() throws {
        // MUT
        let bacSon = try #require(ReferenceFixtures.communes().first { $0.code == "06325" })
        // validate
        #expect(bacSon.name == "Xã Bắc Sơn")
    }

    @Test func quoted_fields_crlf_bom_and_nfd_are_handled() throws {
        // setup: a province file with a BOM, CRLF and a quoted decomposed name
        let nfd = "Ha\u{0300} Nô\u{0323}i"
        let csv = "\u{FEFF}code,name,kind,merged_from\r\n01,\"\(nfd)\",thành phố,\"01 Hà Nội\"\r\n\r\n"
        // MUT
        let provinces = try ReferenceData.parseProvinces(csv)
        // validate
        #expect(provinces.count == 1)
        #expect(provinces[0].name == "Hà Nội")
        #expect(provinces[0].name.unicodeScalars.count == "Hà Nội".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        // MUT + validate: a commune file with a quoted field and doubled quotes
        let quoted = try ReferenceData.parseCommunes(
            "province_code,province_name,commune_code,commune_name\n01,\"Thành phố Hà Nội, \"\"thủ đô\"\"\",00004,Phường Ba Đình")
        #expect(quoted == [CommuneRecord(provinceCode: "01", code: "00004", name: "Phường Ba Đình")])
    }

    @Test func malformed_files_are_rejected_with_the_line() {
        // MUT + validate: one fault of each kind, with its line
        #expect(throws: ReferenceDataError.missingColumn("merged_from")) {
            try ReferenceData.parseProvinces("code,name,kind\n01,Hà Nội,thành phố")
        }
        #expect(throws: ReferenceDataError.wrongFieldCount(line: 3, expected: 4, found: 3)) {
            try ReferenceData.parseProvinces("code,name,kind,merged_from\n01,Hà Nội,thành phố,01 Hà Nội\n04,Cao Bằng,tỉnh")
        }
        #expect(throws: ReferenceDataError.badMergedFrom(line: 2, text: "Hà Giang")) {
            try ReferenceData.parseProvinces("code,name,kind,merged_from\n08,Tuyên Quang,tỉnh,Hà Giang")
        }
        #expect(throws: ReferenceDataError.duplicateCode(line: 3, code: "00004")) {
            try ReferenceData.parseCommunes(
                "province_code,province_name,commune_code,commune_name\n01,HN,00004,Phường Ba Đình\n01,HN,00004,Phường Ngọc Hà")
        }
        #expect(throws: ReferenceDataError.emptyField(line: 2, column: "commune_name")) {
            try ReferenceData.parseCommunes("province_code,province_name,commune_code,commune_name\n01,HN,00004,")
        }
        #expect(throws: ReferenceDataError.unterminatedQuote(line: 2)) {
            try ReferenceData.parseCommunes("province_code,province_name,commune_code,commune_name\n01,\"HN,00004,X")
        }
    }
}
