import Foundation

/// How far a figure stands from its norm (định mức) or target (chỉ tiêu), for the colours of a heat table.
/// Norms are the validation rules that carry one (`ratio_max`: a cap such as 35 pupils per primary class;
/// `ratio_band`: a norm with a tolerance such as 2,25 teachers per upper-secondary class ± 25 %); a target
/// is a figure to reach. A figure with neither is not judged.
public enum NormDistance: String, Sendable, Codable, CaseIterable {
    /// Within the norm with room to spare, or the target reached.
    case within
    /// Close to the edge: within 10 % under a cap, in the outer half of a band, or within 10 % short of a target.
    case near
    /// Beyond the cap or outside the band, or further short of the target.
    case beyond

    public var nameVI: String {
        switch self {
        case .within: "Đạt"
        case .near: "Sát ngưỡng"
        case .beyond: "Vượt ngưỡng / chưa đạt"
        }
    }

    /// The standing of `value` of indicator `code` against the first rule with a norm for it.
    public static func judge(_ value: Double, code: String, rules: [ValidationRule]) -> (NormDistance, ValidationRule)? {
        for rule in rules where rule.indicatorCodes.contains(code) {
            guard let norm = rule.threshold, norm > 0 else { continue }
            switch rule.check {
            case .ratioMax:
                return (value > norm ? .beyond : value > norm * 0.9 ? .near : .within, rule)
            case .ratioBand:
                let tolerance = rule.tolerance ?? 0.25, off = abs(value - norm) / norm
                return (off > tolerance ? .beyond : off > tolerance / 2 ? .near : .within, rule)
            default:
                continue
            }
        }
        return nil
    }

    /// The standing of `value` against a figure to reach (a share of standard schools of 60 %).
    public static func judge(_ value: Double, target: Double) -> NormDistance {
        guard target > 0 else { return .within }
        return value >= target ? .within : value >= target * 0.9 ? .near : .beyond
    }
}
