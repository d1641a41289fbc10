import Fluent
import Foundation
import NamHocDomain
import NamHocText
import Vapor

/// The page of one task: its content (edited by the unit), its targets against the figures, the upstream
/// change waiting, its solutions, the units below it is given to and each one's copy down the tree, and
/// its progress reports with evidence — saved and submitted by the unit, accepted or returned by the unit
/// above. The task must belong to the path unit's plan (`pathTask`).
enum PlanTaskController {
    struct Model: Encodable {
        var unitName: String
        var planURL: String
        var year: String
        var task: PlanBody.TaskBody
        var targets: [PlanBody.TargetBody]?
        var solutions: [PlanBody.TaskBody]?
        var canWrite: Bool
        var canReview: Bool
        var children: [Child]?
        var cascade: [CascadeRow]?
        var reports: [ReportRow]
        var periods: [PlanController.Option]
        var statuses: [PlanController.Option]
        var formURL: String
        var addURL: String
        var assignURL: String
        var syncURL: String
        var reportURL: String
        var approveURL: String
        var returnURL: String
        var message: String?
        var error: String?
    }

    struct Child: Encodable {
        var code: String
        var name: String
        var assigned: Bool
    }

    struct CascadeRow: Encodable {
        var indent: Int
        var unit: String
        var url: String?
        var status: String?
        var statusName: String
        var percent: String
    }

    struct ReportRow: Encodable {
        var period: String
        var periodName: String
        var state: String
        var stateName: String
        var status: String
        var statusName: String
        var percent: Int
        var narrative: String
        var difficulties: String
        var proposals: String
        var comment: String
        var evidence: [Evidence]?
        var reviewable: Bool
    }

    struct Evidence: Encodable {
        var name: String
        var url: String
        var size: String
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await render(req, message: req.query[String.self, at: "saved"] != nil ? "Đã lưu." : nil, error: nil, status: .ok)
    }

