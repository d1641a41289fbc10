import Foundation
import NamHocDomain

/// One unit's start-of-year statistics report (kỳ đầu năm học) in the demo.
public struct DemoReport: Sendable, Equatable {
    public var unitCode: String
    /// "2024-2025/census" (`Period.census(year).code`).
    public var period: String
    public var status: ReportStatus
    /// Entered counts only: totals and their breakdown cells. Ratios and rates are computed on reading.
    public var values: [FigureKey: Double]
    /// `Finding.key` → written explanation (giải trình) of a warning.
    public var explanations: [String: String]

    public init(unitCode: String, period: String, status: ReportStatus, values: [FigureKey: Double],
                explanations: [String: String] = [:]) {
        self.unitCode = unitCode
        self.period = period
        self.status = status
        self.values = values
        self.explanations = explanations
    }
}

/// Plausible, internally consistent start-of-year statistics for a demo tree, several school years deep.
///
/// - Every school and centre valid on a year's census day (30/09) reports the count indicators the
///   catalogue gives its kind and levels on the `dau-nam` form: classes ≈ pupils ÷ a class size below the
///   cap of rules.csv, teachers near the norm of rules.csv (within ±20 %, the rules allow ±25 %), rooms ≈
///   classes, ≈48 % girls, an ethnic-minority share by province, grades and ownership cells adding up.
///   Schools count themselves as 1 in their own ownership cell; independent groups and classes (nhóm trẻ,
///   lớp mẫu giáo độc lập) enter 0 schools — they are not schools.
/// - Grades move up a year each year and a new intake arrives, a few % more or less, so figures change
///   smoothly and no report has a warning, except about 1 in 200 which carry one on purpose (pupils per
///   class above the cap, or a jump in rooms) with a Vietnamese explanation under the finding's key.
/// - Communes valid on the census day enter the population by age band (91xx) and the independent groups
///   and classes (8102, 8103) they oversee, consistent with the enrolment of their schools.
/// - Past years are approved. The current year is ≈70 % approved, 15 % submitted, 5 % returned, 5 % draft
///   and 5 % missing (no report); the README's school officer (`truong1.chuyenvien`) has a draft, the other
///   schools of that commune are mostly submitted (`truong2.chuyenvien`'s is), and the commune's own
///   report is a draft.
/// Deterministic: every unit draws from its own seeded stream, so the same seed gives the same reports.
public enum DemoFigures {
    /// All reports, institutions first (tree order, oldest year first), then communes.
    public static func generate(tree: DemoTree, catalogue: IndicatorCatalogue, currentYear: SchoolYear,
                                years: Int = 5, seed: UInt64) -> [DemoReport] {
        var reports: [DemoReport] = []
        reports.reserveCapacity(tree.units.count * years)
        forEachReport(tree: tree, catalogue: catalogue, currentYear: currentYear, years: years, seed: seed) {
            reports.append($0)
        }
        return reports
    }

    /// The same reports as `generate`, handed over one by one (the national demo need not hold them all).
    public static func forEachReport(tree: DemoTree, catalogue: IndicatorCatalogue, currentYear: SchoolYear,
                                     years: Int = 5, seed: UInt64, _ body: (DemoReport) -> Void) {
        var generator = DemoFigureGenerator(tree: tree, catalogue: catalogue, currentYear: currentYear,
                                            years: max(1, years), seed: seed)
        generator.run(body)
    }

    /// How a current-year status is drawn: approved, submitted, returned, draft, else missing.
    static let statusShares: [(ReportStatus, Double)] = [(.approved, 0.70), (.submitted, 0.15), (.returned, 0.05), (.draft, 0.05)]
}

struct DemoFigureGenerator {
    let tree: DemoTree
    let catalogue: IndicatorCatalogue
    let years: [SchoolYear]
    let periods: [String]
    let seed: UInt64
    let rules: [ValidationRule]
    var index: [String: Int] = [:]
    var layouts: [LayoutKey: [FigureLayout]] = [:]
    var provinces: [String: String] = [:]
    /// Commune code → enrolment per year index.
    var enrolment: [String: [CommuneEnrolment?]] = [:]
    let demoSchool: String?
    let demoSecondSchool: String?
    let demoCommune: String?

