import Foundation

/// Roman-numeral section headings: "II. NHIỆM VỤ, GIẢI PHÁP".
enum RomanHeading {
    static let numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]

    /// (numeral value, range of the heading text) when the line is a Roman heading.
    static func parse(_ t: DirectiveText, _ line: Range<Int>) -> (Int, Range<Int>)? {
        guard !line.isEmpty else { return nil }
        let w = t.wordIndex(atOrAfter: line.lowerBound)
        guard w < t.words.count, t.words[w].start == line.lowerBound, t.words[w].isAllCaps,
              let n = numerals.firstIndex(of: t.words[w].fold) else { return nil }
        let e = t.words[w].end
        guard e + 1 < line.upperBound, t.scalars[e] == "." || t.scalars[e] == ")" || t.scalars[e] == "-", t.scalars[e + 1] == " " else { return nil }
        return (n + 1, t.nextNonBlank(e + 1)..<line.upperBound)
    }
}

/// Finds the key tasks: in an official document, the numbered items of the section that carries
/// them; in a news report, "Thứ nhất …" / "Một là …" paragraphs, numbered lines, a semicolon
/// series after a lead-in ("… nhiệm vụ … như: a; b; c"), or the paragraphs after the lead.
enum TaskScanner {
    enum MarkerKind { case number, letter, dash }

    /// A list marker at the start of a line: "1. ", "2) ", "a) ", "- ".
    static func marker(_ t: DirectiveText, _ line: Range<Int>) -> (MarkerKind, String, Int, Int)? {
        guard line.count >= 3 else { return nil }
        let s = t.scalars
        let a = line.lowerBound
        var q = a
        while q < line.upperBound && (0x30...0x39).contains(s[q].value) { q += 1 }
        if q > a, q - a <= 2, q + 1 < line.upperBound, s[q] == "." || s[q] == ")", s[q + 1] == " " {
            return (.number, t.text(a..<q), Int(t.text(a..<q)) ?? 0, t.nextNonBlank(q + 1))
        }
        if ScalarFold.isLetter(s[a]), !ScalarFold.isUpper(s[a]), a + 2 < line.upperBound, s[a + 1] == ")" || s[a + 1] == ".", s[a + 2] == " ",
           !(a + 3 < line.upperBound && ScalarFold.isLetter(s[a + 1])) {
            return (.letter, t.text(a..<(a + 1)), 0, t.nextNonBlank(a + 2))
        }
        if s[a] == "-" || s[a] == "+" || s[a] == "•" || s[a] == "–", s[a + 1] == " " {
            return (.dash, String(Character(s[a])), 0, t.nextNonBlank(a + 1))
        }
        return nil
    }

    /// Heading sentence of an item: up to ". ", ";", ":" or the end of the line.
    static func title(_ t: DirectiveText, from a: Int, lineEnd: Int) -> Range<Int> {
        var q = a
        while q < lineEnd {
            let c = t.scalars[q]
            if c == ";" || c == ":" || c == "!" || c == "?" || c == "…" { break }
            if c == ".", q + 1 >= lineEnd || t.scalars[q + 1] == " " { break }
            q += 1
        }
        while q > a && (t.scalars[q - 1] == " " || t.scalars[q - 1] == ".") { q -= 1 }
        return a..<q
    }

    static func makeTask(_ t: DirectiveText, number: Int, marker: String, markerStart: Int, textStart: Int,
                         end: Int, subtasks: [Subtask]) -> DirectiveTask {
        let li = t.lineIndex(of: textStart)
        let tr = title(t, from: textStart, lineEnd: min(t.lines[li].upperBound, end))
        return DirectiveTask(number: number, marker: marker, title: t.cleanText(tr), text: t.cleanText(textStart..<end),
                             subtasks: subtasks, span: Span(start: markerStart, end: end))
    }

    // MARK: Official documents

