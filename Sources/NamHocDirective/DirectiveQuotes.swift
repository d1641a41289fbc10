import Foundation

/// Quoted phrases: the school-year theme and the emulation movements and campaigns.
enum QuoteScanner {
    /// Content ranges of quoted phrases, in order. Curly quotes pair “ with the next ”; a stray ”
    /// (the seeds have some) is ignored. Straight quotes pair alternately within a line.
    static func quotes(_ t: DirectiveText, in range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var openCurly: Int?
        var openStraight: Int?
        for p in range {
            let c = t.scalars[p]
            switch c {
            case "\u{201C}":
                openCurly = p + 1
            case "\u{201D}":
                if let o = openCurly { out.append(o..<p); openCurly = nil }
            case "\"":
                if let o = openStraight { out.append(o..<p); openStraight = nil } else { openStraight = p + 1 }
            case "\n":
                openStraight = nil
                openCurly = nil
            default:
                break
            }
        }
        return out.filter { $0.count >= 3 }.sorted { $0.lowerBound < $1.lowerBound }
    }

    static func trimmed(_ t: DirectiveText, _ r: Range<Int>) -> Range<Int> {
        var a = r.lowerBound
        var b = r.upperBound
        while a < b && (t.scalars[a] == " " || t.scalars[a] == "\u{201C}") { a += 1 }
        while b > a && (t.scalars[b - 1] == " " || t.scalars[b - 1] == "." || t.scalars[b - 1] == ",") { b -= 1 }
        return a..<b
    }

    /// The first quote introduced by "chủ đề" in a sentence about a school year.
    static func theme(_ t: DirectiveText, quotes: [Range<Int>]) -> Spanned<String>? {
        for q in quotes {
            let open = q.lowerBound - 1
            let sentence = t.sentence(around: open)
            let before = t.foldText(max(sentence.lowerBound, open - 80)..<open)
            guard let r = before.range(of: "chu de", options: .backwards) else { continue }
            let after = String(before[r.upperBound...])
            if after.contains("cong tac") { continue }
            let sentenceKey = t.foldText(sentence.lowerBound..<q.upperBound)
            guard sentenceKey.contains("nam hoc") else { continue }
            let c = trimmed(t, q)
            return Spanned(t.cleanText(c), span: Span(c))
        }
        return nil
    }

    /// Well-known emulation movements and campaigns of the sector, folded, for names written without
    /// quotation marks ("phong trào thi đua Dạy tốt – học tốt").
    static let knownMovements: [[String]] = [
        "Dạy tốt, học tốt", "Hai tốt", "Đổi mới, sáng tạo trong dạy và học", "Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập",
        "Xây dựng trường học thân thiện, học sinh tích cực", "Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo",
        "Hai không", "Cả nước thi đua xây dựng xã hội học tập", "Nhà giáo tâm huyết, sáng tạo", "Cô giáo là mẹ hiền",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
        "Toàn dân đoàn kết xây dựng đời sống văn hóa", "Cả nước thi đua đổi mới sáng tạo trong quản lý, giảng dạy và học tập",
    ].map { $0.foldedWords }.sorted { $0.count > $1.count }

    /// Movements named without quotes after "phong trào (thi đua)" / "cuộc vận động": a known name, or
    /// a capitalised name up to the clause's end.
    static func unquotedMovements(_ t: DirectiveText, in range: Range<Int>) -> [Spanned<String>] {
        var out: [Spanned<String>] = []
        var w = t.wordIndex(atOrAfter: range.lowerBound)
        while w + 2 < t.words.count && t.words[w].end <= range.upperBound {
            var k: Int?
            if t.wordsMatch(w, ["phong", "trao", "thi", "dua"]) { k = w + 4 }
            else if t.wordsMatch(w, ["phong", "trao"]) { k = w + 2 }
            else if t.wordsMatch(w, ["cuoc", "van", "dong"]) { k = w + 3 }
            guard let s = k, s < t.words.count, t.onlySpaces(t.words[s - 1].end..<t.words[s].start),
                  t.words[s].isCapitalized, !t.words[s].isAllCaps || t.words[s].end - t.words[s].start == 1 else { w += 1; continue }
            var end: Int?
            for name in knownMovements {
                // Words of a known name may be joined by ", ", " – ", " - ".
                guard s + name.count <= t.words.count else { continue }
                var ok = true
                for (j, nw) in name.enumerated() where t.words[s + j].fold != nw { ok = false; break }
                if ok {
                    for j in 1..<max(1, name.count) where !["", " ", ", ", " – ", " - ", "-", "–"].contains(t.text(t.words[s + j - 1].end..<t.words[s + j].start)) { ok = false }
                }
                if ok { end = t.words[s + name.count - 1].end; break }
            }
            if end == nil {
                // Up to the clause's end, a year or "năm học"/"giai đoạn"/"gắn với" …, at most 12 words.
                var j = s
                while j < t.words.count, j - s < 12 {
                    if j > s {
                        let gap = t.text(t.words[j - 1].end..<t.words[j].start)
                        if !["", " ", " – ", " - ", "-", "–"].contains(gap) { break }
                        if t.wordsMatch(j, ["nam", "hoc"]) || t.wordsMatch(j, ["giai", "doan"]) || t.wordsMatch(j, ["gan", "voi"]) || t.words[j].isNumber
                            || ["trong", "tai", "cua", "nam", "va", "cho", "den", "tu"].contains(t.words[j].fold) { break }
                    }
                    j += 1
                }
                if j - s >= 2 { end = t.words[j - 1].end }
            }
            if let e = end {
                out.append(Spanned(t.cleanText(t.words[s].start..<e), span: Span(start: t.words[s].start, end: e)))
                w = t.wordIndex(atOrAfter: e)
                continue
            }
            w += 1
        }
        return out
    }

