import Foundation
import NamHocDemo
import NamHocDomain
import Testing

/// Hà Nội's tree and five years of its figures, built once per process.
private enum Fixture {
    static let seed: UInt64 = 42
    static let current = SchoolYear(startYear: 2025)

    static func tree(_ province: String = "01", seed: UInt64 = seed) throws -> DemoTree {
        try DemoTreeBuilder.build(provinces: ReferenceFixtures.provinces(), communes: ReferenceFixtures.communes(),
                                  scale: .province, seed: seed, province: province)
    }
    static func reports(_ tree: DemoTree, seed: UInt64 = seed) throws -> [DemoReport] {
        DemoFigures.generate(tree: tree, catalogue: try catalogue(), currentYear: current, seed: seed)
    }

    private static let cachedCatalogue = Result { try IndicatorCatalogue.load() }
    private static let cachedRules = Result { try ValidationRule.load(catalogue: cachedCatalogue.get()) }
    private static let cachedHanoi = Result { try tree() }
    private static let cachedReports = Result { try reports(cachedHanoi.get()) }
    static func catalogue() throws -> IndicatorCatalogue { try cachedCatalogue.get() }
    static func rules() throws -> [ValidationRule] { try cachedRules.get() }
    static func hanoi() throws -> DemoTree { try cachedHanoi.get() }
    static func hanoiReports() throws -> [DemoReport] { try cachedReports.get() }

    static func period(_ startYear: Int) -> String { Period.census(SchoolYear(startYear: startYear)).code }
    static func units(_ tree: DemoTree) -> [String: DemoUnit] {
        Dictionary(uniqueKeysWithValues: tree.units.map { ($0.code, $0) })
    }
    /// Each report with the same unit's report of the year before, if any.
    static func withLastYear(_ reports: [DemoReport]) -> [(DemoReport, DemoReport?)] {
        let byKey = Dictionary(uniqueKeysWithValues: reports.map { ("\($0.unitCode)|\($0.period)", $0) })
        return reports.map { report in
            let year = Period(code: report.period)!.schoolYear
            return (report, byKey["\(report.unitCode)|\(period(year.startYear - 1))"])
        }
    }
    /// The levels a report is checked for: the unit's own, or for a commune those of its schools.
    static func levels(_ unit: DemoUnit) -> Set<SchoolLevel> {
        unit.levels.isEmpty ? [.preschool, .primary, .lowerSecondary, .upperSecondary] : unit.levels
    }
}

@Suite struct DemoFiguresTests {
    @Test func same_seed_gives_the_same_reports_and_another_seed_others() throws {
        // setup
        let tree = try Fixture.hanoi()
        // MUT
        let a = try Fixture.hanoiReports(), b = try Fixture.reports(tree), c = try Fixture.reports(tree, seed: 7)
        // validate
        #expect(a == b)
        #expect(a.count > 10_000)
        #expect(a.map(\.values) != c.map(\.values))
    }

