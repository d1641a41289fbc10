import Foundation
import NamHocDomain

extension DemoFigureGenerator {
    /// Share of reports that carry one warning on purpose, with its explanation.
    static let deliberateShare = 0.0075

    /// The reports of one school or centre, year by year from one evolving state.
    mutating func institution(_ unit: DemoUnit, _ body: (DemoReport) -> Void) {
        var random = SeededRandom(seed: seed, stream: "figures/" + unit.code)
        let profile = ProvinceProfile.of(province(of: unit))
        let isPublic = unit.ownership != .nonPublic
        let group = unit.levels == [.preschool] && unit.name.hasPrefix("Nhóm trẻ")
        let classOnly = unit.levels == [.preschool] && unit.name.hasPrefix("Lớp mẫu giáo")
        let independent = group || classOnly
        var size = (0.55 + 0.9 * random.nextDouble()) * (profile.city ? 1.15 : 1) * (unit.levels.count > 1 ? 0.65 : 1)
        if unit.kind == .centre { size *= 0.8 }
        let minority = min(0.98, profile.minority * (0.3 + 1.4 * random.nextDouble()))
        var states: [BlockState] = []
        var standard: [Int] = []
        for block in FigureBlock.blocks(for: unit.levels) {
            if (group && block == .kindergarten) || (classOnly && block == .nursery) { continue }
            var blockSize = size
            if group { blockSize = 0.3 + 0.5 * random.nextDouble() }
            if classOnly { blockSize = 0.08 + 0.2 * random.nextDouble() }
            var state = BlockState(block: block, size: blockSize, minority: minority, city: profile.city,
                                   norm: teacherNorm(block), cap: cap(block), random: &random)
            if independent { state.others = 1 }
            states.append(state)
            let meets = !independent && random.chance(isPublic ? (profile.city ? 0.72 : 0.6) : 0.3)
            standard.append(meets ? (random.chance(0.15) ? 2 : 1) : 0)
        }
        var lastYear: [FigureKey: Double]? = nil
        var aftermath = -1
        for y in years.indices {
            if y > 0 {
                for i in states.indices {
                    states[i].advance(random: &random)
                    if standard[i] == 0, !independent, random.chance(0.05) { standard[i] = 1 }
                }
            }
            let census = years[y].censusDate
            let status = self.status(unit, year: y, random: &random)
            let deliberate = !independent && random.chance(Self.deliberateShare)
            guard unit.validity.contains(census) else {
                lastYear = nil
                continue
            }
            let layouts = self.layouts(unit.kind, unit.levels, year: y)
            var figures = states.map { $0.figures() }
            var values = Self.values(layouts, figures, isSchool: !independent, isPublic: isPublic, standard: standard)
            var explanations: [String: String] = [:]
            if deliberate, !rules.isEmpty {
                let saved = (states, figures)
                if let explanation = craftWarning(unit, year: y, states: &states, figures: &figures, lastYear: lastYear,
                                                  random: &random) {
                    let candidate = Self.values(layouts, figures, isSchool: !independent, isPublic: isPublic, standard: standard)
                    let findings = Validator.check(Figures(candidate), lastYear: lastYear.map { Figures($0) },
                                                   unitLevels: unit.levels, catalogue: catalogue, rules: rules)
                    if Validator.canSave(findings), findings.count == 1, let warning = findings.first {
                        values = candidate
                        explanations[warning.key] = explanation
                        aftermath = y + 1
                    } else {
                        (states, figures) = saved
                    }
                }
            }
            if aftermath == y, explanations.isEmpty, !rules.isEmpty {
                // The year after a one-off: the school is back to normal, which may itself be a jump.
                let findings = Validator.check(Figures(values), lastYear: lastYear.map { Figures($0) },
                                               unitLevels: unit.levels, catalogue: catalogue, rules: rules)
                for warning in findings where warning.severity == .warning {
                    explanations[warning.key] = "Năm học trước trường tạm tiếp nhận học sinh và ghép lớp do điểm trường "
                        + "lân cận sửa chữa; năm học \(years[y].name) điểm trường hoạt động trở lại nên số liệu thay đổi "
                        + "so với năm học trước."
                }
            }
            recordEnrolment(unit, year: y, figures: figures, isSchool: !independent, group: group, classOnly: classOnly)
            lastYear = values
            if let status {
                body(DemoReport(unitCode: unit.code, period: periods[y], status: status, values: values,
                                explanations: explanations))
            }
        }
    }