    static func movements(_ t: DirectiveText, quotes: [Range<Int>], theme: Span?) -> [Spanned<String>] {
        var out: [Spanned<String>] = []
        var seen: Set<String> = []
        var previousWasMovement = false
        var previousEnd = 0
        let cues = ["phong trao", "cuoc van dong", "van dong", "gan voi viec"]
        for q in quotes {
            let open = q.lowerBound - 1
            if let th = theme, th.start >= q.lowerBound && th.end <= q.upperBound {
                previousWasMovement = false
                previousEnd = q.upperBound
                continue
            }
            let sentence = t.sentence(around: open)
            let from = max(sentence.lowerBound, previousEnd, open - 60)
            let before = from < open ? t.foldText(from..<open) : ""
            var isMovement = cues.contains { before.contains($0) }
            if !isMovement && previousWasMovement && open - previousEnd <= 40 && sentence.contains(previousEnd - 1) {
                isMovement = !before.contains("chu de")
            }
            previousWasMovement = isMovement
            previousEnd = q.upperBound + 1
            guard isMovement else { continue }
            let c = trimmed(t, q)
            let text = t.cleanText(c)
            if seen.insert(ScalarFold.key(text)).inserted { out.append(Spanned(text, span: Span(c))) }
        }
        return out
    }
}

/// The issuer of a news report: the first title of office with its body and/or person
/// ("Thứ trưởng Ngô Thị Minh", "Chủ tịch UBND tỉnh Bắc Giang", "Đồng chí Trần Thế Cương - Giám
/// đốc Sở …"); failing that, a body that "ban hành" the text.
enum IssuerScanner {
    static func person(_ t: DirectiveText, at w: Int) -> Int? {
        var k = w
        while k < t.words.count, k - w < 4, t.words[k].isCapitalized, !t.words[k].isAllCaps || t.words[k].end - t.words[k].start == 1,
              k == w || t.onlySpaces(t.words[k - 1].end..<t.words[k].start) {
            k += 1
        }
        return k - w >= 2 ? k : nil
    }

    /// The field and place after "Trưởng phòng": "GD&ĐT", "Giáo dục và Đào tạo", then "huyện X" / "quận X"
    /// or a bare level word ("thị xã"). Returns the index after the last word.
    static func officeField(_ t: DirectiveText, at k0: Int) -> Int? {
        var k = k0
        guard k < t.words.count, t.onlySpaces(t.words[k - 1].end..<t.words[k].start) else { return nil }
        if t.wordsMatch(k, ["giao", "duc", "va", "dao", "tao"]) { k += 5 }
        else if t.words[k].isAllCaps, t.words[k].end - t.words[k].start >= 2 {
            k += 1
            while k < t.words.count, t.words[k].isAllCaps, t.text(t.words[k - 1].end..<t.words[k].start) == "&" { k += 1 }
        } else { return nil }
        guard k < t.words.count, t.onlySpaces(t.words[k - 1].end..<t.words[k].start) else { return k }
        if let (end, _) = NameScanner.place(t, at: k) { return end }
        for level in [["thi", "xa"], ["thanh", "pho"], ["huyen"], ["quan"], ["tinh"], ["xa"], ["phuong"]] where t.wordsMatch(k, level) {
            return k + level.count
        }
        return k
    }

