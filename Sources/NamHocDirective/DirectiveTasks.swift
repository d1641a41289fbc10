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
            return items(t, lines: Array(lines[s]), strict: false)
        }
        // No section: the numbered list of the body (a chỉ thị's "… sau: 1. … 2. …").
        if let first = lines.firstIndex(where: { marker(t, $0)?.0 == .number && marker(t, $0)?.1 == "1" }) {
            return items(t, lines: Array(lines[first...]), strict: true)
        }
        return []
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

    static func news(_ t: DirectiveText, body: Range<Int>, leadMarks: [Int], hasAnnouncement: Bool, mask: [Bool]) -> [DirectiveTask] {
        let paragraphs = t.lines.filter { !$0.isEmpty && $0.lowerBound >= body.lowerBound && $0.upperBound <= body.upperBound }
        let ordinal = ordinalParagraphs(t, paragraphs: paragraphs)
        if ordinal.count >= 2 { return ordinal }
        let numbered = numberedParagraphs(t, paragraphs: paragraphs)
        if numbered.count >= 2 { return numbered }
        let series = semicolonSeries(t, in: body)
        if series.count >= 2 { return series }
        if hasAnnouncement { return leadParagraphs(t, paragraphs: paragraphs, leadMarks: leadMarks, mask: mask) }
        return []
    }
}
