import Foundation
import NamHocText
import Testing

@Suite struct NormalizationTests {
    @Test func nfd_input_becomes_nfc() {
        // setup
        let nfd = "Vi\u{65}\u{323}\u{302}t Nam, Tr\u{75}\u{31B}\u{6F}\u{31B}\u{300}ng"
        // MUT
        let result = VietnameseText.normalize(nfd)
        // validate
        #expect(result == "Việt Nam, Trường")
        #expect(result.unicodeScalars.count == "Việt Nam, Trường".unicodeScalars.count)
        #expect(Array(result.utf8) == Array("Việt Nam, Trường".precomposedStringWithCanonicalMapping.utf8))
    }

    @Test func nfc_and_ascii_are_untouched() {
        // MUT + validate: composed and ASCII strings come back byte for byte
        for s in ["Trường THCS Nguyễn Trãi", "Truong THCS", "", "  2023-2024  ", "café déjà vu"] {
            #expect(VietnameseText.normalize(s) == s)
            #expect(Array(VietnameseText.normalize(s).utf8) == Array(s.utf8))
        }
    }

    @Test func nfd_western_text_is_composed_not_converted() {
        // setup
        let nfd = "cafe\u{301} de\u{301}ja\u{300}"
        // MUT + validate
        #expect(VietnameseText.normalize(nfd) == "café déjà")
        #expect(VietnameseText.normalize(nfd).unicodeScalars.count == 9)
    }

    @Test func legacy_text_is_converted() {
        // MUT + validate: a TCVN3 and a VNI string
        #expect(VietnameseText.normalize("ViÖt Nam") == "Việt Nam")
        #expect(VietnameseText.normalize("Vieät Nam") == "Việt Nam")
    }

    @Test func normalize_is_idempotent_on_examples() {
        for s in ["Tr\u{75}\u{31B}\u{6F}\u{31B}\u{300}ng", "Së Gi¸o dôc", "Sôû Giaùo duïc", "café", "Hà Nội", "Ω Å"] {
            // MUT
            let once = VietnameseText.normalize(s)
            // validate
            #expect(VietnameseText.normalize(once) == once)
        }
    }

    @Test func compatibility_characters_are_kept() {
        // NFC, not NFKC: full-width digits and ligatures stay as typed.
        // MUT + validate
        #expect(VietnameseText.normalize("ﬁ １") == "ﬁ １")
        // Canonical singletons do change (Ohm sign → Omega), as NFC requires.
        #expect(VietnameseText.normalize("\u{2126}") == "\u{3A9}")
    }
}

@Suite struct InvisibleCharacterTests {
    @Test func bidi_and_zero_width_characters_are_removed() {
        // setup: a name carrying a right-to-left override, a zero-width space, a BOM and an isolate
        let hostile = "Trường\u{202E}THCS\u{200B} Nguyễn\u{FEFF} Trãi\u{2066}\u{2069}\u{0007}"
        // MUT
        let cleaned = VietnameseText.removingInvisibles(hostile)
        // validate
        #expect(cleaned == "TrườngTHCS Nguyễn Trãi")
        #expect(VietnameseText.removingInvisibles("Dòng 1\nDòng 2\tcột") == "Dòng 1\nDòng 2\tcột")
        #expect(VietnameseText.removingInvisibles("Đà Nẵng") == "Đà Nẵng")
    }
}