    static func scan(_ t: DirectiveText, in range: Range<Int>) -> Issuer? {
        var w = t.wordIndex(atOrAfter: range.lowerBound)
        while w < t.words.count && t.words[w].end <= range.upperBound {
            guard t.words[w].isCapitalized else { w += 1; continue }
            var matched: [String]?
            for title in DirectiveLexicon.titles where t.wordsMatch(w, title) { matched = title; break }
            guard let title = matched else { w += 1; continue }
            var k = w + title.count
            var officeEnd = t.words[k - 1].end
            if let (r, _, next) = NameScanner.unit(t, at: k, limit: range.upperBound) {
                officeEnd = r.upperBound
                k = next
            } else if let next = NameScanner.genericCommittee(t, at: k) {
                officeEnd = t.words[next - 1].end
                k = next
            }
            else if title.last == "phong", let next = officeField(t, at: k) {
                // "Trưởng phòng GD&ĐT huyện Sóc Sơn", "Trưởng phòng GD&ĐT thị xã".
                officeEnd = t.words[next - 1].end
                k = next
            }
            let office = t.cleanText(t.words[w].start..<officeEnd)
            // "đồng chí Nguyễn Văn Lâm, Trưởng phòng …": the person before the title, after a comma.
            if w >= 3, t.text(t.words[w - 1].end..<t.words[w].start) == ", " {
                var a = w - 1
                while a > 0, w - a < 4, t.words[a - 1].isCapitalized, !t.words[a - 1].isAllCaps || t.words[a - 1].end - t.words[a - 1].start == 1,
                      t.onlySpaces(t.words[a - 1].end..<t.words[a].start) { a -= 1 }
                if a > 1, w - a >= 2, w - a <= 4, t.onlySpaces(t.words[a - 1].end..<t.words[a].start),
                   t.wordsMatch(a - 2, ["dong", "chi"]) || ["ong", "ba"].contains(t.words[a - 1].fold) {
                    return Issuer(office: office, person: t.cleanText(t.words[a].start..<t.words[w - 1].end),
                                  span: Span(start: t.words[a].start, end: officeEnd))
                }
            }
            if let pEnd = person(t, at: k), t.onlySpaces(officeEnd..<t.words[k].start) {
                return Issuer(office: office, person: t.cleanText(t.words[k].start..<t.words[pEnd - 1].end),
                              span: Span(start: t.words[w].start, end: t.words[pEnd - 1].end))
            }
            // "Đồng chí Trần Thế Cương - Giám đốc Sở …"
            if w >= 3, t.text(t.words[w - 1].end..<t.words[w].start) == " - " {
                var a = w - 1
                while a > 0, w - a < 4, t.words[a - 1].isCapitalized, t.onlySpaces(t.words[a - 1].end..<t.words[a].start) { a -= 1 }
                let lead = t.words[a].fold
                if ["dong", "ong", "ba"].contains(lead) || (a > 0 && ["chi", "ong", "ba"].contains(t.words[a - 1].fold)) {
                    let first = lead == "dong" ? a + 2 : (["ong", "ba"].contains(lead) ? a + 1 : a)
                    if first < w {
                        return Issuer(office: office, person: t.cleanText(t.words[first].start..<t.words[w - 1].end),
                                      span: Span(start: t.words[first].start, end: officeEnd))
                    }
                }
            }
            if k > w + title.count {
                return Issuer(office: office, person: nil, span: Span(start: t.words[w].start, end: officeEnd))
            }
            w += 1
        }
        // No title: "Bộ Giáo dục và Đào tạo ban hành …".
        w = t.wordIndex(atOrAfter: range.lowerBound)
        while w < t.words.count && t.words[w].end <= range.upperBound {
            if let (r, _, next) = NameScanner.unit(t, at: w, limit: range.upperBound) {
                if t.wordsMatch(next, ["ban", "hanh"]) { return Issuer(office: t.cleanText(r), person: nil, span: Span(r)) }
                w = next
                continue
            }
            w += 1
        }
        return nil
    }
}

/// "7 nhiệm vụ quan trọng", "10 nhóm nhiệm vụ", "08 nhóm nhiệm vụ trọng tâm".
enum AnnouncedCountScanner {
    static func scan(_ t: DirectiveText, in range: Range<Int>) -> Spanned<Int>? {
        var w = t.wordIndex(atOrAfter: range.lowerBound)
        while w + 2 < t.words.count && t.words[w].end <= range.upperBound {
            if t.words[w].isNumber, let n = Int(t.words[w].fold), (2...30).contains(n) {
                var k = w + 1
                if t.words[k].fold == "nhom" { k += 1 }
                if t.wordsMatch(k, ["nhiem", "vu"]), t.onlySpaces(t.words[w].end..<t.words[w + 1].start) {
                    var end = k + 2
                    for q in [["trong", "tam"], ["quan", "trong"], ["chu", "yeu"], ["trong", "diem"]] where t.wordsMatch(end, q) { end += 2; break }
                    return Spanned(n, span: Span(start: t.words[w].start, end: t.words[end - 1].end))
                }
            }
            w += 1
        }
        return nil
    }
}
