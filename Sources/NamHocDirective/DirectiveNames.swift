import Foundation

/// Named units and bodies ("Trường THCS Nguyễn Trãi", "Sở Giáo dục và Đào tạo Hà Nội"), places of
/// the gazetteer, and the issuer (a title of office with its body and person).
///
/// Vietnamese names capitalise only the first syllable of each compound ("Sở Giáo dục và Đào
/// tạo", "Sở Nội vụ"), so a name is read as: head word, then field segments of one capitalised
/// word plus at most one lower-case syllable, joined by "và"/"-", then an optional place that
/// must be in the gazetteer. That last rule is what stops "Sở GD&ĐT Hải Phòng Nguyễn Đức Hưng"
/// from swallowing the person's name.
enum NameScanner {
    static let heads: [(words: [String], kind: String)] = [
        (["uy", "ban", "nhan", "dan"], "committee"), (["hoi", "dong", "nhan", "dan"], "council"),
        (["ubnd"], "committee"), (["hdnd"], "council"), (["trung", "tam"], "centre"), (["van", "phong"], "office"),
        (["cum", "thi", "dua"], "cluster"), (["truong"], "school"), (["so"], "department"), (["bo"], "ministry"),
        (["phong"], "office"), (["ban"], "body"), (["cuc"], "office"), (["vu"], "office"),
    ]
    static let singletons: [(words: [String], kind: String)] = [
        (["chinh", "phu"], "government"), (["quoc", "hoi"], "government"), (["thanh", "uy"], "party"),
        (["tinh", "uy"], "party"), (["dang", "uy"], "party"),
    ]
    /// School levels and kinds written between "Trường" and the proper name.
    static let schoolLevels: Set<String> = [
        "mn", "th", "thcs", "thpt", "ptdtnt", "ptdtbt", "ptdt", "tieu", "hoc", "mam", "non", "trung", "co", "so",
        "pho", "thong", "chuyen", "lien", "cap", "gdnn", "gdtx", "nn", "tx", "dan", "toc", "noi", "tru", "ban",
    ]
    static let levelWords: Set<String> = ["tinh", "thanh", "xa", "phuong", "huyen", "quan", "tp", "dac"]

    /// The unit phrase starting at word `w`, if any: (range, kind, index after the last word).
    static func unit(_ t: DirectiveText, at w: Int, limit: Int) -> (Range<Int>, String, Int)? {
        guard w < t.words.count, t.words[w].start < limit else { return nil }
        for s in singletons where t.words[w].isCapitalized && t.wordsMatch(w, s.words) {
            return (t.words[w].start..<t.words[w + s.words.count - 1].end, s.kind, w + s.words.count)
        }
        for h in heads where t.wordsMatch(w, h.words) {
            let n = h.words.count
            let lowercaseSchool = h.kind == "school" && !t.words[w].isCapitalized
            guard t.words[w].isCapitalized || lowercaseSchool else { continue }
            // Upper-case headings ("NHIỆM VỤ QUÝ II") are not names; abbreviations (UBND) are.
            if n == 1 && t.words[w].isAllCaps && t.words[w].end - t.words[w].start > 1 && !["ubnd", "hdnd"].contains(h.words[0]) { continue }
            var k = w + n
            var end = t.words[k - 1].end
            if h.kind == "cluster" {
                guard k + 1 < t.words.count, t.words[k].fold == "so", t.words[k + 1].isNumber else { return nil }
                return (t.words[w].start..<t.words[k + 1].end, h.kind, k + 2)
            }
            if h.kind == "committee" || h.kind == "council" {
                // "UBND tỉnh Bắc Giang": a known place is required, otherwise it is "UBND các xã".
                guard let (pEnd, _) = place(t, at: k) else { return nil }
                return (t.words[w].start..<t.words[pEnd - 1].end, h.kind, pEnd)
            }
            var named = false
            if h.kind == "school" || h.kind == "centre" {
                // Level words then the proper name ("Trường THPT chuyên Trần Phú").
                var sawLevel = false
                while k < t.words.count, linked(t, k - 1, k), schoolLevels.contains(t.words[k].fold),
                      t.words[k].isAllCaps || !t.words[k].isCapitalized || ["tieu", "mam", "trung", "pho"].contains(t.words[k].fold) {
                    sawLevel = true
                    k += 1
                }
                if lowercaseSchool && !sawLevel { return nil }
                var names = 0
                while k < t.words.count, names < 5, linked(t, k - 1, k), t.words[k].isCapitalized, !t.words[k].isNumber {
                    k += 1
                    names += 1
                    // A lower-case syllable may complete a capitalised one ("Bồi dưỡng").
                    if names == 1, k < t.words.count, !t.words[k].isCapitalized, linked(t, k - 1, k),
                       !DirectiveLexicon.objectStops.contains(t.words[k].fold), k + 1 < t.words.count, !t.words[k].isNumber {
                        if !t.words[k - 1].isAllCaps { k += 1 }
                    }
                }
                guard names > 0 else { return nil }
                end = t.words[k - 1].end
                if let (pEnd, _) = place(t, at: k) { end = t.words[pEnd - 1].end; k = pEnd }
                return (t.words[w].start..<end, h.kind, k)
            }
            // Field segments: a new capitalised word starts a segment only right after the head
            // or after a connector ("và", "-"), so a person's name after the body is not taken.
            var segments = 0
            var open = true
            while k < t.words.count, linked(t, k - 1, k) {
                let word = t.words[k]
                let gapText = t.text(t.words[k - 1].end..<word.start)
                if gapText == "-" || gapText == " - " || gapText == "&" { open = true }
                if word.isCapitalized && !word.isNumber {
                    if segments > 0, place(t, at: k) != nil { break }
                    let trungUong = word.fold == "trung" && k + 1 < t.words.count && t.words[k + 1].fold == "uong"
                    guard open || trungUong else { break }
                    k += 1
                    segments += 1
                    if !word.isAllCaps, k < t.words.count, !t.words[k].isCapitalized, !t.words[k].isNumber, linked(t, k - 1, k),
                       !DirectiveLexicon.objectStops.contains(t.words[k].fold), !levelWords.contains(t.words[k].fold) {
                        k += 1
                    }
                    open = false
                    named = true
                    continue
                }
                if word.fold == "va", segments > 0, k + 1 < t.words.count, t.words[k + 1].isCapitalized, linked(t, k, k + 1) {
                    k += 1
                    open = true
                    continue
                }
                break
            }
            guard named else { return nil }
            end = t.words[k - 1].end
            // "(GD&ĐT)" after the field.
            if k < t.words.count, t.text(end..<t.words[k].start) == " (", t.words[k].isAllCaps {
                var j = k
                while j < t.words.count, t.words[j].isAllCaps, j == k || t.text(t.words[j - 1].end..<t.words[j].start) == "&" { j += 1 }
                if t.words[j - 1].end < t.scalars.count, t.scalars[t.words[j - 1].end] == ")" {
                    end = t.words[j - 1].end + 1
                    k = j
                }
            }
            if let (pEnd, _) = place(t, at: k), t.words[k].start - end <= 1 { end = t.words[pEnd - 1].end; k = pEnd }
            return (t.words[w].start..<end, h.kind, k)
        }
        return nil
    }

