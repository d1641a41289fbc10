/// Byte tables of the two legacy 8-bit Vietnamese encodings still found in school archives.
///
/// Sources cross-checked: the TCVN 5712:1993 table shipped with X11 (`TCVNtoUCS2.c`, whose
/// 0xA1–0xFE lower-case positions are the ABC/VN3 set) and the public Unicode ⇄ TCVN3 ⇄ VNI
/// converter tables used by Vietnamese tools (134 letters each), plus well-known specimens
/// ("ViÖt Nam", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Vieät Nam").
enum LegacyTables {
    /// TCVN3 (ABC, fonts .VnTime/.VnArial…): byte → letter, for 0xA1…0xFE.
    /// Only ABC/VN3 positions are decoded. VN1's extra capitals (0x80–0x9F, 0xAF, 0xBA, 0xBF…)
    /// are not: ABC fonts never had them, and on Windows those bytes are CP1252 punctuation.
    /// Capitals with tones do not exist in ABC: the ".VnTimeH" fonts draw the lower-case codes
    /// as capitals, so "TR­êNG" means "TRƯỜNG" (see the case repair in the decoder).
    static let tcvn3: [UInt8: Unicode.Scalar] = {
        let pairs: [(UInt8, Character)] = [
            (0xA1, "Ă"), (0xA2, "Â"), (0xA3, "Ê"), (0xA4, "Ô"), (0xA5, "Ơ"), (0xA6, "Ư"), (0xA7, "Đ"),
            (0xA8, "ă"), (0xA9, "â"), (0xAA, "ê"), (0xAB, "ô"), (0xAC, "ơ"), (0xAD, "ư"), (0xAE, "đ"),
            (0xB5, "à"), (0xB6, "ả"), (0xB7, "ã"), (0xB8, "á"), (0xB9, "ạ"),
            (0xBB, "ằ"), (0xBC, "ẳ"), (0xBD, "ẵ"), (0xBE, "ắ"), (0xC6, "ặ"),
            (0xC7, "ầ"), (0xC8, "ẩ"), (0xC9, "ẫ"), (0xCA, "ấ"), (0xCB, "ậ"),
            (0xCC, "è"), (0xCE, "ẻ"), (0xCF, "ẽ"), (0xD0, "é"), (0xD1, "ẹ"),
            (0xD2, "ề"), (0xD3, "ể"), (0xD4, "ễ"), (0xD5, "ế"), (0xD6, "ệ"),
            (0xD7, "ì"), (0xD8, "ỉ"), (0xDC, "ĩ"), (0xDD, "í"), (0xDE, "ị"),
            (0xDF, "ò"), (0xE1, "ỏ"), (0xE2, "õ"), (0xE3, "ó"), (0xE4, "ọ"),
            (0xE5, "ồ"), (0xE6, "ổ"), (0xE7, "ỗ"), (0xE8, "ố"), (0xE9, "ộ"),
            (0xEA, "ờ"), (0xEB, "ở"), (0xEC, "ỡ"), (0xED, "ớ"), (0xEE, "ợ"),
            (0xEF, "ù"), (0xF1, "ủ"), (0xF2, "ũ"), (0xF3, "ú"), (0xF4, "ụ"),
            (0xF5, "ừ"), (0xF6, "ử"), (0xF7, "ữ"), (0xF8, "ứ"), (0xF9, "ự"),
            (0xFA, "ỳ"), (0xFB, "ỷ"), (0xFC, "ỹ"), (0xFD, "ý"), (0xFE, "ỵ"),
        ]
        var map: [UInt8: Unicode.Scalar] = [:]
        for (byte, ch) in pairs { map[byte] = ch.unicodeScalars.first! }
        return map
    }()

    /// VNI-Windows (VNI-Times…): a vowel is written as its base letter followed by one byte
    /// carrying the mark(s); a few letters are single bytes. Shown as CP1252 characters, upper-case
    /// mark bytes follow upper-case letters ("AÙ" = Á) and lower-case ones lower-case letters.
    enum VNIMark {
        case tone(UInt8)  // VietnameseLetters.Tone raw value
        case modifier(VietnameseLetters.Mark)  // circumflex or breve
        case modifierTone(VietnameseLetters.Mark, UInt8)
    }

