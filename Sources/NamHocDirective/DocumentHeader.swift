import Foundation

/// The layout of an official document (Nghị định 30/2020): header block, type and title,
/// body, recipients ("Nơi nhận:") and signature. Copied from Word/PDF, the two header columns
/// come out interleaved line by line, so the header is read as a set of lines by role, not by
/// position.
struct DocumentLayout {
    var document: DocumentIdentity?
    /// Where the substance is: after the title, before recipients and signature. Whole text for news.
    var body: Range<Int>
    /// Recipients and signature lines: names there are addressees, not content.
    var tail: Range<Int>?
    /// "Kính gửi: …" and its dashed lines: addressees, not content.
    var addressees: Range<Int> = 0..<0

    static func read(_ t: DirectiveText) -> DocumentLayout {
        let all = 0..<t.scalars.count
        let lines = t.lines
        let limit = min(lines.count, 30)
        var republicLine: Int?
        var symbolLine: Int?
        var datelineLine: Int?
        for i in 0..<limit where !lines[i].isEmpty {
            let f = t.foldText(lines[i])
            if republicLine == nil && (f.hasPrefix("cong hoa xa hoi chu nghia") || f == "cong hoa xa hoi") { republicLine = i }
            if symbolLine == nil && (f.hasPrefix("so:") || f.hasPrefix("so :")) { symbolLine = i }
            if datelineLine == nil && DateScanner.dateline(in: t, line: lines[i]) != nil { datelineLine = i }
        }
        guard republicLine != nil || (symbolLine != nil && datelineLine != nil) else {
            return DocumentLayout(document: nil, body: all, tail: nil)
        }
        let headerEnd = max(datelineLine ?? 0, symbolLine ?? 0, republicLine ?? 0)
        var doc = DocumentIdentity(span: Span(start: lines[0].lowerBound, end: lines[headerEnd].upperBound))

        // Issuing body: the capitalised lines of the header that are not the republic's motto.
        var bodyLines: [Range<Int>] = []
        for i in 0...headerEnd where !lines[i].isEmpty && i != symbolLine && i != datelineLine && i != republicLine {
            let f = t.foldText(lines[i])
            if f.hasPrefix("doc lap") || isRule(t, lines[i]) || f.hasPrefix("v/v") { continue }
            if isAllCaps(t, lines[i]) { bodyLines.append(lines[i]) }
        }
        if let last = bodyLines.last {
            let continuation = ["tinh ", "thanh pho ", "xa ", "phuong ", "huyen ", "quan ", "thi xa ", "dac khu ", "tp "]
            if bodyLines.count >= 2, continuation.contains(where: { t.foldText(last).hasPrefix($0) }) {
                let first = bodyLines[bodyLines.count - 2]
                doc.issuingBody = Spanned(t.text(first) + " " + t.text(last), span: Span(start: first.lowerBound, end: last.upperBound))
                if bodyLines.count >= 3 { doc.parentBody = Spanned(t.text(bodyLines[0]), span: Span(bodyLines[0])) }
            } else {
                doc.issuingBody = Spanned(t.text(last), span: Span(last))
                if bodyLines.count >= 2 {
                    let p = bodyLines[0..<(bodyLines.count - 1)]
                    doc.parentBody = Spanned(p.map { t.text($0) }.joined(separator: " "),
                                             span: Span(start: p.first!.lowerBound, end: p.last!.upperBound))
                }
            }
        }

        if let s = symbolLine, let sym = SymbolScanner.first(in: t, range: lines[s]) {
            doc.symbol = Spanned(t.text(sym), span: Span(sym))
            var n = sym.lowerBound
            while n < sym.upperBound && t.scalars[n].properties.numericType != nil { n += 1 }
            if n > sym.lowerBound { doc.number = Spanned(t.text(sym.lowerBound..<n), span: Span(sym.lowerBound..<n)) }
            if let code = SymbolScanner.typeCode(t.text(sym)), let name = DirectiveLexicon.typeByCode[ScalarFold.key(code)] {
                doc.type = Spanned(name, span: Span(sym))
                doc.typeCode = code
            }
        }
        if let d = datelineLine, let (place, date, dateRange) = DateScanner.dateline(in: t, line: lines[d]) {
            if let place { doc.place = Spanned(t.text(place), span: Span(place)) }
            doc.date = Spanned(date, span: Span(dateRange))
        }

        // Type line and title, right after the header.
        var bodyStart = lines[headerEnd].upperBound
        var i = headerEnd + 1
        while i < lines.count && (lines[i].isEmpty || isRule(t, lines[i])) { i += 1 }
        if i < lines.count, isAllCaps(t, lines[i]) || startsWithType(t, lines[i]) != nil, let (name, code, typeEnd) = startsWithType(t, lines[i]) {
            doc.type = Spanned(name, span: Span(start: lines[i].lowerBound, end: typeEnd))
            doc.typeCode = code.isEmpty ? doc.typeCode : code
            let rest = t.nextNonBlank(typeEnd)
            var titleRange: Range<Int>?
            if rest < lines[i].upperBound {
                titleRange = rest..<lines[i].upperBound
            } else if i + 1 < lines.count, !lines[i + 1].isEmpty, !t.foldText(lines[i + 1]).hasPrefix("can cu") {
                titleRange = lines[i + 1]
                i += 1
            }
            // An upper-case title may wrap onto further upper-case lines.
            while let r = titleRange, isAllCaps(t, r), i + 1 < lines.count, !lines[i + 1].isEmpty,
                  isAllCaps(t, lines[i + 1]), RomanHeading.parse(t, lines[i + 1]) == nil {
                titleRange = r.lowerBound..<lines[i + 1].upperBound
                i += 1
            }
            if let r = titleRange { doc.title = Spanned(t.cleanText(r), span: Span(r)) }
            bodyStart = lines[i].upperBound
            doc.span.end = max(doc.span.end, bodyStart)
        }

        // Signature and recipients, searched from the end.
        var tailStart = t.scalars.count
        let from = max(headerEnd + 1, lines.count - 40)
        var titleLine: Int?
        for j in stride(from: lines.count - 1, through: from, by: -1) where !lines[j].isEmpty {
            let f = t.foldText(lines[j])
            if f.hasPrefix("noi nhan") { tailStart = min(tailStart, lines[j].lowerBound) }
            if isAllCaps(t, lines[j]), let (title, authority) = signingTitle(t, lines[j]) {
                if titleLine == nil {
                    titleLine = j
                    doc.signingTitle = Spanned(t.text(title), span: Span(title))
                    if authority { doc.signingAuthority = doc.signingTitle }
                } else if authority && doc.signingAuthority == nil {
                    doc.signingAuthority = Spanned(t.text(lines[j]), span: Span(lines[j]))
                }
                tailStart = min(tailStart, lines[j].lowerBound)
            }
        }
        if let tl = titleLine {
            for j in (tl + 1)..<lines.count where !lines[j].isEmpty {
                if isPersonName(t, lines[j]) {
                    doc.signer = Spanned(t.text(lines[j]), span: Span(lines[j]))
                    break
                }
            }
        }
        // A Công văn has no type line and no title: its subject "V/v …" stands for the title.
        if doc.title == nil, let v = (0...headerEnd).first(where: { t.foldText(lines[$0]).hasPrefix("v/v") }) {
            let a = t.nextNonBlank(lines[v].lowerBound + 3)
            if a < lines[v].upperBound { doc.title = Spanned(t.cleanText(a..<lines[v].upperBound), span: Span(a..<lines[v].upperBound)) }
        }
        // A Công văn has no type line: its header carries "V/v …" and its symbol no type code.
        if doc.type == nil, (0...headerEnd).contains(where: { t.foldText(lines[$0]).hasPrefix("v/v") }) || lines.contains(where: { t.foldText($0).hasPrefix("kinh gui") }) {
            if let s = doc.symbol { doc.type = Spanned("Công văn", span: s.span) }
        }
        let body = min(bodyStart, tailStart)..<tailStart
        var layout = DocumentLayout(document: doc, body: body, tail: tailStart < t.scalars.count ? tailStart..<t.scalars.count : nil)
        if let k = (headerEnd..<min(lines.count, headerEnd + 8)).first(where: { t.foldText(lines[$0]).hasPrefix("kinh gui") }) {
            var end = lines[k].upperBound
            var j = k + 1
            while j < lines.count, !lines[j].isEmpty, TaskScanner.marker(t, lines[j])?.0 == .dash { end = lines[j].upperBound; j += 1 }
            layout.addressees = lines[k].lowerBound..<end
        }
        return layout
    }