    @Test func every_report_of_a_province_passes_validation_without_hard_errors() throws {
        // setup
        let tree = try Fixture.hanoi(), units = Fixture.units(tree)
        let catalogue = try Fixture.catalogue(), rules = try Fixture.rules()
        // MUT
        let reports = try Fixture.hanoiReports()
        // validate: no error anywhere; warnings only on the few deliberate reports, each explained
        var warned = 0
        for (report, lastYear) in Fixture.withLastYear(reports) {
            let unit = try #require(units[report.unitCode])
            let findings = Validator.check(Figures(report.values), lastYear: lastYear.map { Figures($0.values) },
                                           unitLevels: Fixture.levels(unit), catalogue: catalogue, rules: rules)
            #expect(Validator.canSave(findings), "\(report.unitCode) \(report.period): \(findings.map(\.messageVI))")
            #expect(findings.count <= 1, "\(report.unitCode) \(report.period): \(findings.map(\.messageVI))")
            #expect(Validator.warningsExplained(findings, explanations: report.explanations),
                    "\(report.unitCode) \(report.period): \(findings.map(\.messageVI))")
            #expect(report.explanations.count == findings.count)
            if !findings.isEmpty { warned += 1 }
        }
        let share = Double(warned) / Double(reports.count)
        #expect(warned > 0 && share < 0.01, "\(warned) of \(reports.count) reports carry a warning")
        // validate: five years of every institution; communes only once they exist (from 01/07/2025)
        let periods = Set(reports.map(\.period))
        #expect(periods == Set((2021...2025).map(Fixture.period)))
        let communePeriods = Set(reports.filter { units[$0.unitCode]!.kind == .commune }.map(\.period))
        #expect(communePeriods == [Fixture.period(2025)])
    }

    @Test func values_cover_the_catalogue_and_partitions_add_up() throws {
        // setup
        let units = Fixture.units(try Fixture.hanoi()), catalogue = try Fixture.catalogue()
        // MUT
        let reports = try Fixture.hanoiReports()
        // validate
        for report in reports {
            let unit = try #require(units[report.unitCode])
            let year = Period(code: report.period)!.schoolYear
            if unit.kind.isInstitution {
                let counts = catalogue.indicators(for: unit.kind, levels: unit.levels, form: ReportForm.startOfYear, year: year)
                    .filter(\.isCount).map(\.code)
                #expect(Set(report.values.keys.map(\.code)) == Set(counts), "\(report.unitCode)")
            }
            for (key, total) in report.values where key.isTotal {
                let indicator = try #require(catalogue[key.code])
                for group in indicator.breakdowns.partitions {
                    let cells = group.map { report.values[FigureKey(key.code, $0)] }
                    #expect(cells.allSatisfy { $0 != nil }, "\(report.unitCode) \(key)")
                    #expect(cells.compactMap { $0 }.reduce(0, +) == total, "\(report.unitCode) \(key) \(group)")
                }
                for part in indicator.breakdowns.parts {
                    #expect((report.values[FigureKey(key.code, part)] ?? -1) <= total)
                    #expect((report.values[FigureKey(key.code, part)] ?? -1) >= 0)
                }
            }
        }
    }

    @Test func schools_count_themselves_in_their_ownership_cell_and_independent_groups_are_not_schools() throws {
        // setup
        let units = Fixture.units(try Fixture.hanoi())
        // MUT
        let reports = try Fixture.hanoiReports().filter { $0.period == Fixture.period(2024) }
        // validate
        for report in reports {
            let unit = try #require(units[report.unitCode])
            let cell = unit.ownership == .nonPublic ? "ngoai_cong_lap" : "cong_lap"
            let other = unit.ownership == .nonPublic ? "cong_lap" : "ngoai_cong_lap"
            let independent = unit.name.hasPrefix("Nhóm trẻ") || unit.name.hasPrefix("Lớp mẫu giáo")
            for code in ["1201", "2101", "3101", "4101"] where report.values[FigureKey(code)] != nil {
                #expect(report.values[FigureKey(code)] == (independent ? 0 : 1), "\(unit.name) \(code)")
                #expect(report.values[FigureKey(code, cell)] == (independent ? 0 : 1))
                #expect(report.values[FigureKey(code, other)] == 0)
            }
            if independent {
                #expect(report.values["8101"] == 0)
                #expect((report.values["1102"] ?? 0) + (report.values["1202"] ?? 0) >= 1)
            }
        }
    }

    @Test func pupils_and_teachers_per_class_keep_to_the_norms_except_explained_reports() throws {
        // setup
        let units = Fixture.units(try Fixture.hanoi()), catalogue = try Fixture.catalogue(), rules = try Fixture.rules()
        let caps = Dictionary(uniqueKeysWithValues: rules.filter { $0.check == .ratioMax }.flatMap { rule in
            rule.indicatorCodes.map { ($0, (rule, rule.threshold!)) }
        })
        // MUT
        let reports = try Fixture.hanoiReports().filter { units[$0.unitCode]!.kind.isInstitution }
        // validate
        var overCap = 0, checked = 0
        var sizes: [String: [Double]] = [:]
        for report in reports {
            let figures = Figures(report.values)
            for (code, (rule, cap)) in caps {
                guard let ratio = figures.value(code, in: catalogue) else { continue }
                checked += 1
                sizes[code, default: []].append(ratio)
                if ratio > cap {
                    overCap += 1
                    #expect(report.explanations["\(rule.id):\(code)"]?.isEmpty == false, "\(report.unitCode) \(code) \(ratio)")
                }
            }
            for code in ["2106c", "3108", "4108", "8108", "8109"] {
                guard let rule = rules.first(where: { $0.check == .ratioBand && $0.indicatorCodes == [code] }),
                      let norm = rule.threshold, let tolerance = rule.tolerance,
                      let ratio = figures.value(code, in: catalogue) else { continue }
                #expect(abs(ratio - norm) <= norm * tolerance, "\(report.unitCode) \(code) \(ratio)")
            }
        }
        #expect(checked > 5_000)
        #expect(overCap > 0 && Double(overCap) < 0.01 * Double(checked))
        // validate: class sizes plausible for a big city (Hà Nội: ≈33,6 pupils per class in 2023-2024)
        let mean = { (code: String) in sizes[code]!.reduce(0, +) / Double(sizes[code]!.count) }
        #expect((27...35).contains(mean("2106b")), "\(mean("2106b"))")
        #expect((33...45).contains(mean("3107")), "\(mean("3107"))")
        #expect((33...45).contains(mean("4107")), "\(mean("4107"))")
    }

    @Test func girls_about_half_and_ethnic_minorities_few_in_hanoi() throws {
        // MUT
        let reports = try Fixture.hanoiReports().filter { $0.period == Fixture.period(2025) }
        // validate
        let sum = { (key: FigureKey) in reports.compactMap { $0.values[key] }.reduce(0, +) }
        let pupils = sum("2105")
        #expect((0.46...0.5).contains(sum("2105.nu") / pupils))
        #expect(sum("2105.dtts") / pupils < 0.03)
        #expect(sum("2105.dtts") > 0)
    }

    @Test func province_totals_grow_by_a_few_percent_and_pass_validation() throws {
        // setup
        let catalogue = try Fixture.catalogue(), rules = try Fixture.rules()
        // MUT: the province's totals by year (every report, whatever its status)
        let reports = try Fixture.hanoiReports()
        let totals = (2021...2025).map { year in
            Figures.sum(reports.filter { $0.period == Fixture.period(year) }.map { Figures($0.values) })
        }
        // validate: pupils change by less than 6 % a year (the current year lacks the missing reports)
        for year in 1..<4 {
            let change = try #require(totals[year].change("2105", from: totals[year - 1], in: catalogue)?.percent)
            #expect(abs(change) < 6, "\(2021 + year): \(change)")
        }
        // validate: the province's own figures have no error, and rates against population are plausible
        let findings = Validator.check(totals[4], unitLevels: Set(SchoolLevel.allCases), catalogue: catalogue, rules: rules)
        #expect(Validator.canSave(findings), "\(findings.map(\.messageVI))")
        let fiveYearOlds = try #require(totals[4].value("1207", in: catalogue))
        #expect((85...100).contains(fiveYearOlds), "\(fiveYearOlds)")
        #expect(try #require(totals[4].value("8208", in: catalogue)) <= 100)
    }

    @Test func commune_population_covers_the_enrolment_of_its_schools() throws {
        // setup
        let tree = try Fixture.hanoi(), units = Fixture.units(tree), catalogue = try Fixture.catalogue()
        let census = Fixture.current.censusDate
        // MUT
        let reports = try Fixture.hanoiReports().filter { $0.period == Fixture.period(2025) }
        // validate: a commune's on-age and 5-year-old rates, its schools and its own figures summed, ≤ 100 %
        let byCommune = Dictionary(grouping: reports) { report in
            units[report.unitCode]!.kind == .commune ? report.unitCode : units[report.unitCode]!.parentCode(on: census) ?? ""
        }
        var communes = 0
        for (code, group) in byCommune where units[code]?.kind == .commune {
            guard let own = group.first(where: { $0.unitCode == code }) else { continue }
            communes += 1
            let figures = Figures.sum(group.map { Figures($0.values) })
            for rate in ["8208", "3115"] {
                if let value = figures.value(rate, in: catalogue) { #expect(value <= 100, "\(code) \(rate) \(value)") }
            }
            let independent = group.filter { units[$0.unitCode]!.name.hasPrefix("Nhóm trẻ") }.count
            #expect(own.values["8102"].map { $0 >= Double(independent) } ?? true)
            #expect((own.values["9103"] ?? 0) <= (own.values["9102"] ?? 0))
        }
        #expect(communes > 100)
    }

    @Test func current_year_status_mix_and_the_readme_users_walk() throws {
        // setup
        let tree = try Fixture.hanoi(), units = Fixture.units(tree)
        let census = Fixture.current.censusDate
        let school = try #require(tree.users.first { $0.username == "truong1.chuyenvien" }?.unitCode)
        let second = try #require(tree.users.first { $0.username == "truong2.chuyenvien" }?.unitCode)
        let commune = try #require(units[school]?.parentCode(on: census))
        // MUT
        let reports = try Fixture.hanoiReports()
        // validate: past years approved
        #expect(reports.filter { $0.period != Fixture.period(2025) }.allSatisfy { $0.status == .approved })
        // validate: the current year's mix over the institutions
        let current = reports.filter { $0.period == Fixture.period(2025) && units[$0.unitCode]!.kind.isInstitution }
        let expected = Double(tree.institutions.count)
        let share = { (status: ReportStatus) in Double(current.filter { $0.status == status }.count) / expected }
        #expect((0.65...0.75).contains(share(.approved)), "\(share(.approved))")
        #expect((0.11...0.19).contains(share(.submitted)), "\(share(.submitted))")
        #expect((0.03...0.07).contains(share(.returned)), "\(share(.returned))")
        #expect((0.03...0.07).contains(share(.draft)), "\(share(.draft))")
        #expect((0.03...0.07).contains(1 - Double(current.count) / expected), "missing")
        // validate: the README's school has a draft to walk, its neighbours mostly submitted
        #expect(current.first { $0.unitCode == school }?.status == .draft)
        #expect(current.first { $0.unitCode == second }?.status == .submitted)
        let neighbours = current.filter { $0.unitCode != school && units[$0.unitCode]!.parentCode(on: census) == commune }
        #expect(!neighbours.isEmpty)
        #expect(neighbours.filter { $0.status == .submitted }.count * 2 > neighbours.count)
        #expect(reports.first { $0.unitCode == commune && $0.period == Fixture.period(2025) }?.status == .draft)
    }

    @Test func schools_of_a_merged_province_have_figures_before_the_reform() throws {
        // setup: Bắc Ninh, which absorbed Bắc Giang on 01/07/2025
        let tree = try Fixture.tree("24")
        let before = SchoolYear(startYear: 2024).censusDate
        // MUT
        let reports = try Fixture.reports(tree)
        // validate: every institution reports 2024-2025, approved, under its unit of that day
        let reported = Set(reports.filter { $0.period == Fixture.period(2024) }.map(\.unitCode))
        let institutions = tree.institutions.filter { $0.validity.contains(before) }
        #expect(institutions.count > 500)
        #expect(institutions.allSatisfy { reported.contains($0.code) })
        #expect(institutions.allSatisfy { $0.parentCode(on: before)?.hasPrefix("X") == false })
        #expect(reports.filter { $0.period == Fixture.period(2024) }.allSatisfy { $0.status == .approved })
    }

    @Test func kept_sums_hold_every_counted_report_once_at_the_top_and_never_a_units_own() throws {
        let tree = try Fixture.hanoi(), units = Fixture.units(tree), reports = try Fixture.hanoiReports()
        // MUT
        var sums = DemoSums(tree: tree)
        for report in reports { sums.add(report) }
        let rows = sums.rows
        // validate: the ministry's sums of each period and cell are the counted reports' values, one report each
        for period in Set(reports.map(\.period)) {
            var expected: [FigureKey: (Double, Int)] = [:]
            for report in reports where report.period == period && report.status.countsInRollUp {
                for (key, value) in report.values { expected[key, default: (0, 0)].0 += value; expected[key, default: (0, 0)].1 += 1 }
            }
            var kept: [FigureKey: (Double, Int)] = [:]
            for row in rows where row.ancestorCode == "BGD" && row.period == period {
                kept[row.key, default: (0, 0)].0 += row.value
                kept[row.key, default: (0, 0)].1 += row.reports
            }
            #expect(kept.count == expected.count && !kept.isEmpty, "\(period)")
            #expect(kept.allSatisfy { key, sum in expected[key].map { $0 == sum } ?? false }, "\(period)")
        }
        // validate: sums sit above the reporting units only (a school has none), split by the reporters' levels
        #expect(rows.allSatisfy { units[$0.ancestorCode]?.kind.isInstitution == false })
        let drafts = reports.filter { !$0.status.countsInRollUp }
        #expect(!drafts.isEmpty)
        #expect(Set(rows.map(\.levels)).isSuperset(of: ["TH", "THCS"]))
    }
}