    /// Mark bytes, keyed by the lower-case byte (upper-case form = byte − 0x20).
    static let vniMarks: [UInt8: VNIMark] = [
        0xF8: .tone(1), 0xFB: .tone(2), 0xF5: .tone(3), 0xF9: .tone(4), 0xEF: .tone(5),  // ø û õ ù ï
        0xE2: .modifier(.circumflex), 0xEA: .modifier(.breve),  // â ê
        0xE0: .modifierTone(.circumflex, 1), 0xE5: .modifierTone(.circumflex, 2),  // à å
        0xE3: .modifierTone(.circumflex, 3), 0xE1: .modifierTone(.circumflex, 4),  // ã á
        0xE4: .modifierTone(.circumflex, 5),  // ä
        0xE8: .modifierTone(.breve, 1), 0xFA: .modifierTone(.breve, 2),  // è ú
        0xFC: .modifierTone(.breve, 3), 0xE9: .modifierTone(.breve, 4),  // ü é
        0xEB: .modifierTone(.breve, 5),  // ë
    ]

    /// Single-byte VNI letters, lower-case byte → (letter number, tone). Upper case = byte − 0x20.
    /// ơ and ư (ô, ö) can still take a following tone byte.
    static let vniSingles: [UInt8: (letter: UInt8, tone: UInt8)] = [
        0xEC: (VietnameseLetters.i, 1), 0xE6: (VietnameseLetters.i, 2), 0xF3: (VietnameseLetters.i, 3),  // ì æ ó
        0xED: (VietnameseLetters.i, 4), 0xF2: (VietnameseLetters.i, 5),  // í ò
        0xEE: (VietnameseLetters.y, 5),  // î = ỵ
        0xF1: (VietnameseLetters.dStroke, 0),  // ñ = đ
        0xF4: (VietnameseLetters.oHorn, 0), 0xF6: (VietnameseLetters.uHorn, 0),  // ô = ơ, ö = ư
    ]

    /// CP1252 bytes 0x80–0x9F (the rest of CP1252 is Latin-1). Undefined bytes map to C1 controls,
    /// which is what Windows does when it round-trips them.
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]

    static let cp1252Reverse: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (i, v) in cp1252High.enumerated() { map[v] = UInt8(0x80 + i) }
        return map
    }()

    /// The byte a character had before a CP1252/Latin-1 reading turned it into a String.
    @inline(__always)
    static func legacyByte(_ v: UInt32) -> UInt8? {
        if v <= 0xFF { return UInt8(v) }
        return cp1252Reverse[v]
    }

    /// Precomposed vowels by letter and tone, for building decoder output without NFC.
    static let vowelForms: [UInt8: [Character]] = {
        let rows: [(UInt8, String)] = [
            (VietnameseLetters.a, "aàảãáạ"), (VietnameseLetters.aBreve, "ăằẳẵắặ"),
            (VietnameseLetters.aCircumflex, "âầẩẫấậ"), (VietnameseLetters.e, "eèẻẽéẹ"),
            (VietnameseLetters.eCircumflex, "êềểễếệ"), (VietnameseLetters.i, "iìỉĩíị"),
            (VietnameseLetters.o, "oòỏõóọ"), (VietnameseLetters.oCircumflex, "ôồổỗốộ"),
            (VietnameseLetters.oHorn, "ơờởỡớợ"), (VietnameseLetters.u, "uùủũúụ"),
            (VietnameseLetters.uHorn, "ưừửữứự"), (VietnameseLetters.y, "yỳỷỹýỵ"),
        ]
        var map: [UInt8: [Character]] = [:]
        for (letter, forms) in rows { map[letter] = Array(forms) }
        return map
    }()

    static func vowel(_ letter: UInt8, tone: UInt8, upper: Bool) -> Character? {
        guard let row = vowelForms[letter] else { return nil }
        let ch = row[Int(tone)]
        return upper ? Character(ch.uppercased()) : ch
    }
}
