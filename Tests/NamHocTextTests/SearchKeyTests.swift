import Foundation
import NamHocText
import Testing

@Suite struct SearchKeyTests {
    @Test(arguments: [
        ("Đà Nẵng", "da nang"),
        ("TRƯỜNG THCS", "truong thcs"),
        ("đ Đ ð Ð", "d d d d"),
        ("  Sở   Giáo dục\tvà\nĐào tạo  ", "so giao duc va dao tao"),
        ("Ấp Ông Ơn Ưng Ỹ", "ap ong on ung y"),
        ("Nguyễn Thị Minh Khai", "nguyen thi minh khai"),
        ("Lớp 10A1", "lop 10a1"),
        ("Hà\u{00A0}Nội", "ha noi"),
        ("café Ñandú Øre", "cafe nandu øre"),
        ("", ""),
        ("   ", ""),
    ])
    func search_key(input: String, expected: String) {
        // MUT + validate
        #expect(VietnameseText.searchKey(input) == expected)
    }

    @Test func nfc_and_nfd_give_the_same_key() {
        // setup: a composed name and its decomposed form
        let nfc = "Trường Tiểu học Phù Đổng"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(nfd != nfc || Array(nfd.utf8) != Array(nfc.utf8))
        // MUT + validate
        #expect(VietnameseText.searchKey(nfd) == "truong tieu hoc phu dong")
        #expect(VietnameseText.searchKey(nfc) == VietnameseText.searchKey(nfd))
    }

    @Test func every_vietnamese_letter_folds_to_ascii() {
        // setup: every letter, lower and upper case
        let letters = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
        // MUT
        let key = VietnameseText.searchKey(letters + letters.uppercased())
        // validate
        #expect(key.allSatisfy { $0.isASCII && $0.isLowercase })
        #expect(key.count == 2 * letters.count)
    }

    @Test func key_is_substring_searchable() {
        // MUT: the key of a long name
        let haystack = VietnameseText.searchKey("Trường THPT Chuyên Lê Hồng Phong, TP. Hồ Chí Minh")
        // validate: it holds the keys of its parts
        #expect(haystack.contains(VietnameseText.searchKey("hồng phong")))
        #expect(haystack.contains(VietnameseText.searchKey("HO CHI MINH")))
    }
}