    /// The values of a report, block by block.
    static func values(_ layouts: [FigureLayout], _ figures: [BlockFigures], isSchool: Bool, isPublic: Bool,
                       standard: [Int]) -> [FigureKey: Double] {
        var values: [FigureKey: Double] = [:]
        values.reserveCapacity(layouts.count * 6)
        for layout in layouts {
            let i = figures.firstIndex { $0.block == layout.block }
            layout.write(i.map { figures[$0] }, isSchool: isSchool, isPublic: isPublic, standard: i.map { standard[$0] } ?? 0,
                         into: &values)
        }
        return values
    }

    /// Makes one warning on purpose: pupils per class above the cap (a one-off intake), or else a new
    /// building's rooms (a jump against last year, kept in the following years). Returns the explanation,
    /// nil when neither fits this school this year.
    func craftWarning(_ unit: DemoUnit, year y: Int, states: inout [BlockState], figures: inout [BlockFigures],
                      lastYear: [FigureKey: Double]?, random: inout SeededRandom) -> String? {
        let yearName = years[y].name
        if let i = figures.firstIndex(where: { $0.block.pupilsPerClassCode != nil }) {
            // Up to 15 % more pupils and up to 10 % fewer classes (some merged), the teachers unchanged.
            let f = figures[i]
            let target = cap(f.block) + 0.3 + 1.5 * random.nextDouble()
            let previous = lastYear?[FigureKey(Self.pupilsCode(f.block))] ?? Double(f.pupilsTotal)
            let pupils = min(Int(Double(f.pupilsTotal) * 1.15), Int(previous * 1.25))
            let classes = Int((Double(pupils) / target).rounded(.down))
            if classes >= 1, Double(classes) >= 0.9 * Double(f.classesTotal), Double(pupils) > cap(f.block) * Double(classes) {
                figures[i].addPupils(max(0, pupils - f.pupilsTotal))
                figures[i].removeClasses(f.classesTotal - classes)
                return "Năm học \(yearName), trường tiếp nhận thêm học sinh của điểm trường lân cận đang tạm dừng để "
                    + "sửa chữa và phải tạm ghép một số lớp vì thiếu phòng học, nên sĩ số bình quân vượt quy định. "
                    + "Nhà trường đã báo cáo cấp trên và sẽ tách lớp khi điểm trường hoạt động trở lại."
            }
        }
        guard lastYear != nil, let i = figures.indices.max(by: { figures[$0].roomsTotal < figures[$1].roomsTotal }),
              figures[i].roomsTotal >= 10 else { return nil }
        let added = 1.4 + 0.1 * random.nextDouble()
        states[i].roomFactor *= added
        states[i].rooms = Int((Double(states[i].rooms) * added).rounded())
        states[i].permanent = min(0.995, states[i].permanent + (1 - states[i].permanent) * 0.5)
        figures[i] = states[i].figures()
        return "Năm học \(yearName), trường đưa vào sử dụng dãy nhà học mới xây kiên cố, nâng tổng số phòng học lên "
            + "\(figures[i].roomsTotal) phòng; vì vậy số phòng học tăng nhiều so với năm học trước."
    }

    static func pupilsCode(_ block: FigureBlock) -> String {
        switch block {
        case .nursery: "1105"
        case .kindergarten: "1205"
        case .primary: "2105"
        case .lower: "3105"
        case .upper: "4105"
        case .continuing: "5105"
        }
    }
}

/// Regional traits of a province for the demo [verify: rough shares of ethnic-minority population by new
/// province (GSO 2019 census, merged by hand), not published figures].
struct ProvinceProfile {
    var minority: Double
    var city: Bool

    static func of(_ provinceCode: String) -> ProvinceProfile {
        let minority: [String: Double] = [
            "01": 0.015, "04": 0.93, "08": 0.75, "11": 0.8, "12": 0.83, "14": 0.82, "15": 0.6, "19": 0.35,
            "20": 0.82, "22": 0.12, "24": 0.08, "25": 0.3, "31": 0.01, "33": 0.01, "37": 0.02, "38": 0.17,
            "40": 0.15, "42": 0.01, "44": 0.06, "46": 0.04, "48": 0.05, "51": 0.3, "52": 0.25, "56": 0.12,
            "66": 0.25, "68": 0.18, "75": 0.1, "79": 0.05, "80": 0.01, "82": 0.01, "86": 0.12, "91": 0.08,
            "92": 0.2, "96": 0.03,
        ]
        let cities: Set<String> = ["01", "31", "46", "48", "79", "92"]
        return ProvinceProfile(minority: minority[provinceCode] ?? 0.1, city: cities.contains(provinceCode))
    }
}
