import Foundation
import NamHocDomain
import Testing

@Suite struct FiguresTests {
    var catalogue: IndicatorCatalogue { IndicatorCatalogueTests.catalogue }

    @Test func a_province_ratio_is_the_ratio_of_sums_not_the_mean_of_ratios() throws {
        // setup: a small commune school, 100 pupils in 2 classes (50/lớp), and a large one, 900 in 30 (30/lớp)
        let small = Figures(["2105": 100, "2102": 2])
        let large = Figures(["2105": 900, "2102": 30])
        let meanOfRatios = (try #require(small.value("2106b", in: catalogue)) + (try #require(large.value("2106b", in: catalogue)))) / 2
        // MUT
        let province = Figures.sum([small, large])
        let ratio = try #require(province.value("2106b", in: catalogue))
        // validate: 1.000 pupils / 32 classes = 31,25, shown 31,3; the mean of ratios would say 40
        #expect(province["2105"] == 1000 && province["2102"] == 32)
        #expect(ratio == 31.25)
        #expect(meanOfRatios == 40)
        #expect(province.roundedValue("2106b", in: catalogue) == 31.3)
    }

    @Test func ratio_is_nil_without_a_denominator() {
        #expect(Figures(["2105": 100, "2102": 0]).value("2106b", in: catalogue) == nil)
        #expect(Figures(["2105": 100]).value("2106b", in: catalogue) == nil)
        #expect(Figures(["2102": 4]).value("2106b", in: catalogue) == nil)
        #expect(Figures(["2105": 0, "2102": 4]).value("2106b", in: catalogue) == 0)
        #expect(Figures().value("9999", in: catalogue) == nil)
    }

    @Test func rates_read_breakdown_cells_and_population() throws {
        // setup: kindergarten children by age band, the commune's population of 3–5 year-olds
        let figures = try #require(Figures(codes: ["1205": 300, "1205.duoi_3t": 10, "1205.3_4t": 90, "1205.4_5t": 95,
                                                   "1205.5_6t": 100, "1205.tren_6t": 5, "9102": 300, "9103": 104,
                                                   "1203": 8, "1203.kien_co": 6]))
        // MUT + validate: (90 + 95 + 100) / 300 = 95 %; 100 / 104 = 96,15… %; 6 / 8 = 75 %
        #expect(figures.value("1206", in: catalogue) == 95)
        #expect(figures.roundedValue("1207", in: catalogue) == 96.2)
        #expect(figures.value("1209", in: catalogue) == 75)
    }

    @Test func the_cells_a_value_reads_are_enough_to_compute_it() throws {
        let figures = try #require(Figures(codes: ["1205": 300, "1205.duoi_3t": 10, "1205.3_4t": 90, "1205.4_5t": 95,
                                                   "1205.5_6t": 100, "1205.tren_6t": 5, "9102": 300, "2105": 1000, "2102": 32]))
        for code in ["1206", "2106b", "2105"] {
            // MUT
            let cells = catalogue.cellsRead(by: code)
            // validate: the figures narrowed to those cells give the same value; a count reads its total only
            let narrowed = Figures(figures.values.filter { cells.contains($0.key) })
            #expect(narrowed.value(code, in: catalogue) == figures.value(code, in: catalogue) && figures.value(code, in: catalogue) != nil, "\(code)")
        }
        #expect(catalogue.cellsRead(by: "2105") == [FigureKey("2105")])
        #expect(Set(catalogue.cellsRead(by: "1206")).isSuperset(of: [FigureKey("1205", "3_4t"), FigureKey("9102")]))
    }

    @Test func a_ratio_by_grade_uses_the_same_cell_of_both_operands() throws {
        let figures = try #require(Figures(codes: ["2105": 70, "2105.k1": 40, "2102": 2, "2102.k1": 1]))
        #expect(figures.value("2106b", "k1", in: catalogue) == 40)
        #expect(figures.value("2106b", "k2", in: catalogue) == nil)
        #expect(figures.value("1209", "k1", in: catalogue) == nil)
    }

    @Test func counts_sum_cell_by_cell_and_absent_stays_absent() {
        let a = Figures(["2105": 10, FigureKey("2105", "nu"): 4])
        let b = Figures(["2105": 20])
        let total = Figures.sum([a, b])
        #expect(total["2105"] == 30 && total["2105", "nu"] == 4 && total["2102"] == nil)
    }

    @Test func change_against_last_year() throws {
        // setup
        let now = Figures(["2105": 1350, "2102": 40])
        let before = Figures(["2105": 1000, "2102": 40])
        // MUT
        let pupils = try #require(now.change("2105", from: before, in: catalogue))
        let ratio = try #require(now.change("2106b", from: before, in: catalogue))
        // validate
        #expect(pupils.absolute == 350 && pupils.percent == 35)
        #expect(ratio.absolute == 8.75 && ratio.roundedPercent == 35)
        #expect(Change(current: 5, previous: 0).percent == nil)
        #expect(Change(current: 2, previous: 3).roundedPercent == -33.3)
        #expect(now.change("2103", from: before, in: catalogue) == nil)
    }

    @Test func rounding_is_half_away_from_zero() {
        #expect(StatisticsRounding.round(31.25, decimals: 1) == 31.3)
        #expect(StatisticsRounding.round(-31.25, decimals: 1) == -31.3)
        #expect(StatisticsRounding.round(2.675, decimals: 2) == 2.68)
        #expect(StatisticsRounding.round(0.5, decimals: 0) == 1)
    }

    @Test func vietnamese_number_text() {
        #expect(StatisticsText.number(1_234_567) == "1.234.567")
        #expect(StatisticsText.number(999) == "999")
        #expect(StatisticsText.number(31.25, decimals: 1) == "31,3")
        #expect(StatisticsText.number(2.2, decimals: 2) == "2,20")
        #expect(StatisticsText.number(-1500.5, decimals: 1) == "−1.500,5")
        #expect(StatisticsText.count(12.5) == "12,5")
        #expect(StatisticsText.value(95, of: catalogue["1206"]!) == "95,0%")
        #expect(StatisticsText.breakdown("k12") == "lớp 12" && StatisticsText.breakdown("nu") == "nữ")
    }

    @Test func figure_keys_parse_and_print() {
        #expect(FigureKey(parsing: "2105.k1") == FigureKey("2105", "k1"))
        #expect(FigureKey(parsing: "2105")?.description == "2105")
        #expect(FigureKey(parsing: "2105.") == nil && FigureKey(parsing: "2105.K1") == nil && FigureKey(parsing: "") == nil)
        #expect(("2105.k1" as FigureKey) == FigureKey("2105", "k1"))
        #expect(Figures(codes: ["2105.a.b": 1]) == nil)
    }
}
