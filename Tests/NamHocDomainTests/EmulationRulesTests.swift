import Foundation
import NamHocDomain
import Testing

/// Each rule of every shipped rule set on passing and failing cases, without a database: thresholds met
/// exactly, gap years, years already rewarded, chains crossing 01/01/2024, caps with their rounding.
@Suite struct EmulationRulesTests {
    static let book: RuleBook = try! RuleBook.bundled()
    let y2223 = SchoolYear("2022-2023")!, y2324 = SchoolYear("2023-2024")!, y2425 = SchoolYear("2024-2025")!
    let y2526 = SchoolYear("2025-2026")!, y2627 = SchoolYear("2026-2027")!

    func judge(_ award: Award, _ year: SchoolYear, _ person: PersonRecord, set: String? = nil) -> Verdict {
        let ruleSet = set.flatMap { Self.book[$0] } ?? Self.book.inForce(for: year)!
        return Eligibility(ruleSet: ruleSet).judge(award, year: year, candidate: .person(person))
    }

    func judge(_ award: Award, _ year: SchoolYear, _ unit: CollectiveRecord, cap: CapContext? = nil) -> Verdict {
        Eligibility(ruleSet: Self.book.inForce(for: year)!).judge(award, year: year, candidate: .collective(unit), cap: cap)
    }

    func failing(_ verdict: Verdict) -> Set<String> { Set(verdict.failed.map(\.rule)) }

    func ratings(_ pairs: (SchoolYear, Rating)...) -> [SchoolYear: Rating] { Dictionary(uniqueKeysWithValues: pairs) }

    // MARK: - The book

    @Test func the_year_picks_the_set_in_force_on_the_day_it_is_considered() {
        #expect(Self.book.inForce(for: y2324)?.id == "nd98-2023", "31/05/2024")
        #expect(Self.book.inForce(for: y2425)?.id == "nd98-2023", "31/05/2025: NĐ 152 comes into force 01/07/2025")
        #expect(Self.book.inForce(for: y2526)?.id == "nd152-2025")
        #expect(Self.book.inForce(for: y2627)?.id == "luat-2026")
        #expect(Self.book.inForce(for: y2223) == nil, "the 2003 law is not shipped: its titles count in chains only")
    }

    @Test func every_rule_cites_an_article_and_every_set_names_every_award() throws {
        for set in Self.book.sets {
            #expect(Set(set.awards.map(\.award)) == Set(Award.allCases), "\(set.id)")
            for award in set.awards {
                for rule in award.rules {
                    #expect(!rule.article.isEmpty && !rule.text.isEmpty, "\(set.id) \(rule.id)")
                    #expect(rule.text == rule.text.precomposedStringWithCanonicalMapping, "NFC: \(rule.id)")
                }
            }
            #expect(!set.unconfirmed.isEmpty, "\(set.id): the [verify] facts are shown as unconfirmed")
        }
        let ids = Self.book.sets.flatMap { $0.awards.flatMap { $0.rules.map(\.id) } }
        #expect(Set(ids).count == Set(ids).count)
    }

