import Foundation
import NamHocText

/// The 34 provinces of 2025 (with the pre-2025 provinces each absorbed) and the 3.321 communes,
/// read once from the bundled CSV files. A `static let` is initialised lazily and exactly once
/// by the runtime, so the first reader to need it pays for loading and every thread shares it.
struct PlaceGazetteer: Sendable {
    struct Entry: Sendable {
        var name: String        // "Hà Nội", "Xã Tân Yên"
        var kind: String        // province, formerProvince, commune, ward, specialZone
        var code: String?
        var province: String?   // 2025 province name
    }

    /// Province names (current and former) by folded key ("ha noi").
    let provinces: [String: Entry]
    /// Communes by folded kind word + name key ("xa tan yen"); several provinces may share one.
    let communes: [String: [Entry]]
    /// Longest province name in words, to bound n-gram lookups.
    let maxProvinceWords: Int
    let maxCommuneWords: Int
    /// Folded names of the provinces that are centrally-run cities ("thành phố Hà Nội" is the province;
    /// "thành phố Bắc Giang" was a district-level city of Bắc Giang province).
    var cityProvinces: Set<String> = []

    static let shared = PlaceGazetteer.load()

    static func load() -> PlaceGazetteer {
        var provinces: [String: Entry] = [:]
        var communes: [String: [Entry]] = [:]
        var codeToName: [String: String] = [:]
        var cities: Set<String> = []
        if let csv = ReferenceFiles.text("provinces-2025.csv") {
            for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
                let cols = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard cols.count >= 4 else { continue }
                let name = VietnameseText.normalize(cols[1])
                codeToName[cols[0]] = name
                if ScalarFold.key(cols[2]) == "thanh pho" { cities.insert(ScalarFold.key(name)) }
                provinces[ScalarFold.key(name)] = Entry(name: name, kind: "province", code: cols[0], province: name)
                for old in cols[3].split(separator: ";") {
                    let parts = old.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
                    guard parts.count == 2 else { continue }
                    let oldName = VietnameseText.normalize(String(parts[1]))
                    let key = ScalarFold.key(oldName)
                    if provinces[key] == nil {
                        provinces[key] = Entry(name: oldName, kind: "formerProvince", code: String(parts[0]), province: name)
                    }
                }
            }
        }
        // Everyday spellings of province names that differ from the list.
        for (alias, target) in [("Thừa Thiên Huế", "Huế"), ("TP Hồ Chí Minh", "Hồ Chí Minh"), ("TP.HCM", "Hồ Chí Minh"),
                                ("TPHCM", "Hồ Chí Minh"), ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"), ("Bà Rịa Vũng Tàu", "Bà Rịa - Vũng Tàu")] {
            if let e = provinces[ScalarFold.key(target)], provinces[ScalarFold.key(alias)] == nil {
                provinces[ScalarFold.key(alias)] = e
            }
        }
        if let csv = ReferenceFiles.text("communes-2025.csv") {
            for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
                let cols = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard cols.count >= 4 else { continue }
                let name = VietnameseText.normalize(cols[3])
                let key = ScalarFold.key(name)
                let kind = key.hasPrefix("phuong ") ? "ward" : (key.hasPrefix("dac khu ") ? "specialZone" : "commune")
                communes[key, default: []].append(Entry(name: name, kind: kind, code: cols[2], province: codeToName[cols[0]]))
            }
        }
        let maxP = provinces.keys.map { $0.split(separator: " ").count }.max() ?? 4
        let maxC = communes.keys.map { $0.split(separator: " ").count }.max() ?? 6
        for alias in ["tp ho chi minh", "tp hcm", "tphcm", "thanh pho ho chi minh", "thua thien hue", "ho chi minh"] { cities.insert(alias) }
        return PlaceGazetteer(provinces: provinces, communes: communes, maxProvinceWords: maxP, maxCommuneWords: maxC, cityProvinces: cities)
    }

    /// The longest province name spelled by capitalised words starting at word `i`; returns the
    /// entry and the index after its last word. "Hồ Chí Minh" needs a "TP"/"thành phố" before it,
    /// because otherwise it is the President's name ("tư tưởng … Hồ Chí Minh").
    func province(in t: DirectiveText, at i: Int, inList: Bool = false) -> (Entry, Int)? {
        guard i < t.words.count, t.words[i].isCapitalized else { return nil }
        var best: (Entry, Int)?
        var key = ""
        var n = 0
        while n < maxProvinceWords && i + n < t.words.count {
            let w = t.words[i + n]
            if n > 0 {
                let gap = t.text(t.words[i + n - 1].end..<w.start)
                guard gap == " " || gap == " - " || gap == "-" || gap == "." else { break }
                guard w.isCapitalized else { break }
            }
            key += (n > 0 ? " " : "") + w.fold
            n += 1
            if let e = provinces[key] { best = (e, i + n) }
        }
        guard let found = best else { return nil }
        if ScalarFold.key(found.0.name) == "ho chi minh" && !key.hasPrefix("tp") && !key.hasPrefix("thanh pho") && !inList {
            let prev = i > 0 ? t.words[i - 1].fold : ""
            let prev2 = i > 1 ? t.words[i - 2].fold + " " + prev : ""
            if prev != "tp" && prev2 != "thanh pho" && prev != "tphcm" { return nil }
        }
        return found
    }

    /// A place that was a district before the 2025 reform: "huyện Sóc Sơn", "quận Cầu Giấy", "quận 1",
    /// "thị xã Sơn Tây", "thành phố Bắc Giang" / "TP. Thủ Đức" (but "thành phố Hà Nội" is the province).
    /// The name need not be in any list: the kind word and the capitalised name make the place. The
    /// name keeps the text's spelling ("Thuỷ"/"Thủy"). Returns the entry and the index after the name.
    func formerDistrict(in t: DirectiveText, at i: Int) -> (Entry, Int)? {
        guard i + 1 < t.words.count else { return nil }
        let first = t.words[i].fold
        var k: Int
        var kind: String
        switch first {
        case "huyen": k = i + 1; kind = "Huyện"
        case "quan": k = i + 1; kind = "Quận"
        case "thi" where t.wordsMatch(i, ["thi", "xa"]): k = i + 2; kind = "Thị xã"
        case "thanh" where t.wordsMatch(i, ["thanh", "pho"]): k = i + 2; kind = "Thành phố"
        case "tp": k = i + 1; kind = "Thành phố"
        default: return nil
        }
        guard k < t.words.count else { return nil }
        let gap = t.text(t.words[k - 1].end..<t.words[k].start)
        guard gap == " " || (first == "tp" && (gap == ". " || gap == "." )) else { return nil }
        var end = k
        var key = ""
        while end < t.words.count, end - k < 3 {
            let w = t.words[end]
            if end > k { guard t.onlySpaces(t.words[end - 1].end..<w.start), !w.isNumber else { break } }
            // "quận 1", "Quận 10": a number is a whole name.
            if w.isNumber { if end == k && kind == "Quận" { end += 1 }; break }
            guard w.isCapitalized, !w.isAllCaps || w.end - w.start == 1 || t.words[i].isAllCaps else { break }
            key += (key.isEmpty ? "" : " ") + w.fold
            end += 1
        }
        guard end > k else { return nil }
        // "UBND huyện Nguyễn Thị Hương": a person's name, not a district ("quận Lê Chân" is one).
        if end - k == 3 || (end - k >= 2 && ["van", "thi"].contains(t.words[k + 1].fold)) { return nil }
        // A centrally-run city is the province, not a former district.
        if kind == "Thành phố", cityProvinces.contains(key) || cityProvinces.contains(ScalarFold.key(t.text(t.words[k].start..<t.words[end - 1].end))) {
            return nil
        }
        // The name as written, capitals as in the text.
        let name = kind + " " + t.cleanText(t.words[k].start..<t.words[end - 1].end)
        return (Entry(name: name, kind: "formerDistrict", code: nil, province: nil), end)
    }

    /// A commune named "xã X", "phường X", "đặc khu X" at word `i` (the kind word).
    func commune(in t: DirectiveText, at i: Int, preferProvinces: Set<String>) -> (Entry, Int)? {
        guard i < t.words.count else { return nil }
        let first = t.words[i].fold
        var kindWords = 1
        if first == "dac" && i + 1 < t.words.count && t.words[i + 1].fold == "khu" { kindWords = 2 }
        else if first != "xa" && first != "phuong" { return nil }
        var key = kindWords == 2 ? "dac khu" : first
        var best: ([Entry], Int)?
        var n = kindWords
        while n < maxCommuneWords && i + n < t.words.count {
            let w = t.words[i + n]
            guard w.isCapitalized || w.isNumber, t.onlySpaces(t.words[i + n - 1].end..<w.start) else { break }
            key += " " + w.fold
            n += 1
            if let es = communes[key] { best = (es, i + n) }
        }
        guard let (entries, end) = best else { return nil }
        if entries.count == 1 { return (entries[0], end) }
        if let e = entries.first(where: { preferProvinces.contains($0.province ?? "") }) { return (e, end) }
        // Ambiguous: the name is real but the province is not known; keep no code.
        var e = entries[0]
        e.code = nil
        e.province = nil
        return (e, end)
    }
}
