import Fluent
import Foundation
import NamHocDomain

/// Kế hoạch năm học of a unit: its theme, the document it was issued as, and how often the units below
/// report on it. One per unit and school year; its key tasks are `PlanTask`s.
final class Plan: Model, @unchecked Sendable {
    static let schema = "plans"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    @Field(key: "school_year") var schoolYear: String
    @Field(key: "theme") var theme: String
    /// The document's type ("Kế hoạch", "Chỉ thị"), number and symbol ("1234/KH-SGDĐT"), date (ISO),
    /// issuing body and signer; empty where not known.
    @Field(key: "doc_type") var docType: String
    @Field(key: "doc_symbol") var docSymbol: String
    @OptionalField(key: "doc_date") var docDate: String?
    @Field(key: "issuing_body") var issuingBody: String
    @Field(key: "signer") var signer: String
    /// `ReportingCycle`: month, quarter or semester.
    @Field(key: "cycle") var cycle: String

    @Parent(key: "unit_id") var unit: Unit

    init() {}

    init(unitID: UUID, schoolYear: SchoolYear) {
        self.$unit.id = unitID
        self.schoolYear = schoolYear.name
        self.theme = ""
        self.docType = ""
        self.docSymbol = ""
        self.issuingBody = ""
        self.signer = ""
        self.cycle = ReportingCycle.quarter.rawValue
    }

    var reportingCycle: ReportingCycle { ReportingCycle(rawValue: cycle) ?? .quarter }
}

/// Nhiệm vụ trọng tâm of a plan, or a giải pháp under one (`parent`). A task adopted from the parent unit's
/// plan keeps its source, the source's revision it last took, and the source's content at that revision, so
/// a later edit upstream shows here with what changed.
final class PlanTask: Model, @unchecked Sendable {
    static let schema = "plan_tasks"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    @Field(key: "number") var number: Int
    @Field(key: "title") var title: String
    @Field(key: "details") var details: String
    @OptionalField(key: "deadline") var deadline: String?
    @Field(key: "expected_result") var expectedResult: String
    @Field(key: "lead_unit") var leadUnit: String
    @Field(key: "cooperating_units") var cooperatingUnits: String
    /// Raised by every change of the content: adopters compare it with `sourceRevision`.
    @Field(key: "revision") var revision: Int
    @OptionalField(key: "source_task_id") var sourceTaskID: UUID?
    @OptionalField(key: "source_revision") var sourceRevision: Int?
    /// JSON `TaskContent` of the source at `sourceRevision`.
    @OptionalField(key: "source_content") var sourceContent: String?

    @Parent(key: "plan_id") var plan: Plan
    @OptionalParent(key: "parent_id") var parent: PlanTask?

    init() {}

    init(planID: UUID, parentID: UUID? = nil, number: Int, content: TaskContent) {
        self.$plan.id = planID
        self.$parent.id = parentID
        self.number = number
        self.revision = 1
        self.content = content
    }

    var content: TaskContent {
        get {
            TaskContent(title: title, details: details, deadline: deadline.flatMap(Day.init(iso:)), expectedResult: expectedResult,
                        leadUnit: leadUnit, cooperatingUnits: cooperatingUnits)
        }
        set {
            title = newValue.title
            details = newValue.details
            deadline = newValue.deadline?.iso
            expectedResult = newValue.expectedResult
            leadUnit = newValue.leadUnit
            cooperatingUnits = newValue.cooperatingUnits
        }
    }

    var adoptedContent: TaskContent? {
        get { sourceContent.flatMap { try? JSONDecoder().decode(TaskContent.self, from: Data($0.utf8)) } }
        set { sourceContent = newValue.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) } }
    }
}

/// A target of a task linked to an indicator of the statistics catalogue ("công nhận mới 130 trường chuẩn
/// quốc gia" → the national-standard schools indicator, +130): its progress is read from the figures.
final class PlanTarget: Model, @unchecked Sendable {
    static let schema = "plan_targets"

    @ID(key: .id) var id: UUID?
    @Field(key: "indicator") var indicator: String
    /// `increase` (+value against last year's figure) or `reach` (the figure itself reaches value).
    @Field(key: "kind") var kind: String
    @Field(key: "value") var value: Double
    @Field(key: "note") var note: String
    @Parent(key: "task_id") var task: PlanTask

    init() {}

    init(taskID: UUID, indicator: String, kind: String, value: Double, note: String) {
        self.$task.id = taskID
        self.indicator = indicator
        self.kind = kind
        self.value = value
        self.note = note
    }
}

/// A task given to a unit directly below the plan's unit: that unit adopts it into its own plan.
final class TaskAssignment: Model, @unchecked Sendable {
    static let schema = "task_assignments"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "task_id") var task: PlanTask
    @Parent(key: "unit_id") var unit: Unit

    init() {}

    init(taskID: UUID, unitID: UUID) {
        self.$task.id = taskID
        self.$unit.id = unitID
    }
}

/// Báo cáo tiến độ: a unit's report on one of its tasks for one period, accepted or returned by the
/// unit above (the same workflow as the statistics reports: draft → submitted → approved | returned).
final class TaskReport: Model, @unchecked Sendable {
    static let schema = "task_reports"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    @Field(key: "period") var period: String
    /// `TaskStatus` as the unit reports it.
    @Field(key: "task_status") var taskStatus: String
    @Field(key: "percent") var percent: Int
    @Field(key: "narrative") var narrative: String
    @Field(key: "difficulties") var difficulties: String
    @Field(key: "proposals") var proposals: String
    /// `ReportStatus`: draft, submitted, approved (accepted), returned.
    @Field(key: "state") var state: String
    @Field(key: "comment") var comment: String
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?

    @Parent(key: "task_id") var task: PlanTask
    @Parent(key: "unit_id") var unit: Unit

    init() {}

    init(taskID: UUID, unitID: UUID, period: String) {
        self.$task.id = taskID
        self.$unit.id = unitID
        self.period = period
        self.taskStatus = TaskStatus.notStarted.rawValue
        self.percent = 0
        self.narrative = ""
        self.difficulties = ""
        self.proposals = ""
        self.state = ReportStatus.draft.rawValue
        self.comment = ""
    }

    var reportState: ReportStatus { ReportStatus(rawValue: state) ?? .draft }
    var status: TaskStatus { TaskStatus(rawValue: taskStatus) ?? .notStarted }
}

/// Minh chứng of a progress report: a link, or a file kept in the database (so that every server
/// process serves it) with its size and SHA-256.
final class TaskEvidence: Model, @unchecked Sendable {
    static let schema = "task_evidence"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @OptionalField(key: "url") var url: String?
    @OptionalField(key: "content_type") var contentType: String?
    @Field(key: "size") var size: Int
    @OptionalField(key: "sha256") var sha256: String?
    @OptionalField(key: "data") var data: Data?
    @Parent(key: "report_id") var report: TaskReport

    init() {}
}