    /// Words `a` and `b` belong to one name: separated by a space, "&" or "-" only.
    static func linked(_ t: DirectiveText, _ a: Int, _ b: Int) -> Bool {
        guard a >= 0, b < t.words.count else { return false }
        let g = t.text(t.words[a].end..<t.words[b].start)
        return g == " " || g == "&" || g == "-" || g == " - "
    }

    /// A known place at word `w`, optionally after a level word ("tỉnh Bắc Ninh", "xã Tân Yên",
    /// "Hà Nội"): (index after, entry).
    static func place(_ t: DirectiveText, at w: Int) -> (Int, PlaceGazetteer.Entry)? {
        guard w < t.words.count else { return nil }
        let g = PlaceGazetteer.shared
        if let (e, end) = g.formerDistrict(in: t, at: w) { return (end, e) }
        if let (e, end) = g.commune(in: t, at: w, preferProvinces: []) { return (end, e) }
        var k = w
        if t.words[k].fold == "tinh" || t.words[k].fold == "tp" { k += 1 }
        else if t.words[k].fold == "thanh", k + 1 < t.words.count, t.words[k + 1].fold == "pho" { k += 2 }
        guard k < t.words.count, k == w || linked(t, k - 1, k) || t.text(t.words[k - 1].end..<t.words[k].start) == ". " else { return nil }
        if let (e, end) = g.province(in: t, at: k) { return (end, e) }
        return nil
    }

    /// A body named after "của" in a citation: optional title, then a unit ("Chủ tịch UBND tỉnh",
    /// "Bộ trưởng Bộ Giáo dục và Đào tạo", "Chính phủ", "Ban Bí thư").
    static func bodyPhrase(_ t: DirectiveText, from w: Int, limit: Int) -> Range<Int>? {
        guard w < t.words.count, t.words[w].isCapitalized else { return nil }
        var k = w
        for title in DirectiveLexicon.titles where t.wordsMatch(w, title) { k = w + title.count; break }
        if let (r, _, _) = unit(t, at: k, limit: limit) { return t.words[w].start..<r.upperBound }
        if let end = genericCommittee(t, at: k) { return t.words[w].start..<t.words[end - 1].end }
        if k > w { return t.words[w].start..<t.words[k - 1].end }
        return nil
    }

