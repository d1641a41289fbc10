import Foundation
import NamHocDomain
import Testing

/// A cluster's scoring without a database: arithmetic with bonus and penalty, evidence, computed criteria,
/// the stage order, ranking with declared tie-breaks, and who may do what.
@Suite struct ClusterRulesTests {
    static let table = CriteriaTable(name: "Bảng điểm", criteria: [
        Criterion(id: "A1", name: "Nhiệm vụ trọng tâm", maxPoints: 50, group: "A", evidenceRequired: true),
        Criterion(id: "A2", name: "Chỉ tiêu đăng ký đạt", maxPoints: 30, group: "A", computed: .targetsMet),
        Criterion(id: "B1", name: "Báo cáo đúng hạn", maxPoints: 20, group: "B"),
        Criterion(id: "C1", name: "Thành tích đột xuất", maxPoints: 5, kind: .bonus),
        Criterion(id: "D1", name: "Báo cáo chậm", maxPoints: 10, kind: .penalty),
    ], tieBreaks: [.group("A"), .votes])

    @Test func a_total_adds_regular_and_bonus_points_and_takes_penalties_off() {
        let t = Self.table
        #expect(t.maximum == 100)
        #expect(t.total(["A1": 45, "A2": 30, "B1": 18]) == 93)
        #expect(t.total(["A1": 45, "A2": 30, "B1": 18, "C1": 5, "D1": 2]) == 96)
        #expect(t.total(["A1": 50, "A2": 30, "B1": 20, "C1": 5]) == 105, "bonus may pass the table's 100")
        #expect(t.total(["A1": 45, "A2": 30, "B1": 18], group: "A") == 75)
    }

    @Test func a_sheet_out_of_range_without_evidence_or_with_unknown_criteria_is_refused() {
        let t = Self.table
        #expect(t.faults(["A1": 45], evidence: ["A1": "Báo cáo tổng kết số 12"], stage: .selfScore).isEmpty)
        #expect(t.faults(["A1": 45], evidence: [:], stage: .selfScore).count == 1, "self-score needs evidence")
        #expect(t.faults(["A1": 45], evidence: [:], stage: .cross).isEmpty, "cross-scorers need none of their own")
        #expect(t.faults(["A1": 50.5], evidence: ["A1": "x"], stage: .cross).first?.contains("phải từ 0 đến 50") == true)
        #expect(t.faults(["B1": -1, "Z9": 3, "C1": .nan], evidence: [:], stage: .final).count == 3)
    }

    @Test func computed_criteria_follow_what_was_met_and_nothing_to_meet_gives_nothing() {
        #expect(CriteriaTable.computed(met: 3, of: 4, maxPoints: 30) == 22.5)
        #expect(CriteriaTable.computed(met: 4, of: 4, maxPoints: 30) == 30)
        #expect(CriteriaTable.computed(met: 0, of: 0, maxPoints: 30) == 0)
        #expect(CriteriaTable.computed(met: 1, of: 3, maxPoints: 10) == 3.33)
    }

    @Test func stages_go_self_then_cross_then_final() {
        #expect(ScoreStage.refusal(of: .selfScore, done: []) == nil)
        #expect(ScoreStage.refusal(of: .cross, done: []) != nil)
        #expect(ScoreStage.refusal(of: .cross, done: [.selfScore]) == nil)
        #expect(ScoreStage.refusal(of: .final, done: [.selfScore]) != nil)
        #expect(ScoreStage.refusal(of: .final, done: [.selfScore, .cross]) == nil)
        #expect(ScoreStage.refusal(of: .selfScore, done: [.selfScore, .cross]) != nil, "no self-score after the cross-score")
        #expect(ScoreStage.refusal(of: .cross, done: [.selfScore, .cross, .final]) != nil)
    }

    @Test func ties_are_broken_as_declared_and_what_stays_equal_shares_a_rank() {
        let rows = Ranking.rank([
            .init(member: "S31", total: 95, groups: ["A": 70], votes: 3),
            .init(member: "S01", total: 97, groups: ["A": 75], votes: 2),
            .init(member: "S79", total: 95, groups: ["A": 72], votes: 1),
            .init(member: "S48", total: 90, groups: ["A": 70], votes: 4),
            .init(member: "S92", total: 90, groups: ["A": 70], votes: 4),
        ], tieBreaks: Self.table.tieBreaks)
        #expect(rows.map(\.entry.member) == ["S01", "S79", "S31", "S48", "S92"])
        #expect(rows.map(\.rank) == [1, 2, 3, 4, 4])
        #expect(rows[2].decidedBy == "điểm nhóm “A”", "S79 and S31 tie on 95: the key tasks decide")
        #expect(rows[3].tied && rows[4].tied && !rows[0].tied)
        let byVotes = Ranking.rank([.init(member: "X", total: 90, groups: ["A": 70], votes: 1),
                                    .init(member: "Y", total: 90, groups: ["A": 70], votes: 5)], tieBreaks: Self.table.tieBreaks)
        #expect(byVotes.map(\.entry.member) == ["Y", "X"] && byVotes[1].decidedBy == "số phiếu bình xét")
    }

    @Test func a_member_sees_its_cluster_acts_for_itself_only_and_only_the_organiser_finalises() {
        let bgd = UUID(), s01 = UUID(), s79 = UUID(), s02 = UUID(), school = UUID()
        let cluster = ClusterAccess.Cluster(organiserAncestry: [bgd], members: [s01, s79])
        func decide(_ action: ClusterAccess.Action, _ role: Role, _ unit: UUID) -> AccessDecision {
            ClusterAccess.decide(action, by: Actor(role: role, unitID: unit), in: cluster)
        }
        #expect(decide(.view, .viewer, s01) == .allowed)
        #expect(decide(.view, .leader, s02) == .hidden, "not a member: the cluster does not exist for it")
        #expect(decide(.view, .admin, school) == .hidden)
        #expect(decide(.register(member: s01), .officer, s01) == .allowed)
        #expect(decide(.register(member: s79), .officer, s01) == .forbidden, "not another member's registration")
        #expect(decide(.register(member: s01), .viewer, s01) == .forbidden)
        #expect(decide(.sign(member: s01), .officer, s01) == .forbidden, "the leader signs")
        #expect(decide(.sign(member: s01), .leader, s01) == .allowed)
        #expect(decide(.crossScore(scorer: s01, target: s79), .leader, s01) == .allowed)
        #expect(decide(.crossScore(scorer: s01, target: s01), .leader, s01) == .forbidden, "nobody cross-scores itself")
        #expect(decide(.organise, .leader, s01) == .forbidden, "a member does not finalise")
        #expect(decide(.organise, .officer, bgd) == .allowed)
        #expect(decide(.organise, .viewer, bgd) == .forbidden)
        #expect(decide(.selfScore(member: s01), .leader, bgd) == .forbidden, "the organiser does not self-score for a member")
    }

    @Test func a_criteria_table_is_data_and_refuses_nonsense() throws {
        let data = try JSONEncoder().encode(Self.table)
        #expect(try JSONDecoder().decode(CriteriaTable.self, from: data) == Self.table)
        let bad = Data(#"{"name":"x","criteria":[{"id":"A","name":"A","maxPoints":-5}],"tieBreaks":[]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CriteriaTable.self, from: bad) }
    }
}
