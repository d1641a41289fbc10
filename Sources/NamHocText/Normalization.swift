import Foundation

/// Vietnamese text handling: normal form, search keys, collation.
///
/// Text reaches NamHoc in NFC, in NFD (macOS file names, some Excel exports) and in the legacy 8-bit
/// encodings of the 1990s–2000s (TCVN3/ABC with the .Vn fonts, VNI). Everything stored goes through
/// `normalize` first, so comparisons and unique keys never see two spellings of one word.
public enum VietnameseText {
    /// NFC, and legacy-encoded text (TCVN3/VNI read as Latin-1/CP1252 characters) converted to
    /// Unicode; already-Unicode text untouched apart from NFC.
    public static func normalize(_ s: String) -> String {
        VietnameseDecoder.convertIfLegacy(s).text
    }

    /// NFC without the legacy check. Most strings are ASCII or already-composed Vietnamese, so a
    /// scan for scalars that could change under NFC avoids calling into Foundation (slow on Linux)
    /// for them.
    static func nfc(_ s: String) -> String {
        if isTriviallyNFC(s) { return s }
        return s.precomposedStringWithCanonicalMapping
    }

    /// True when no scalar of `s` can be altered by NFC: nothing is a combining mark and nothing
    /// has a canonical singleton mapping. Below U+0300 no scalar has NFC_Quick_Check = No, and
    /// the Vietnamese block U+1EA0–U+1EF9 and the common punctuation ranges are stable.
    static func isTriviallyNFC(_ s: String) -> Bool {
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x300 { continue }
            if v >= 0x1EA0 && v <= 0x1EF9 { continue }
            if v >= 0x2010 && v <= 0x2027 { continue }
            if v == 0x20AC { continue }
            return false
        }
        return true
    }
}