    static func official(_ t: DirectiveText, body: Range<Int>) -> [DirectiveTask] {
        let lines = t.lines.filter { !$0.isEmpty && $0.lowerBound >= body.lowerBound && $0.upperBound <= body.upperBound }
        var headings: [(Int, Range<Int>, Int)] = []  // (line index in `lines`, heading text, numeral)
        for (i, l) in lines.enumerated() { if let (n, h) = RomanHeading.parse(t, l) { headings.append((i, h, n)) } }
        var section: Range<Int>?
        for (k, h) in headings.enumerated() {
            let f = t.foldText(h.1)
            guard f.contains("nhiem vu") else { continue }
            if f.hasPrefix("ket qua") || f.hasPrefix("danh gia") || f.hasPrefix("to chuc") { continue }
            let endLine = k + 1 < headings.count ? headings[k + 1].0 : lines.count
            section = (h.0 + 1)..<endLine
            break
        }
        if let s = section {
            let found = items(t, lines: Array(lines[s]), strict: false)
            // "III. NHIỆM VỤ VÀ GIẢI PHÁP / 1. Nhiệm vụ trọng tâm / - … / 2. Giải pháp": the numbered item
            // is a label and its dashed or lettered items are the tasks.
            if let label = found.first(where: { isTaskLabel(t, $0) }), label.subtasks.count >= 2 {
                return label.subtasks.enumerated().map { i, s in
                    let start = marker(t, s.span.start..<s.span.end).map { $0.3 } ?? s.span.start
                    return makeTask(t, number: i + 1, marker: s.label == "-" || s.label == "+" ? s.label : s.label + ")",
                                    markerStart: s.span.start, textStart: start, end: s.span.end, subtasks: [])
                }
            }
            return found
        }
        // No section: the numbered list of the body (a chỉ thị's "… sau: 1. … 2. …").
        if let first = lines.firstIndex(where: { marker(t, $0)?.0 == .number && marker(t, $0)?.1 == "1" }) {
            return items(t, lines: Array(lines[first...]), strict: true)
        }
        return []
    }

    /// "Nhiệm vụ trọng tâm", "Nhiệm vụ cụ thể", "Các nhiệm vụ chủ yếu": a heading, not a task.
    static func isTaskLabel(_ t: DirectiveText, _ task: DirectiveTask) -> Bool {
        let words = ScalarFold.key(task.title).split(separator: " ")
        guard words.count <= 6 else { return false }
        let w = words.first == "cac" ? Array(words.dropFirst()) : Array(words)
        return w.count >= 2 && w[0] == "nhiem" && w[1] == "vu"
    }

    /// Numbered items with their lettered/dashed sub-items. `strict`: a line with no marker ends
    /// the list (body lists); otherwise it continues the current item (section lists).
    static func items(_ t: DirectiveText, lines: [Range<Int>], strict: Bool) -> [DirectiveTask] {
        var tasks: [DirectiveTask] = []
        var current: (n: Int, marker: String, start: Int, text: Int, end: Int)?
        var subs: [Subtask] = []
        var letterSeen = false
        func flush() {
            guard let c = current else { return }
            // Dashes under lettered items belong to those items, not to the task.
            let kept = letterSeen ? subs.filter { $0.label != "-" && $0.label != "+" } : subs
            tasks.append(makeTask(t, number: c.n, marker: c.marker, markerStart: c.start, textStart: c.text, end: c.end, subtasks: kept))
            current = nil
            subs = []
            letterSeen = false
        }
        for l in lines {
            if let (kind, label, n, textStart) = marker(t, l) {
                switch kind {
                case .number:
                    if n == (current?.n ?? tasks.last?.number ?? 0) + 1 || (current == nil && tasks.isEmpty && n == 1) {
                        flush()
                        current = (n, label + ".", l.lowerBound, textStart, l.upperBound)
                        continue
                    }
                    if strict { flush(); return tasks }
                case .letter:
                    letterSeen = true
                    subs.append(Subtask(label: label, text: t.cleanText(textStart..<l.upperBound), span: Span(l)))
                case .dash:
                    subs.append(Subtask(label: label, text: t.cleanText(textStart..<l.upperBound), span: Span(l)))
                }
                current?.end = l.upperBound
                continue
            }
            if strict { break }
            if RomanHeading.parse(t, l) != nil { break }
            current?.end = l.upperBound
        }
        flush()
        return tasks
    }

    // MARK: News reports

    /// Openings of a paragraph that continues the one before.
    static let connectives = ["cung voi do", "ben canh do", "ngoai ra", "dong thoi", "song song voi do", "ben canh nhung"]

    static let ordinals = ["nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"]
    static let cardinals = ["mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi"]

