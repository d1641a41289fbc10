import Foundation

/// Quy tắc kiểm tra số liệu — one validation rule, as data (Resources/statistics/rules.csv). The kinds of
/// check are code (`ValidationCheck`); which indicators, levels and thresholds they apply to is data.
public struct ValidationRule: Hashable, Sendable, Identifiable {
    /// "CLS_MAX_TH".
    public var id: String
    public var severity: Severity
    public var check: ValidationCheck
    /// The indicators checked; empty means every indicator the check applies to ("*").
    public var indicatorCodes: [String]
    /// The school levels of units the rule applies to; empty means all.
    public var levels: Set<SchoolLevel>
    /// The cap, the norm, or the share of change in percent.
    public var threshold: Double?
    /// For `ratioBand`: how far from the norm, as a share of it (0.25 = ±25 %).
    public var tolerance: Double?
    /// For `changeMax`: last year's value below which the change is not judged (small counts jump).
    public var minimumBase: Double?
    /// True where the threshold was read in a legal text in force (or the rule is plain logic).
    public var confirmed: Bool
    /// Căn cứ: the article the threshold comes from.
    public var basis: String
    public var descriptionVI: String

    public init(id: String, severity: Severity, check: ValidationCheck, indicatorCodes: [String] = [],
                levels: Set<SchoolLevel> = [], threshold: Double? = nil, tolerance: Double? = nil,
                minimumBase: Double? = nil, confirmed: Bool = true, basis: String = "", descriptionVI: String = "") {
        self.id = id
        self.severity = severity
        self.check = check
        self.indicatorCodes = indicatorCodes
        self.levels = levels
        self.threshold = threshold
        self.tolerance = tolerance
        self.minimumBase = minimumBase
        self.confirmed = confirmed
        self.basis = basis
        self.descriptionVI = descriptionVI
    }

    /// Mức độ.
    public enum Severity: String, Sendable, Codable, CaseIterable {
        /// Lỗi: blocks saving.
        case error
        /// Cảnh báo: the report is submitted only with a written explanation (giải trình).
        case warning
    }

    public func applies(to code: String) -> Bool { indicatorCodes.isEmpty || indicatorCodes.contains(code) }

    /// Reads the rules shipped with NamHoc, checked against a catalogue.
    public static func load(catalogue: IndicatorCatalogue) throws -> [ValidationRule] {
        try parse(try IndicatorCatalogue.bundled("rules.csv"), catalogue: catalogue)
    }

    /// Parses rules.csv (rule_id, severity, check, indicators, levels, threshold, tolerance, min_base,
    /// confirmed, basis, description_vi). Throws the first fault with its line and column.
    public static func parse(_ csv: String, catalogue: IndicatorCatalogue) throws(StatisticsDataError) -> [ValidationRule] {
        let table = try CSVTable(file: "rules.csv", text: csv)
        let columns = try table.columns(required: ["rule_id", "severity", "check", "indicators", "confirmed"],
                                        optional: ["levels", "threshold", "tolerance", "min_base", "basis", "description_vi"])
        var rules: [ValidationRule] = []
        for row in table.rows(columns) {
            let id = row["rule_id"]
            guard Indicator.isValidCode(id) else { throw row.error("rule_id", "mã quy tắc “\(id)” không hợp lệ") }
            guard !rules.contains(where: { $0.id == id }) else { throw row.error("rule_id", "mã quy tắc “\(id)” lặp lại") }
            guard let severity = Severity(rawValue: row["severity"]) else {
                throw row.error("severity", "mức độ “\(row["severity"])” không hợp lệ (error hoặc warning)")
            }
            guard let check = ValidationCheck(rawValue: row["check"]) else {
                throw row.error("check", "loại kiểm tra “\(row["check"])” không hợp lệ (\(ValidationCheck.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let codes = row["indicators"] == "*" ? [] : try IndicatorCatalogue.list(row, "indicators")
            if row["indicators"].isEmpty { throw row.error("indicators", "thiếu chỉ tiêu (dùng * cho mọi chỉ tiêu)") }
            for code in codes {
                guard let indicator = catalogue[code] else { throw row.error("indicators", "chỉ tiêu “\(code)” không có trong danh mục") }
                if check.needsComputed, indicator.isCount {
                    throw row.error("indicators", "“\(code)” là số đếm; kiểm tra \(check.rawValue) dùng cho tỷ số, tỷ lệ")
                }
            }
            var levels = Set<SchoolLevel>()
            if !row["levels"].isEmpty {
                guard let decoded = SchoolLevel.decode(row["levels"]) else {
                    throw row.error("levels", "cấp học “\(row["levels"])” không hợp lệ")
                }
                levels = decoded
            }
            let threshold = try IndicatorCatalogue.number(row, "threshold")
            let tolerance = try IndicatorCatalogue.number(row, "tolerance")
            if check.needsThreshold, threshold == nil { throw row.error("threshold", "kiểm tra \(check.rawValue) cần ngưỡng") }
            if check == .ratioBand, !(0..<1).contains(tolerance ?? -1) {
                throw row.error("tolerance", "kiểm tra ratio_band cần độ lệch cho phép từ 0 đến dưới 1 (ví dụ 0.25)")
            }
            guard ["true", "false"].contains(row["confirmed"]) else {
                throw row.error("confirmed", "giá trị “\(row["confirmed"])” không hợp lệ (true hoặc false)")
            }
            rules.append(ValidationRule(id: id, severity: severity, check: check, indicatorCodes: codes, levels: levels,
                                        threshold: threshold, tolerance: tolerance,
                                        minimumBase: try IndicatorCatalogue.number(row, "min_base"),
                                        confirmed: row["confirmed"] == "true", basis: row["basis"],
                                        descriptionVI: row["description_vi"]))
        }
        return rules
    }
}

/// The kinds of check a rule can make.
public enum ValidationCheck: String, Sendable, Codable, CaseIterable {
    /// Every count cell ≥ 0.
    case nonNegative = "non_negative"
    /// Every count cell a whole number.
    case integer
    /// Each "trong đó" cell ≤ its total, and a count ≤ its parent indicator.
    case partLessOrEqualWhole = "part_le_whole"
    /// The cells of each "chia ra" group add up to the total.
    case partitionSum = "partition_sum"
    /// A computed value ≤ its indicator's `maximum` (100 % for a share).
    case rateMax = "rate_max"
    /// A computed value ≤ `threshold` (pupils per class ≤ 35).
    case ratioMax = "ratio_max"
    /// A computed value within `threshold` × (1 ± `tolerance`) (teachers per class near the norm).
    case ratioBand = "ratio_band"
    /// A count total changed by at most `threshold` % against last year.
    case changeMax = "change_max"

    var needsComputed: Bool { self == .rateMax || self == .ratioMax || self == .ratioBand }
    var needsThreshold: Bool { self == .ratioMax || self == .ratioBand || self == .changeMax }
}
