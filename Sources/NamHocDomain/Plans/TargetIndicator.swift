import Foundation

/// Links a target read in a directive ("công nhận mới 130 trường mầm non đạt chuẩn quốc gia") to an
/// indicator of the catalogue. The reader names what is counted generically (`NATSTD_SCHOOLS`); the
/// catalogue has one indicator per school level, so the level must be named in the target's words. With
/// no level, or several, nothing is linked: the officer picks the indicator, a guess would be worse.
public enum TargetIndicator {
    /// The reader's generic code → words every matching catalogue name holds (folded), and its kind.
    static let patterns: [String: (words: [String], kind: IndicatorKind)] = [
        "NATSTD_SCHOOLS": (["so truong", "chuan quoc gia"], .count),
        "SCHOOLS": (["so truong"], .count),
        "CLASSES": (["so lop"], .count),
        "PUPILS": (["so hoc sinh"], .count),
        "CHILDREN": (["so tre"], .count),
        "TEACHERS": (["giao vien"], .count),
        "CLASSROOMS": (["phong hoc"], .count),
        "NATSTD_SCHOOL_RATE": (["ty le truong", "chuan quoc gia"], .rate),
        "PERMANENT_CLASSROOM_RATE": (["ty le phong hoc", "kien co"], .rate),
    ]

    static let levelWords: [(SchoolLevel, [String])] = [
        (.preschool, ["mam non", "mau giao", "nha tre"]),
        (.primary, ["tieu hoc"]),
        (.lowerSecondary, ["trung hoc co so", "thcs"]),
        (.upperSecondary, ["trung hoc pho thong", "thpt"]),
    ]

    /// The indicator of `catalogue` for a target, or nil when the words do not settle it.
    public static func match(generic: String?, words: String, in catalogue: IndicatorCatalogue) -> Indicator? {
        guard let generic, let pattern = patterns[generic] else { return nil }
        let text = fold(words)
        let levels = levelWords.filter { $0.1.contains { text.contains($0) } }.map(\.0)
        // "phổ thông" alone ("trường mầm non, phổ thông") names the three levels of general education.
        let general = text.replacingOccurrences(of: "trung hoc pho thong", with: "").contains("pho thong")
        guard levels.count == 1, !general, let level = levels.first else { return nil }
        let natstd = generic.hasPrefix("NATSTD")
        let candidates = catalogue.indicators.filter { indicator in
            let name = fold(indicator.nameVI)
            return indicator.levels.contains(level) && (indicator.kind == pattern.kind || (pattern.kind == .rate && indicator.kind == .ratio))
                && pattern.words.allSatisfy { name.contains($0) } && (natstd || !name.contains("chuan quoc gia"))
        }
        return candidates.min { ($0.nameVI.count, $0.code) < ($1.nameVI.count, $1.code) }
    }

    /// Lower case without diacritics ("đ" → "d"), for matching words.
    public static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "vi_VN"))
    }
}
