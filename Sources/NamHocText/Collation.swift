import Foundation

extension VietnameseText {
    /// ASCII sort key whose plain byte-wise order (SQLite BINARY, PostgreSQL COLLATE "C", Swift `<`)
    /// is Vietnamese order: ă â đ ê ô ơ ư are letters of their own, digits come before letters and
    /// sort by value ("Lớp 2" < "Lớp 10"), words are compared one by one (syllable first, then its
    /// tone: ngang < huyền < hỏi < ngã < sắc < nặng), and case is the last level (lower first).
    ///
    /// Layout (every part is self-delimiting, so byte order never compares unlike parts):
    /// - a syllable: one code per letter (`@`…, in alphabet order; other scripts `~` + 6 hex
    ///   digits), then one tone code (`#$&()*`), which is lower than any letter so "an" < "anh";
    /// - a digit run: a length code (`+`…`>`, 1–20 significant digits) then the digits;
    /// - then `!` (below everything else, so "An" < "An Bình") and one `0`/`1` per letter for case.
    /// Whitespace and punctuation only separate syllables. Strings differing only in them, or in
    /// NFC/NFD form, get equal keys.
    public static func sortKey(_ s: String) -> String {
        var builder = SortKeyBuilder(capacity: s.utf8.count)
        for scalar in s.unicodeScalars { builder.add(scalar) }
        return builder.finish()
    }

    /// Vietnamese comparison consistent with `sortKey` (it compares the keys' bytes, without
    /// building Strings). To sort many items, compute `sortKey` once per item instead.
    public static func compare(_ a: String, _ b: String) -> ComparisonResult {
        let ka = sortKeyBytes(a), kb = sortKeyBytes(b)
        for (x, y) in zip(ka, kb) where x != y {
            return x < y ? .orderedAscending : .orderedDescending
        }
        if ka.count == kb.count { return .orderedSame }
        return ka.count < kb.count ? .orderedAscending : .orderedDescending
    }

    static func sortKeyBytes(_ s: String) -> [UInt8] {
        var builder = SortKeyBuilder(capacity: s.utf8.count)
        for scalar in s.unicodeScalars { builder.add(scalar) }
        return builder.finishBytes()
    }

    /// Sort key for a person's full name: given name (last word), then middle names in order,
    /// then family name (first word). "Nguyễn Văn An" sorts as "An Văn Nguyễn", so class lists
    /// come out the way Vietnamese schools print them (by tên, then tên đệm, then họ).
    /// Compound family names ("Tôn Nữ", "Âu Dương") cannot be told from middle names without a
    /// separate field; they sort as middle names, which only matters for exact ties on tên.
    public static func personNameSortKey(_ fullName: String) -> String {
        // Feeds the words to the builder in the new order instead of splitting and joining
        // Strings: this runs once per pupil or teacher of an import.
        let scalars = fullName.unicodeScalars
        var words: [Range<String.UnicodeScalarView.Index>] = []
        var start: String.UnicodeScalarView.Index? = nil
        var i = scalars.startIndex
        while i != scalars.endIndex {
            if scalars[i].properties.isWhitespace {
                if let s = start { words.append(s..<i) }
                start = nil
            } else if start == nil {
                start = i
            }
            i = scalars.index(after: i)
        }
        if let s = start { words.append(s..<scalars.endIndex) }
        guard words.count > 1 else { return sortKey(fullName) }

        var builder = SortKeyBuilder(capacity: fullName.utf8.count)
        let order = [words.count - 1] + Array(1..<(words.count - 1)) + [0]
        for index in order {
            for scalar in scalars[words[index]] { builder.add(scalar) }
            builder.add(" ")
        }
        return builder.finish()
    }
}

