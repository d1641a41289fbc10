import Foundation

/// Document symbols: "98/2023/NĐ-CP", "139/KH-UBND", "29-NQ/TW", "4987/BGDĐT-GDMN".
enum SymbolScanner {
    @inline(__always) static func isSymbolScalar(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x30 && s.value <= 0x39) || ScalarFold.isLetter(s) || s == "/" || s == "-" || s == "&" || s == "."
    }

    /// A symbol starting at `p` (a digit not preceded by a symbol character).
    static func scan(_ t: DirectiveText, at p: Int, limit: Int) -> Range<Int>? {
        guard p < limit, (0x30...0x39).contains(t.scalars[p].value) else { return nil }
        if p > 0, isSymbolScalar(t.scalars[p - 1]) { return nil }
        var q = p
        var hasSep = false
        var hasLetter = false
        while q < limit && isSymbolScalar(t.scalars[q]) {
            if t.scalars[q] == "/" || t.scalars[q] == "-" { hasSep = true }
            if ScalarFold.isLetter(t.scalars[q]) { hasLetter = true }
            q += 1
        }
        while q > p && ".-/&".unicodeScalars.contains(t.scalars[q - 1]) { q -= 1 }
        guard hasSep, hasLetter else { return nil }
        // The first letter must come after a separator: "5ha" or "4.0" are not symbols.
        var k = p
        while k < q && !ScalarFold.isLetter(t.scalars[k]) { k += 1 }
        guard k > p, t.scalars[k - 1] == "/" || t.scalars[k - 1] == "-" else { return nil }
        return p..<q
    }

    static func first(in t: DirectiveText, range: Range<Int>) -> Range<Int>? {
        var p = range.lowerBound
        while p < range.upperBound {
            if let r = scan(t, at: p, limit: range.upperBound) { return r }
            p += 1
        }
        return nil
    }

    /// The type abbreviation of a symbol: "25/CT-UBND" → "CT", "29-NQ/TW" → "NQ", "98/2023/NĐ-CP" → "NĐ".
    static func typeCode(_ symbol: String) -> String? {
        let parts = symbol.split(whereSeparator: { $0 == "/" || $0 == "-" })
        for part in parts.dropFirst() where part.allSatisfy({ $0.isLetter }) {
            if DirectiveLexicon.typeByCode[ScalarFold.key(String(part))] != nil { return String(part) }
            return nil
        }
        return nil
    }
}

/// Cited documents: a type word ("Nghị định", "Kế hoạch" …), "số", a symbol, a date and "của <issuer>".
enum ReferenceScanner {
    static func scan(_ t: DirectiveText, in range: Range<Int>, ownSymbol: String?) -> [Reference] {
        var out: [Reference] = []
        var index: [String: Int] = [:]
        let own = ownSymbol.map { ScalarFold.key($0) }
        var p = range.lowerBound
        while p < range.upperBound {
            guard (0x30...0x39).contains(t.scalars[p].value), let sym = SymbolScanner.scan(t, at: p, limit: range.upperBound) else {
                p += 1
                continue
            }
            p = sym.upperBound
            let symbol = t.text(sym)
            let key = ScalarFold.key(symbol)
            if key == own { continue }
            // Look back for "số" and a type word.
            var w = t.wordIndex(atOrAfter: sym.lowerBound) - 1
            var start = sym.lowerBound
            if w >= 0, t.words[w].fold == "so", t.words[w].end + 3 >= sym.lowerBound {
                start = t.words[w].start
                w -= 1
            }
            var type: String?
            for (phrase, name, _) in DirectiveLexicon.typePhrases {
                let a = w - phrase.count + 1
                if a >= 0, t.wordsMatch(a, phrase), t.words[w].end + 3 >= start {
                    type = name
                    start = t.words[a].start
                    break
                }
            }
            // A bare symbol needs a type abbreviation to count ("2018-2025" is not a document).
            let code = SymbolScanner.typeCode(symbol)
            if type == nil && code == nil && !symbol.contains("/") { continue }
            if type == nil, let code { type = DirectiveLexicon.typeByCode[ScalarFold.key(code)] }
            var end = sym.upperBound
            var date: String?
            var k = t.wordIndex(atOrAfter: sym.upperBound)
            if k < t.words.count, t.words[k].start - sym.upperBound <= 3, t.words[k].fold == "ngay" {
                if let (iso, e) = DateScanner.longDate(t, k) ?? DateScanner.slashDate(t, k + 1, allowPartial: true) {
                    date = iso
                    end = t.words[e - 1].end
                    k = e
                }
            }
            var issuer: String?
            if k < t.words.count, t.words[k].fold == "cua", t.words[k].start - end <= 2 {
                if let r = NameScanner.bodyPhrase(t, from: k + 1, limit: range.upperBound) {
                    issuer = t.cleanText(r)
                    end = r.upperBound
                }
            }
            let number = String(symbol.prefix(while: { $0.isNumber }))
            let ref = Reference(type: type, typeCode: code, number: number.isEmpty ? nil : number, symbol: symbol,
                                date: date, issuer: issuer, span: Span(start: start, end: end))
            if let i = index[key] {
                if out[i].date == nil { out[i].date = date }
                if out[i].issuer == nil { out[i].issuer = issuer }
                if out[i].type == nil { out[i].type = type }
            } else {
                index[key] = out.count
                out.append(ref)
            }
            p = max(p, end)
        }
        return out
    }
}
