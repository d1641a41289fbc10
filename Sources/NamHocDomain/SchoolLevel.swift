import Foundation

/// Cấp học — a level taught by a school. A multi-level school teaches several.
public enum SchoolLevel: String, CaseIterable, Codable, Sendable, Comparable {
    /// Mầm non (3 months – 5 years).
    case preschool = "MN"
    /// Tiểu học (grades 1–5).
    case primary = "TH"
    /// Trung học cơ sở (grades 6–9).
    case lowerSecondary = "THCS"
    /// Trung học phổ thông (grades 10–12).
    case upperSecondary = "THPT"
    /// Giáo dục nghề nghiệp – giáo dục thường xuyên.
    case continuing = "GDTX"

    public var nameVI: String {
        switch self {
        case .preschool: "Mầm non"
        case .primary: "Tiểu học"
        case .lowerSecondary: "Trung học cơ sở"
        case .upperSecondary: "Trung học phổ thông"
        case .continuing: "GDNN-GDTX"
        }
    }

    public static func < (a: SchoolLevel, b: SchoolLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Levels as stored in one column: "TH,THCS" (sorted, comma-separated).
    public static func encode(_ levels: Set<SchoolLevel>) -> String {
        levels.sorted().map(\.rawValue).joined(separator: ",")
    }

    /// Parses "TH,THCS", "TH&THCS", "TH-THCS-THPT" or "th; thcs". Returns nil on any unknown level.
    public static func decode(_ text: String) -> Set<SchoolLevel>? {
        let parts = text.uppercased()
            .split(whereSeparator: { ",;&-/ ".contains($0) })
            .map(String.init)
        var levels = Set<SchoolLevel>()
        for part in parts {
            guard let level = SchoolLevel(rawValue: part) else { return nil }
            levels.insert(level)
        }
        return levels
    }

    /// The short label people use: "TH&THCS", "THCS&THPT", "TH-THCS-THPT".
    public static func label(_ levels: Set<SchoolLevel>) -> String {
        let sorted = levels.sorted().map(\.rawValue)
        return sorted.count > 2 ? sorted.joined(separator: "-") : sorted.joined(separator: "&")
    }
}

/// Loại hình — public (công lập) or non-public (ngoài công lập).
public enum Ownership: String, CaseIterable, Codable, Sendable {
    case `public` = "public"
    case nonPublic = "non_public"

    public var nameVI: String { self == .public ? "Công lập" : "Ngoài công lập" }
}