/// Accumulates one sort key; see `VietnameseText.sortKey` for the layout.
struct SortKeyBuilder {
    // Letter codes: printable ASCII from "@" upward, skipping "\" and "_" (escaping and LIKE
    // wildcards in SQL are a needless trap for anyone who ever queries the column by hand).
    static let letterCodes: [UInt8] = {
        var codes: [UInt8] = []
        var c: UInt8 = 0x40
        while codes.count < VietnameseLetters.letterCount {
            if c != 0x5C && c != 0x5F { codes.append(c) }
            c += 1
        }
        return codes
    }()
    static let toneCodes: [UInt8] = Array("#$&()*".utf8)
    static let otherLetterCode: UInt8 = 0x7E  // "~"
    static let levelSeparator: UInt8 = 0x21  // "!"
    static let firstLengthCode: UInt8 = 0x2B  // "+": digit run of length 1
    static let maxDigitRun = 20
    static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private var key: [UInt8] = []
    private var caseLevel: [UInt8] = []
    private var syllable: [UInt8] = []  // letter numbers; 0xFF + 6 hex bytes for other letters
    private var lastLetterIndex: Int? = nil  // index in `syllable` of the last Vietnamese letter
    private var tone: UInt8 = 0
    private var digits: [UInt8] = []

    init(capacity: Int) {
        key.reserveCapacity(capacity * 2 + 8)
    }

    mutating func add(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        if v >= 0x30 && v <= 0x39 {
            flushSyllable()
            if digits.count == Self.maxDigitRun { flushDigits() }
            digits.append(UInt8(v))
            return
        }
        let info = VietnameseLetters.info(v)
        if info.isLetter {
            flushDigits()
            lastLetterIndex = syllable.count
            syllable.append(info.letter)
            if info.tone != 0 { tone = info.tone }
            caseLevel.append(info.isUpper ? 0x31 : 0x30)
            return
        }
        if v < 0x80 {
            flushAll()  // ASCII space or punctuation
            return
        }
        if let mark = VietnameseLetters.mark(v) {
            // NFD input: the mark belongs to the letter just added.
            guard let index = lastLetterIndex, digits.isEmpty else { return }
            switch mark {
            case .tone(let t): tone = t
            case .ignorable: break
            default: syllable[index] = VietnameseLetters.modify(syllable[index], mark)
            }
            return
        }
        let properties = scalar.properties
        if properties.isAlphabetic {
            flushDigits()
            let lower = properties.lowercaseMapping.unicodeScalars.first?.value ?? v
            syllable.append(0xFF)
            for shift in stride(from: 20, through: 0, by: -4) {
                syllable.append(Self.hexDigits[Int((lower >> UInt32(shift)) & 0xF)])
            }
            lastLetterIndex = nil
            caseLevel.append(properties.isUppercase ? 0x31 : 0x30)
        } else if properties.generalCategory == .nonspacingMark
            || properties.generalCategory == .spacingMark || v == 0xAD || v == 0x200B
            || v == 0xFEFF
        {
            return  // marks of other scripts and invisible characters neither split nor sort
        } else {
            flushAll()
        }
    }

    private mutating func flushSyllable() {
        guard !syllable.isEmpty else { return }
        var i = 0
        while i < syllable.count {
            if syllable[i] == 0xFF {
                key.append(Self.otherLetterCode)
                key.append(contentsOf: syllable[(i + 1)...(i + 6)])
                i += 7
            } else {
                key.append(Self.letterCodes[Int(syllable[i])])
                i += 1
            }
        }
        key.append(Self.toneCodes[Int(tone)])
        syllable.removeAll(keepingCapacity: true)
        lastLetterIndex = nil
        tone = 0
    }

    private mutating func flushDigits() {
        guard !digits.isEmpty else { return }
        // Leading zeros do not change the value; keep one digit for zero itself.
        var start = 0
        while start < digits.count - 1 && digits[start] == 0x30 { start += 1 }
        let significant = digits[start...]
        key.append(Self.firstLengthCode + UInt8(significant.count - 1))
        key.append(contentsOf: significant)
        digits.removeAll(keepingCapacity: true)
    }

    private mutating func flushAll() {
        flushSyllable()
        flushDigits()
    }

    mutating func finishBytes() -> [UInt8] {
        flushAll()
        key.append(Self.levelSeparator)
        key.append(contentsOf: caseLevel)
        return key
    }

    mutating func finish() -> String {
        String(decoding: finishBytes(), as: UTF8.self)
    }
}
