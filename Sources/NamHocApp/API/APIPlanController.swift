import Fluent
import Foundation
import NamHocDomain
import Vapor

/// JSON API of plans: a draft read from a directive's text, the unit's plan, its tasks, assignments to the
/// units below, adoption of what the unit above gave, and progress reports. Units come checked from
/// `UnitScopeMiddleware`; a task of the path must belong to the path unit's plan (`pathTask`).
enum APIPlanController {
    struct DraftBody: Content {
        var text: String
    }

    /// `POST …/plan/draft`: the draft plan of a directive's text; nothing is saved.
    @Sendable static func draft(req: Request) async throws -> DraftResponse {
        let body = try req.content.decode(DraftBody.self)
        return try PlanDrafts.draft(body.text, year: try req.planYear, catalogue: try await req.statistics().catalogue)
    }

    /// `GET …/plan?year=`.
    @Sendable static func show(req: Request) async throws -> PlanBody {
        let unit = try req.scopedUnit, plan = try await req.existingPlan(of: unit, year: try req.planYear)
        return try await PlanView.body(of: plan, unit: unit, today: req.today, statistics: try await req.statistics(), on: req.db)
    }

    /// `POST …/plan`: creates the unit's plan of the year with its tasks (201).
    @Sendable static func create(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, body = try req.content.decode(NewPlanBody.self)
        let year = try body.schoolYear.map { text in
            try SchoolYear(text).orThrow(AppError.invalidField(field: "schoolYear", message: "Năm học \"\(text)\" không hợp lệ (dạng 2024-2025)."))
        } ?? req.planYear
        let statistics = try await req.statistics()
        let plan = try await PlanService.create(unit: unit, year: year, header: try body.header(), tasks: try body.tasks.map { try $0.newTask() },
                                                catalogue: statistics.catalogue.edition(for: year), by: AuditActor(try req.requireUser()), on: req.db)
        return try await PlanView.body(of: plan, unit: unit, today: req.today, statistics: statistics, on: req.db)
            .encodeResponse(status: .created, for: req)
    }

    struct NewTaskBody: Content {
        var parent: UUID?
        var task: NewPlanBody.TaskFields
    }

    /// `POST …/plan/tasks?year=`: a key task, or a solution under `parent`.
    @Sendable static func addTask(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, body = try req.content.decode(NewTaskBody.self)
        let plan = try await req.existingPlan(of: unit, year: try req.planYear)
        var parent: PlanTask?
        if let parentID = body.parent {
            guard let found = try await PlanStore.task(parentID, of: unit.requireID(), on: req.db), found.1.id == plan.id,
                  found.0.$parent.id == nil else {
                throw AppError.invalidField(field: "parent", message: "Nhiệm vụ cha không thuộc kế hoạch này.")
            }
            parent = found.0
        }
        let task = try await PlanService.add(try body.task.newTask(), parent: parent, to: plan, unit: unit,
                                             catalogue: try await req.statistics().catalogue.edition(for: try req.planYear),
                                             by: AuditActor(try req.requireUser()), on: req.db)
        return try await taskBody(task.requireID(), plan: plan, unit: unit, req: req).encodeResponse(status: .created, for: req)
    }

    /// `PUT …/plan/tasks/:task`: the task's content.
    @Sendable static func editTask(req: Request) async throws -> PlanBody.TaskBody {
        // The body is checked before the task is looked up: a malformed body is 422 whatever the path.
        let fields = try req.content.decode(NewPlanBody.TaskFields.self)
        let unit = try req.scopedUnit, (task, plan) = try await req.pathTask()
        try await PlanService.edit(task, content: try fields.content(), unit: unit, by: AuditActor(try req.requireUser()), on: req.db)
        return try await taskBody(task.requireID(), plan: plan, unit: unit, req: req)
    }

    struct AssignBody: Content {
        var units: [String]
    }

    /// `POST …/plan/tasks/:task/assignments`: gives the task to units directly below.
    @Sendable static func assign(req: Request) async throws -> [String: [String]] {
        let body = try req.content.decode(AssignBody.self)
        let unit = try req.scopedUnit, (task, _) = try await req.pathTask()
        let added = try await PlanService.assign(task, to: body.units, unit: unit, today: req.today, by: AuditActor(try req.requireUser()), on: req.db)
        return ["assigned": added]
    }

