import Foundation

/// Scalar folding tables, built once. Every Vietnamese letter is one scalar in NFC, so folding
/// scalar by scalar keeps offsets 1:1 with the text and spans never need remapping.
enum ScalarFold {
    /// Covered ranges: U+0000–U+024F (Latin, Latin-1, Latin Extended-A/B) and U+1E00–U+1EFF
    /// (Latin Extended Additional: the toned Vietnamese vowels).
    private static let lowRange: ClosedRange<UInt32> = 0...0x24F
    private static let vnRange: ClosedRange<UInt32> = 0x1E00...0x1EFF

    /// (lowercase, fold = lowercase without diacritics, isLetter) per covered scalar.
    private static let table: [(lower: UInt32, fold: UInt32, letter: Bool)] = {
        var t: [(UInt32, UInt32, Bool)] = []
        t.reserveCapacity(0x250 + 0x100)
        for v in Array(lowRange) + Array(vnRange) {
            guard let s = Unicode.Scalar(v) else { t.append((v, v, false)); continue }
            let lowerStr = s.properties.lowercaseMapping
            let lower = lowerStr.unicodeScalars.count == 1 ? lowerStr.unicodeScalars.first!.value : v
            var fold = lower
            if lower == 0x111 { fold = 0x64 }  // đ → d: not a decomposition, but searchers expect it
            else if let base = String(Unicode.Scalar(lower)!).decomposedStringWithCanonicalMapping.unicodeScalars.first {
                fold = base.value
            }
            t.append((lower, fold, s.properties.isAlphabetic))
        }
        return t
    }()

    @inline(__always) private static func entry(_ v: UInt32) -> (lower: UInt32, fold: UInt32, letter: Bool)? {
        if v <= 0x24F { return table[Int(v)] }
        if v >= 0x1E00 && v <= 0x1EFF { return table[0x250 + Int(v - 0x1E00)] }
        return nil
    }

    static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if let e = entry(s.value) { return Unicode.Scalar(e.lower)! }
        let m = s.properties.lowercaseMapping.unicodeScalars
        return m.count == 1 ? m.first! : s
    }

    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if let e = entry(s.value) { return Unicode.Scalar(e.fold)! }
        return lower(s)
    }

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if let e = entry(s.value) { return e.letter }
        return s.properties.isAlphabetic
    }

    static func isUpper(_ s: Unicode.Scalar) -> Bool {
        if let e = entry(s.value) { return e.letter && e.lower != s.value }
        return s.properties.isUppercase
    }

    /// Folded form of a whole string (for gazetteer keys and comparisons).
    static func fold(_ string: String) -> String {
        var out = String.UnicodeScalarView()
        for s in string.unicodeScalars { out.append(fold(s)) }
        return String(out)
    }

    /// Folded words joined by single spaces: "Sở GD&ĐT  Hà Nội" → "so gd dt ha noi".
    static func key(_ string: String) -> String {
        var words: [String] = []
        var cur = String.UnicodeScalarView()
        for s in string.unicodeScalars {
            if isLetter(s) || ("0"..."9").contains(s) {
                cur.append(fold(s))
            } else if !cur.isEmpty {
                words.append(String(cur))
                cur = String.UnicodeScalarView()
            }
        }
        if !cur.isEmpty { words.append(String(cur)) }
        return words.joined(separator: " ")
    }
}

/// A word: a run of letters and digits.
struct Word {
    var start: Int
    var end: Int
    /// Folded (lowercase, no diacritics) text of the word.
    var fold: String
    var isCapitalized: Bool
    var isAllCaps: Bool
    var isNumber: Bool
}

/// The NFC text as scalars with folded views, words and lines precomputed once, so the scanners
/// are linear and never index a String by offset.
struct DirectiveText {
    let string: String
    let scalars: [Unicode.Scalar]
    let lower: [Unicode.Scalar]
    let folded: [Unicode.Scalar]
    let words: [Word]
    /// For every scalar offset, the index of the word containing it or the next word after it.
    let wordAt: [Int32]
    /// Lines without their line break, trimmed of surrounding spaces and tabs.
    let lines: [Range<Int>]

