import Foundation

/// Kết quả kiểm tra — one finding of the validation: an error (lỗi, blocks saving) or a warning (cảnh báo,
/// needs a written explanation to submit).
public struct Finding: Hashable, Sendable {
    public var ruleID: String
    public var severity: ValidationRule.Severity
    /// The indicators involved, the checked one first.
    public var indicatorCodes: [String]
    /// The breakdown cell involved, if any.
    public var breakdown: String?
    /// Vietnamese, naming the indicator and the figures.
    public var messageVI: String

    public init(ruleID: String, severity: ValidationRule.Severity, indicatorCodes: [String], breakdown: String? = nil,
                messageVI: String) {
        self.ruleID = ruleID
        self.severity = severity
        self.indicatorCodes = indicatorCodes
        self.breakdown = breakdown
        self.messageVI = messageVI
    }

    /// What an explanation (giải trình) is attached to: "CLS_MAX_TH:2106b", "CHANGE_MAX:2105".
    public var key: String {
        "\(ruleID):\(indicatorCodes.first ?? "")" + (breakdown.map { ".\($0)" } ?? "")
    }
}

/// Kiểm tra số liệu: applies validation rules to a unit's figures.
public enum Validator {
    /// All findings for `figures` (one unit or a subtree, one period), errors first, then by rule order
    /// and indicator code. `lastYear` enables the change rule. Rules restricted to levels apply only when
    /// they meet `unitLevels`; computed indicators are checked only for those levels.
    public static func check(_ figures: Figures, lastYear: Figures? = nil, unitLevels: Set<SchoolLevel>,
                             catalogue: IndicatorCatalogue, rules: [ValidationRule]) -> [Finding] {
        // Entered cells of counts and the computed indicators of the unit's levels, once for every rule.
        let cells = figures.values.keys.sorted().compactMap { key -> (FigureKey, Indicator, Double)? in
            guard let indicator = catalogue[key.code], indicator.isCount, let value = figures[key] else { return nil }
            return (key, indicator, value)
        }
        let computed = catalogue.indicators.filter { !$0.isCount && !$0.levels.isDisjoint(with: unitLevels) }.sorted { $0.code < $1.code }
        var findings: [Finding] = []
        for rule in rules where rule.levels.isEmpty || !rule.levels.isDisjoint(with: unitLevels) {
            findings += check(rule, figures, lastYear, cells.filter { rule.applies(to: $0.0.code) },
                              computed.filter { rule.applies(to: $0.code) }, catalogue)
        }
        return findings.enumerated().sorted { a, b in
            (a.element.severity == .error ? 0 : 1, a.offset) < (b.element.severity == .error ? 0 : 1, b.offset)
        }.map(\.element)
    }

    /// True when no finding is an error: the figures may be saved.
    public static func canSave(_ findings: [Finding]) -> Bool { !findings.contains { $0.severity == .error } }

    /// True when every warning has a non-blank explanation, keyed by `Finding.key`.
    public static func warningsExplained(_ findings: [Finding], explanations: [String: String]) -> Bool {
        findings.filter { $0.severity == .warning }.allSatisfy {
            !(explanations[$0.key]?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true)
        }
    }