    /// "Thứ nhất: …" … or "Một là, …" … paragraphs.
    static func ordinalParagraphs(_ t: DirectiveText, paragraphs: [Range<Int>]) -> [DirectiveTask] {
        var tasks: [DirectiveTask] = []
        for p in paragraphs {
            let w = t.wordIndex(atOrAfter: p.lowerBound)
            guard w + 1 < t.words.count, t.words[w].start == p.lowerBound else { continue }
            let n = tasks.count
            guard n < 10 else { break }
            var markerEnd: Int?
            if t.words[w].fold == "thu", t.words[w + 1].fold == ordinals[n] { markerEnd = t.words[w + 1].end }
            if t.words[w].fold == cardinals[n], w + 1 < t.words.count, t.words[w + 1].fold == "la" { markerEnd = t.words[w + 1].end }
            guard let me = markerEnd, me < p.upperBound, t.scalars[me] == ":" || t.scalars[me] == "," else { continue }
            let textStart = t.nextNonBlank(me + 1)
            let task = makeTask(t, number: n + 1, marker: t.text(p.lowerBound..<me), markerStart: p.lowerBound,
                                textStart: textStart, end: p.upperBound, subtasks: [])
            tasks.append(task)
        }
        return tasks
    }

    /// "1. …" paragraphs in a report.
    static func numberedParagraphs(_ t: DirectiveText, paragraphs: [Range<Int>]) -> [DirectiveTask] {
        var tasks: [DirectiveTask] = []
        for p in paragraphs {
            guard let (kind, label, n, textStart) = marker(t, p), kind == .number else {
                if !tasks.isEmpty { break } else { continue }
            }
            guard n == tasks.count + 1 else { if !tasks.isEmpty { break } else { continue } }
            tasks.append(makeTask(t, number: n, marker: label + ".", markerStart: p.lowerBound, textStart: textStart, end: p.upperBound, subtasks: []))
        }
        return tasks
    }

    /// "… nhấn mạnh một số nhiệm vụ … như: a; b; c." — the items of the series.
    static func semicolonSeries(_ t: DirectiveText, in range: Range<Int>) -> [DirectiveTask] {
        let pattern = "nhiem vu".foldedScalars
        var p = range.lowerBound
        while p + pattern.count < range.upperBound {
            guard t.hasFold(pattern, at: p) else { p += 1; continue }
            let sentence = t.sentence(around: p)
            // The colon that opens the series, within the same sentence and not far after "nhiệm vụ".
            var colon = p
            while colon < sentence.upperBound && t.scalars[colon] != ":" { colon += 1 }
            guard colon < sentence.upperBound, colon - p <= 120 else { p = sentence.upperBound + 1; continue }
            var parts: [Range<Int>] = []
            var a = colon + 1
            for q in (colon + 1)..<sentence.upperBound where t.scalars[q] == ";" {
                parts.append(a..<q)
                a = q + 1
            }
            parts.append(a..<sentence.upperBound)
            guard parts.count >= 2 else { p = sentence.upperBound + 1; continue }
            var tasks: [DirectiveTask] = []
            for part in parts {
                var x = part.lowerBound
                var y = part.upperBound
                while x < y && t.scalars[x] == " " { x += 1 }
                while y > x && (t.scalars[y - 1] == " " || t.scalars[y - 1] == ".") { y -= 1 }
                guard y > x else { continue }
                tasks.append(DirectiveTask(number: tasks.count + 1, marker: "", title: t.cleanText(x..<y), text: t.cleanText(x..<y),
                                           subtasks: [], span: Span(start: x, end: y)))
            }
            return tasks
        }
        return []
    }

