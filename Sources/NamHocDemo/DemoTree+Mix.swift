import Foundation
import NamHocDomain

/// The kinds of institution the demo tree generates, with their national totals and how they spread over
/// communes. Totals for the four single-level kinds are MOET's (DOMAIN.md §4); the split of the remaining
/// ≈12.800 institutions between multi-level schools, centres and independent non-public preschool
/// facilities is an assumption **[verify]** chosen to reach the ≈54.000 institutions MOET reports.
enum DemoCategory: CaseIterable {
    /// Trường mầm non công lập. With `privatePreschool`: the 15.256 preschools.
    case preschool
    /// Trường mầm non tư thục / dân lập.
    case privatePreschool
    /// Nhóm trẻ, lớp mẫu giáo độc lập tư thục — independent facilities, counted as institutions but not as
    /// "preschools" in MOET's school count.
    case independentPreschool
    case primary
    case lowerSecondary
    case primaryLowerSecondary
    /// Managed by the Sở, like everything teaching upper secondary, and the centres.
    case upperSecondary
    case lowerUpperSecondary
    case allLevels
    case centre

    /// National total of the category.
    var national: Int {
        switch self {
        case .preschool: 12_100
        case .privatePreschool: 3_156
        case .independentPreschool: 9_644
        case .primary: 12_166
        case .lowerSecondary: 10_753
        case .primaryLowerSecondary: 1_850
        case .upperSecondary: 2_981
        case .lowerUpperSecondary: 420
        case .allLevels: 230
        case .centre: 700
        }
    }

    /// Upper-secondary schools and GDNN-GDTX centres hang under the Sở; the rest under the commune
    /// (DOMAIN.md §3 [verify exact split]).
    var underDepartment: Bool {
        switch self {
        case .upperSecondary, .lowerUpperSecondary, .allLevels, .centre: true
        default: false
        }
    }

    var levels: Set<SchoolLevel> {
        switch self {
        case .preschool, .privatePreschool, .independentPreschool: [.preschool]
        case .primary: [.primary]
        case .lowerSecondary: [.lowerSecondary]
        case .primaryLowerSecondary: [.primary, .lowerSecondary]
        case .upperSecondary: [.upperSecondary]
        case .lowerUpperSecondary: [.lowerSecondary, .upperSecondary]
        case .allLevels: [.primary, .lowerSecondary, .upperSecondary]
        case .centre: [.continuing]
        }
    }

    var kind: UnitKind { self == .centre ? .centre : .school }

    /// Share of non-public institutions [verify]: small for primary and lower secondary, larger for upper
    /// secondary and multi-level schools, all of the private preschool kinds.
    var nonPublicShare: Double {
        switch self {
        case .preschool, .centre: 0
        case .privatePreschool, .independentPreschool: 1
        case .primary: 0.03
        case .lowerSecondary: 0.02
        case .primaryLowerSecondary: 0.12
        case .upperSecondary: 0.12
        case .lowerUpperSecondary: 0.3
        case .allLevels: 0.6
        }
    }

    /// Relative density per commune of each kind: urban wards have more non-public and upper-secondary
    /// schools, rural (often mountain) communes more multi-level ones, island special zones few of all.
    func weight(_ kind: CommuneRecord.Kind) -> Double {
        switch (self, kind) {
        case (.privatePreschool, .ward): 3.0
        case (.independentPreschool, .ward): 3.5
        case (.privatePreschool, .rural), (.independentPreschool, .rural): 0.5
        case (.primaryLowerSecondary, .ward): 0.3
        case (.primaryLowerSecondary, .rural): 1.2
        case (.primaryLowerSecondary, .specialZone): 1.5
        case (.upperSecondary, .ward), (.lowerUpperSecondary, .ward): 1.4
        case (.allLevels, .ward): 3.0
        case (.allLevels, .rural): 0.3
        case (.primary, .ward), (.lowerSecondary, .ward): 0.9
        case (_, .specialZone): 0.3
        default: 1.0
        }
    }

    /// "Trường Tiểu học", "Trường THPT tư thục", …
    func prefix(nonPublic: Bool, random: inout SeededRandom) -> String {
        let base: String
        switch self {
        case .preschool: return "Trường Mầm non"
        case .privatePreschool: return "Trường Mầm non tư thục"
        case .independentPreschool:
            return random.chance(0.5) ? "Nhóm trẻ độc lập tư thục" : "Lớp mẫu giáo độc lập tư thục"
        case .primary: base = "Trường Tiểu học"
        case .lowerSecondary: base = "Trường THCS"
        case .primaryLowerSecondary: base = "Trường TH&THCS"
        case .upperSecondary: base = "Trường THPT"
        case .lowerUpperSecondary: base = "Trường THCS&THPT"
        case .allLevels: base = "Trường TH-THCS-THPT"
        case .centre: return "Trung tâm GDNN-GDTX"
        }
        return nonPublic ? base + " tư thục" : base
    }

    /// Whether the first public school of this kind in a commune usually carries the commune's name.
    var takesCommuneName: Bool {
        switch self {
        case .preschool, .primary, .lowerSecondary, .primaryLowerSecondary: true
        default: false
        }
    }
}

/// Turns weights into whole counts that sum, in expectation, to the national totals: each share's fraction
/// is rounded up with that probability, so no commune is systematically favoured.
func demoRound(_ expected: Double, _ random: inout SeededRandom) -> Int {
    let whole = expected.rounded(.down)
    return Int(whole) + (random.chance(expected - whole) ? 1 : 0)
}