    static func render(_ req: Request, message: String?, error: String?, status: HTTPStatus) async throws -> Response {
        let unit = try req.scopedUnit, (task, plan) = try await req.pathTask()
        let year = SchoolYear(plan.schoolYear) ?? req.schoolYear, taskID = try task.requireID()
        let body = try await PlanView.body(of: plan, unit: unit, today: req.today, statistics: try await req.statistics(), on: req.db)
        guard let shown = body.tasks.first(where: { $0.id == taskID }) else { throw AppError.internalError }
        let canWrite = try await req.decide(.write, on: unit) == .allowed
        let canReview = try await req.decide(.approve, on: unit) == .allowed
        let assigned = Set(shown.assignedTo)
        let children = shown.parentID != nil ? [] : try await UnitTree.children(of: unit.requireID(), on: req.today, counting: false, in: req.db)
            .map { Child(code: $0.code, name: $0.name, assigned: assigned.contains($0.code)) }
        let cascade = try await PlanStore.cascade(from: taskID, today: req.today, on: req.db).dropFirst().map { row in
            CascadeRow(indent: row.depth, unit: row.unitName,
                       url: row.taskID.map { SiteURL.unitPlanTask(row.unitCode, $0.uuidString).url(.year(year)) },
                       status: row.status?.rawValue ?? "waiting", statusName: row.status?.nameVI ?? "Chưa nhận",
                       percent: row.percent.map { "\($0) %" } ?? "")
        }
        let reports = try await TaskReport.query(on: req.db).filter(\.$task.$id == taskID).all().sorted { PlanStore.isEarlier($1, $0) }
        let evidence = Dictionary(grouping: try await TaskEvidence.query(on: req.db).filter(\.$report.$id ~~ reports.compactMap(\.id))
            .field(\.$id).field(\.$report.$id).field(\.$name).field(\.$kind).field(\.$url).field(\.$size).all(), by: { $0.$report.id })
        let current = plan.reportingCycle.period(containing: req.today, in: year)
        let model = Model(
            unitName: unit.name, planURL: SiteURL.unitPlan(unit.code).url(.year(year)), year: year.name, task: shown, targets: shown.targets.nonEmpty,
            solutions: body.tasks.filter { $0.parentID == taskID }.nonEmpty, canWrite: canWrite, canReview: canReview, children: children.nonEmpty,
            cascade: Array(cascade).nonEmpty,
            reports: reports.map { report in
                ReportRow(period: report.period, periodName: Period(code: report.period)?.nameVI ?? report.period, state: report.state,
                          stateName: report.reportState == .approved ? "Đã chấp nhận" : report.reportState.nameVI, status: report.taskStatus,
                          statusName: report.status.nameVI, percent: report.percent, narrative: report.narrative, difficulties: report.difficulties,
                          proposals: report.proposals, comment: report.comment,
                          evidence: (evidence[report.id!] ?? []).map { item in
                              Evidence(name: item.name,
                                       url: item.kind == "link" ? (item.url ?? "") : SiteURL.unitPlanEvidence(unit.code, taskID.uuidString, item.id!.uuidString).path,
                                       size: item.kind == "link" ? "" : VietnameseFormat.integer((item.size + 1023) / 1024) + " KB")
                          }.nonEmpty,
                          reviewable: canReview && report.reportState == .submitted)
            },
            periods: plan.reportingCycle.periods(of: year).map { PlanController.Option(value: $0.code, name: $0.nameVI, selected: $0 == current) },
            statuses: TaskStatus.allCases.filter { $0 != .overdue }.map { PlanController.Option(value: $0.rawValue, name: $0.nameVI, selected: false) },
            formURL: SiteURL.unitPlanTask(unit.code, taskID.uuidString).url(.year(year)),
            addURL: SiteURL.unitPlanTasks(unit.code).url(.year(year)),
            assignURL: step(unit, taskID, .assign, year), syncURL: step(unit, taskID, .sync, year), reportURL: step(unit, taskID, .report, year),
            approveURL: step(unit, taskID, .approve, year), returnURL: step(unit, taskID, .return, year),
            message: message, error: error)
        return try await req.render("plan-task", title: "Nhiệm vụ \(shown.label): \(shown.title.prefix(60)) – \(unit.name)", model, status: status)
    }

    private static func step(_ unit: Unit, _ task: UUID, _ step: SiteURL.PlanStep, _ year: SchoolYear) -> String {
        SiteURL.unitPlanTaskStep(unit.code, task.uuidString, step).url(.year(year))
    }

    /// Runs a form's write and comes back to the task page: with "Đã lưu." or with the fault.
    private static func perform(_ req: Request, _ write: () async throws -> Void) async throws -> Response {
        let unit = try req.scopedUnit, (task, plan) = try await req.pathTask()
        do {
            try await write()
        } catch let error as AppError {
            return try await render(req, message: nil, error: error.messageVI, status: error.status)
        }
        let year = SchoolYear(plan.schoolYear) ?? req.schoolYear
        return req.redirect(to: SiteURL.unitPlanTask(unit.code, task.id!.uuidString).url(.year(year), .saved))
    }

    /// `POST …/tasks/:task`: the task's content.
    @Sendable static func edit(req: Request) async throws -> Response {
        try await perform(req) {
            let unit = try req.scopedUnit, (task, _) = try await req.pathTask()
            let form = try req.content.decode(NewPlanBody.TaskFields.self)
            try await PlanService.edit(task, content: try form.content(), unit: unit, by: AuditActor(try req.requireUser()), on: req.db)
        }
    }

    /// `POST …/tasks/:task/assign`: the checked units below.
    @Sendable static func assign(req: Request) async throws -> Response {
        try await perform(req) {
            struct Form: Content { var units: [String]? }
            let unit = try req.scopedUnit, (task, _) = try await req.pathTask()
            let codes = try req.content.decode(Form.self).units ?? []
            guard !codes.isEmpty else { throw AppError.invalidField(field: "units", message: "Hãy chọn ít nhất một đơn vị để giao nhiệm vụ.") }
            _ = try await PlanService.assign(task, to: codes, unit: unit, today: req.today, by: AuditActor(try req.requireUser()), on: req.db)
        }
    }