    /// "UBND tỉnh", "Ủy ban nhân dân thành phố" without a name: acceptable inside an office.
    static func genericCommittee(_ t: DirectiveText, at w: Int) -> Int? {
        var k: Int
        if t.wordsMatch(w, ["ubnd"]) || t.wordsMatch(w, ["hdnd"]) { k = w + 1 }
        else if t.wordsMatch(w, ["uy", "ban", "nhan", "dan"]) { k = w + 4 }
        else { return nil }
        if k < t.words.count, ["tinh", "xa", "phuong", "huyen"].contains(t.words[k].fold) { k += 1 }
        else if t.wordsMatch(k, ["thanh", "pho"]) { k += 2 }
        return k
    }

    static func units(_ t: DirectiveText, in range: Range<Int>) -> [NamedUnit] {
        var out: [NamedUnit] = []
        var seen: Set<String> = []
        var w = t.wordIndex(atOrAfter: range.lowerBound)
        while w < t.words.count && t.words[w].end <= range.upperBound {
            if let (r, kind, next) = unit(t, at: w, limit: range.upperBound), r.upperBound <= range.upperBound,
               !DocumentLayout.isAllCaps(t, t.lines[t.lineIndex(of: r.lowerBound)]) {  // headings are not names
                let name = t.cleanText(r)
                if seen.insert(ScalarFold.key(name)).inserted { out.append(NamedUnit(name: name, kind: kind, span: Span(r))) }
                w = next
                continue
            }
            w += 1
        }
        return out
    }

    /// The gazetteer name spelt as the text spells it: tone placement differs between sources ("Xã Kiến
    /// Thuỵ" in the list, "xã Kiến Thủy" in the text) and a reader compares with what the text says.
    /// Capitals stay the gazetteer's; a name in capitals or matched through an alias stays as listed.
    static func asWritten(_ t: DirectiveText, _ name: String, _ r: Range<Int>) -> String {
        let written = t.cleanText(r)
        guard ScalarFold.key(written) == ScalarFold.key(name), !DocumentLayout.isAllCaps(t, r) else { return name }
        let a = Array(name.unicodeScalars), b = Array(written.unicodeScalars)
        guard a.count == b.count else { return name }
        var v = String.UnicodeScalarView()
        for (x, y) in zip(a, b) { v.append(ScalarFold.isUpper(x) && !ScalarFold.isUpper(y) ? (y.properties.uppercaseMapping.unicodeScalars.first ?? y) : y) }
        return String(v)
    }

    static func places(_ t: DirectiveText, in range: Range<Int>) -> [Place] {
        var found: [(PlaceGazetteer.Entry, Range<Int>)] = []
        let g = PlaceGazetteer.shared
        var w = t.wordIndex(atOrAfter: range.lowerBound)
        while w < t.words.count && t.words[w].end <= range.upperBound {
            if let (e, end) = g.formerDistrict(in: t, at: w) {
                found.append((e, t.words[w].start..<t.words[end - 1].end))
                w = end
                continue
            }
            if let (e, end) = g.commune(in: t, at: w, preferProvinces: []) {
                found.append((e, t.words[w].start..<t.words[end - 1].end))
                w = end
                continue
            }
            // In a list of provinces ("Hà Nội, Đà Nẵng, Cần Thơ và Hồ Chí Minh") a city needs no "TP".
            let inList: Bool = {
                guard let last = found.last, w > 0, t.words[w].start - last.1.upperBound <= 6,
                      last.1.upperBound <= t.words[w].start else { return false }
                let gap = t.foldText(last.1.upperBound..<t.words[w].start)
                return [", ", " va ", ", va "].contains(gap) && last.0.kind.hasSuffix("rovince")
            }()
            if let (e, end) = g.province(in: t, at: w, inList: inList) {
                found.append((e, t.words[w].start..<t.words[end - 1].end))
                w = end
                continue
            }
            w += 1
        }
        // Resolve ambiguous commune names against the provinces the text names.
        let provinces = Set(found.compactMap { $0.0.kind.hasSuffix("rovince") ? $0.0.province : nil })
        var out: [Place] = []
        var seen: Set<String> = []
        for (e, r) in found {
            var entry = e
            if entry.code == nil, ["commune", "ward", "specialZone"].contains(entry.kind) {
                var w2 = t.wordIndex(atOrAfter: r.lowerBound)
                if let (resolved, _) = g.commune(in: t, at: w2, preferProvinces: provinces) { entry = resolved }
                w2 += 0
            }
            guard seen.insert(ScalarFold.key(entry.name)).inserted else { continue }
            entry.name = asWritten(t, entry.name, r)
            out.append(Place(name: entry.name, kind: entry.kind, code: entry.code, province: entry.province, span: Span(r)))
        }
        return out
    }
}