    init(_ string: String) {
        self.string = string
        let sc = Array(string.unicodeScalars)
        scalars = sc
        var lo: [Unicode.Scalar] = []
        var fo: [Unicode.Scalar] = []
        lo.reserveCapacity(sc.count)
        fo.reserveCapacity(sc.count)
        for s in sc {
            lo.append(ScalarFold.lower(s))
            fo.append(ScalarFold.fold(s))
        }
        lower = lo
        folded = fo

        var ws: [Word] = []
        var at = [Int32](repeating: 0, count: sc.count + 1)
        var i = 0
        while i < sc.count {
            if DirectiveText.isWordScalar(sc[i]) {
                let start = i
                var allDigits = true
                var upper = 0
                var letters = 0
                while i < sc.count && DirectiveText.isWordScalar(sc[i]) {
                    if ScalarFold.isLetter(sc[i]) {
                        allDigits = false
                        letters += 1
                        if ScalarFold.isUpper(sc[i]) { upper += 1 }
                    }
                    i += 1
                }
                var f = String.UnicodeScalarView()
                f.append(contentsOf: fo[start..<i])
                ws.append(Word(start: start, end: i, fold: String(f),
                               isCapitalized: letters > 0 && ScalarFold.isUpper(sc[start]),
                               isAllCaps: letters > 0 && upper == letters, isNumber: allDigits))
            } else {
                i += 1
            }
        }
        words = ws
        var w = 0
        for p in 0...sc.count {
            while w < ws.count && ws[w].end <= p { w += 1 }
            at[p] = Int32(w)
        }
        wordAt = at

        var ls: [Range<Int>] = []
        var lineStart = 0
        for p in 0...sc.count where p == sc.count || sc[p] == "\n" || sc[p] == "\r" {
            var a = lineStart
            var b = p
            // Markdown-like emphasis copied from web pages ("**II. NHIỆM VỤ**", "*Hà Nội, ngày …*",
            // "## Tiêu đề") is trimmed with the blanks at the edges of a line.
            while a < b && (DirectiveText.isBlank(sc[a]) || sc[a] == "*" || sc[a] == "#" || (sc[a] == "_" && a + 1 < b && sc[a + 1] == "_")) { a += 1 }
            while b > a && (DirectiveText.isBlank(sc[b - 1]) || sc[b - 1] == "*" || (sc[b - 1] == "_" && b - 2 >= a && sc[b - 2] == "_")) { b -= 1 }
            ls.append(a..<b)
            lineStart = p + 1
        }
        lines = ls
    }

