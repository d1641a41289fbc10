import Foundation
import NamHocDomain
import Testing

@Suite struct IndicatorCatalogueTests {
    static let catalogue = try! IndicatorCatalogue.load()
    var catalogue: IndicatorCatalogue { Self.catalogue }

    @Test func bundled_catalogue_loads_with_the_official_codes() throws {
        // setup + MUT
        let loaded = try IndicatorCatalogue.load()
        // validate
        for code in ["1101", "1105", "1106", "1107", "1201", "1205", "1206", "1207", "1210", "2101", "2102", "2105"] {
            let indicator = try #require(loaded[code], "\(code)")
            #expect(indicator.confirmed && indicator.scheme == "tt03-2024", "\(code)")
        }
        #expect(loaded["2105"]?.nameVI == "Số học sinh tiểu học")
        #expect(loaded["2105"]?.kind == .count)
        #expect(loaded["1106"]?.kind == .rate)
        #expect(loaded.indicators.count >= 100)
    }

    @Test func every_formula_reads_existing_counts_and_cells() throws {
        // setup
        var checked = 0
        // MUT + validate
        for indicator in catalogue.indicators where !indicator.isCount {
            let formula = try #require(indicator.formula, "\(indicator.code)")
            #expect(!formula.numerator.isEmpty && !formula.denominator.isEmpty)
            for operand in formula.operands {
                let target = try #require(catalogue[operand.code], "\(indicator.code) reads \(operand)")
                #expect(target.isCount, "\(indicator.code) reads \(operand)")
                #expect(target.years.covers(indicator.years), "\(indicator.code) reads \(operand)")
                if let key = operand.breakdown { #expect(target.breakdowns.contains(key), "\(operand)") }
            }
            checked += 1
        }
        #expect(checked >= 40)
    }

    @Test func every_parent_is_a_count_and_every_form_row_exists() throws {
        for indicator in catalogue.indicators {
            if let parent = indicator.parentCode {
                #expect(catalogue[parent]?.isCount == true, "\(indicator.code) → \(parent)")
            }
        }
        for form in catalogue.forms {
            for section in form.sections {
                for code in section.indicatorCodes {
                    #expect(catalogue[code]?.levels.contains(section.level) == true, "\(form.code) \(code)")
                }
            }
        }
    }

    @Test func codes_not_read_are_unconfirmed_in_their_own_scheme() {
        let provisional = catalogue.indicators.filter { $0.scheme == "namhoc" }
        #expect(provisional.allSatisfy { !$0.confirmed })
        for prefix in ["31", "41", "51", "81", "82", "91"] {
            #expect(provisional.contains { $0.code.hasPrefix(prefix) }, "\(prefix)xx")
        }
        #expect(catalogue["3105"]?.levels == [.lowerSecondary])
        #expect(catalogue["4105"]?.levels == [.upperSecondary])
        #expect(catalogue["5105"]?.unitKinds == [.centre])
        #expect(catalogue["2106b"]?.confirmed == false)
    }

    @Test func names_are_nfc() {
        for indicator in catalogue.indicators {
            #expect(indicator.nameVI == indicator.nameVI.precomposedStringWithCanonicalMapping, "\(indicator.code)")
        }
    }

    @Test func independent_groups_are_not_schools() throws {
        // setup
        let groups = try #require(catalogue["8102"])
        let classes = try #require(catalogue["8103"])
        // validate: entered by the commune, separate from the school count 1201 and not part of it
        #expect(groups.unitKinds == [.commune] && classes.unitKinds == [.commune])
        #expect(groups.parentCode == nil && classes.parentCode == nil)
        #expect(catalogue["1201"]?.unitKinds == [.school])
    }

    @Test func a_primary_school_gets_the_primary_form() {
        // MUT
        let list = catalogue.indicators(for: .school, levels: [.primary], form: ReportForm.startOfYear)
        let codes = list.map(\.code)
        // validate: in paper-form order, entered counts and computed ratios, no population, no other level
        #expect(codes.prefix(3) == ["2101", "8202", "2102"])
        #expect(codes.contains("2105") && codes.contains("2106b"))
        #expect(!codes.contains("9105") && !codes.contains("8207") && !codes.contains("1101") && !codes.contains("3105"))
    }

    @Test func a_commune_enters_population_and_sees_rates() {
        // MUT
        let codes = catalogue.indicators(for: .commune, levels: [.preschool, .primary, .lowerSecondary],
                                         form: ReportForm.startOfYear).map(\.code)
        // validate
        for code in ["9101", "9102", "9103", "9104", "9105", "9106", "8102", "8103", "1106", "1206", "1207", "8207", "3114"] {
            #expect(codes.contains(code), "\(code)")
        }
        #expect(!codes.contains("2105") && !codes.contains("9107"))
    }

    @Test func multi_level_school_gets_both_levels() {
        let codes = catalogue.indicators(for: .school, levels: [.primary, .lowerSecondary], form: ReportForm.startOfYear).map(\.code)
        #expect(codes.contains("2105") && codes.contains("3105"))
        #expect(codes.firstIndex(of: "2105")! < codes.firstIndex(of: "3105")!)
    }

    @Test func the_catalogue_is_versioned_by_school_year() {
        // setup
        let y2023 = SchoolYear(startYear: 2023), y2024 = SchoolYear(startYear: 2024)
        // MUT
        let old = catalogue.edition(for: y2023)
        let new = catalogue.edition(for: y2024)
        // validate: 1107 and 1209 are new in TT 03/2024
        #expect(old["1107"] == nil && new["1107"] != nil)
        #expect(old["2105"] != nil)
        #expect(catalogue.indicator("1209", in: y2023) == nil)
        let mn2023 = catalogue.indicators(for: .school, levels: [.preschool], form: ReportForm.startOfYear, year: y2023).map(\.code)
        #expect(!mn2023.contains("1107") && mn2023.contains("1103"))
        #expect(!old.forms.flatMap(\.sections).flatMap(\.indicatorCodes).contains("1107"))
    }

    @Test func the_two_forms_and_their_periods() throws {
        // setup
        let year = SchoolYear(startYear: 2024)
        let start = try #require(catalogue.form(ReportForm.startOfYear))
        let end = try #require(catalogue.form(ReportForm.endOfYear))
        // MUT + validate
        #expect(start.period(year).code == "2024-2025/census")
        #expect(start.referenceDate(year) == Day(iso: "2024-09-30") && start.dueDate(year) == Day(iso: "2024-10-31"))
        #expect(end.period(year).code == "2024-2025/end")
        #expect(end.referenceDate(year) == Day(iso: "2025-05-31") && end.dueDate(year) == Day(iso: "2025-06-30"))
        #expect(start.sections(of: .primary).map(\.number) == ["I", "II", "III", "IV", "V", "VI", "VII"])
        #expect(end.sections(of: .primary).first?.indicatorCodes == ["8222", "8220", "8224", "8221"])
        let window = start.defaultWindow(year)
        #expect(window.isOpen(on: Day(iso: "2024-10-31")!) && !window.isOpen(on: Day(iso: "2024-11-01")!))
    }
}
