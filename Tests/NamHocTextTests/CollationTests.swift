import Foundation
import NamHocDemo
import NamHocText
import Testing

@Suite struct CollationTests {
    static let ordered = [
        "An", "Anh", "Ánh", "Ân", "Bảo", "Dung", "Đạt", "Ea", "Ê", "On", "Ôn", "Ơn", "Uy", "Ưng",
    ]

    @Test func sort_key_orders_the_domain_list() {
        // setup
        let shuffled = Self.ordered.reversed() + Self.ordered.shuffled()
        // MUT
        let sorted = shuffled.sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) }
        // validate
        #expect(Array(sorted.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)) == Self.ordered)
    }

    @Test func compare_orders_the_domain_list() {
        // MUT + validate: every pair of the list
        for (i, a) in Self.ordered.enumerated() {
            for (j, b) in Self.ordered.enumerated() {
                let expected: ComparisonResult = i < j ? .orderedAscending : (i == j ? .orderedSame : .orderedDescending)
                #expect(VietnameseText.compare(a, b) == expected, "\(a) vs \(b)")
            }
        }
    }

    @Test func sort_key_is_printable_ascii_so_sql_binary_order_matches() {
        for s in Self.ordered + ["Nguyễn Văn 10", "Ελλάδα", "日本", "", "a\u{301}"] {
            // MUT
            let key = VietnameseText.sortKey(s)
            // validate
            #expect(key.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }, "\(s)")
            #expect(!key.contains("\\") && !key.contains("_") && !key.contains("%") && !key.contains("'"))
        }
    }

    @Test func tones_order_ngang_huyen_hoi_nga_sac_nang() {
        // setup
        let tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
        // MUT + validate
        #expect(tones.shuffled().sorted { VietnameseText.compare($0, $1) == .orderedAscending } == tones)
    }

    @Test func words_compare_syllable_by_syllable() {
        // The first syllable with its tone decides before any later syllable.
        // MUT + validate
        #expect(VietnameseText.compare("Ba Vì", "Bà Rịa") == .orderedAscending)
        #expect(VietnameseText.compare("An", "An Bình") == .orderedAscending)
        #expect(VietnameseText.compare("An Bình", "Anh") == .orderedAscending)
    }

    @Test func digits_first_and_by_value() {
        // setup
        let classes = ["6A1", "6A2", "6A10", "7A1", "10A1", "Lớp chọn"]
        // MUT + validate
        #expect(classes.shuffled().sorted { VietnameseText.compare($0, $1) == .orderedAscending } == classes)
        #expect(VietnameseText.compare("Trường số 2", "Trường số 10") == .orderedAscending)
        #expect(VietnameseText.compare("9", "a") == .orderedAscending)
    }

    @Test func case_is_the_last_level() {
        // MUT + validate
        #expect(VietnameseText.compare("an", "An") == .orderedAscending)
        #expect(VietnameseText.compare("An", "anh") == .orderedAscending)
        #expect(VietnameseText.compare("ĐẠT", "Đạt") == .orderedDescending)
    }

    @Test func nfc_nfd_and_spacing_are_equal() {
        // setup
        let nfc = "Nguyễn Thị Ánh"
        // MUT + validate
        #expect(VietnameseText.compare(nfc, nfc.decomposedStringWithCanonicalMapping) == .orderedSame)
        #expect(VietnameseText.sortKey("Nguyễn  Thị   Ánh ") == VietnameseText.sortKey(nfc))
    }

    @Test func foreign_letters_and_scripts_sort_after_vietnamese_letters() {
        // MUT + validate
        #expect(VietnameseText.compare("Zoe", "Ελλάδα") == .orderedAscending)
        #expect(VietnameseText.compare("Fanta", "Gấm") == .orderedAscending)  // f at its Latin place
        #expect(VietnameseText.compare("Ê", "Fanta") == .orderedAscending)
    }

    @Test func person_names_sort_by_given_then_middle_then_family() {
        // Given names An < Bình decide first; for the two "Bình", middle Thị < Văn; then family.
        // setup
        let expected = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Bình", "Nguyễn Văn Bình", "Phạm Minh Đức"]
        // MUT
        let sorted = expected.shuffled().sorted {
            VietnameseText.personNameSortKey($0) < VietnameseText.personNameSortKey($1)
        }
        // validate
        #expect(sorted == expected)
        // MUT + validate: the key of one-word and four-word names
        #expect(VietnameseText.personNameSortKey("An") == VietnameseText.sortKey("An"))
        #expect(VietnameseText.personNameSortKey("Nguyễn Văn An") == VietnameseText.sortKey("An Văn Nguyễn"))
        #expect(VietnameseText.personNameSortKey("Tôn Nữ Thị Hà") == VietnameseText.sortKey("Hà Nữ Thị Tôn"))
    }

    // Property: random Vietnamese strings, seeded so failures reproduce.
    @Test func sort_key_order_equals_compare_order_and_normalize_is_idempotent() {
        // setup: 300 random strings, some decomposed
        var rng = SeededRandom(seed: 20_230_905)
        let alphabet = Array("aàảãáạăằắâấậbcdđeèéêềếghiíìklmnoòóôồốơờớpqrstuùúưừứvxyýỳ AĂÂĐÊÔƠƯBNT0123456789-")
        let nfdToo = { (s: String) -> String in rng.next() % 3 == 0 ? s.decomposedStringWithCanonicalMapping : s }
        var samples: [String] = []
        for _ in 0..<300 {
            let length = Int(rng.next() % 12)
            var s = ""
            for _ in 0..<length { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            samples.append(nfdToo(s))
        }
        // MUT
        let keys = samples.map(VietnameseText.sortKey)
        // MUT + validate: normalize is idempotent, key order and compare agree
        for i in 0..<samples.count {
            let once = VietnameseText.normalize(samples[i])
            #expect(VietnameseText.normalize(once) == once)
            #expect(VietnameseText.sortKey(once) == keys[i])
            for j in stride(from: 0, to: samples.count, by: 7) {
                let byKey: ComparisonResult =
                    keys[i] == keys[j] ? .orderedSame : (keys[i] < keys[j] ? .orderedAscending : .orderedDescending)
                #expect(VietnameseText.compare(samples[i], samples[j]) == byKey)
            }
        }
        // The order is a total preorder: sorting by key then checking neighbours with compare.
        // MUT + validate
        let sorted = samples.sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) }
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            #expect(VietnameseText.compare(a, b) != .orderedDescending)
        }
    }

    @Test func agrees_with_foundation_vi_locale_on_single_syllables() {
        // Foundation's vi_VN collation is the reference for single words (it differs on digits
        // and multi-word strings, where we compare syllable by syllable and numbers by value).
        // setup: single words, and their order by Foundation's vi_VN collation
        let words = ["an", "anh", "ánh", "ân", "ăn", "bảo", "dung", "đạt", "ea", "ê", "on", "ôn", "ơn", "uy", "ưng", "ma", "mà", "má"]
        let locale = Locale(identifier: "vi_VN")
        let reference = words.sorted { $0.compare($1, options: [], range: nil, locale: locale) == .orderedAscending }
        // MUT
        let ours = words.sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) }
        // validate
        #expect(ours == reference)
    }
}
