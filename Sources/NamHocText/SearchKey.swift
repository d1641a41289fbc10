import Foundation

extension VietnameseText {
    /// Search key: NFC, lower-cased, diacritics removed, đ/Đ → d, any run of whitespace → one
    /// space, trimmed. "Đà Nẵng" → "da nang", "TRƯỜNG THCS" → "truong thcs".
    ///
    /// Works scalar by scalar from precomputed tables, so NFC and NFD input give the same key
    /// without normalising first (combining marks are simply dropped) and a 57.000-row import does
    /// not pay for ICU per cell.
    public static func searchKey(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false

        @inline(__always) func emit(_ byte: UInt8) {
            if pendingSpace {
                if !out.isEmpty { out.append(0x20) }
                pendingSpace = false
            }
            out.append(byte)
        }

        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x20, 0x09...0x0D: pendingSpace = true
                case 0x41...0x5A: emit(UInt8(v + 0x20))
                default: emit(UInt8(v))
                }
                continue
            }
            let info = VietnameseLetters.info(v)
            if info.isLetter {
                emit(VietnameseLetters.asciiFold[Int(info.letter)])
            } else if VietnameseLetters.mark(v) != nil {
                continue  // combining mark of NFD input: its letter is already out
            } else if scalar.properties.isWhitespace {
                pendingSpace = true
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else if v == 0xAD || v == 0x200B || v == 0xFEFF {
                continue  // soft hyphen, zero-width space, BOM: invisible, never part of a word
            } else {
                for byte in scalar.properties.lowercaseMapping.utf8 { emit(byte) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