    /// One rule over the entered cells and the computed indicators it covers.
    private static func check(_ rule: ValidationRule, _ figures: Figures, _ lastYear: Figures?, _ cells: [(FigureKey, Indicator, Double)],
                              _ computed: [Indicator], _ catalogue: IndicatorCatalogue) -> [Finding] {
        func finding(_ codes: [String], _ breakdown: String? = nil, _ message: String) -> Finding {
            Finding(ruleID: rule.id, severity: rule.severity, indicatorCodes: codes, breakdown: breakdown, messageVI: message)
        }
        let basis = rule.basis.isEmpty ? "" : " (\(rule.basis))"
        var out: [Finding] = []
        switch rule.check {
        case .nonNegative:
            for (key, indicator, value) in cells where value < 0 {
                out.append(finding([key.code], key.breakdown,
                                   "\(StatisticsText.cell(indicator, key.breakdown)): \(StatisticsText.count(value)) là số âm; số liệu đếm không được âm."))
            }
        case .integer:
            for (key, indicator, value) in cells where value != value.rounded() {
                out.append(finding([key.code], key.breakdown,
                                   "\(StatisticsText.cell(indicator, key.breakdown)): \(StatisticsText.count(value)) không phải là số nguyên."))
            }
        case .partLessOrEqualWhole:
            for (key, indicator, value) in cells {
                if let part = key.breakdown, indicator.breakdowns.parts.contains(part), let total = figures[key.code], value > total {
                    out.append(finding([key.code], part,
                                       "\(StatisticsText.cell(indicator, part)): \(StatisticsText.count(value)) lớn hơn tổng số \(StatisticsText.count(total))."))
                }
                if key.isTotal, let parentCode = indicator.parentCode, let parent = catalogue[parentCode],
                   let whole = figures[parentCode], value > whole {
                    out.append(finding([key.code, parentCode], nil,
                                       "\(indicator.label): \(StatisticsText.count(value)) lớn hơn \(parent.label): \(StatisticsText.count(whole)), mà đây là một phần (“trong đó”) của nó."))
                }
            }
        case .partitionSum:
            for (key, indicator, total) in cells where key.isTotal {
                for group in indicator.breakdowns.partitions {
                    let entered = group.compactMap { figures[key.code, $0] }
                    guard !entered.isEmpty else { continue }
                    let sum = entered.reduce(0, +)
                    if sum != total {
                        let names = group.map(StatisticsText.breakdown).joined(separator: ", ")
                        out.append(finding([key.code], nil,
                                           "\(indicator.label): các ô chia ra theo \(names) cộng lại được \(StatisticsText.count(sum)), khác tổng số \(StatisticsText.count(total))."))
                    }
                }
            }
        case .rateMax:
            for indicator in computed {
                guard let maximum = indicator.formula?.maximum, let value = figures.value(indicator.code, in: catalogue),
                      value > maximum else { continue }
                out.append(finding(codes(indicator), nil,
                                   "\(indicator.label): \(StatisticsText.value(value, of: indicator)) vượt quá mức tối đa \(StatisticsText.value(maximum, of: indicator))\(operandText(indicator, figures, catalogue)); kiểm tra lại tử số và mẫu số."))
            }
        case .ratioMax:
            for indicator in computed {
                guard let cap = rule.threshold, let value = figures.value(indicator.code, in: catalogue), value > cap else { continue }
                out.append(finding(codes(indicator), nil,
                                   "\(indicator.label): \(StatisticsText.value(value, of: indicator))\(operandText(indicator, figures, catalogue)) vượt mức tối đa \(StatisticsText.count(cap))\(basis)."))
            }
        case .ratioBand:
            for indicator in computed {
                guard let norm = rule.threshold, let tolerance = rule.tolerance,
                      let value = figures.value(indicator.code, in: catalogue) else { continue }
                let low = norm * (1 - tolerance), high = norm * (1 + tolerance)
                guard value < low || value > high else { continue }
                let decimals = (indicator.formula?.decimals ?? 2) + 1
                out.append(finding(codes(indicator), nil,
                                   "\(indicator.label): \(StatisticsText.value(value, of: indicator))\(operandText(indicator, figures, catalogue)) cách xa định mức \(StatisticsText.number(norm, decimals: 2)) (khoảng hợp lý từ \(StatisticsText.number(low, decimals: decimals)) đến \(StatisticsText.number(high, decimals: decimals))\(rule.basis.isEmpty ? "" : "; căn cứ: \(rule.basis)"))."))
            }
        case .changeMax:
            guard let lastYear, let limit = rule.threshold else { break }
            for (key, indicator, value) in cells where key.isTotal {
                guard let before = lastYear[key.code], before >= (rule.minimumBase ?? 0), before != 0 else { continue }
                let change = Change(current: value, previous: before)
                guard let percent = change.percent, abs(percent) > limit else { continue }
                let sign = percent > 0 ? "tăng" : "giảm"
                out.append(finding([key.code], nil,
                                   "\(indicator.label): \(StatisticsText.count(value)) so với \(StatisticsText.count(before)) năm học trước, \(sign) \(StatisticsText.number(abs(percent), decimals: 1))%, vượt ngưỡng \(StatisticsText.count(limit))%; cần giải trình."))
            }
        }
        return out
    }

    /// The checked indicator, then the codes its formula reads.
    private static func codes(_ indicator: Indicator) -> [String] {
        var result = [indicator.code]
        for operand in indicator.formula?.operands ?? [] where !result.contains(operand.code) { result.append(operand.code) }
        return result
    }

    /// " (tử số 1.401, mẫu số 40)".
    private static func operandText(_ indicator: Indicator, _ figures: Figures, _ catalogue: IndicatorCatalogue) -> String {
        guard let formula = indicator.formula else { return "" }
        func sum(_ operands: [Operand]) -> Double? {
            operands.reduce(Double?.some(0)) { acc, operand in
                acc.flatMap { a in figures[operand.code, operand.breakdown].map { a + $0 } }
            }
        }
        guard let n = sum(formula.numerator), let d = sum(formula.denominator) else { return "" }
        return " (tử số \(StatisticsText.count(n)), mẫu số \(StatisticsText.count(d)))"
    }
}
