import Foundation
import NamHocDomain
import Testing

@Suite struct ReportWorkflowTests {
    func go(_ status: ReportStatus, _ action: ReportAction, _ actor: ReportActor, explained: Bool = true,
            open: Bool = true, reason: String? = nil) -> Result<ReportStatus, WorkflowRefusal> {
        ReportWorkflow.transition(from: status, action,
                                  context: .init(actor: actor, warningsExplained: explained, windowOpen: open, reason: reason))
    }

    @Test func the_happy_path_school_to_commune() {
        // setup + MUT: the school officer saves and submits, the commune leader approves
        let saved = go(.draft, .save, .ownOfficer)
        let submitted = go(.draft, .submit, .ownOfficer)
        let approved = go(.submitted, .approve, .parentLeader)
        // validate
        #expect(saved == .success(.draft) && submitted == .success(.submitted) && approved == .success(.approved))
        #expect(go(.draft, .submit, .ownLeader) == .success(.submitted))
    }

    @Test func return_and_reopen_need_the_unit_above_and_a_reason() {
        #expect(go(.submitted, .return, .parentLeader, reason: "Số lớp 1 chưa khớp") == .success(.returned))
        #expect(go(.submitted, .return, .parentLeader, reason: "   ") == .failure(.reasonRequired(.return)))
        #expect(go(.submitted, .return, .parentLeader) == .failure(.reasonRequired(.return)))
        #expect(go(.approved, .reopen, .parentLeader, reason: "Sai số học sinh") == .success(.returned))
        #expect(go(.approved, .reopen, .parentLeader) == .failure(.reasonRequired(.reopen)))
        #expect(go(.approved, .reopen, .ownLeader, reason: "x") == .failure(.notPermitted(.reopen, .ownLeader)))
        #expect(go(.approved, .reopen, .other, reason: "x") == .failure(.notPermitted(.reopen, .other)))
        #expect(go(.submitted, .reopen, .parentLeader, reason: "x") == .failure(.wrongStatus(.reopen, .submitted)))
        #expect(go(.approved, .return, .parentLeader, reason: "x") == .failure(.wrongStatus(.return, .approved)))
    }

    @Test func a_returned_report_is_edited_and_resubmitted_even_after_the_window() {
        // corrected (it stays returned, so the closed window still lets it through), then submitted
        #expect(go(.returned, .save, .ownOfficer, open: false) == .success(.returned))
        #expect(go(.returned, .submit, .ownOfficer, open: false) == .success(.submitted))
        #expect(go(.draft, .save, .ownOfficer, open: false) == .failure(.windowClosed(.save)))
        #expect(go(.draft, .submit, .ownOfficer, open: false) == .failure(.windowClosed(.submit)))
    }

