import Foundation

/// Trạng thái báo cáo — where a unit's statistics report for one period stands.
///
/// draft (nháp) → submitted (đã nộp) → approved (đã duyệt, by a leader of the unit directly above).
/// The unit above may return a submitted report (trả lại, with a reason) or reopen an approved one (mở lại,
/// with a reason): both give `returned`, editable like a draft. An approved report of a closed period is
/// locked (đã khóa): `isLocked(window:today:)`; locking is derived, not stored.
public enum ReportStatus: String, CaseIterable, Codable, Sendable {
    case draft, submitted, approved, returned

    public var nameVI: String {
        switch self {
        case .draft: "Nháp"
        case .submitted: "Đã nộp"
        case .approved: "Đã duyệt"
        case .returned: "Bị trả lại"
        }
    }

    /// Whether the report's figures count in its unit's and every ancestor's totals: submitted and
    /// approved do; draft and returned do not.
    public var countsInRollUp: Bool { self == .submitted || self == .approved }

    /// Whether the reporting unit may change the figures.
    public var isEditable: Bool { self == .draft || self == .returned }

    /// Approved and the period closed: nobody edits; only the unit above can reopen it, with a reason.
    public func isLocked(window: ReportingWindow, today: Day) -> Bool {
        self == .approved && window.isClosed(on: today)
    }
}

/// What someone does to a report.
public enum ReportAction: String, CaseIterable, Codable, Sendable {
    /// Lưu: save the figures (as a draft).
    case save
    /// Nộp: submit to the unit above.
    case submit
    /// Duyệt: approve (the unit above's leader).
    case approve
    /// Trả lại: return a submitted report, with a reason (the unit above's leader).
    case `return`
    /// Mở lại: reopen an approved report, with a reason (the unit above's leader).
    case reopen
}

/// Who acts on a report, relative to the reporting unit. The app derives it from the user's role and
/// unit on today's tree (see `AccessPolicy`).
public enum ReportActor: String, CaseIterable, Codable, Sendable {
    /// Chuyên viên of the reporting unit itself.
    case ownOfficer
    /// Lãnh đạo of the reporting unit itself.
    case ownLeader
    /// Lãnh đạo of the unit directly above (the parent on today's tree).
    case parentLeader
    /// An officer, leader or administrator of a unit further up, or an officer of the unit directly
    /// above: may enter a draft on the unit's behalf (nhập hộ), nothing more.
    case unitAbove
    /// Anyone else: a viewer, a sibling.
    case other
}

extension ReportActor {
    /// Who a person is to a report: `ancestry` is the reporting unit's path upwards (`[unit, parent, …]`),
    /// `unitID` the person's unit and `role` their role there.
    public init(role: Role, unitID: UUID, ancestry: [UUID]) {
        guard let position = ancestry.firstIndex(of: unitID), role != .viewer else { self = .other; return }
        switch position {
        case 0: self = role == .leader ? .ownLeader : .ownOfficer
        case 1 where role == .leader: self = .parentLeader
        default: self = .unitAbove
        }
    }
}

/// Why a transition is refused.
public enum WorkflowRefusal: Error, Hashable, Sendable {
    /// The actor may not take this action.
    case notPermitted(ReportAction, ReportActor)
    /// The action does not apply to the report's status.
    case wrongStatus(ReportAction, ReportStatus)
    /// Return and reopen need a reason.
    case reasonRequired(ReportAction)
    /// The reporting window is closed (or not yet open).
    case windowClosed(ReportAction)
    /// Some warnings have no written explanation.
    case warningsUnexplained

