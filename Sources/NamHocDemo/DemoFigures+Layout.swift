import Foundation
import NamHocDomain

/// What an entered count measures, for the demo: the generator knows the meaning of the catalogue's
/// count codes (a table, below) and lays each out by the breakdowns the catalogue gives it, so a change of
/// breakdowns in indicators.csv needs no code change here. A count the table does not know is left out.
enum FigureMeasure: Sendable {
    /// Schools of the level (1101 nhà trẻ: always 0 — the demo's preschools are all trường mầm non).
    case schools, crecheSchools, standardSchools, classes, rooms, staff, teachers, pupils, onAge, firstGradeOnAge
}

enum FigureMeanings {
    /// Count code → the block and measure it reads.
    static let table: [String: (FigureBlock, FigureMeasure)] = [
        "1101": (.nursery, .crecheSchools), "1102": (.nursery, .classes), "1103": (.nursery, .rooms),
        "1104": (.nursery, .staff), "1105": (.nursery, .pupils), "8106": (.nursery, .teachers),
        "1201": (.kindergarten, .schools), "8101": (.kindergarten, .standardSchools), "1202": (.kindergarten, .classes),
        "1203": (.kindergarten, .rooms), "1204": (.kindergarten, .staff), "1205": (.kindergarten, .pupils),
        "8107": (.kindergarten, .teachers),
        "2101": (.primary, .schools), "8202": (.primary, .standardSchools), "2102": (.primary, .classes),
        "2103": (.primary, .rooms), "2104": (.primary, .staff), "8201": (.primary, .teachers),
        "2105": (.primary, .pupils), "8205": (.primary, .onAge), "8206": (.primary, .firstGradeOnAge),
        "3101": (.lower, .schools), "3110": (.lower, .standardSchools), "3102": (.lower, .classes),
        "3103": (.lower, .rooms), "3104": (.lower, .staff), "3106": (.lower, .teachers), "3105": (.lower, .pupils),
        "3113": (.lower, .onAge),
        "4101": (.upper, .schools), "4110": (.upper, .standardSchools), "4102": (.upper, .classes),
        "4103": (.upper, .rooms), "4104": (.upper, .staff), "4106": (.upper, .teachers), "4105": (.upper, .pupils),
        "4113": (.upper, .onAge),
        "5101": (.continuing, .schools), "5102": (.continuing, .classes), "5103": (.continuing, .rooms),
        "5104": (.continuing, .staff), "5106": (.continuing, .teachers), "5105": (.continuing, .pupils),
    ]
}

/// One count indicator compiled for writing: its keys made once, so a report costs no string work.
struct FigureLayout {
    enum GroupRole { case ownership, cells }
    enum PartRole { case female, minority, other }

    var block: FigureBlock
    var measure: FigureMeasure
    var total: FigureKey
    /// "chia ra" groups: the ownership pair (công lập, ngoài công lập) or the measure's own cells (grades,
    /// age bands, room types, levels of the national standard).
    var groups: [(role: GroupRole, keys: [FigureKey])]
    var parts: [(role: PartRole, key: FigureKey)]

    init?(_ indicator: Indicator) {
        guard indicator.isCount, let (block, measure) = FigureMeanings.table[indicator.code] else { return nil }
        self.block = block
        self.measure = measure
        total = FigureKey(indicator.code)
        groups = indicator.breakdowns.partitions.map { group in
            let ownership = group.contains("cong_lap") || group.contains("ngoai_cong_lap")
            return (ownership ? .ownership : .cells, group.map { FigureKey(indicator.code, $0) })
        }
        parts = indicator.breakdowns.parts.map { part in
            (part == "nu" ? .female : part == "dtts" ? .minority : .other, FigureKey(indicator.code, part))
        }
    }

    /// Writes the indicator's total and cells into `values`. `figures` nil writes zeros (a block the unit
    /// does not have: an independent group has no kindergarten classes). `isSchool` false gives 0 schools.
    func write(_ figures: BlockFigures?, isSchool: Bool, isPublic: Bool, standard: Int,
               into values: inout [FigureKey: Double]) {
        var amount = 0
        var cells: [Int] = []
        var female = 0, minority = 0
        if let f = figures {
            switch measure {
            case .schools: amount = isSchool ? 1 : 0
            case .crecheSchools: amount = 0
            case .standardSchools:
                amount = isSchool && standard > 0 ? 1 : 0
                cells = [amount == 1 && standard == 1 ? 1 : 0, amount == 1 && standard == 2 ? 1 : 0]
            case .classes: (amount, cells) = (f.classesTotal, f.classes)
            case .rooms: (amount, cells) = (f.roomsTotal, f.rooms)
            case .staff: (amount, female, minority) = (f.staff, f.staffFemale, f.staffMinority)
            case .teachers: (amount, female, minority) = (f.teachers, f.teachersFemale, f.teachersMinority)
            case .pupils: (amount, cells, female, minority) = (f.pupilsTotal, f.pupils, f.female, f.minority)
            case .onAge:
                amount = f.onAge
                female = Int((Double(f.onAge) * Double(f.female) / Double(max(1, f.pupilsTotal))).rounded())
                minority = min(f.minority, f.onAge)
            case .firstGradeOnAge:
                amount = f.firstGradeOnAge
                female = amount / 2
                minority = Int((Double(amount) * Double(f.minority) / Double(max(1, f.pupilsTotal))).rounded())
            }
        }
        values[total] = Double(amount)
        for group in groups {
            switch group.role {
            case .ownership:
                for key in group.keys {
                    values[key] = Double((key.breakdown == "cong_lap") == isPublic ? amount : 0)
                }
            case .cells:
                // The measure's cells by position; if the catalogue's cells differ in number, the total goes
                // in the first cell so the group still adds up.
                let matches = cells.count == group.keys.count
                for (i, key) in group.keys.enumerated() {
                    values[key] = Double(matches ? cells[i] : (i == 0 ? amount : 0))
                }
            }
        }
        for part in parts {
            values[part.key] = Double(min(amount, part.role == .female ? female : part.role == .minority ? minority : 0))
        }
    }
}