    struct AdoptBody: Content {
        var task: UUID
    }

    /// `POST …/plan/adopt`: takes a task the unit above gave into the unit's plan (201).
    @Sendable static func adopt(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, body = try req.content.decode(AdoptBody.self)
        let task = try await PlanService.adopt(body.task, into: unit, by: AuditActor(try req.requireUser()), on: req.db)
        let plan = try await Plan.find(task.$plan.id, on: req.db).orThrow(AppError.internalError)
        return try await taskBody(task.requireID(), plan: plan, unit: unit, req: req).encodeResponse(status: .created, for: req)
    }

    struct SyncBody: Content {
        var take: Bool
    }

    /// `POST …/plan/tasks/:task/sync`: takes or keeps the unit above's change.
    @Sendable static func sync(req: Request) async throws -> PlanBody.TaskBody {
        let take = try req.content.decode(SyncBody.self).take
        let unit = try req.scopedUnit, (task, plan) = try await req.pathTask()
        try await PlanService.sync(task, take: take, unit: unit,
                                   by: AuditActor(try req.requireUser()), on: req.db)
        return try await taskBody(task.requireID(), plan: plan, unit: unit, req: req)
    }

    /// `GET …/plan/tasks/:task/cascade`: the task followed down to every unit that carries it.
    struct CascadeResponse: Content {
        var rows: [PlanStore.CascadeRow]
    }

    @Sendable static func cascade(req: Request) async throws -> CascadeResponse {
        let (task, _) = try await req.pathTask()
        return CascadeResponse(rows: try await PlanStore.cascade(from: task.requireID(), today: req.today, on: req.db))
    }

    struct ReportBody: Content {
        var period: String
        var status: TaskStatus
        var percent: Int
        var narrative: String?
        var difficulties: String?
        var proposals: String?
        var links: [String]?
        var submit: Bool?
    }

    struct ReportResponse: Content {
        var period: String
        var state: String
        var status: String
        var percent: Int
        var comment: String
    }

    /// `PUT …/plan/tasks/:task/report`: saves (and submits) the unit's report for a period.
    @Sendable static func saveReport(req: Request) async throws -> ReportResponse {
        let body = try req.content.decode(ReportBody.self)
        let unit = try req.scopedUnit, (task, _) = try await req.pathTask()
        let report = try await PlanProgress.save(
            .init(status: body.status, percent: body.percent, narrative: body.narrative ?? "", difficulties: body.difficulties ?? "",
                  proposals: body.proposals ?? ""),
            task: task, unit: unit, period: try req.progressPeriod(body.period), submit: body.submit ?? false,
            actor: try await req.reportActor(for: unit), links: body.links ?? [], by: AuditActor(try req.requireUser()), now: req.now, on: req.db)
        return ReportResponse(report)
    }

    struct ReviewBody: Content {
        var period: String
        var comment: String?
    }

    /// `POST …/plan/tasks/:task/report/approve | return`: the unit above accepts or returns a report.
    static func review(_ action: ReportAction) -> @Sendable (Request) async throws -> ReportResponse {
        { req in
            let body = try req.content.decode(ReviewBody.self)
            let unit = try req.scopedUnit, (task, _) = try await req.pathTask()
            let report = try await PlanProgress.report(of: task, period: try req.progressPeriod(body.period), on: req.db)
            try await PlanProgress.review(report, action, comment: body.comment, unit: unit, actor: try await req.reportActor(for: unit),
                                          by: AuditActor(try req.requireUser()), now: req.now, on: req.db)
            return ReportResponse(report)
        }
    }

    private static func taskBody(_ id: UUID, plan: Plan, unit: Unit, req: Request) async throws -> PlanBody.TaskBody {
        let body = try await PlanView.body(of: plan, unit: unit, today: req.today, statistics: try await req.statistics(), on: req.db)
        return try body.tasks.first { $0.id == id }.orThrow(AppError.internalError)
    }
}

extension APIPlanController.ReportResponse {
    init(_ report: TaskReport) {
        self.init(period: report.period, state: report.state, status: report.taskStatus, percent: report.percent, comment: report.comment)
    }
}
