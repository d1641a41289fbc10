import Foundation
import NamHocDomain

/// What a commune's schools enrol on one census day: the base of its population figures.
struct CommuneEnrolment {
    var levels: Set<SchoolLevel> = []
    /// Children of 3–36 months in nursery groups (1105.3_12th + 13_24th + 25_36th).
    var nursery = 0
    /// Children of 3–5 years in kindergarten (1205.3_4t + 4_5t + 5_6t), and of 5 years (1205.5_6t).
    var kindergarten = 0
    var fiveYearOlds = 0
    /// On-age primary pupils (8205), 6-year-olds in grade 1 (8206), on-age THCS pupils (3113).
    var primaryOnAge = 0
    var sixYearOlds = 0
    var lowerOnAge = 0
    /// Independent groups (8102) and kindergarten classes (8103): public, non-public.
    var groups = [0, 0]
    var classes = [0, 0]
}

extension DemoFigureGenerator {
    /// Adds an institution's figures of one year to the commune it hangs under that census day.
    mutating func recordEnrolment(_ unit: DemoUnit, year y: Int, figures: [BlockFigures], isSchool: Bool,
                                  group: Bool, classOnly: Bool) {
        guard let parent = unit.parentCode(on: years[y].censusDate), let p = index[parent],
              tree.units[p].kind == .commune else { return }
        var slots = enrolment[parent] ?? Array(repeating: nil, count: years.count)
        var e = slots[y] ?? CommuneEnrolment()
        e.levels.formUnion(unit.levels)
        for f in figures {
            switch f.block {
            case .nursery: e.nursery += f.pupils.prefix(3).reduce(0, +)
            case .kindergarten:
                e.kindergarten += f.pupils[1...3].reduce(0, +)
                e.fiveYearOlds += f.pupils[3]
            case .primary:
                e.primaryOnAge += f.onAge
                e.sixYearOlds += f.firstGradeOnAge
            case .lower: e.lowerOnAge += f.onAge
            default: break
            }
        }
        let owner = unit.ownership == .nonPublic ? 1 : 0
        if group { e.groups[owner] += 1 }
        if classOnly { e.classes[owner] += 1 }
        slots[y] = e
        enrolment[parent] = slots
    }

    /// The reports of one commune: population by age band (91xx) and its independent groups and classes
    /// (8102, 8103), for each year it exists on the census day and oversees schools.
    mutating func commune(_ unit: DemoUnit, _ body: (DemoReport) -> Void) {
        guard let slots = enrolment[unit.code] else { return }
        var random = SeededRandom(seed: seed, stream: "population/" + unit.code)
        for y in years.indices {
            let status = self.status(unit, year: y, random: &random)
            let ratios = (0..<6).map { _ in random.nextDouble() }
            guard unit.validity.contains(years[y].censusDate), let e = slots[y] else { continue }
            let indicators = catalogue.indicators(for: .commune, levels: e.levels, form: ReportForm.startOfYear, year: years[y])
            // Population ≥ enrolment: mobilisation and on-age rates stay below 100 % (a little headroom for
            // schools run by the department, which the province totals also count).
            func above(_ enrolled: Int, _ low: Double, _ high: Double, _ r: Double) -> Int {
                Int((Double(enrolled) / (low + (high - low) * r)).rounded(.up))
            }
            let age5 = max(above(e.fiveYearOlds, 0.965, 0.995, ratios[0]), 1)
            let age3to5 = max(above(e.kindergarten, 0.88, 0.97, ratios[1]), age5 + 1)
            let under3 = max(above(e.nursery, 0.25, 0.45, ratios[2]), Int(Double(age3to5) * 0.9))
            let age6 = max(above(e.sixYearOlds, 0.97, 0.995, ratios[3]), 1)
            let age6to10 = max(above(e.primaryOnAge, 0.92, 0.96, ratios[4]), age6)
            let age11to14 = max(above(e.lowerOnAge, 0.85, 0.93, ratios[5]), 1)
            var values: [FigureKey: Double] = [:]
            for indicator in indicators where indicator.isCount {
                let total: Int
                var nonPublic = 0
                switch indicator.code {
                case "8102": (total, nonPublic) = (e.groups[0] + e.groups[1], e.groups[1])
                case "8103": (total, nonPublic) = (e.classes[0] + e.classes[1], e.classes[1])
                case "9101": total = under3
                case "9102": total = age3to5
                case "9103": total = age5
                case "9104": total = age6
                case "9105": total = age6to10
                case "9106": total = age11to14
                default: continue
                }
                Self.write(indicator, total: total, nonPublic: nonPublic, into: &values)
            }
            if let status, !values.isEmpty {
                body(DemoReport(unitCode: unit.code, period: periods[y], status: status, values: values))
            }
        }
    }

    /// A commune count with its breakdowns: ownership cells split as given, other partitions whole in their
    /// first cell, girls ≈ 48,5 %.
    static func write(_ indicator: Indicator, total: Int, nonPublic: Int, into values: inout [FigureKey: Double]) {
        values[FigureKey(indicator.code)] = Double(total)
        for group in indicator.breakdowns.partitions {
            for (i, cell) in group.enumerated() {
                let value: Int
                switch cell {
                case "cong_lap": value = total - nonPublic
                case "ngoai_cong_lap": value = nonPublic
                default: value = i == 0 ? total : 0
                }
                values[FigureKey(indicator.code, cell)] = Double(value)
            }
        }
        for part in indicator.breakdowns.parts {
            values[FigureKey(indicator.code, part)] = part == "nu" ? Double(Int(Double(total) * 0.485)) : 0
        }
    }
}