    /// "-------", "___", "|" lines left by table borders.
    static func isRule(_ t: DirectiveText, _ r: Range<Int>) -> Bool {
        t.scalars[r].allSatisfy { "-_=|*~.".unicodeScalars.contains($0) || $0 == " " }
    }

    /// A line in capitals. Tolerant (≥ 70 % capitals) because text that went through TCVN3 loses
    /// some toned capitals ("ỦY" comes back "ủY": ABC has no code for "Ủ").
    static func isAllCaps(_ t: DirectiveText, _ r: Range<Int>) -> Bool {
        var letters = 0
        var upper = 0
        for p in r where ScalarFold.isLetter(t.scalars[p]) {
            letters += 1
            if ScalarFold.isUpper(t.scalars[p]) { upper += 1 }
        }
        return letters >= 2 && upper * 10 >= letters * 7
    }

    static func startsWithType(_ t: DirectiveText, _ r: Range<Int>) -> (String, String, Int)? {
        let w = t.wordIndex(atOrAfter: r.lowerBound)
        for (phrase, name, code) in DirectiveLexicon.typePhrases where t.wordsMatch(w, phrase) {
            let end = t.words[w + phrase.count - 1].end
            guard end <= r.upperBound, t.words[w].start == r.lowerBound else { continue }
            // The type line is in capitals ("CHỈ THỊ") — a sentence starting "Kế hoạch này…" is not.
            guard isAllCaps(t, t.words[w].start..<end) else { continue }
            return (name, code, end)
        }
        return nil
    }

    /// "KT. CHỦ TỊCH" → (range of "KT. CHỦ TỊCH", authority: true); "PHÓ CHỦ TỊCH" → (…, false).
    static func signingTitle(_ t: DirectiveText, _ r: Range<Int>) -> (Range<Int>, Bool)? {
        var key = ScalarFold.key(t.text(r))
        var authority = false
        for p in ["kt ", "tm ", "tl ", "q ", "tuq "] where key.hasPrefix(p) {
            key.removeFirst(p.count)
            authority = true
        }
        return DirectiveLexicon.signingTitles.contains(key) ? (r, authority) : nil
    }

    /// 2–5 capitalised words, letters only: "Nguyễn Hồng Lĩnh".
    static func isPersonName(_ t: DirectiveText, _ r: Range<Int>) -> Bool {
        let a = t.wordIndex(atOrAfter: r.lowerBound)
        var n = 0
        var k = a
        while k < t.words.count && t.words[k].end <= r.upperBound {
            if !t.words[k].isCapitalized || t.words[k].isNumber { return false }
            n += 1
            k += 1
        }
        guard (2...5).contains(n) else { return false }
        for p in r where !(ScalarFold.isLetter(t.scalars[p]) || t.scalars[p] == " ") { return false }
        return true
    }
}
