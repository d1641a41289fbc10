import Foundation
import NamHocDomain
import Testing

/// The dashboard's domain rules, without a database: which indicators lead, how levels add up, and how
/// far a figure stands from its norm or target.
@Suite struct DashboardRulesTests {
    var catalogue: IndicatorCatalogue { IndicatorCatalogueTests.catalogue }
    var rules: [ValidationRule] { get throws { try ValidationRule.load(catalogue: catalogue) } }

    @Test func every_headline_code_is_in_the_catalogue_with_a_matching_kind() {
        for level in Headline.levels {
            for (measure, code) in level.codes {
                let indicator = catalogue[code]
                #expect(indicator != nil, "\(level.level) \(measure): \(code)")
                #expect(indicator?.levels.contains(level.level) == true, "\(code) is not of \(level.level)")
                #expect((indicator?.formula == nil) == measure.isCount, "\(code): a count measure needs a count indicator")
            }
        }
    }

    @Test func counts_add_up_across_levels_and_ratios_come_from_summed_parts() {
        let figures = Figures(["2105": 300, "2102": 10, "3105": 450, "3102": 10])
        #expect(Headline.total(.pupils, in: figures, catalogue: catalogue) == 750)
        #expect(Headline.total(.classes, in: figures, catalogue: catalogue) == 20)
        #expect(Headline.total(.teachers, in: figures, catalogue: catalogue) == nil, "no level has teachers: no figure, not 0")
        #expect(figures.value("2106b", in: catalogue) == 30 && figures.value("3107", in: catalogue) == 45)
    }

    @Test func a_cap_is_within_near_or_beyond() throws {
        let rules = try rules
        // CLS_MAX_TH: at most 35 pupils a primary class.
        #expect(try #require(NormDistance.judge(30, code: "2106b", rules: rules)).0 == .within)
        #expect(try #require(NormDistance.judge(32, code: "2106b", rules: rules)).0 == .near)
        #expect(try #require(NormDistance.judge(35, code: "2106b", rules: rules)).0 == .near)
        #expect(try #require(NormDistance.judge(35.1, code: "2106b", rules: rules)).0 == .beyond)
        #expect(NormDistance.judge(30, code: "2105", rules: rules) == nil, "a count has no norm")
    }

    @Test func a_band_is_judged_by_its_distance_from_the_norm_either_way() throws {
        let rules = try rules
        // TPC_THPT: 2,25 teachers a class ± 25 %.
        #expect(try #require(NormDistance.judge(2.25, code: "4108", rules: rules)).0 == .within)
        #expect(try #require(NormDistance.judge(2.25 * 1.2, code: "4108", rules: rules)).0 == .near)
        #expect(try #require(NormDistance.judge(2.25 * 0.8, code: "4108", rules: rules)).0 == .near)
        #expect(try #require(NormDistance.judge(2.25 * 0.7, code: "4108", rules: rules)).0 == .beyond)
        #expect(try #require(NormDistance.judge(2.25 * 1.3, code: "4108", rules: rules)).0 == .beyond)
    }

    @Test func a_target_is_reached_nearly_reached_or_not() {
        #expect(NormDistance.judge(60, target: 60) == .within)
        #expect(NormDistance.judge(55, target: 60) == .near)
        #expect(NormDistance.judge(50, target: 60) == .beyond)
    }
}
