import Foundation

/// Per-scalar facts shared by search keys, sort keys and the syllable check of the legacy detector.
///
/// Everything is precomputed into flat arrays once (the only Foundation call is the canonical
/// decomposition used to build them), so the hot loops of `searchKey` and `sortKey` never touch
/// ICU or allocate per character.
enum VietnameseLetters {
    /// The Vietnamese alphabet, in collation order, with f, j, w, z at their Latin places so that
    /// foreign names still sort sensibly. Index = letter number used everywhere below.
    static let alphabet: [Character] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
        "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ]
    static let letterCount = 33

    /// ASCII letter a Vietnamese letter folds to in a search key (ă, â → a; đ → d; …).
    static let asciiFold: [UInt8] = Array("aaabcddeefghijklmnooopqrstuuvwxyz".utf8)

    // Letter numbers the modifier marks act on.
    static let a: UInt8 = 0, aBreve: UInt8 = 1, aCircumflex: UInt8 = 2, dStroke: UInt8 = 6
    static let e: UInt8 = 7, eCircumflex: UInt8 = 8, i: UInt8 = 12, o: UInt8 = 18
    static let oCircumflex: UInt8 = 19, oHorn: UInt8 = 20, u: UInt8 = 26, uHorn: UInt8 = 27, y: UInt8 = 31

    /// Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
    enum Tone: UInt8 { case none = 0, grave, hook, tilde, acute, dot }

    /// Packed facts about one scalar: 0 = nothing known (not a Latin letter we understand).
    /// bits 0–5: letter number + 1; bits 6–8: tone; bit 9: upper case.
    struct Info: Sendable {
        let raw: UInt16
        var isLetter: Bool { raw & 0x3F != 0 }
        var letter: UInt8 { UInt8(raw & 0x3F) &- 1 }
        var tone: UInt8 { UInt8((raw >> 6) & 0x7) }
        var isUpper: Bool { raw & 0x200 != 0 }
        init(raw: UInt16) { self.raw = raw }
        init(letter: UInt8, tone: UInt8, upper: Bool) {
            raw = UInt16(letter + 1) | UInt16(tone) << 6 | (upper ? 0x200 : 0)
        }
    }

    /// What a combining mark does to the letter before it.
    enum Mark { case tone(UInt8), circumflex, breve, horn, ignorable }

    @inline(__always)
    static func mark(_ v: UInt32) -> Mark? {
        switch v {
        case 0x300, 0x340: return .tone(Tone.grave.rawValue)
        case 0x309: return .tone(Tone.hook.rawValue)
        case 0x303: return .tone(Tone.tilde.rawValue)
        case 0x301, 0x341: return .tone(Tone.acute.rawValue)
        case 0x323: return .tone(Tone.dot.rawValue)
        case 0x302: return .circumflex
        case 0x306: return .breve
        case 0x31B: return .horn
        case 0x300...0x36F: return .ignorable
        default: return nil
        }
    }

    /// Letter number after applying a modifier mark (a + ̂ → â …); unchanged when it does not apply.
    @inline(__always)
    static func modify(_ letter: UInt8, _ m: Mark) -> UInt8 {
        switch (m, letter) {
        case (.circumflex, a): return aCircumflex
        case (.circumflex, e): return eCircumflex
        case (.circumflex, o): return oCircumflex
        case (.breve, a): return aBreve
        case (.horn, o): return oHorn
        case (.horn, u): return uHorn
        default: return letter
        }
    }

    // Two dense ranges cover every Latin letter a Vietnamese document realistically contains.
    private static let lowRange: ClosedRange<UInt32> = 0...0x24F
    private static let vietRange: ClosedRange<UInt32> = 0x1E00...0x1EFF

    private static let lowTable: [UInt16] = buildTable(lowRange)
    private static let vietTable: [UInt16] = buildTable(vietRange)

    @inline(__always)
    static func info(_ v: UInt32) -> Info {
        if v <= 0x24F { return Info(raw: lowTable[Int(v)]) }
        if v >= 0x1E00 && v <= 0x1EFF { return Info(raw: vietTable[Int(v - 0x1E00)]) }
        return Info(raw: 0)
    }

    private static func asciiLetterNumber(_ v: UInt32) -> UInt8? {
        guard (0x61...0x7A).contains(v) else { return nil }
        return UInt8(alphabet.firstIndex(of: Character(Unicode.Scalar(v)!))!)
    }

    private static func buildTable(_ range: ClosedRange<UInt32>) -> [UInt16] {
        var table = [UInt16](repeating: 0, count: range.count)
        for v in range {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let slot = Int(v - range.lowerBound)
            // Đ/đ have no decomposition; Ð/ð (Icelandic eth) are look-alikes old Vietnamese
            // fonts and careless typing put in place of Đ/đ, so they are treated as the same letter.
            switch v {
            case 0x110, 0xD0: table[slot] = Info(letter: dStroke, tone: 0, upper: true).raw; continue
            case 0x111, 0xF0: table[slot] = Info(letter: dStroke, tone: 0, upper: false).raw; continue
            default: break
            }
            let upper = scalar.properties.isUppercase
            let decomposed: [Unicode.Scalar]
            if v < 0x80 {
                decomposed = [scalar]
            } else {
                guard scalar.properties.isAlphabetic else { continue }
                decomposed = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
            }
            guard let base = decomposed.first,
                let baseLower = base.properties.lowercaseMapping.unicodeScalars.first,
                let number = asciiLetterNumber(baseLower.value)
            else { continue }
            var letter = number
            var tone: UInt8 = 0
            for m in decomposed.dropFirst() {
                switch mark(m.value) {
                case .tone(let t): tone = t
                case .some(let other): letter = modify(letter, other)
                case nil: break
                }
            }
            table[slot] = Info(letter: letter, tone: tone, upper: upper).raw
        }
        return table
    }
}