    /// `POST …/tasks/:task/sync`: take (`take=1`) or keep the unit above's change.
    @Sendable static func sync(req: Request) async throws -> Response {
        try await perform(req) {
            struct Form: Content { var take: String? }
            let unit = try req.scopedUnit, (task, _) = try await req.pathTask()
            try await PlanService.sync(task, take: try req.content.decode(Form.self).take == "1", unit: unit,
                                       by: AuditActor(try req.requireUser()), on: req.db)
        }
    }

    /// `POST …/tasks/:task/report` (multipart): the report of a period, its links and files; submitted when asked.
    @Sendable static func report(req: Request) async throws -> Response {
        try CSRFMiddleware.check(req)
        return try await perform(req) {
            struct Form: Content {
                var period: String
                var status: String
                var percent: String?
                var narrative: String?
                var difficulties: String?
                var proposals: String?
                var links: String?
                var files: [File]?
                var submit: String?
            }
            let unit = try req.scopedUnit, (task, _) = try await req.pathTask()
            let form = try req.content.decode(Form.self)
            guard let status = TaskStatus(rawValue: form.status) else {
                throw AppError.invalidField(field: "status", message: "Tình trạng nhiệm vụ không hợp lệ.")
            }
            let percentText = (form.percent ?? "0").trimmingCharacters(in: .whitespaces)
            guard let percent = Int(percentText.isEmpty ? "0" : percentText) else {
                throw AppError.invalidField(field: "percent", message: "Tỷ lệ hoàn thành \"\(percentText)\" không phải số nguyên từ 0 đến 100.")
            }
            let links = (form.links ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let files = (form.files ?? []).filter { $0.data.readableBytes > 0 }.map { PlanProgress.Upload(name: $0.filename, data: Data(buffer: $0.data)) }
            _ = try await PlanProgress.save(.init(status: status, percent: percent, narrative: form.narrative ?? "", difficulties: form.difficulties ?? "",
                                                  proposals: form.proposals ?? ""),
                                            task: task, unit: unit, period: try req.progressPeriod(form.period), submit: form.submit != nil,
                                            actor: try await req.reportActor(for: unit), links: links, files: files,
                                            by: AuditActor(try req.requireUser()), now: req.now, on: req.db)
        }
    }

    /// `POST …/tasks/:task/approve | return`: the unit above accepts or returns a period's report.
    static func review(_ action: ReportAction) -> @Sendable (Request) async throws -> Response {
        { req in
            try await perform(req) {
                struct Form: Content {
                    var period: String
                    var comment: String?
                }
                let unit = try req.scopedUnit, (task, _) = try await req.pathTask()
                let form = try req.content.decode(Form.self)
                let report = try await PlanProgress.report(of: task, period: try req.progressPeriod(form.period), on: req.db)
                try await PlanProgress.review(report, action, comment: form.comment, unit: unit, actor: try await req.reportActor(for: unit),
                                              by: AuditActor(try req.requireUser()), now: req.now, on: req.db)
            }
        }
    }

    /// `GET …/tasks/:task/evidence/:evidence`: a file of evidence, to whoever reads the unit.
    @Sendable static func evidence(req: Request) async throws -> Response {
        let (task, _) = try await req.pathTask()
        guard let id = req.parameters.get("evidence").flatMap(UUID.init(uuidString:)),
              let item = try await TaskEvidence.find(id, on: req.db), item.kind == "file", let data = item.data,
              let report = try await TaskReport.find(item.$report.id, on: req.db), report.$task.id == task.id else {
            throw AppError.notFound("Không tìm thấy minh chứng.")
        }
        let response = Response(status: .ok, body: .init(data: data))
        let type = (item.contentType ?? "application/octet-stream").split(separator: "/").map(String.init)
        response.headers.contentType = type.count == 2 ? HTTPMediaType(type: type[0], subType: type[1]) : .binary
        response.headers.contentDisposition = .init(.attachment, filename: item.name)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}