    @Test func nobody_approves_their_own_report() {
        for actor in [ReportActor.ownOfficer, .ownLeader, .other] {
            #expect(go(.submitted, .approve, actor) == .failure(.notPermitted(.approve, actor)), "\(actor)")
        }
        #expect(go(.submitted, .approve, .ownLeader).failureMessage
            == "Đơn vị không thể tự duyệt báo cáo của mình; việc này do lãnh đạo đơn vị cấp trên trực tiếp thực hiện.")
    }

    @Test func the_unit_above_enters_a_draft_on_the_units_behalf_but_never_submits_it() {
        for actor in [ReportActor.parentLeader, .unitAbove] {
            #expect(go(.draft, .save, actor) == .success(.draft), "\(actor)")
            #expect(go(.returned, .save, actor) == .success(.returned), "\(actor)")
            #expect(go(.submitted, .save, actor) == .failure(.wrongStatus(.save, .submitted)), "\(actor)")
            #expect(go(.draft, .submit, actor) == .failure(.notPermitted(.submit, actor)), "\(actor)")
        }
        #expect(go(.draft, .submit, .unitAbove).failureMessage == "Đơn vị cấp trên không nộp báo cáo thay đơn vị báo cáo.")
        #expect(go(.submitted, .approve, .unitAbove) == .failure(.notPermitted(.approve, .unitAbove)))
    }

    @Test func who_a_person_is_to_a_report_follows_the_path_upwards() {
        let school = UUID(), commune = UUID(), province = UUID(), other = UUID()
        let path = [school, commune, province]
        #expect(ReportActor(role: .officer, unitID: school, ancestry: path) == .ownOfficer)
        #expect(ReportActor(role: .leader, unitID: school, ancestry: path) == .ownLeader)
        #expect(ReportActor(role: .leader, unitID: commune, ancestry: path) == .parentLeader)
        #expect(ReportActor(role: .officer, unitID: commune, ancestry: path) == .unitAbove)
        #expect(ReportActor(role: .leader, unitID: province, ancestry: path) == .unitAbove)
        #expect(ReportActor(role: .viewer, unitID: commune, ancestry: path) == .other)
        #expect(ReportActor(role: .admin, unitID: other, ancestry: path) == .other)
    }

    @Test func others_do_not_enter_figures() {
        for action in [ReportAction.save, .submit] {
            #expect(go(.draft, action, .other) == .failure(.notPermitted(action, .other)))
        }
        #expect(go(.draft, .save, .other).failureMessage == "Bạn không có quyền lưu báo cáo này.")
    }

    @Test func submitting_needs_every_warning_explained() {
        #expect(go(.draft, .submit, .ownOfficer, explained: false) == .failure(.warningsUnexplained))
        #expect(go(.draft, .save, .ownOfficer, explained: false) == .success(.draft))
    }

    @Test func statuses_that_do_not_allow_an_action() {
        #expect(go(.submitted, .save, .ownOfficer) == .failure(.wrongStatus(.save, .submitted)))
        #expect(go(.approved, .submit, .ownOfficer) == .failure(.wrongStatus(.submit, .approved)))
        #expect(go(.draft, .approve, .parentLeader) == .failure(.wrongStatus(.approve, .draft)))
        #expect(go(.approved, .approve, .parentLeader) == .failure(.wrongStatus(.approve, .approved)))
        #expect(go(.submitted, .save, .ownOfficer).failureMessage == "Không thể lưu báo cáo đang ở trạng thái “Đã nộp”.")
    }

    @Test func what_counts_in_the_roll_up() {
        #expect(ReportStatus.allCases.filter(\.countsInRollUp) == [.submitted, .approved])
        #expect(ReportStatus.allCases.filter(\.isEditable) == [.draft, .returned])
    }

    @Test func an_approved_report_locks_when_the_period_closes() {
        // setup
        let year = SchoolYear(startYear: 2024)
        let window = ReportingWindow(form: ReportForm.startOfYear, year: year, opens: Day(iso: "2024-09-30")!,
                                     closes: Day(iso: "2024-11-15")!, due: Day(iso: "2024-10-31")!)
        // MUT + validate
        #expect(!ReportStatus.approved.isLocked(window: window, today: Day(iso: "2024-11-15")!))
        #expect(ReportStatus.approved.isLocked(window: window, today: Day(iso: "2024-11-16")!))
        #expect(!ReportStatus.submitted.isLocked(window: window, today: Day(iso: "2024-11-16")!))
        #expect(!window.isOpen(on: Day(iso: "2024-09-29")!) && window.isOpen(on: Day(iso: "2024-09-30")!))
        // A locked report can still be reopened by the unit above.
        #expect(go(.approved, .reopen, .parentLeader, open: false, reason: "Điều chỉnh sau kiểm tra") == .success(.returned))
    }
}

extension Result where Failure == WorkflowRefusal {
    var failureMessage: String? {
        if case let .failure(refusal) = self { return refusal.messageVI }
        return nil
    }
}

@Suite struct CompletenessTests {
    let due = Day(iso: "2024-10-31")!

    @Test func counts_and_late_units_after_the_due_date() {
        // setup: six schools of a commune
        let children = [
            Completeness.Child(code: "T1", status: .approved, submittedOn: Day(iso: "2024-10-20")),
            Completeness.Child(code: "T2", status: .submitted, submittedOn: Day(iso: "2024-11-02")),
            Completeness.Child(code: "T3", status: .draft),
            Completeness.Child(code: "T4", status: .returned, submittedOn: Day(iso: "2024-10-25")),
            Completeness.Child(code: "T5", status: nil),
            Completeness.Child(code: "T6", status: .submitted, submittedOn: Day(iso: "2024-10-31")),
        ]
        // MUT
        let result = Completeness(children: children, due: due, today: Day(iso: "2024-11-05")!)
        // validate
        #expect(result.expected == 6 && result.submitted == 3 && result.approved == 1)
        #expect(result.missing == ["T3", "T4", "T5"])
        #expect(result.late == ["T2", "T3", "T4", "T5"])
    }

    @Test func nobody_is_late_on_the_due_date() {
        let children = [Completeness.Child(code: "T1", status: nil), Completeness.Child(code: "T2", status: .draft)]
        let onDue = Completeness(children: children, due: due, today: due)
        #expect(onDue.missing == ["T1", "T2"] && onDue.late.isEmpty)
        #expect(Completeness(children: children, due: due, today: due.next).late == ["T1", "T2"])
        #expect(Completeness(children: [], due: due, today: due).expected == 0)
    }
}
