import Foundation

/// Where a figure sits: an indicator's total (`breakdown` nil) or one breakdown cell ("2105" + "k1").
/// Written "2105" or "2105.k1" (`description`, and what `init?(parsing:)` parses).
public struct FigureKey: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var code: String
    public var breakdown: String?

    public init(_ code: String, _ breakdown: String? = nil) {
        self.code = code
        self.breakdown = breakdown
    }

    /// Parses "2105" or "2105.k1".
    public init?(parsing text: String) {
        guard let operand = Operand(text) else { return nil }
        self.init(operand.code, operand.breakdown)
    }

    /// `"2105"` or `"2105.k1"` in a literal; a malformed literal is taken whole as a code (and so matches
    /// no indicator).
    public init(stringLiteral value: String) {
        self = FigureKey(parsing: value) ?? FigureKey(value, nil)
    }

    public var isTotal: Bool { breakdown == nil }
    public var description: String { breakdown.map { "\(code).\($0)" } ?? code }

    public static func < (a: FigureKey, b: FigureKey) -> Bool {
        (a.code, a.breakdown ?? "") < (b.code, b.breakdown ?? "")
    }
}

/// Số liệu — the entered counts of one unit (or the summed counts of a subtree) for one period, keyed by
/// indicator and breakdown. Only counts are stored: ratios and rates are computed on reading, from the
/// summed numerator and denominator (`value(_:_:in:)`), so the figures of a province are simply the sum of
/// its schools' figures and the province's ratio is never a mean of its schools' ratios.
///
/// Values are `Double` so that a faulty import ("12,5 học sinh") can be held and refused by validation
/// (`NON_INTEGER_COUNT`); every count NamHoc keeps is a whole number, exact in a `Double` up to 2⁵³.
public struct Figures: Hashable, Sendable {
    public private(set) var values: [FigureKey: Double]

    public init(_ values: [FigureKey: Double] = [:]) {
        self.values = values
    }

    /// Builds figures from "code" / "code.breakdown" keys; nil if a key is malformed.
    public init?(codes: [String: Double]) {
        var values: [FigureKey: Double] = [:]
        for (text, value) in codes {
            guard let key = FigureKey(parsing: text) else { return nil }
            values[key] = value
        }
        self.init(values)
    }

    public subscript(_ code: String, _ breakdown: String? = nil) -> Double? {
        get { values[FigureKey(code, breakdown)] }
        set { values[FigureKey(code, breakdown)] = newValue }
    }

    public subscript(key: FigureKey) -> Double? {
        get { values[key] }
        set { values[key] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// The figures of several units added cell by cell (the roll-up). A cell present in no unit stays
    /// absent (not zero): "nothing reported" differs from "zero".
    public static func sum<S: Sequence>(_ parts: S) -> Figures where S.Element == Figures {
        var total: [FigureKey: Double] = [:]
        for part in parts {
            for (key, value) in part.values { total[key, default: 0] += value }
        }
        return Figures(total)
    }

    /// The value of an indicator or one of its breakdown cells: the stored count, or for a ratio or rate
    /// (sum of numerator terms) × scale ÷ (sum of denominator terms), **unrounded**. Nil when a term is
    /// missing or the denominator is 0. A breakdown of a ratio is computed from the same breakdown of its
    /// operands (pupils per class of grade 1 = pupils of grade 1 ÷ classes of grade 1) where the operands
    /// are totals; otherwise nil.
    public func value(_ code: String, _ breakdown: String? = nil, in catalogue: IndicatorCatalogue) -> Double? {
        guard let indicator = catalogue[code] else { return nil }
        guard let formula = indicator.formula else { return self[code, breakdown] }
        func sum(_ operands: [Operand]) -> Double? {
            var total = 0.0
            for operand in operands {
                let cell: String?
                if let breakdown {
                    guard operand.breakdown == nil else { return nil }
                    cell = breakdown
                } else {
                    cell = operand.breakdown
                }
                guard let value = self[operand.code, cell] else { return nil }
                total += value
            }
            return total
        }
        guard let numerator = sum(formula.numerator), let denominator = sum(formula.denominator),
              denominator != 0 else { return nil }
        return numerator * formula.scale / denominator
    }

    /// The value rounded as it is shown and published: to the indicator's `decimals` (0 for counts),
    /// half away from zero ("làm tròn"), e.g. 31,25 HS/lớp → 31,3. Validation compares unrounded values.
    public func roundedValue(_ code: String, _ breakdown: String? = nil, in catalogue: IndicatorCatalogue) -> Double? {
        guard let value = value(code, breakdown, in: catalogue), let indicator = catalogue[code] else { return nil }
        return StatisticsRounding.round(value, decimals: indicator.formula?.decimals ?? 0)
    }

    /// The change of a value against the same value last year (so với cùng kỳ năm học trước). Nil when
    /// either value is missing.
    public func change(_ code: String, _ breakdown: String? = nil, from lastYear: Figures,
                       in catalogue: IndicatorCatalogue) -> Change? {
        guard let now = value(code, breakdown, in: catalogue),
              let before = lastYear.value(code, breakdown, in: catalogue) else { return nil }
        return Change(current: now, previous: before)
    }
}

/// Thay đổi so với năm trước: absolute difference and percent of last year's value. For a rate the
/// absolute change is in percentage points (điểm phần trăm).
public struct Change: Hashable, Sendable {
    public var current: Double
    public var previous: Double

    public init(current: Double, previous: Double) {
        self.current = current
        self.previous = previous
    }

    /// current − previous, unrounded.
    public var absolute: Double { current - previous }

    /// (current − previous) ÷ previous × 100, unrounded; nil when last year was 0 (no base to compare).
    public var percent: Double? { previous == 0 ? nil : (current - previous) * 100 / abs(previous) }

    /// `percent` rounded to one decimal, as shown ("+12,5%").
    public var roundedPercent: Double? { percent.map { StatisticsRounding.round($0, decimals: 1) } }
}

/// Rounding of published figures: half away from zero to a number of decimals, applied to the final
/// value only (never to numerators, denominators or sums along the way).
public enum StatisticsRounding {
    public static func round(_ value: Double, decimals: Int) -> Double {
        let factor = pow(10, Double(max(0, decimals)))
        // Scale, then correct binary noise (31.25 may be 31.249999…) before rounding half away from zero.
        let scaled = (value * factor * 1e9).rounded() / 1e9
        return scaled.rounded(.toNearestOrAwayFromZero) / factor
    }
}

extension IndicatorCatalogue {
    /// The cells `Figures.value(code)` reads: a count's total, a ratio's operands (which are counts).
    public func cellsRead(by code: String) -> [FigureKey] {
        guard let formula = self[code]?.formula else { return [FigureKey(code)] }
        return formula.operands.map { FigureKey($0.code, $0.breakdown) }
    }
}