    /// Paragraphs after the lead (the last paragraph carrying the announcement, theme or issuer),
    /// until statistics, assignments to bodies or the byline.
    static func leadParagraphs(_ t: DirectiveText, paragraphs: [Range<Int>], leadMarks: [Int], mask: [Bool]) -> [DirectiveTask] {
        guard let lastMark = leadMarks.max() else { return [] }
        guard let leadIndex = paragraphs.lastIndex(where: { $0.lowerBound <= lastMark }) else { return [] }
        var seen: Set<String> = Set(paragraphs[...leadIndex].map { t.foldText($0) })
        var tasks: [DirectiveTask] = []
        let stops = ["luot xem", "tac gia", "tin lien quan", "theo ", "nguon"]
        for p in paragraphs[(leadIndex + 1)...] {
            let f = t.foldText(p)
            if stops.contains(where: { f.hasPrefix($0) }) { break }
            if f.contains("giao nhiem vu cu the") || f.hasPrefix("hoi nghi da") || f.hasPrefix("tai hoi nghi") { break }
            guard seen.insert(f).inserted else { continue }
            // "Cùng với đó, …", "Bên cạnh đó, …": the paragraph adds to the task before it.
            if !tasks.isEmpty, connectives.contains(where: { f.hasPrefix($0) }) {
                let prev = tasks[tasks.count - 1]
                tasks[tasks.count - 1] = makeTask(t, number: prev.number, marker: prev.marker, markerStart: prev.span.start,
                                                  textStart: prev.span.start, end: p.upperBound, subtasks: [])
                continue
            }
            let last = t.scalars[p.upperBound - 1]
            guard p.count >= 60, ".;…!".unicodeScalars.contains(last) else { continue }
            // Statistics close the list: a change against last year, or several plain counts.
            let figures = FigureScanner.scan(t, in: p, excluded: mask, targetSections: [])
            if figures.contains(where: { $0.change != nil && $0.value != nil })
                || figures.filter({ !$0.target && $0.indicator != nil && $0.unit == nil }).count >= 3 { break }
            tasks.append(makeTask(t, number: tasks.count + 1, marker: "", markerStart: p.lowerBound, textStart: p.lowerBound, end: p.upperBound, subtasks: []))
        }
        return tasks
    }

    static func news(_ t: DirectiveText, body: Range<Int>, leadMarks: [Int], announced: Int?, mask: [Bool]) -> [DirectiveTask] {
        let paragraphs = t.lines.filter { !$0.isEmpty && $0.lowerBound >= body.lowerBound && $0.upperBound <= body.upperBound }
        let ordinal = ordinalParagraphs(t, paragraphs: paragraphs)
        if ordinal.count >= 2 { return ordinal }
        let numbered = numberedParagraphs(t, paragraphs: paragraphs)
        if numbered.count >= 2 { return numbered }
        let parens = parenthesisedSeries(t, in: body)
        if parens.count >= 2 { return parens }
        let series = semicolonSeries(t, in: body)
        if series.count >= 2 { return series }
        let directed = directedItems(t, paragraphs: paragraphs)
        if let n = announced {
            // The text says how many: the paragraphs after the lead when they give that count.
            let lead = leadParagraphs(t, paragraphs: paragraphs, leadMarks: leadMarks, mask: mask)
            if lead.count == n || directed.count < 2 { return lead }
        }
        return directed.count >= 2 ? directed : []
    }

    // MARK: "(1) … (2) …"

    /// "(1) Rà soát …; (2) Bảo đảm …" inline or one per line: the items between consecutive markers.
    /// The last item ends with its line or sentence.
    static func parenthesisedSeries(_ t: DirectiveText, in range: Range<Int>) -> [DirectiveTask] {
        let s = t.scalars
        func markerEnd(_ n: Int, from: Int, to: Int) -> (Int, Int)? {
            let digits = Array(String(n).unicodeScalars)
            var p = from
            while p + digits.count + 1 < to {
                if s[p] == "(", (p == 0 || s[p - 1] == " " || s[p - 1] == "\n" || s[p - 1] == ":" || s[p - 1] == "\t"),
                   Array(s[(p + 1)..<(p + 1 + digits.count)]) == digits, s[p + 1 + digits.count] == ")" {
                    return (p, p + 2 + digits.count)
                }
                p += 1
            }
            return nil
        }
        var p = range.lowerBound
        while let (m1, e1) = markerEnd(1, from: p, to: range.upperBound) {
            var marks: [(Int, Int)] = [(m1, e1)]
            var n = 2
            // The next marker must follow within the same paragraph (no blank line in between).
            while true {
                let last = marks.last!.1
                var limit = last
                while limit < range.upperBound, !(s[limit] == "\n" && limit + 1 < s.count && (s[limit + 1] == "\n" || s[limit + 1] == "\r")) { limit += 1 }
                guard let next = markerEnd(n, from: last, to: min(limit + 1, range.upperBound)) else { break }
                marks.append(next)
                n += 1
            }
            if marks.count >= 2 {
                var tasks: [DirectiveTask] = []
                for (i, m) in marks.enumerated() {
                    let a = t.nextNonBlank(m.1)
                    var b: Int
                    if i + 1 < marks.count { b = marks[i + 1].0 } else {
                        b = a
                        while b < range.upperBound && s[b] != "\n" && s[b] != "\r" {
                            if s[b] == ".", b + 1 >= s.count || s[b + 1] == " " || s[b + 1] == "\n" { break }
                            b += 1
                        }
                    }
                    var y = b
                    while y > a && (s[y - 1] == " " || s[y - 1] == ";" || s[y - 1] == "," || s[y - 1] == "." || s[y - 1] == "\n" || s[y - 1] == "\r") { y -= 1 }
                    if t.foldText(max(a, y - 3)..<y) == " va" { y -= 3 }
                    guard y > a else { continue }
                    let tr = title(t, from: a, lineEnd: y)
                    tasks.append(DirectiveTask(number: i + 1, marker: "(\(i + 1))", title: t.cleanText(tr), text: t.cleanText(a..<y),
                                               subtasks: [], span: Span(start: m.0, end: y)))
                }
                return tasks
            }
            p = e1
        }
        return []
    }

