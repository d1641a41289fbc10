import Foundation

/// Vietnamese number text for statistics messages: thousands separated by ".", decimals by ","
/// (1.234.567; 31,3; −5). A local copy of the rule `VietnameseFormat` (NamHocText) applies, because the
/// domain depends on Foundation only.
public enum StatisticsText {
    /// `value` rounded half away from zero to `decimals` places; trailing zeros kept ("2,20").
    public static func number(_ value: Double, decimals: Int = 0) -> String {
        let rounded = StatisticsRounding.round(value, decimals: decimals)
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let factor = pow(10, Double(decimals))
        let scaled = (magnitude * factor).rounded()
        let whole = (scaled / factor).rounded(.towardZero)
        var digits = String(format: "%.0f", whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if decimals > 0 {
            let fraction = scaled - whole * factor
            grouped += "," + String(format: "%0\(decimals)d", Int(fraction.rounded()))
        }
        return (negative && scaled != 0 ? "−" : "") + grouped
    }

    /// A count: whole numbers without decimals, anything else with up to two ("12,5").
    public static func count(_ value: Double) -> String {
        value == value.rounded() ? number(value) : number(value, decimals: value * 10 == (value * 10).rounded() ? 1 : 2)
    }

    /// A value of an indicator in its unit: counts as counts, ratios with the indicator's decimals and
    /// "%" for rates scaled by 100 ("31,3 HS/lớp", "98,5%").
    public static func value(_ value: Double, of indicator: Indicator) -> String {
        guard let formula = indicator.formula else { return count(value) }
        let text = number(value, decimals: formula.decimals)
        return indicator.unit == "%" ? "\(text)%" : "\(text) \(indicator.unit)"
    }

    /// The Vietnamese label of a breakdown key: "nữ", "lớp 1", "kiên cố"; the key itself if unknown.
    public static func breakdown(_ key: String) -> String {
        if key.hasPrefix("k"), let grade = Int(key.dropFirst()), (1...12).contains(grade) { return "lớp \(grade)" }
        return breakdownLabels[key] ?? key
    }

    static let breakdownLabels: [String: String] = [
        "nu": "nữ", "dtts": "dân tộc thiểu số", "cong_lap": "công lập", "ngoai_cong_lap": "ngoài công lập",
        "kien_co": "kiên cố", "ban_kien_co": "bán kiên cố", "tam": "tạm",
        "muc_1": "đạt chuẩn mức độ 1", "muc_2": "đạt chuẩn mức độ 2",
        "3_12th": "từ 3 đến 12 tháng", "13_24th": "từ 13 đến 24 tháng", "25_36th": "từ 25 đến 36 tháng",
        "tren_36th": "trên 36 tháng", "duoi_3t": "dưới 3 tuổi", "3_4t": "từ 3 đến 4 tuổi", "4_5t": "từ 4 đến 5 tuổi",
        "5_6t": "từ 5 đến 6 tuổi", "tren_6t": "trên 6 tuổi",
    ]

    /// "Số học sinh tiểu học (2105)" or "Số học sinh tiểu học (2105), nữ".
    static func cell(_ indicator: Indicator, _ breakdown: String?) -> String {
        breakdown.map { "\(indicator.label), \(Self.breakdown($0))" } ?? indicator.label
    }
}
