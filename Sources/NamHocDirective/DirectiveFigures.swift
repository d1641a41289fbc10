import Foundation

/// Numbers with what they count ("66.138 lớp - tăng 1.919 lớp"), percentages ("72,6%"), changes
/// ("giảm 12 trường") and targets ("phấn đấu 90% trường đạt chuẩn quốc gia").
enum FigureScanner {
    /// A Vietnamese number at scalar `p`: "2.222.246", "72,6", "5". Returns (value, end).
    static func number(_ t: DirectiveText, at p: Int) -> (Double, Int)? {
        let s = t.scalars
        func digit(_ i: Int) -> Bool { i < s.count && (0x30...0x39).contains(s[i].value) }
        guard digit(p) else { return nil }
        var q = p
        while digit(q) { q += 1 }
        var text = String(String.UnicodeScalarView(s[p..<q]))
        // Thousands groups: ".ddd" not followed by another digit.
        while q + 3 < s.count + 1, q < s.count, s[q] == ".", digit(q + 1), digit(q + 2), digit(q + 3), !digit(q + 4) {
            text += String(String.UnicodeScalarView(s[(q + 1)..<(q + 4)]))
            q += 4
        }
        if q + 1 < s.count, s[q] == ",", digit(q + 1) {
            var r = q + 1
            while digit(r) { r += 1 }
            text += "." + String(String.UnicodeScalarView(s[(q + 1)..<r]))
            q = r
        }
        guard let v = Double(text) else { return nil }
        return (v, q)
    }

    struct Pending {
        var figure: Figure
        var indicatorKey: String?
        var sentence: Range<Int>
        var objectEnd: Int
    }