    struct LayoutKey: Hashable {
        var kind: UnitKind
        var levels: Int
        var year: Int
    }

    init(tree: DemoTree, catalogue: IndicatorCatalogue, currentYear: SchoolYear, years: Int, seed: UInt64) {
        self.tree = tree
        self.catalogue = catalogue
        self.years = (0..<years).map { SchoolYear(startYear: currentYear.startYear - years + 1 + $0) }
        periods = self.years.map { Period.census($0).code }
        self.seed = seed
        rules = (try? ValidationRule.load(catalogue: catalogue)) ?? []
        var index: [String: Int] = [:]
        for (i, unit) in tree.units.enumerated() { index[unit.code] = i }
        self.index = index
        demoSchool = tree.users.first { $0.username == "truong1.chuyenvien" }?.unitCode
        demoSecondSchool = tree.users.first { $0.username == "truong2.chuyenvien" }?.unitCode
        let census = currentYear.censusDate
        demoCommune = demoSchool.flatMap { code in index[code].flatMap { tree.units[$0].parentCode(on: census) } }
    }

    mutating func run(_ body: (DemoReport) -> Void) {
        for unit in tree.units where unit.kind.isInstitution {
            institution(unit, body)
        }
        for unit in tree.units where unit.kind == .commune {
            commune(unit, body)
        }
    }

    // MARK: - Rules as data

    /// The rule bounding a ratio indicator with this check, if any.
    func rule(_ check: ValidationCheck, _ code: String?) -> ValidationRule? {
        guard let code else { return nil }
        return rules.first { $0.check == check && $0.indicatorCodes.contains(code) }
    }

    func teacherNorm(_ block: FigureBlock) -> Double {
        rule(.ratioBand, block.teachersPerClassCode)?.threshold ?? block.defaultTeacherNorm
    }

    func cap(_ block: FigureBlock) -> Double {
        rule(.ratioMax, block.pupilsPerClassCode)?.threshold ?? (block == .primary ? 35 : 45)
    }

    // MARK: - Tree

    /// The 2025 province (department code without "S") a unit lies in, following today's parents.
    mutating func province(of unit: DemoUnit) -> String {
        var code = unit.parents.last?.parentCode
        var steps = 0
        while let current = code, steps < 8 {
            if let known = provinces[current] { return known }
            guard let i = index[current] else { break }
            if tree.units[i].kind == .department {
                let province = String(current.dropFirst())
                provinces[current] = province
                return province
            }
            code = tree.units[i].parents.last?.parentCode
            steps += 1
        }
        return ""
    }

    mutating func layouts(_ kind: UnitKind, _ levels: Set<SchoolLevel>, year y: Int) -> [FigureLayout] {
        let mask = levels.reduce(0) { $0 | 1 << SchoolLevel.allCases.firstIndex(of: $1)! }
        let key = LayoutKey(kind: kind, levels: mask, year: y)
        if let known = layouts[key] { return known }
        let compiled = catalogue.indicators(for: kind, levels: levels, form: ReportForm.startOfYear, year: years[y])
            .compactMap(FigureLayout.init)
        layouts[key] = compiled
        return compiled
    }

    /// Current-year status, or nil for a missing report; past years are approved.
    func status(_ unit: DemoUnit, year y: Int, random: inout SeededRandom) -> ReportStatus? {
        let draw = random.nextDouble()
        guard y == years.count - 1 else { return .approved }
        if unit.code == demoSchool || unit.code == demoCommune { return .draft }
        if unit.code == demoSecondSchool { return .submitted }
        if let demoCommune, unit.kind.isInstitution, unit.parentCode(on: years[y].censusDate) == demoCommune {
            return draw < 0.8 ? .submitted : draw < 0.9 ? .approved : .draft
        }
        var cumulative = 0.0
        for (status, share) in DemoFigures.statusShares {
            cumulative += share
            if draw < cumulative { return status }
        }
        return nil
    }
}