    public var messageVI: String {
        switch self {
        case let .notPermitted(action, actor):
            switch actor {
            case .parentLeader, .unitAbove: "Đơn vị cấp trên không \(action.verbVI) báo cáo thay đơn vị báo cáo."
            case .ownOfficer where action == .approve || action == .return || action == .reopen,
                 .ownLeader where action == .approve || action == .return || action == .reopen:
                "Đơn vị không thể tự \(action.verbVI) báo cáo của mình; việc này do lãnh đạo đơn vị cấp trên trực tiếp thực hiện."
            default: "Bạn không có quyền \(action.verbVI) báo cáo này."
            }
        case let .wrongStatus(action, status):
            "Không thể \(action.verbVI) báo cáo đang ở trạng thái “\(status.nameVI)”."
        case let .reasonRequired(action):
            "Cần ghi rõ lý do khi \(action.verbVI) báo cáo."
        case let .windowClosed(action):
            "Ngoài thời hạn nhận báo cáo: không thể \(action.verbVI) báo cáo."
        case .warningsUnexplained:
            "Báo cáo còn cảnh báo chưa có giải trình; hãy giải trình từng cảnh báo trước khi nộp."
        }
    }
}

extension ReportAction {
    /// "lưu", "nộp", "duyệt", "trả lại", "mở lại".
    public var verbVI: String {
        switch self {
        case .save: "lưu"
        case .submit: "nộp"
        case .approve: "duyệt"
        case .return: "trả lại"
        case .reopen: "mở lại"
        }
    }
}

/// Quy trình báo cáo: the pure transition function.
public enum ReportWorkflow {
    /// Everything a transition depends on besides the status and the action.
    public struct Context: Sendable {
        public var actor: ReportActor
        /// Every warning of the figures has a written explanation (`Validator.warningsExplained`).
        public var warningsExplained: Bool
        /// The reporting window of the form and year is open today (`ReportingWindow.isOpen(on:)`).
        public var windowOpen: Bool
        /// Lý do, for return and reopen.
        public var reason: String?

        public init(actor: ReportActor, warningsExplained: Bool = true, windowOpen: Bool = true, reason: String? = nil) {
            self.actor = actor
            self.warningsExplained = warningsExplained
            self.windowOpen = windowOpen
            self.reason = reason
        }
    }

    /// The status after `action`, or why not. Rules:
    /// - save: the unit's own officer or leader, or staff of a unit above entering on its behalf (nhập hộ),
    ///   on a draft or returned report → draft (a returned one stays returned);
    /// - submit: the unit's own officer or leader, on a draft or returned report, with every warning
    ///   explained → submitted;
    /// - approve: a leader of the unit directly above, on a submitted report → approved;
    /// - return: a leader of the unit directly above, on a submitted report, with a reason → returned;
    /// - reopen: a leader of the unit directly above, on an approved report (locked or not), with a
    ///   reason → returned.
    /// Saving and submitting need the window open, except on a returned report: the unit above asked for
    /// the correction and may do so after the window closed. Approving, returning and reopening are
    /// allowed at any time.
    public static func transition(from status: ReportStatus, _ action: ReportAction,
                                  context: Context) -> Result<ReportStatus, WorkflowRefusal> {
        let own = context.actor == .ownOfficer || context.actor == .ownLeader
        switch action {
        case .save, .submit:
            let onBehalf = context.actor == .parentLeader || context.actor == .unitAbove
            guard own || (action == .save && onBehalf) else { return .failure(.notPermitted(action, context.actor)) }
            guard status.isEditable else { return .failure(.wrongStatus(action, status)) }
            guard context.windowOpen || status == .returned else { return .failure(.windowClosed(action)) }
            // A returned report stays returned while it is corrected, so it can still be submitted once the
            // window has closed.
            if action == .save { return .success(status == .returned ? .returned : .draft) }
            guard context.warningsExplained else { return .failure(.warningsUnexplained) }
            return .success(.submitted)
        case .approve, .return, .reopen:
            guard context.actor == .parentLeader else { return .failure(.notPermitted(action, context.actor)) }
            let from: ReportStatus = action == .reopen ? .approved : .submitted
            guard status == from else { return .failure(.wrongStatus(action, status)) }
            if action == .approve { return .success(.approved) }
            guard let reason = context.reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return .failure(.reasonRequired(action))
            }
            return .success(.returned)
        }
    }
}
