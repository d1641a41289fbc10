import Foundation

/// Chỉ tiêu chủ yếu — the figures a dashboard leads with, level by level, as catalogue codes. A measure
/// a level has no indicator for (pupils per class of preschool, enrolment of continuing education) is nil:
/// shown as "—", never approximated.
public struct HeadlineLevel: Sendable, Hashable {
    public var level: SchoolLevel
    public var codes: [Headline.Measure: String]

    public func code(_ measure: Headline.Measure) -> String? { codes[measure] }
}

public enum Headline {
    public enum Measure: String, CaseIterable, Sendable, Codable {
        case schools, classes, rooms, pupils, teachers, pupilsPerClass, teachersPerClass, standardShare, enrolment

        public var nameVI: String {
            switch self {
            case .schools: "Trường (theo cấp)"
            case .classes: "Lớp"
            case .rooms: "Phòng học"
            case .pupils: "Học sinh"
            case .teachers: "Giáo viên"
            case .pupilsPerClass: "HS/lớp"
            case .teachersPerClass: "GV/lớp"
            case .standardShare: "Đạt chuẩn QG (%)"
            case .enrolment: "Huy động (%)"
            }
        }

        /// Counts add up across levels; ratios and rates do not.
        public var isCount: Bool { [.schools, .classes, .rooms, .pupils, .teachers].contains(self) }
    }

    /// The catalogue's indicators of each measure (TT 03/2024 codes and NamHoc's 8xxx extension).
    public static let levels: [HeadlineLevel] = [
        HeadlineLevel(level: .preschool, codes: [.schools: "1201", .classes: "1202", .rooms: "1203", .pupils: "1205", .teachers: "8107",
                                                 .teachersPerClass: "8109", .standardShare: "1210", .enrolment: "1206"]),
        HeadlineLevel(level: .primary, codes: [.schools: "2101", .classes: "2102", .rooms: "2103", .pupils: "2105", .teachers: "8201",
                                               .pupilsPerClass: "2106b", .teachersPerClass: "2106c", .standardShare: "8203", .enrolment: "8207"]),
        HeadlineLevel(level: .lowerSecondary, codes: [.schools: "3101", .classes: "3102", .rooms: "3103", .pupils: "3105", .teachers: "3106",
                                                      .pupilsPerClass: "3107", .teachersPerClass: "3108", .standardShare: "3111", .enrolment: "3114"]),
        HeadlineLevel(level: .upperSecondary, codes: [.schools: "4101", .classes: "4102", .rooms: "4103", .pupils: "4105", .teachers: "4106",
                                                      .pupilsPerClass: "4107", .teachersPerClass: "4108", .standardShare: "4111", .enrolment: "4114"]),
        HeadlineLevel(level: .continuing, codes: [.schools: "5101", .classes: "5102", .rooms: "5103", .pupils: "5105", .teachers: "5106",
                                                  .pupilsPerClass: "5107", .teachersPerClass: "5108"]),
    ]

    /// Every headline code.
    public static var codes: Set<String> { Set(levels.flatMap(\.codes.values)) }

    /// The codes of one measure across levels, in level order.
    public static func codes(of measure: Measure) -> [String] { levels.compactMap { $0.code(measure) } }

    /// A count measure of all levels together: the sum of the levels that have a figure, nil when none has.
    /// Pupils of a multi-level school are reported per level, so the levels never count one pupil twice;
    /// schools are: a TH-THCS school is one school of each level ("lượt trường").
    public static func total(_ measure: Measure, in figures: Figures, catalogue: IndicatorCatalogue) -> Double? {
        precondition(measure.isCount)
        let values = codes(of: measure).compactMap { figures.value($0, in: catalogue) }
        return values.isEmpty ? nil : values.reduce(0, +)
    }
}
