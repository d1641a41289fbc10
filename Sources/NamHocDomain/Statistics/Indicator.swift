import Foundation

/// Chỉ tiêu thống kê — one indicator of the sector's statistics (Thông tư 03/2024/TT-BGDĐT, "Hệ thống chỉ
/// tiêu thống kê ngành giáo dục"), e.g. 2105 "Số học sinh tiểu học".
///
/// An indicator is either a **count** (số đếm: entered by a unit, summed up the tree) or a **ratio/rate**
/// (tỷ số / tỷ lệ: computed at every level from the summed numerator and denominator, never summed or
/// averaged). Indicators are data: see `IndicatorCatalogue` and `Resources/statistics/indicators.csv`.
public struct Indicator: Hashable, Sendable, Identifiable {
    /// Mã chỉ tiêu: "2105" (TT 03/2024), "2106b" (a split of an official code), "3105" (NamHoc's own
    /// provisional code, see `scheme`). Letters, digits and "_".
    public var code: String
    /// Tên chỉ tiêu, the Vietnamese name as the legal text or the form writes it.
    public var nameVI: String
    /// Đơn vị tính: "trường", "lớp", "người", "%", "HS/lớp".
    public var unit: String
    public var kind: IndicatorKind
    /// Tử số and mẫu số of a ratio or rate; nil for a count.
    public var formula: Formula?
    /// The unit kinds that enter a count, or whose form shows a computed indicator. Empty means any kind.
    public var unitKinds: Set<UnitKind>
    /// The school levels (cấp học) the indicator belongs to.
    public var levels: Set<SchoolLevel>
    /// Breakdowns (phân tổ): "chia ra" partitions and "trong đó" parts.
    public var breakdowns: Breakdowns
    /// Chỉ tiêu cha: this count is a "trong đó" of another count and cannot exceed it (schools meeting the
    /// national standard ≤ schools).
    public var parentCode: String?
    /// The school years the definition holds for (the catalogue is versioned by school year).
    public var years: YearRange
    /// True when the code and name were read in the official text; false for inferred rows and NamHoc's
    /// own provisional codes.
    public var confirmed: Bool
    /// Which code scheme the code belongs to: "tt03-2024" (official) or "namhoc" (provisional).
    public var scheme: String
    /// Where the row comes from.
    public var source: String

    public var id: String { code }

    /// An entered count (as opposed to a computed ratio or rate).
    public var isCount: Bool { kind == .count }

    public init(code: String, nameVI: String, unit: String, kind: IndicatorKind, formula: Formula? = nil,
                unitKinds: Set<UnitKind> = [], levels: Set<SchoolLevel>, breakdowns: Breakdowns = Breakdowns(),
                parentCode: String? = nil, years: YearRange = YearRange(from: SchoolYear(startYear: 2017)),
                confirmed: Bool = false, scheme: String = "namhoc", source: String = "") {
        self.code = code
        self.nameVI = nameVI
        self.unit = unit
        self.kind = kind
        self.formula = formula
        self.unitKinds = unitKinds
        self.levels = levels
        self.breakdowns = breakdowns
        self.parentCode = parentCode
        self.years = years
        self.confirmed = confirmed
        self.scheme = scheme
        self.source = source
    }

    /// "Số học sinh tiểu học (2105)", how messages name an indicator.
    public var label: String { "\(nameVI) (\(code))" }
}

/// Loại chỉ tiêu.
public enum IndicatorKind: String, CaseIterable, Codable, Sendable {
    /// Số đếm: entered, summed up the tree.
    case count
    /// Tỷ số, e.g. học sinh bình quân một lớp: numerator ÷ denominator × scale (scale 1).
    case ratio
    /// Tỷ lệ, e.g. tỷ lệ huy động: numerator ÷ denominator × 100.
    case rate
}

/// How a ratio or rate is computed: (sum of numerator terms) ÷ (sum of denominator terms) × `scale`,
/// rounded for display to `decimals` places. `maximum` is a bound the value cannot exceed (100 for a share
/// of a whole); nil where the value may legitimately exceed it (tỷ lệ đi học chung, where over-age pupils
/// count, or a mobilisation rate of a commune whose schools take children from neighbouring communes).
public struct Formula: Hashable, Sendable {
    public var numerator: [Operand]
    public var denominator: [Operand]
    public var scale: Double
    public var decimals: Int
    public var maximum: Double?

    public init(numerator: [Operand], denominator: [Operand], scale: Double, decimals: Int, maximum: Double? = nil) {
        self.numerator = numerator
        self.denominator = denominator
        self.scale = scale
        self.decimals = decimals
        self.maximum = maximum
    }

    /// Every count the formula reads.
    public var operands: [Operand] { numerator + denominator }
}

/// A count cell a formula reads: an indicator's total ("1103") or one of its breakdown cells
/// ("1103.kien_co").
public struct Operand: Hashable, Sendable, CustomStringConvertible {
    public var code: String
    public var breakdown: String?

    public init(code: String, breakdown: String? = nil) {
        self.code = code
        self.breakdown = breakdown
    }

    /// Parses "1103" or "1103.kien_co".
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), Indicator.isValidCode(parts[0]) else { return nil }
        if parts.count == 2 {
            guard Breakdowns.isValidKey(parts[1]) else { return nil }
            self.init(code: parts[0], breakdown: parts[1])
        } else {
            self.init(code: parts[0])
        }
    }

    public var key: FigureKey { FigureKey(code, breakdown) }
    public var description: String { breakdown.map { "\(code).\($0)" } ?? code }
}

/// Phân tổ — the breakdown cells of a count, as the forms have them.
///
/// - `partitions` ("chia ra"): groups of cells that together make the total and must add up to it: by grade
///   (`k1`…`k5`), by ownership (`cong_lap`, `ngoai_cong_lap`), by room type (`kien_co`, `ban_kien_co`, `tam`).
/// - `parts` ("trong đó"): single cells that are a part of the total and cannot exceed it: female (`nu`),
///   ethnic minority (`dtts`).
///
/// Crossed cells (female pupils of grade 1) are not modelled: each cell breaks the total along one axis.
public struct Breakdowns: Hashable, Sendable {
    public var partitions: [[String]]
    public var parts: [String]

    public init(partitions: [[String]] = [], parts: [String] = []) {
        self.partitions = partitions
        self.parts = parts
    }

    /// Every breakdown key, partitions first, in form order.
    public var keys: [String] { partitions.flatMap { $0 } + parts }

    public func contains(_ key: String) -> Bool { keys.contains(key) }

    /// Lowercase ASCII letters, digits and "_": "k1", "kien_co", "3_12th".
    static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

/// The school years an indicator's definition holds for, `from`…`to` inclusive; `to` nil means still
/// in force.
public struct YearRange: Hashable, Sendable {
    public var from: SchoolYear
    public var to: SchoolYear?

    public init(from: SchoolYear, to: SchoolYear? = nil) {
        self.from = from
        self.to = to
    }

    public func contains(_ year: SchoolYear) -> Bool { from <= year && (to.map { year <= $0 } ?? true) }

    public func overlaps(_ other: YearRange) -> Bool {
        (to.map { other.from <= $0 } ?? true) && (other.to.map { from <= $0 } ?? true)
    }

    /// True when every year of `other` is in this range.
    public func covers(_ other: YearRange) -> Bool {
        from <= other.from && (to.map { end in other.to.map { $0 <= end } ?? false } ?? true)
    }
}

extension Indicator {
    /// Letters, digits and "_" (no "." — it separates a code from a breakdown key in formulas).
    static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
    }
}