    @Test func a_rule_set_round_trips_through_its_json_and_bad_files_say_where() throws {
        let set = try #require(Self.book["nd98-2023"])
        let data = try JSONEncoder().encode(set)
        #expect(try RuleSet.parse(data, file: "x.json") == set)
        let broken = Data(#"{"id":"x","name":"x","basis":"x","from":"2024-01-01","awards":[{"award":"LDTT","awardedBy":"x","article":"x","rules":[{"id":"r","text":"t","article":"a","confirmed":true,"condition":{"kind":"sometimes"}}]}]}"#.utf8)
        #expect(throws: EmulationDataError.self) { try RuleSet.parse(broken, file: "x.json") }
        do { _ = try RuleSet.parse(broken, file: "x.json") } catch { #expect("\(error)".contains("sometimes")) }
        let backwards = Data(#"{"id":"x","name":"x","basis":"x","from":"2025-01-01","to":"2024-01-01","awards":[]}"#.utf8)
        #expect(throws: EmulationDataError.self) { try RuleSet.parse(backwards, file: "y.json") }
    }

    /// Every award of every shipped set, on a passing and a failing case in a year the set governs.
    @Test(arguments: ["nd98-2023", "nd152-2025", "luat-2026"])
    func every_award_of_every_set_passes_and_fails(set id: String) throws {
        let set = try #require(Self.book[id])
        let now = try #require([y2425, y2526, y2627].first { Self.book.inForce(for: $0)?.id == id })
        func back(_ n: Int) -> SchoolYear { SchoolYear(startYear: now.startYear - n) }
        let engine = Eligibility(ruleSet: set)
        func person(_ award: Award, _ record: PersonRecord) -> Bool { engine.judge(award, year: now, candidate: .person(record)).eligible }
        func unit(_ award: Award, _ record: CollectiveRecord, cap: CapContext? = nil) -> Bool {
            engine.judge(award, year: now, candidate: .collective(record), cap: cap).eligible
        }
        let initiative = Work(id: "SK", year: now)
        #expect(person(.ldtt, PersonRecord(ratings: [now: .httnv])) && !person(.ldtt, PersonRecord(ratings: [now: .htnv])))
        #expect(person(.cstdcs, PersonRecord(ratings: [now: .htxsnv], initiatives: [initiative])))
        #expect(!person(.cstdcs, PersonRecord(ratings: [now: .httnv])))
        let chain = PersonRecord(ratings: [now: .htxsnv], titles: cstdcs(back(2), back(1), now),
                                 initiatives: [Work(id: "SK-T", year: back(1), scope: .province)])
        #expect(person(.cstdBo, chain))
        var gap = chain; gap.titles.remove(at: 1)
        #expect(!person(.cstdBo, gap))
        let twoPeriods = PersonRecord(ratings: [now: .htxsnv],
                                      titles: [AwardRecord(year: back(3), title: .cstdBo), AwardRecord(year: now, title: .cstdBo)],
                                      initiatives: [Work(id: "SK-N", year: back(4), scope: .national)])
        #expect(person(.cstdToanQuoc, twoPeriods))
        var onePeriod = twoPeriods; onePeriod.titles.removeFirst()
        #expect(!person(.cstdToanQuoc, onePeriod))
        let bk = PersonRecord(ratings: [back(1): .htxsnv, now: .htxsnv], initiatives: [Work(id: "A", year: back(1)), Work(id: "B", year: now)])
        #expect(person(.bangKhenBo, bk))
        var bkMixed = bk; bkMixed.initiatives[0].kind = .research
        #expect(!person(.bangKhenBo, bkMixed))
        var ttg = PersonRecord(titles: [AwardRecord(year: back(5), title: .bangKhenBo)] + cstdcs(back(2), back(1)) + [AwardRecord(year: now, title: .cstdcs)])
        for n in 0...4 { ttg.ratings[back(n)] = .httnv }
        #expect(person(.bangKhenThuTuong, ttg))
        ttg.ratings[back(4)] = .htnv
        #expect(!person(.bangKhenThuTuong, ttg))
        #expect(unit(.ttldtt, CollectiveRecord(rating: .httnv, members: 10, ldtt: 7)))
        #expect(!unit(.ttldtt, CollectiveRecord(rating: .httnv, members: 10, ldtt: 6)))
        #expect(unit(.ttldxs, CollectiveRecord(rating: .htxsnv, members: 10, ldtt: 7, cstdcs: 1)))
        #expect(!unit(.ttldxs, CollectiveRecord(rating: .htxsnv, members: 10, ldtt: 7, cstdcs: 1, khtnv: 1)))
        #expect(unit(.coBo, CollectiveRecord(rating: .htxsnv, members: 10, leadsCluster: true)))
        #expect(!unit(.coBo, CollectiveRecord(rating: .htxsnv, members: 10)))
        let leader = CollectiveRecord(rating: .htxsnv, members: 10, leadsCluster: true)
        #expect(unit(.coChinhPhu, leader, cap: CapContext(base: 5, alreadyProposed: 0)))
        #expect(!unit(.coChinhPhu, leader, cap: CapContext(base: 4, alreadyProposed: 0)), "20 % of 4 is 0,8: none")
        #expect(person(.kyNiemChuong, PersonRecord(sectorYears: 20)) && !person(.kyNiemChuong, PersonRecord(sectorYears: 14)))
    }

    // MARK: - Lao động tiên tiến

    @Test func ldtt_needs_httnv_emulation_and_six_months_in_service() {
        let good = PersonRecord(ratings: ratings((y2425, .httnv)))
        #expect(judge(.ldtt, y2425, good).eligible)
        #expect(failing(judge(.ldtt, y2425, PersonRecord(ratings: ratings((y2425, .htnv))))) == ["ldtt-rating"])
        #expect(failing(judge(.ldtt, y2425, PersonRecord())) == ["ldtt-rating"], "no rating: not admitted silently")
        var idle = good; idle.joinedEmulation = false
        #expect(failing(judge(.ldtt, y2425, idle)) == ["ldtt-emulation"])
        // Considered 31/05/2025: recruited 30/11/2024 is exactly six months, 01/12/2024 is not.
        var exact = good; exact.recruitedOn = Day(iso: "2024-11-30")
        #expect(judge(.ldtt, y2425, exact).eligible)
        var late = good; late.recruitedOn = Day(iso: "2024-12-01")
        #expect(failing(judge(.ldtt, y2425, late)) == ["ldtt-recruited"])
    }

    @Test func discipline_and_a_pending_review_block_any_individual_award() {
        var person = PersonRecord(ratings: ratings((y2425, .httnv)))
        person.disciplines = [Discipline(year: y2425, form: .reprimand, endsOn: Day(iso: "2025-03-01"))]
        #expect(failing(judge(.ldtt, y2425, person)) == ["ldtt-no-discipline"])
        person.disciplines = [Discipline(year: y2324, form: .warning, endsOn: Day(iso: "2025-06-30"))]
        #expect(failing(judge(.ldtt, y2425, person)) == ["ldtt-no-discipline"], "still in force on 31/05/2025")
        person.disciplines = [Discipline(year: y2324, form: .reprimand, endsOn: Day(iso: "2024-08-31"))]
        #expect(judge(.ldtt, y2425, person).eligible, "ended before the year")
        person.pendingReview = true
        #expect(failing(judge(.ldtt, y2425, person)) == ["ldtt-no-review"])
    }

    // MARK: - Chiến sĩ thi đua cơ sở

    @Test func cstdcs_is_ldtt_and_one_of_htxsnv_an_initiative_or_research() {
        #expect(judge(.cstdcs, y2425, PersonRecord(ratings: ratings((y2425, .htxsnv)))).eligible)
        let initiative = PersonRecord(ratings: ratings((y2425, .httnv)), initiatives: [Work(id: "SK1", year: y2425)])
        #expect(judge(.cstdcs, y2425, initiative).eligible, "an initiative without HTXSNV is enough under Luật 2022 Đ23")
        let research = PersonRecord(ratings: ratings((y2425, .httnv)), initiatives: [Work(id: "ĐT1", year: y2425, kind: .research)])
        #expect(judge(.cstdcs, y2425, research).eligible)
        let neither = PersonRecord(ratings: ratings((y2425, .httnv)), initiatives: [Work(id: "SK0", year: y2324)])
        #expect(failing(judge(.cstdcs, y2425, neither)) == ["cstdcs-achievement"], "last year's initiative does not count")
        let notLdtt = PersonRecord(ratings: ratings((y2425, .htnv)), initiatives: [Work(id: "SK1", year: y2425)])
        let verdict = judge(.cstdcs, y2425, notLdtt)
        #expect(failing(verdict) == ["cstdcs-ldtt"])
        #expect(verdict.checks.first { $0.rule == "cstdcs-ldtt" }?.parts.contains { $0.rule == "ldtt-rating" && !$0.passed } == true,
                "the LĐTT rules it failed are shown")
    }

    @Test func the_2026_amending_law_needs_htxsnv_and_an_initiative() {
        let htxsnvOnly = PersonRecord(ratings: ratings((y2627, .htxsnv)))
        #expect(failing(judge(.cstdcs, y2627, htxsnvOnly)) == ["cstdcs-achievement"])
        let both = PersonRecord(ratings: ratings((y2627, .htxsnv)), initiatives: [Work(id: "SK1", year: y2627)])
        #expect(judge(.cstdcs, y2627, both).eligible)
        #expect(judge(.cstdcs, y2627, both).restsOnUnconfirmed)
        #expect(judge(.cstdcs, y2526, htxsnvOnly.shifted(to: y2526)).eligible, "2025-2026 is still under the 2022 criteria")
    }

    // MARK: - Chiến sĩ thi đua cấp bộ, tỉnh and toàn quốc

    func cstdcs(_ years: SchoolYear..., decision: String = "QĐ") -> [AwardRecord] {
        years.map { AwardRecord(year: $0, title: .cstdcs, decision: "\($0.startYear)/\(decision)") }
    }

    @Test func cstd_bo_needs_three_consecutive_cstdcs_across_the_2024_reform_and_a_provincial_initiative() {
        // 2022-2023 was given under the 2003 law: it counts (Luật 2022 Đ95).
        let person = PersonRecord(ratings: ratings((y2425, .htxsnv)), titles: cstdcs(y2223, y2324, y2425),
                                  initiatives: [Work(id: "SK-T", year: y2324, scope: .province)])
        let verdict = judge(.cstdBo, y2425, person)
        #expect(verdict.eligible)
        #expect(verdict.checks[0].facts.contains { $0.contains("2022/QĐ") }, "the decisions used are cited")
        var baseOnly = person; baseOnly.initiatives = [Work(id: "SK-C", year: y2324, scope: .base)]
        #expect(failing(judge(.cstdBo, y2425, baseOnly)) == ["cstdbo-chain"])
        var gap = person; gap.titles = cstdcs(SchoolYear("2021-2022")!, y2324, y2425)
        #expect(failing(judge(.cstdBo, y2425, gap)) == ["cstdbo-chain"], "a gap year breaks the chain")
        // This year's CSTĐCS may be proposed together: it is judged under its own rules.
        var proposedTogether = person; proposedTogether.titles = cstdcs(y2223, y2324)
        #expect(judge(.cstdBo, y2425, proposedTogether).eligible)
        proposedTogether.ratings[y2425] = .htnv
        #expect(!judge(.cstdBo, y2425, proposedTogether).eligible)
    }

    @Test func years_already_rewarded_do_not_serve_again() {
        var person = PersonRecord(ratings: ratings((y2526, .htxsnv)),
                                  titles: cstdcs(SchoolYear("2020-2021")!, SchoolYear("2021-2022")!, y2223, y2324, y2425, y2526),
                                  initiatives: [Work(id: "SK-T", year: y2425, scope: .province)])
        person.titles.append(AwardRecord(year: y2324, title: .cstdBo, decision: "99/QĐ-UBND", periodFrom: SchoolYear("2021-2022"), periodTo: y2324))
        let verdict = judge(.cstdBo, y2526, person)
        #expect(failing(verdict) == ["cstdbo-chain"], "only 2024-2025 and 2025-2026 are new")
        #expect(verdict.checks[0].facts.contains { $0.contains("99/QĐ-UBND") })
        let nextYear = SchoolYear("2026-2027")!
        person.titles += cstdcs(nextYear); person.ratings[nextYear] = .htxsnv
        #expect(judge(.cstdBo, nextYear, person).eligible, "three new years")
    }

    @Test func cstd_toan_quoc_counts_consecutive_periods_not_years() {
        let first = AwardRecord(year: SchoolYear("2020-2021")!, title: .cstdBo, decision: "1/QĐ")
        let second = AwardRecord(year: y2324, title: .cstdBo, decision: "2/QĐ")
        let person = PersonRecord(ratings: ratings((y2324, .htxsnv)), titles: [first, second],
                                  initiatives: [Work(id: "SK-N", year: y2223, scope: .national)])
        #expect(judge(.cstdToanQuoc, y2324, person).eligible, "2018-2021 and 2021-2024 are back to back (cycle 3)")
        var apart = person; apart.titles[0] = AwardRecord(year: SchoolYear("2019-2020")!, title: .cstdBo)
        #expect(failing(judge(.cstdToanQuoc, y2324, apart)) == ["cstdtq-chain"], "2020-2021 holds no award")
        var provincial = person; provincial.initiatives[0].scope = .province
        #expect(failing(judge(.cstdToanQuoc, y2324, provincial)) == ["cstdtq-chain"])
    }

    // MARK: - Bằng khen

    @Test func bang_khen_needs_two_initiatives_of_one_kind_not_used_for_a_cstdcs() {
        let works = [Work(id: "SK1", year: y2324), Work(id: "SK2", year: y2425)]
        let chain = PersonRecord(ratings: ratings((y2324, .httnv), (y2425, .httnv)), titles: cstdcs(y2324, y2425), initiatives: works)
        #expect(judge(.bangKhenBo, y2425, chain).eligible)
        var mixed = chain; mixed.initiatives[1].kind = .research
        #expect(failing(judge(.bangKhenBo, y2425, mixed)) == ["bkbo-chain"], "one initiative and one topic is not enough")
        var used = chain; used.titles[1].initiatives = ["SK2"]
        let verdict = judge(.bangKhenBo, y2425, used)
        #expect(failing(verdict) == ["bkbo-chain"])
        #expect(verdict.checks[0].parts.flatMap(\.facts).contains { $0.contains("SK2") && $0.contains("đã dùng") })
        // This year's CSTĐCS, proposed together and resting on SK2 (rated HTTNV), uses SK2 up.
        var together = chain; together.titles.removeLast()
        #expect(failing(judge(.bangKhenBo, y2425, together)) == ["bkbo-chain"])
        together.initiatives.append(Work(id: "SK3", year: y2324))
        #expect(judge(.bangKhenBo, y2425, together).eligible, "SK1 and SK3 remain")
        let htxsnv = PersonRecord(ratings: ratings((y2324, .htxsnv), (y2425, .htxsnv)), initiatives: works)
        #expect(judge(.bangKhenBo, y2425, htxsnv).eligible, "two consecutive HTXSNV years are the other road")
        var broken = htxsnv; broken.ratings[y2324] = .httnv
        #expect(!judge(.bangKhenBo, y2425, broken).eligible)
    }

    @Test func bang_khen_thu_tuong_counts_five_years_after_a_prior_bang_khen_with_three_cstdcs() {
        let bk = AwardRecord(year: SchoolYear("2019-2020")!, title: .bangKhenBo, decision: "5/QĐ-BGDĐT")
        var person = PersonRecord(titles: [bk] + cstdcs(y2223, y2324, y2425))
        for start in 2020...2024 { person.ratings[SchoolYear(startYear: start)] = .httnv }
        #expect(judge(.bangKhenThuTuong, y2425, person).eligible, "2020-2021 … 2024-2025: five years")
        var four = person; four.ratings[SchoolYear("2020-2021")!] = .htnv
        #expect(failing(judge(.bangKhenThuTuong, y2425, four)) == ["bkttg-after"])
        var twoTitles = person; twoTitles.titles.removeLast()
        twoTitles.ratings[y2425] = .httnv
        #expect(failing(judge(.bangKhenThuTuong, y2425, twoTitles)) == ["bkttg-after"])
        #expect(failing(judge(.bangKhenThuTuong, y2425, PersonRecord(ratings: person.ratings))) == ["bkttg-after"], "no prior Bằng khen")
    }

    // MARK: - Collectives

    @Test func ttldtt_needs_seventy_percent_rounded_up() {
        let unit = CollectiveRecord(rating: .httnv, members: 10, ldtt: 7)
        #expect(judge(.ttldtt, y2425, unit).eligible, "7 of 10 is 70 %")
        #expect(failing(judge(.ttldtt, y2425, CollectiveRecord(rating: .httnv, members: 10, ldtt: 6))) == ["ttldtt-share"])
        #expect(failing(judge(.ttldtt, y2425, CollectiveRecord(rating: .httnv, members: 9, ldtt: 6))) == ["ttldtt-share"], "70 % of 9 is 6,3: 7 needed")
        #expect(judge(.ttldtt, y2425, CollectiveRecord(rating: .httnv, members: 9, ldtt: 7)).eligible)
        #expect(failing(judge(.ttldtt, y2425, CollectiveRecord(rating: .httnv, members: 10, ldtt: 8, warningOrAbove: 1))) == ["ttldtt-discipline"])
        #expect(failing(judge(.ttldtt, y2425, CollectiveRecord(rating: .htnv, members: 10, ldtt: 8, unity: false))) == ["ttldtt-rating", "ttldtt-unity"])
        #expect(failing(judge(.ttldtt, y2425, CollectiveRecord(rating: .httnv, members: 0))) == ["ttldtt-share"])
    }

    @Test func ttldxs_needs_htxsnv_nobody_failing_seventy_percent_ldtt_and_a_cstdcs() {
        let unit = CollectiveRecord(rating: .htxsnv, members: 40, ldtt: 28, cstdcs: 1)
        #expect(judge(.ttldxs, y2425, unit).eligible)
        var failingMember = unit; failingMember.khtnv = 1
        #expect(failing(judge(.ttldxs, y2425, failingMember)) == ["ttldxs-all-complete"])
        var noCstdcs = unit; noCstdcs.cstdcs = 0
        #expect(failing(judge(.ttldxs, y2425, noCstdcs)) == ["ttldxs-cstdcs"])
        var good = unit; good.rating = .httnv; good.ldtt = 27
        #expect(failing(judge(.ttldxs, y2425, good)) == ["ttldxs-rating", "ttldxs-share"])
        #expect(!judge(.ttldxs, y2425, PersonRecord(ratings: ratings((y2425, .htxsnv)))).eligible, "a person cannot hold it")
    }

    @Test func flags_need_the_cluster_lead_and_the_government_flag_its_cap_rounded_down() {
        let leader = CollectiveRecord(rating: .htxsnv, members: 50, leadsCluster: true)
        #expect(judge(.coBo, y2425, leader).eligible)
        var follower = leader; follower.leadsCluster = false
        #expect(failing(judge(.coBo, y2425, follower)) == ["cobo-lead"])
        // 20 % of 12 cluster leaders is 2,4: two flags.
        #expect(judge(.coChinhPhu, y2425, leader, cap: CapContext(base: 12, alreadyProposed: 1)).eligible)
        let full = judge(.coChinhPhu, y2425, leader, cap: CapContext(base: 12, alreadyProposed: 2))
        #expect(failing(full) == ["cocp-cap"])
        #expect(full.checks.first { $0.rule == "cocp-cap" }?.facts.first?.contains("= 2 (làm tròn xuống); đã đề nghị 2") == true)
        #expect(failing(judge(.coChinhPhu, y2425, leader)) == ["cocp-cap"], "no base given: not admitted silently")
    }

    @Test func ky_niem_chuong_is_twenty_years_or_fifteen_with_five_in_hard_areas_and_once() {
        #expect(judge(.kyNiemChuong, y2425, PersonRecord(sectorYears: 20)).eligible)
        #expect(failing(judge(.kyNiemChuong, y2425, PersonRecord(sectorYears: 19))) == ["knc-service"])
        #expect(judge(.kyNiemChuong, y2425, PersonRecord(sectorYears: 15, disadvantagedYears: 5)).eligible)
        #expect(failing(judge(.kyNiemChuong, y2425, PersonRecord(sectorYears: 15, disadvantagedYears: 4))) == ["knc-service"])
        let disciplined = PersonRecord(disciplines: [Discipline(year: SchoolYear("2016-2017")!, form: .reprimand)], sectorYears: 20)
        #expect(failing(judge(.kyNiemChuong, y2425, disciplined)) == ["knc-service"], "the year under discipline is not counted")
        let again = PersonRecord(titles: [AwardRecord(year: y2223, title: .kyNiemChuong)], sectorYears: 30)
        #expect(failing(judge(.kyNiemChuong, y2425, again)) == ["knc-once"])
    }

    @Test func rounding_is_exact_at_the_boundary() {
        #expect(Rounding.ceil.apply(percent: 70, of: 10) == 7)
        #expect(Rounding.ceil.apply(percent: 70, of: 9) == 7)
        #expect(Rounding.floor.apply(percent: 20, of: 12) == 2)
        #expect(Rounding.floor.apply(percent: 20, of: 10) == 2)
        #expect(Rounding.floor.apply(percent: 25, of: 3) == 0)
    }
}

extension PersonRecord {
    /// The same record with its ratings moved to another year (for comparing two rule sets).
    func shifted(to year: SchoolYear) -> PersonRecord {
        var copy = self
        copy.ratings = Dictionary(uniqueKeysWithValues: ratings.map { (year, $0.value) })
        return copy
    }
}