    static func scan(_ t: DirectiveText, in range: Range<Int>, excluded: [Bool], targetSections: [Range<Int>]) -> [Figure] {
        var out: [Pending] = []
        var w = t.wordIndex(atOrAfter: range.lowerBound)
        let s = t.scalars
        while w < t.words.count && t.words[w].end <= range.upperBound {
            let word = t.words[w]
            guard word.isNumber || (word.fold.first?.isNumber ?? false), !excluded[word.start] else { w += 1; continue }
            let p = word.start
            if p > 0, s[p - 1] == "/" || s[p - 1] == "." || s[p - 1] == "," || ScalarFold.isLetter(s[p - 1]) || (s[p - 1] == "-" && p > 1 && (0x30...0x39).contains(s[p - 2].value)) {
                w += 1
                continue
            }
            guard var (value, numEnd) = number(t, at: p) else { w += 1; continue }
            if numEnd < s.count, s[numEnd] == "/" || (s[numEnd] == "-" && numEnd + 1 < s.count && (0x30...0x39).contains(s[numEnd + 1].value)) {
                w = t.wordIndex(atOrAfter: numEnd)
                continue
            }
            let prev = w > 0 ? t.words[w - 1].fold : ""
            let isChange = (prev == "tang" || prev == "giam") && t.onlySpaces(t.words[w - 1].end..<p)
            var unit: String?
            var objStartWord = t.wordIndex(atOrAfter: numEnd)
            // "4,3 triệu học sinh", "12 nghìn giáo viên": a multiplier before the counted noun.
            if objStartWord + 1 < t.words.count, numEnd < s.count, s[numEnd] == " ",
               let m = ["trieu": 1e6, "nghin": 1e3, "ngan": 1e3][t.words[objStartWord].fold],
               t.onlySpaces(t.words[objStartWord].end..<t.words[objStartWord + 1].start),
               t.words[objStartWord + 1].fold != "dong",
               DirectiveLexicon.measureNouns.contains(where: { t.wordsMatch(objStartWord + 1, $0) }) {
                value *= m
                numEnd = t.words[objStartWord].end
                objStartWord += 1
            }
            var end = numEnd
            if numEnd < s.count, s[numEnd] == "%" {
                unit = "%"
                end = numEnd + 1
            } else if numEnd < s.count, ScalarFold.isLetter(s[numEnd]) {
                // Glued unit ("5ha"); any other glued letters make it a code, not a figure.
                if objStartWord < t.words.count, t.words[objStartWord].fold == "ha" || word.fold.hasSuffix("ha") {
                    let g = word.end > numEnd ? w : objStartWord
                    out.append(Pending(figure: Figure(value: value, unit: nil, object: "ha", indicator: nil, change: nil, target: false,
                                                      span: Span(start: p, end: t.words[g].end)),
                                       indicatorKey: nil, sentence: t.sentence(around: p), objectEnd: t.words[g].end))
                    w = g + 1
                    continue
                }
                w += 1
                continue
            }
            // The object: a measure noun right after the number (or after "%").
            var objectRange: Range<Int>?
            var headOK = false
            if objStartWord < t.words.count, t.onlySpaces(end..<t.words[objStartWord].start), t.words[objStartWord].start > end {
                for noun in DirectiveLexicon.measureNouns where t.wordsMatch(objStartWord, noun) {
                    headOK = true
                    break
                }
                if headOK || unit == "%" {
                    var k = objStartWord
                    var last = objStartWord - 1
                    while k < t.words.count, k - objStartWord < 8 {
                        if k > objStartWord {
                            let gap = t.text(t.words[k - 1].end..<t.words[k].start)
                            if gap == "/" && t.words[k].fold == "lop" { last = k; k += 1; continue }
                            guard gap == " " else { break }
                            if DirectiveLexicon.objectStops.contains(t.words[k].fold) { break }
                        } else if DirectiveLexicon.objectStops.contains(t.words[k].fold) && !headOK { break }
                        if t.words[k].isCapitalized && k > objStartWord { break }
                        last = k
                        k += 1
                    }
                    // "trường mầm non, phổ thông", "trường mầm non, tiểu học, THCS": several levels
                    // make one object, not a count of the first level.
                    if last > objStartWord, levelPhrase(t, objStartWord + 1) != nil {
                        var k2 = last + 1
                        while k2 < t.words.count {
                            let gap = t.text(t.words[k2 - 1].end..<t.words[k2].start)
                            guard [", ", " và ", ",", " - "].contains(gap), let n = levelPhrase(t, k2) else { break }
                            last = k2 + n - 1
                            k2 += n
                        }
                    }
                    if last >= objStartWord { objectRange = t.words[objStartWord].start..<t.words[last].end }
                }
            }
            if unit == nil && !headOK && !isChange { w += 1; continue }
            if let o = objectRange { end = o.upperBound }
            var objectText = objectRange.map { t.cleanText($0) }
            var objectKey = objectText.map { ScalarFold.key($0) }
            let sentence = t.sentence(around: p)
            let clauseStart = clauseStart(t, before: p, floor: sentence.lowerBound)
            let clauseKey = t.foldText(clauseStart..<p)
            var indicator: String?
            var spanStart = p
            if unit == "%" {
                indicator = IndicatorGazetteer.rateIndicator(contextKey: ScalarFold.key(clauseKey + " " + (objectText ?? "")))
                if objectText == nil {
                    let pat = "ty le".foldedScalars
                    var q = clauseStart
                    while q + pat.count <= p && !t.hasFold(pat, at: q) { q += 1 }
                    if q + pat.count <= p {
                        var phrase = t.cleanText(q..<p)
                        for suffix in [" đạt", " là", ":", " chiếm", " lên", " ước đạt"] where phrase.hasSuffix(suffix) { phrase.removeLast(suffix.count) }
                        objectText = phrase
                        objectKey = ScalarFold.key(phrase)
                        spanStart = q  // the object precedes the number: the span shows both
                    }
                }
            } else if let k = objectKey {
                indicator = IndicatorGazetteer.countIndicator(objectKey: k)
            }
            let targetWords = ["phan dau", "chi tieu", "cong nhan moi", "it nhat", "toi thieu"]
            let target = targetSections.contains { $0.contains(p) } || targetWords.contains { t.foldText(sentence.lowerBound..<p).contains($0) }

            if isChange {
                let sign: Double = prev == "giam" ? -1 : 1
                let changeStart = t.words[w - 1].start
                // Adjacent: "66.138 lớp - tăng 1.919 lớp", "1.426 học sinh, tăng 58".
                if var last = out.last, last.figure.change == nil, last.sentence == sentence {
                    let gap = t.text(last.objectEnd..<changeStart)
                    let sameIndicator = indicator == nil || last.figure.indicator == nil || indicator == last.figure.indicator
                        || (unit == "%" && last.figure.unit == "%")
                    if [" - ", ", ", " (", " ", " – ", "; "].contains(gap) && sameIndicator && (unit == nil) == (last.figure.unit == nil) {
                        last.figure.change = sign * value
                        last.figure.span.end = end
                        out[out.count - 1] = last
                        w = t.wordIndex(atOrAfter: end)
                        continue
                    }
                }
                // Same sentence, same indicator: "2.874 trường …; 29 trung tâm … - tăng 34 trường".
                if let ind = indicator, let i = out.lastIndex(where: { $0.sentence == sentence && $0.figure.indicator == ind && $0.figure.change == nil }) {
                    out[i].figure.change = sign * value
                    out[i].figure.span.end = end
                    w = t.wordIndex(atOrAfter: end)
                    continue
                }
                out.append(Pending(figure: Figure(value: nil, unit: unit, object: objectText, indicator: indicator, change: sign * value,
                                                  target: target, span: Span(start: changeStart, end: end)),
                                   indicatorKey: objectKey, sentence: sentence, objectEnd: end))
                w = t.wordIndex(atOrAfter: end)
                continue
            }
            out.append(Pending(figure: Figure(value: value, unit: unit, object: objectText, indicator: indicator, change: nil,
                                              target: target, span: Span(start: spanStart, end: end)),
                               indicatorKey: objectKey, sentence: sentence, objectEnd: end))
            w = t.wordIndex(atOrAfter: end)
        }
        return out.map(\.figure)
    }

    static let levels: [[String]] = [
        ["mam", "non"], ["mau", "giao"], ["tieu", "hoc"], ["trung", "hoc", "co", "so"], ["trung", "hoc", "pho", "thong"],
        ["pho", "thong"], ["thcs"], ["thpt"], ["th"], ["mn"], ["gdtx"], ["lien", "cap"],
    ].sorted { $0.count > $1.count }

    /// Number of words of a school level at word `w` ("mầm non", "THCS", "phổ thông"), if any.
    static func levelPhrase(_ t: DirectiveText, _ w: Int) -> Int? {
        for l in levels where t.wordsMatch(w, l) { return l.count }
        return nil
    }

    /// Start of the clause containing `p`: after the last ";", ":", ",", line break or sentence end.
    static func clauseStart(_ t: DirectiveText, before p: Int, floor: Int) -> Int {
        var q = p - 1
        while q >= floor {
            let c = t.scalars[q]
            if c == ";" || c == ":" || c == "," || c == "\n" || c == "(" { return q + 1 }
            q -= 1
        }
        return max(floor, 0)
    }
}