    @inline(__always) static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x30 && s.value <= 0x39) || ScalarFold.isLetter(s)
    }

    @inline(__always) static func isBlank(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s.value == 0xA0 || s == "|"
    }

    func text(_ r: Range<Int>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[r])
        return String(v)
    }

    /// Text with runs of whitespace (line breaks included) collapsed to one space.
    func cleanText(_ r: Range<Int>) -> String {
        var v = String.UnicodeScalarView()
        var space = false
        for s in scalars[r] {
            if s == " " || s == "\n" || s == "\r" || s == "\t" || s.value == 0xA0 {
                space = true
            } else {
                if space && !v.isEmpty { v.append(" ") }
                space = false
                v.append(s)
            }
        }
        return String(v)
    }

    func foldText(_ r: Range<Int>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: folded[r])
        return String(v)
    }

    /// Index of the first word starting at or after `offset`.
    func wordIndex(atOrAfter offset: Int) -> Int {
        Int(wordAt[max(0, min(offset, scalars.count))])
    }

    /// Folded match of `pattern` (already folded) at `offset`.
    func hasFold(_ pattern: [Unicode.Scalar], at offset: Int) -> Bool {
        guard offset >= 0, offset + pattern.count <= folded.count else { return false }
        for k in 0..<pattern.count where folded[offset + k] != pattern[k] { return false }
        return true
    }

    /// Do words `i..<i+phrase.count` spell `phrase` (folded words)?
    func wordsMatch(_ i: Int, _ phrase: [String]) -> Bool {
        guard i >= 0, i + phrase.count <= words.count else { return false }
        for k in 0..<phrase.count where words[i + k].fold != phrase[k] { return false }
        // Words of a phrase must be separated by spaces or light punctuation only.
        for k in 1..<max(1, phrase.count) {
            if !onlySpaces(words[i + k - 1].end..<words[i + k].start) { return false }
        }
        return true
    }

    func onlySpaces(_ r: Range<Int>) -> Bool {
        for p in r where scalars[p] != " " && scalars[p].value != 0xA0 { return false }
        return true
    }

    /// First non-blank scalar at or after `p` on the same line.
    func nextNonBlank(_ p: Int) -> Int {
        var q = p
        while q < scalars.count && (scalars[q] == " " || scalars[q] == "\t") { q += 1 }
        return q
    }

    /// Last non-blank scalar offset before `p` (returns index of that scalar, or -1).
    func prevNonBlank(_ p: Int) -> Int {
        var q = p - 1
        while q >= 0 && (scalars[q] == " " || scalars[q] == "\t") { q -= 1 }
        return q
    }

    /// The line index containing offset `p` (binary search).
    func lineIndex(of p: Int) -> Int {
        var lo = 0
        var hi = lines.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lines[mid].lowerBound <= p { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Sentence bounds around `p`: stops at ". " followed by an uppercase letter, "!", "?", or a line break.
    func sentence(around p: Int) -> Range<Int> {
        var a = p
        while a > 0 {
            let s = scalars[a - 1]
            if s == "\n" || s == "\r" { break }
            if (s == "." || s == "!" || s == "?") && a < scalars.count && scalars[a] == " " { break }
            a -= 1
        }
        var b = p
        while b < scalars.count {
            let s = scalars[b]
            if s == "\n" || s == "\r" { break }
            if (s == "." || s == "!" || s == "?") && (b + 1 == scalars.count || scalars[b + 1] == " " || scalars[b + 1] == "\n") {
                b += 1
                break
            }
            b += 1
        }
        return a..<b
    }
}

/// Text copied from PDF keeps the page's line breaks in the middle of sentences ("… phù hợp với
/// điều kiện\nthực tế của địa phương"). `joinWrappedLines` turns such a break into a space, scalar for
/// scalar, so offsets (and therefore spans) do not move. A break is a wrap when the line before does
/// not end a sentence, clause or heading, and the next line is no list item, heading or signature:
/// it starts in lower case, or the line before is long (a full PDF line).
enum WrappedLines {
    static func join(_ text: String) -> String {
        var sc = Array(text.unicodeScalars)
        guard sc.contains("\n") else { return text }
        // Line ranges (without the break).
        var lines: [Range<Int>] = []
        var start = 0
        for p in 0...sc.count where p == sc.count || sc[p] == "\n" {
            var b = p
            if b > start && sc[b - 1] == "\r" { b -= 1 }
            lines.append(start..<b)
            start = p + 1
        }
        func trimmed(_ r: Range<Int>) -> Range<Int> {
            var a = r.lowerBound, b = r.upperBound
            while a < b && (DirectiveText.isBlank(sc[a]) || sc[a] == "*") { a += 1 }
            while b > a && (DirectiveText.isBlank(sc[b - 1]) || sc[b - 1] == "*") { b -= 1 }
            return a..<b
        }
        func capsShare(_ r: Range<Int>) -> Bool {
            var letters = 0, upper = 0
            for p in r where ScalarFold.isLetter(sc[p]) { letters += 1; if ScalarFold.isUpper(sc[p]) { upper += 1 } }
            return letters >= 2 && upper * 10 >= letters * 7
        }
        func startsItem(_ r: Range<Int>) -> Bool {
            guard let f = r.first else { return true }
            let c = sc[f]
            if "-+•–(*#".unicodeScalars.contains(c) { return true }
            var q = f
            while q < r.upperBound && (0x30...0x39).contains(sc[q].value) { q += 1 }
            if q > f, q < r.upperBound, sc[q] == "." || sc[q] == ")" { return true }
            if ScalarFold.isLetter(c), f + 1 < r.upperBound, sc[f + 1] == ")" || sc[f + 1] == "." { return true }
            // Roman numerals "II. …"
            var k = f
            while k < r.upperBound && "IVX".unicodeScalars.contains(sc[k]) { k += 1 }
            if k > f, k < r.upperBound, sc[k] == "." || sc[k] == ")" { return true }
            return false
        }
        for i in 0..<(lines.count - 1) {
            let a = trimmed(lines[i]), b = trimmed(lines[i + 1])
            guard a.count >= 30, !b.isEmpty, let last = a.last.map({ sc[$0] }) else { continue }
            if ".:;!?…)”\"/".unicodeScalars.contains(last) { continue }
            if capsShare(a) || capsShare(b) || startsItem(b) { continue }
            let next = sc[b.lowerBound]
            let lowerStart = ScalarFold.isLetter(next) && !ScalarFold.isUpper(next)
            // A capital after a break usually starts a new line of its own (a title, "Căn cứ …").
            guard lowerStart else { continue }
            // The break (and a CR before it) becomes spaces.
            for p in lines[i].upperBound..<lines[i + 1].lowerBound where sc[p] == "\n" || sc[p] == "\r" { sc[p] = " " }
        }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: sc)
        return String(v)
    }
}

extension String {
    /// Folded scalars of a pattern written in plain lowercase ASCII or Vietnamese.
    var foldedScalars: [Unicode.Scalar] { Array(ScalarFold.fold(self).unicodeScalars) }
    var foldedWords: [String] { ScalarFold.key(self).split(separator: " ").map(String.init) }
}