    // MARK: Items directed by a leader ("đề nghị …: Chỉ đạo …; Đẩy mạnh …")

    /// Verbs that open a directed task (folded, one or two words).
    static let directiveVerbs: Set<String> = [
        "chi dao", "day manh", "to chuc", "tap trung", "lam tot", "tang cuong", "nang cao", "ra soat", "bao dam", "dam bao",
        "thuc hien", "trien khai", "hoan thanh", "quan tam", "day nhanh", "chu trong", "xay dung", "phat huy", "tiep tuc",
        "huy dong", "chuan bi", "doi moi", "khac phuc", "phoi hop", "kiem tra", "tuyen dung", "sap xep", "boi duong",
        "phat trien", "uu tien", "thuc day", "nghien cuu", "tham muu", "ung dung", "duy tri", "giu vung", "phan dau",
        "cung co", "chu dong", "tich cuc", "kien quyet", "siet chat", "hoan thien", "quan ly", "ra quyet", "lam ro",
        "nam chac", "quan triet", "rut kinh", "bo tri", "bo sung", "giai quyet", "ho tro", "khan truong", "theo doi",
    ]
    static let directiveTriggers: [[String]] = [["de", "nghi"], ["yeu", "cau"], ["nhan", "manh"], ["luu", "y"], ["chi", "dao"], ["giao"]]

    /// Does a directive verb start at word `w`?
    static func startsWithVerb(_ t: DirectiveText, _ w: Int) -> Bool {
        guard w + 1 < t.words.count else { return false }
        return directiveVerbs.contains(t.words[w].fold + " " + t.words[w + 1].fold) && t.onlySpaces(t.words[w].end..<t.words[w + 1].start)
    }

