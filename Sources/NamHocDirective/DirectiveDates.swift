import Foundation

/// Dates ("Ngày 16/1", "ngày 05 tháng 9 năm 2024", "trước ngày 20/10/2024"), the dateline of an
/// official document, periods ("quý I/2024", "học kỳ I", "giai đoạn 2021 - 2025", "tháng 5/2024")
/// and school years ("năm học 2023 - 2024").
enum DateScanner {
    static let romans: [String: Int] = ["i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6]

    static func iso(_ d: Int, _ m: Int, _ y: Int?) -> String? {
        guard (1...31).contains(d), (1...12).contains(m) else { return nil }
        if let y {
            guard (1900...2200).contains(y) else { return nil }
            return String(format: "%04d-%02d-%02d", y, m, d)
        }
        return String(format: "--%02d-%02d", m, d)
    }

    static func int(_ t: DirectiveText, _ w: Int) -> Int? {
        guard w < t.words.count, t.words[w].isNumber, t.words[w].end - t.words[w].start <= 4 else { return nil }
        return Int(t.words[w].fold)
    }

    /// Is the text between words `a` and `b` exactly `sep`?
    static func gap(_ t: DirectiveText, _ a: Int, _ b: Int, _ sep: String) -> Bool {
        guard b < t.words.count else { return false }
        return t.text(t.words[a].end..<t.words[b].start) == sep
    }

    /// "ngày 05 tháng 9 năm 2024" at word `w` ("ngày"): (iso, end word index exclusive).
    static func longDate(_ t: DirectiveText, _ w: Int) -> (String, Int)? {
        guard w + 3 < t.words.count, t.words[w].fold == "ngay", let d = int(t, w + 1),
              t.words[w + 2].fold == "thang", let m = int(t, w + 3) else { return nil }
        if w + 5 < t.words.count, t.words[w + 4].fold == "nam", let y = int(t, w + 5), y > 1900 {
            return iso(d, m, y).map { ($0, w + 6) }
        }
        return iso(d, m, nil).map { ($0, w + 4) }
    }

    /// "16/1/2024" or "16/01" at word `w` (a number): (iso, end word index exclusive).
    static func slashDate(_ t: DirectiveText, _ w: Int, allowPartial: Bool) -> (String, Int)? {
        guard let d = int(t, w), gap(t, w, w + 1, "/"), let m = int(t, w + 1) else { return nil }
        if gap(t, w + 1, w + 2, "/") {
            guard let y = int(t, w + 2), t.words[w + 2].end - t.words[w + 2].start == 4 else { return nil }
            // "29/2023/TT-BGDĐT" is a symbol, not a date.
            if w + 3 < t.words.count, t.words[w + 2].end < t.scalars.count, t.scalars[t.words[w + 2].end] == "/" { return nil }
            return iso(d, m, y).map { ($0, w + 3) }
        }
        guard allowPartial else { return nil }
        // "16/1" followed by another "/" or a letter is something else ("2 buổi/ngày").
        let after = t.words[w + 1].end
        if after < t.scalars.count, t.scalars[after] == "/" || ScalarFold.isLetter(t.scalars[after]) { return nil }
        return iso(d, m, nil).map { ($0, w + 2) }
    }

    /// The dateline "Hà Nội, ngày 05 tháng 01 năm 2024" of a header line.
    static func dateline(in t: DirectiveText, line r: Range<Int>) -> (Range<Int>?, String, Range<Int>)? {
        var w = t.wordIndex(atOrAfter: r.lowerBound)
        while w < t.words.count && t.words[w].end <= r.upperBound {
            if t.words[w].fold == "ngay", let (date, end) = longDate(t, w), date.first != "-", t.words[end - 1].end <= r.upperBound {
                var placeStart = r.lowerBound
                if t.foldText(r).hasPrefix("so"), let sym = SymbolScanner.first(in: t, range: r) {
                    placeStart = t.nextNonBlank(sym.upperBound)
                }
                var placeEnd = t.prevNonBlank(t.words[w].start) + 1
                if placeEnd > placeStart && t.scalars[placeEnd - 1] == "," { placeEnd -= 1 }
                let place: Range<Int>? = placeEnd > placeStart ? placeStart..<placeEnd : nil
                return (place, date, t.words[w].start..<t.words[end - 1].end)
            }
            w += 1
        }
        return nil
    }

    static func relation(_ t: DirectiveText, before w: Int) -> String? {
        guard w > 0 else { return nil }
        var k = w - 1
        if t.words[k].fold == "ngay" && k > 0 { k -= 1 }
        switch t.words[k].fold {
        case "truoc": return "before"
        case "tu": return "from"
        case "den", "toi", "het": return "until"
        case "sau": return "after"
        default: return nil
        }
    }

    static func dates(_ t: DirectiveText, in range: Range<Int>) -> [DateMention] {
        var out: [DateMention] = []
        var w = t.wordIndex(atOrAfter: range.lowerBound)
        let timeWords: Set<String> = ["ngay", "sang", "chieu", "toi", "trua", "dem", "hom"]
        while w < t.words.count && t.words[w].end <= range.upperBound {
            if t.words[w].fold == "ngay", let (iso, end) = longDate(t, w) {
                out.append(DateMention(date: iso, relation: relation(t, before: w), span: Span(start: t.words[w].start, end: t.words[end - 1].end)))
                w = end
                continue
            }
            if t.words[w].isNumber {
                let prev = w > 0 ? t.words[w - 1].fold : ""
                let prevIsTime = timeWords.contains(prev)
                let notAfterSlash = t.words[w].start == 0 || t.scalars[t.words[w].start - 1] != "/"
                if prev != "thang", notAfterSlash, let (iso, end) = slashDate(t, w, allowPartial: prevIsTime) {
                    let start = prev == "ngay" ? t.words[w - 1].start : t.words[w].start
                    out.append(DateMention(date: iso, relation: relation(t, before: prev == "ngay" ? w - 1 : w),
                                           span: Span(start: start, end: t.words[end - 1].end)))
                    w = end
                    continue
                }
            }
            w += 1
        }
        return out
    }

    static func periods(_ t: DirectiveText, in range: Range<Int>) -> [PeriodMention] {
        var out: [PeriodMention] = []
        var w = t.wordIndex(atOrAfter: range.lowerBound)
        func yearAfter(_ k: Int) -> (Int, Int)? {
            // "/2024" or " năm 2024"
            if gap(t, k, k + 1, "/"), let y = int(t, k + 1), y > 1900 { return (y, k + 2) }
            if k + 2 < t.words.count, t.words[k + 1].fold == "nam", let y = int(t, k + 2), y > 1900 { return (y, k + 3) }
            return nil
        }
        while w < t.words.count && t.words[w].end <= range.upperBound {
            let f = t.words[w].fold
            if f == "quy", w + 1 < t.words.count, let n = romans[t.words[w + 1].fold] ?? int(t, w + 1), (1...4).contains(n) {
                let roman = ["I", "II", "III", "IV"][n - 1]
                if let (y, end) = yearAfter(w + 1) {
                    out.append(PeriodMention(kind: "quarter", label: "quý \(roman)/\(y)", number: n, year: y, span: Span(start: t.words[w].start, end: t.words[end - 1].end)))
                    w = end
                } else {
                    out.append(PeriodMention(kind: "quarter", label: "quý \(roman)", number: n, span: Span(start: t.words[w].start, end: t.words[w + 1].end)))
                    w += 2
                }
                continue
            }
            if f == "hoc", w + 2 < t.words.count, t.words[w + 1].fold == "ky" || t.words[w + 1].fold == "ki",
               let n = romans[t.words[w + 2].fold] ?? int(t, w + 2), (1...3).contains(n) {
                let roman = ["I", "II", "III"][n - 1]
                out.append(PeriodMention(kind: "semester", label: "học kỳ \(roman)", number: n, span: Span(start: t.words[w].start, end: t.words[w + 2].end)))
                w += 3
                continue
            }
            if f == "giai", w + 3 < t.words.count, t.words[w + 1].fold == "doan", let a = int(t, w + 2), a > 1900 {
                var k = w + 3
                if t.words[k].fold == "den" { k += 1 }
                let sep = t.text(t.words[w + 2].end..<t.words[k].start).trimmingCharacters(in: .whitespaces)
                if let b = int(t, k), b > a, b - a <= 30, ["-", "–", "—", ""].contains(sep) {
                    out.append(PeriodMention(kind: "stage", label: "giai đoạn \(a)-\(b)", fromYear: a, toYear: b,
                                             span: Span(start: t.words[w].start, end: t.words[k].end)))
                    w = k + 1
                    continue
                }
            }
            if f == "thang", let m = int(t, w + 1), (1...12).contains(m), !(w > 1 && t.words[w - 2].fold == "ngay"),
               let (y, end) = yearAfter(w + 1) {
                out.append(PeriodMention(kind: "month", label: "tháng \(m)/\(y)", number: m, year: y,
                                         span: Span(start: t.words[w].start, end: t.words[end - 1].end)))
                w = end
                continue
            }
            w += 1
        }
        return out
    }

    /// All "năm học X-Y" mentions with a score: mentions right after "nhiệm vụ" weigh more,
    /// because the year a text's tasks are for is the one it is about.
    static func schoolYear(_ t: DirectiveText, in range: Range<Int>, titleRange: Range<Int>?) -> Spanned<String>? {
        var scores: [String: (score: Int, first: Span)] = [:]
        var order: [String] = []
        var summarised: Set<String> = []
        var opened = false
        var w = t.wordIndex(atOrAfter: range.lowerBound)
        while w + 3 < t.words.count && t.words[w].end <= range.upperBound {
            if t.words[w].fold == "nam", t.words[w + 1].fold == "hoc", let a = int(t, w + 2), let b = int(t, w + 3), b == a + 1, a > 1900 {
                let sep = t.text(t.words[w + 2].end..<t.words[w + 3].start).trimmingCharacters(in: .whitespaces)
                if ["-", "–", "—", "/"].contains(sep) {
                    let label = "\(a)-\(b)"
                    var s = 1
                    let lookback = max(range.lowerBound, t.words[w].start - 40)
                    let before = t.foldText(lookback..<t.words[w].start)
                    if before.contains("nhiem vu") { s += 3 }
                    // "tổng kết năm học 2022-2023, triển khai nhiệm vụ năm học 2023-2024": the year that
                    // ends is not the one the text directs (when the text also names the one it opens).
                    if before.contains("tong ket") && !before.contains("nhiem vu") { summarised.insert(label) }
                    if before.contains("trien khai") { opened = true }
                    if let tr = titleRange, tr.contains(t.words[w].start) { s += 5 }
                    let span = Span(start: t.words[w + 2].start, end: t.words[w + 3].end)
                    if scores[label] == nil { order.append(label) }
                    scores[label] = ((scores[label]?.score ?? 0) + s, scores[label]?.first ?? span)
                    w += 4
                    continue
                }
            }
            w += 1
        }
        if opened {
            for l in summarised where order.count > 1 { scores[l]!.score = 0 }
        }
        guard let best = order.max(by: { scores[$0]!.score < scores[$1]!.score || (scores[$0]!.score == scores[$1]!.score && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) })
        else { return nil }
        return Spanned(best, span: scores[best]!.first)
    }
}
