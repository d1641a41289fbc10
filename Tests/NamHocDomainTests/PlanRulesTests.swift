import Foundation
import NamHocDomain
import Testing

@Suite struct PlanRulesTests {
    let deadline = Day(year: 2026, month: 12, day: 10)!

    func status(_ reported: TaskStatus?, _ percent: Int?, today: Day, deadline: Day?) -> TaskStatus {
        TaskStanding.status(reported: reported, percent: percent, deadline: deadline, today: today)
    }

    @Test func the_clock_makes_an_unfinished_task_at_risk_then_overdue() {
        let far = Day(year: 2026, month: 11, day: 1)!, near = Day(year: 2026, month: 12, day: 1)!, after = Day(year: 2026, month: 12, day: 11)!
        #expect(status(nil, nil, today: far, deadline: deadline) == .notStarted)
        #expect(status(.inProgress, 20, today: far, deadline: deadline) == .inProgress)
        #expect(status(.inProgress, 20, today: near, deadline: deadline) == .atRisk, "9 days left at 20 %")
        #expect(status(.inProgress, 85, today: near, deadline: deadline) == .inProgress, "9 days left at 85 %")
        #expect(status(.inProgress, 85, today: deadline, deadline: deadline) == .inProgress, "the deadline day itself is not late")
        #expect(status(.inProgress, 99, today: after, deadline: deadline) == .overdue)
        #expect(status(nil, nil, today: after, deadline: deadline) == .overdue)
    }

    @Test func what_the_unit_reports_stands_where_the_clock_has_nothing_to_say() {
        let after = Day(year: 2027, month: 1, day: 5)!
        #expect(status(.done, 100, today: after, deadline: deadline) == .done)
        #expect(status(.cancelled, 0, today: after, deadline: deadline) == .cancelled)
        #expect(status(.atRisk, 90, today: Day(year: 2026, month: 9, day: 1)!, deadline: deadline) == .atRisk)
        #expect(status(.inProgress, 10, today: after, deadline: nil) == .inProgress, "no deadline, never overdue")
        #expect(TaskStanding.days(from: Day(year: 2024, month: 2, day: 28)!, to: Day(year: 2024, month: 3, day: 1)!) == 2)
    }

    @Test func reporting_cycles_cover_the_school_year() {
        let year = SchoolYear(startYear: 2026)
        #expect(ReportingCycle.month.periods(of: year).count == 12)
        #expect(ReportingCycle.quarter.periods(of: year).map(\.code) == ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"])
        #expect(ReportingCycle.semester.periods(of: year).map(\.code) == ["2026-2027/HK1", "2026-2027/HK2"])
        #expect(ReportingCycle.quarter.period(containing: Day(year: 2026, month: 12, day: 1)!, in: year)?.code == "2026-Q4")
        #expect(ReportingCycle.month.period(containing: Day(year: 2027, month: 3, day: 31)!, in: year)?.nameVI == "Tháng 3/2027")
    }

    @Test func an_upstream_edit_lists_the_fields_that_changed() {
        let old = TaskContent(title: "Chuyển đổi số", details: "Triển khai học bạ số", deadline: Day(year: 2027, month: 5, day: 31))
        var new = old
        new.deadline = Day(year: 2027, month: 4, day: 30)
        new.leadUnit = "Phòng Giáo dục Trung học"
        #expect(old.changes(to: old).isEmpty)
        #expect(old.changes(to: new) == [
            .init(field: "Thời hạn", before: "31/05/2027", after: "30/04/2027"),
            .init(field: "Đơn vị chủ trì", before: "", after: "Phòng Giáo dục Trung học"),
        ])
        #expect(TaskContent(title: "  ").problems() == ["Nhiệm vụ cần có tên."])
        #expect(TaskContent(title: String(repeating: "a", count: 501)).problems() == ["Tên nhiệm vụ dài quá 500 ký tự."])
    }

    @Test func a_target_is_linked_to_an_indicator_only_when_its_level_is_named() throws {
        let catalogue = try IndicatorCatalogue.load()
        func match(_ generic: String, _ words: String) -> String? {
            TargetIndicator.match(generic: generic, words: words, in: catalogue)?.code
        }
        #expect(match("NATSTD_SCHOOLS", "công nhận mới 30 trường tiểu học đạt chuẩn quốc gia") == "8202")
        #expect(match("SCHOOLS", "thành lập mới 2 trường tiểu học") == "2101")
        #expect(match("NATSTD_SCHOOLS", "130 trường chuẩn quốc gia") == nil, "no level named")
        #expect(match("SCHOOLS", "2.874 trường mầm non, phổ thông") == nil, "several levels")
        #expect(match("NATSTD_SCHOOLS", "30 trường Tiểu Học đạt chuẩn quốc gia") == "8202", "case and diacritics do not matter")
        #expect(match("UNKNOWN", "30 trường tiểu học") == nil)
    }

    @Test func a_progress_report_holds_together() throws {
        let quarter = try #require(Period(code: "2026-Q4")), today = Day(year: 2026, month: 12, day: 1)!
        #expect(ProgressRules.problems(status: .inProgress, percent: 40, period: quarter, today: today).isEmpty)
        #expect(ProgressRules.problems(status: .done, percent: 100, period: quarter, today: today).isEmpty)
        #expect(ProgressRules.problems(status: .done, percent: 90, period: quarter, today: today) == ["Nhiệm vụ hoàn thành thì tỷ lệ phải là 100 %."])
        #expect(ProgressRules.problems(status: .notStarted, percent: 20, period: quarter, today: today)
                == ["Nhiệm vụ chưa triển khai thì tỷ lệ hoàn thành là 0 %."])
        #expect(ProgressRules.problems(status: .inProgress, percent: 101, period: quarter, today: today) == ["Tỷ lệ hoàn thành phải từ 0 đến 100 %."])
        #expect(ProgressRules.problems(status: .inProgress, percent: 10, period: try #require(Period(code: "2027-Q1")), today: today)
                == ["Quý I/2027 chưa bắt đầu: chỉ báo cáo kỳ đã bắt đầu."])
        #expect(ProgressRules.problems(status: .overdue, percent: 10, period: quarter, today: today).count == 1)
    }
}