    /// After "đề nghị" / "yêu cầu" / "nhấn mạnh" in a paragraph: a colon and a series of clauses or of
    /// marked lines, a semicolon series whose clauses open with a directive verb, or the following
    /// sentences that open with one ("… yêu cầu các nhà trường … . Chỉ đạo … . Đẩy mạnh …").
    static func directedItems(_ t: DirectiveText, paragraphs: [Range<Int>]) -> [DirectiveTask] {
        let s = t.scalars
        func item(_ a0: Int, _ b0: Int, _ n: Int, marker: String = "", spanStart: Int? = nil) -> DirectiveTask? {
            var a = a0, b = b0
            while a < b && (s[a] == " " || s[a] == "-" || s[a] == "+" || s[a] == "•" || s[a] == "–") { a += 1 }
            while b > a && (s[b - 1] == " " || s[b - 1] == "." || s[b - 1] == ";" || s[b - 1] == "…") { b -= 1 }
            guard b - a >= 8 else { return nil }
            let tr = title(t, from: a, lineEnd: b)
            return DirectiveTask(number: n, marker: marker, title: t.cleanText(tr), text: t.cleanText(a..<b), subtasks: [],
                                 span: Span(start: spanStart ?? a, end: b))
        }
        for (pi, p) in paragraphs.enumerated() {
            var w = t.wordIndex(atOrAfter: p.lowerBound)
            while w < t.words.count && t.words[w].end <= p.upperBound {
                guard let trig = directiveTriggers.first(where: { t.wordsMatch(w, $0) }) else { w += 1; continue }
                let after = t.words[w + trig.count - 1].end
                // "Phát biểu chỉ đạo, …" / "giao ban": the noun, not the verb.
                if trig == ["chi", "dao"] || trig == ["giao"] {
                    guard let c = (after..<min(p.upperBound, after + 120)).first(where: { s[$0] == ":" || s[$0] == "." }), s[c] == ":" else {
                        w += trig.count; continue
                    }
                }
                let sentence = t.sentence(around: after)
                // (a) A colon in the sentence: clauses after it, or marked lines after the paragraph.
                if let colon = (after..<sentence.upperBound).first(where: { s[$0] == ":" }), colon - after <= 150 {
                    let restStart = colon + 1
                    if t.nextNonBlank(restStart) >= p.upperBound {
                        var tasks: [DirectiveTask] = []
                        for l in paragraphs[(pi + 1)...] {
                            guard let m = marker(t, l), m.0 == .dash || m.0 == .number else { break }
                            if let it = item(m.3, l.upperBound, tasks.count + 1, marker: m.0 == .dash ? m.1 : m.1 + ".", spanStart: l.lowerBound) { tasks.append(it) }
                        }
                        if tasks.count >= 2 { return tasks }
                    } else {
                        var parts: [Range<Int>] = []
                        var a = restStart
                        for q in restStart..<p.upperBound where s[q] == ";" { parts.append(a..<q); a = q + 1 }
                        let end = (a..<p.upperBound).first(where: { s[$0] == "." && ($0 + 1 >= p.upperBound || s[$0 + 1] == " ") }) ?? p.upperBound
                        parts.append(a..<end)
                        let verbs = parts.filter { startsWithVerb(t, t.wordIndex(atOrAfter: $0.lowerBound)) }.count
                        if parts.count >= 2 && verbs * 2 > parts.count {
                            let tasks = parts.compactMap { item($0.lowerBound, $0.upperBound, 0) }
                            return tasks.enumerated().map { var x = $1; x.number = $0 + 1; return x }
                        }
                    }
                }
                // (b) A semicolon series in the sentence, clauses opening with a verb.
                var parts: [Range<Int>] = []
                var a = after
                for q in after..<sentence.upperBound where s[q] == ";" { parts.append(a..<q); a = q + 1 }
                parts.append(a..<sentence.upperBound)
                if parts.count >= 2, parts.dropFirst().allSatisfy({ startsWithVerb(t, t.wordIndex(atOrAfter: $0.lowerBound)) }) {
                    // The first clause starts at its verb, after the addressee ("đề nghị các sở … rà soát …").
                    var v = t.wordIndex(atOrAfter: after)
                    while v < t.words.count, t.words[v].end <= parts[0].upperBound, !startsWithVerb(t, v) { v += 1 }
                    var tasks: [DirectiveTask] = []
                    if v < t.words.count, t.words[v].end <= parts[0].upperBound, let it = item(t.words[v].start, parts[0].upperBound, 1) { tasks.append(it) }
                    for part in parts.dropFirst() { if let it = item(part.lowerBound, part.upperBound, tasks.count + 1) { tasks.append(it) } }
                    if tasks.count >= 2 { return tasks }
                }
                // (c) The sentences after it, each opening with a capitalised directive verb.
                var tasks: [DirectiveTask] = []
                var q = sentence.upperBound
                while q < p.upperBound {
                    let a = t.nextNonBlank(q)
                    guard a < p.upperBound else { break }
                    let next = t.sentence(around: a)
                    let vw = t.wordIndex(atOrAfter: a)
                    guard vw < t.words.count, t.words[vw].start == a, t.words[vw].isCapitalized, startsWithVerb(t, vw) else { break }
                    if let it = item(a, min(next.upperBound, p.upperBound), tasks.count + 1) { tasks.append(it) }
                    q = next.upperBound
                }
                if tasks.count >= 2 { return tasks }
                w += trig.count
            }
        }
        return []
    }
}
