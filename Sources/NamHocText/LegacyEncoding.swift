import Foundation

/// Where a piece of text came from: Unicode, or one of the legacy 8-bit Vietnamese encodings.
public enum LegacyEncoding: String, Sendable, Codable {
    case unicode, tcvn3, vni
}

/// Reads text files and strings that may carry TCVN3 (ABC) or VNI bytes.
///
/// Detection is a scored heuristic, not a guess from byte frequencies: the text is read three
/// ways (as it is, as TCVN3, as VNI) and each reading is scored over its words that contain a
/// non-ASCII character: +1 when the word is a well-formed Vietnamese syllable (initial consonant,
/// vowel nucleus from the closed list of Vietnamese nuclei, final consonant, at most one tone),
/// −1 when it is not. A legacy reading wins only when it scores strictly higher than the text as
/// it is AND at least half of its counted words are valid syllables. Real Unicode Vietnamese is
/// valid word for word, so a legacy reading can at best tie with it and ties keep the text as it
/// is; Western text ("café déjà") is invalid both ways, so it also stays. Legacy text read as
/// CP1252 ("Tr­êng", "Tröôøng") is invalid as it is and valid once decoded.
///
/// Known limit: a very short Western phrase whose accented letters happen to spell a Vietnamese
/// syllable in VNI ("où" → "ó", "eût" → "ẻt") is converted. Longer text dilutes it, and the
/// opposite choice (ignore single-word evidence) would leave legacy cells like "Haø" (Hà) as they
/// are, which is the more common case in school data.
public enum VietnameseDecoder {
    /// Decode bytes of a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or 8-bit TCVN3
    /// (ABC, .Vn fonts) / VNI (VNI-Times, CP1252-based); returns NFC text and what was detected.
    /// 8-bit text that is neither is read as CP1252 and reported as `.unicode`.
    public static func decode(_ data: Data) -> (text: String, encoding: LegacyEncoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return convertIfLegacy(String(decoding: bytes[3...], as: UTF8.self))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return convertIfLegacy(decodeUTF16(bytes[2...], bigEndian: bytes[0] == 0xFE))
        }
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            // Also catches legacy text a tool already re-saved as UTF-8 through CP1252.
            return convertIfLegacy(utf8)
        }
        return detect(bytes: bytes, asIs: cp1252String(bytes))
    }

    /// Detect legacy text that has already been turned into a String (e.g. a cell copied from a
    /// .VnTime document, read as CP1252/Latin-1) and convert it; returns the input NFC-normalised
    /// when it is Unicode Vietnamese or plain ASCII.
    public static func convertIfLegacy(_ s: String) -> (text: String, encoding: LegacyEncoding) {
        // Fast exits: ASCII, or any character a CP1252/Latin-1 reading cannot produce (ơ, ư, ạ…,
        // combining marks), which proves the text is already Unicode.
        var bytes: [UInt8] = []
        var sawHigh = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                bytes.append(UInt8(v))
                continue
            }
            guard let byte = LegacyTables.legacyByte(v) else {
                return (VietnameseText.nfc(s), .unicode)
            }
            if byte >= 0xA0 { sawHigh = true }
            bytes.append(byte)
        }
        // Every Vietnamese letter of both encodings uses a byte ≥ 0xA0.
        guard sawHigh else { return (s, .unicode) }
        return detect(bytes: bytes, asIs: s)
    }

    // MARK: - Detection

    static func detect(bytes: [UInt8], asIs: String) -> (text: String, encoding: LegacyEncoding) {
        let baseline = score(asIs)
        var best: (text: String, encoding: LegacyEncoding, score: Score)? = nil
        for encoding in [LegacyEncoding.tcvn3, .vni] {
            let text = encoding == .tcvn3 ? decodeTCVN3(bytes) : decodeVNI(bytes)
            guard text != asIs else { continue }
            let s = score(text)
            guard s.net > baseline.net, s.valid * 2 >= s.counted else { continue }
            if best == nil || s.net > best!.score.net { best = (text, encoding, s) }
        }
        if let best { return (best.text, best.encoding) }
        return (VietnameseText.nfc(asIs), .unicode)
    }

    struct Score {
        var valid = 0
        var counted = 0
        var net: Int { valid - (counted - valid) }
    }

    /// Scores the words that contain a non-ASCII character (see the type comment).
    static func score(_ text: String) -> Score {
        var result = Score()
        var word: [Unicode.Scalar] = []
        var hasNonASCII = false
        func finishWord() {
            if hasNonASCII {
                result.counted += 1
                if VietnameseSyllable.isValid(word) { result.valid += 1 }
            }
            word.removeAll(keepingCapacity: true)
            hasNonASCII = false
        }
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) {
                word.append(scalar)
                if scalar.value >= 0x80 { hasNonASCII = true }
            } else {
                finishWord()
            }
        }
        finishWord()
        return result
    }

    /// Word characters for scoring: ASCII letters and digits, and every non-ASCII character except
    /// spaces and general punctuation. Latin-1 symbols stay inside words on purpose: in TCVN3 they
    /// are letters ("H«m", "Tr­êng"), so cutting words there would hide the evidence.
    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 {
            return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
        }
        if v == 0xA0 || (0x2000...0x206F).contains(v) || v == 0x3000 { return false }
        return !scalar.properties.isWhitespace
    }

    // MARK: - Decoders

    static func cp1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80 && byte < 0xA0 {
            return Unicode.Scalar(LegacyTables.cp1252High[Int(byte - 0x80)])!
        }
        return Unicode.Scalar(byte)
    }

    static func cp1252String(_ bytes: [UInt8]) -> String {
        var s = String.UnicodeScalarView()
        for b in bytes { s.append(cp1252Scalar(b)) }
        return String(s)
    }

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let (hi, lo) = bigEndian ? (bytes[i], bytes[i + 1]) : (bytes[i + 1], bytes[i])
            units.append(UInt16(hi) << 8 | UInt16(lo))
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// TCVN3: one byte per letter. Afterwards, words written in a ".VnTimeH" font (all capitals,
    /// where the font draws the lower-case codes as capitals) are upper-cased as a whole.
    static func decodeTCVN3(_ bytes: [UInt8]) -> String {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        for b in bytes {
            scalars.append(LegacyTables.tcvn3[b] ?? cp1252Scalar(b))
        }
        return repairCapitals(scalars)
    }

    private static func repairCapitals(_ scalars: [Unicode.Scalar]) -> String {
        func isASCIIUpper(_ s: Unicode.Scalar) -> Bool { (0x41...0x5A).contains(s.value) }
        func isASCIILower(_ s: Unicode.Scalar) -> Bool { (0x61...0x7A).contains(s.value) }
        let totalLower = scalars.filter(isASCIILower).count
        let totalUpper = scalars.filter(isASCIIUpper).count
        let allCapsText = totalLower == 0 && totalUpper >= 3

        var out = String.UnicodeScalarView()
        var start = 0
        while start < scalars.count {
            var end = start
            while end < scalars.count && !scalars[end].properties.isWhitespace { end += 1 }
            let word = scalars[start..<end]
            let upper = word.filter(isASCIIUpper).count
            let lower = word.filter(isASCIILower).count
            if lower == 0 && (upper >= 2 || (upper >= 1 && allCapsText)) {
                for s in word { out.append(contentsOf: s.properties.uppercaseMapping.unicodeScalars) }
            } else {
                out.append(contentsOf: word)
            }
            if end < scalars.count { out.append(scalars[end]) }
            start = end + 1
        }
        return String(out)
    }

    /// VNI: a base vowel followed by a mark byte becomes one precomposed letter.
    static func decodeVNI(_ bytes: [UInt8]) -> String {
        var out = ""
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let upper = b < 0x80 ? (0x41...0x5A).contains(b) : (0xC0...0xDE).contains(b)
            let lowerByte = (b >= 0x41 && b <= 0x5A) || (b >= 0xC0 && b <= 0xDE) ? b + 0x20 : b
            var base: UInt8? = nil
            var baseTone: UInt8 = 0
            switch lowerByte {
            case 0x61: base = VietnameseLetters.a
            case 0x65: base = VietnameseLetters.e
            case 0x6F: base = VietnameseLetters.o
            case 0x75: base = VietnameseLetters.u
            case 0x79: base = VietnameseLetters.y
            default:
                if b >= 0xC0, let single = LegacyTables.vniSingles[lowerByte] {
                    if single.letter == VietnameseLetters.oHorn || single.letter == VietnameseLetters.uHorn {
                        base = single.letter
                    } else {
                        out.append(vniLetter(single.letter, tone: single.tone, upper: upper))
                        i += 1
                        continue
                    }
                }
            }
            guard var letter = base else {
                out.unicodeScalars.append(cp1252Scalar(b))
                i += 1
                continue
            }
            var consumed = 1
            if i + 1 < bytes.count, bytes[i + 1] >= 0xC0 {
                let next = bytes[i + 1]
                let key = next < 0xE0 ? next + 0x20 : next
                if let mark = LegacyTables.vniMarks[key], let applied = apply(mark, to: letter) {
                    letter = applied.letter
                    baseTone = applied.tone
                    consumed = 2
                }
            }
            out.append(vniLetter(letter, tone: baseTone, upper: upper))
            i += consumed
        }
        return out
    }

    private static func apply(_ mark: LegacyTables.VNIMark, to letter: UInt8) -> (letter: UInt8, tone: UInt8)? {
        switch mark {
        case .tone(let t):
            return (letter, t)
        case .modifier(let m), .modifierTone(let m, _):
            let modified = VietnameseLetters.modify(letter, m)
            guard modified != letter else { return nil }
            if case .modifierTone(_, let t) = mark { return (modified, t) }
            return (modified, 0)
        }
    }

    private static func vniLetter(_ letter: UInt8, tone: UInt8, upper: Bool) -> Character {
        if letter == VietnameseLetters.dStroke { return upper ? "Đ" : "đ" }
        return LegacyTables.vowel(letter, tone: tone, upper: upper)!
    }
}
