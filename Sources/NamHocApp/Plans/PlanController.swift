import Fluent
import Foundation
import NamHocDomain
import Vapor

/// The plan pages of a unit: the plan of the chosen school year with its tasks, what the unit above gave
/// it, the children × tasks table; a directive read into a draft, corrected and confirmed. Units come
/// checked from `UnitScopeMiddleware`; forms post back here and redirect (or show their faults).
enum PlanController {
    struct Model: Encodable {
        var unitName: String
        var unitURL: String
        var year: String
        var plan: PlanBody?
        var canWrite: Bool
        var offers: [OfferRow]?
        var matrix: Matrix?
        var draftURL: String
        var planURL: String
        var tasksURL: String
        /// A task's page is this followed by its id.
        var taskBase: String
        var adoptURL: String
        var briefingURL: String
        var cycles: [Option]
        var message: String?
        var error: String?
    }

    struct OfferRow: Encodable {
        var id: UUID
        var from: String
        var title: String
        var deadline: String?
        var adoptedURL: String?
    }

    struct Option: Encodable {
        var value: String
        var name: String
        var selected: Bool
    }

    /// Children (rows) × the plan's key tasks (columns): each cell the child's status on its copy.
    struct Matrix: Encodable {
        var tasks: [String]
        var rows: [Row]
        var period: String
        var notReported: [String]?

        struct Row: Encodable {
            var name: String
            var planURL: String
            var cells: [Cell]
        }

        struct Cell: Encodable {
            var status: String
            var name: String
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await render(req, message: req.query[String.self, at: "saved"] != nil ? "Đã lưu." : nil, error: nil, status: .ok)
    }

    static func render(_ req: Request, message: String?, error: String?, status: HTTPStatus) async throws -> Response {
        let unit = try req.scopedUnit, year = try req.planYear, unitID = try unit.requireID()
        let canWrite = try await req.decide(.write, on: unit) == .allowed
        var body: PlanBody?
        var matrix: Matrix?
        if let plan = try await PlanStore.plan(of: unitID, year: year, on: req.db) {
            let built = try await PlanView.body(of: plan, unit: unit, today: req.today, statistics: try await req.statistics(), on: req.db)
            body = built
            matrix = try await self.matrix(of: plan, body: built, unit: unit, req: req)
        }
        let offers = try await PlanStore.offers(to: unitID, year: year, on: req.db).map { offer in
            OfferRow(id: offer.source.id!, from: offer.fromUnit, title: offer.source.title,
                     deadline: offer.source.deadline.flatMap(Day.init(iso:))?.vietnamese,
                     adoptedURL: offer.adopted.map { SiteURL.unitPlanTask(unit.code, $0.id!.uuidString).url(.year(year)) })
        }
        let model = Model(
            unitName: unit.name, unitURL: SiteURL.unit(unit.code).path, year: year.name, plan: body, canWrite: canWrite, offers: offers.nonEmpty,
            matrix: matrix, draftURL: SiteURL.unitPlanDraft(unit.code).url(.year(year)), planURL: SiteURL.unitPlan(unit.code).url(.year(year)),
            tasksURL: SiteURL.unitPlanTasks(unit.code).url(.year(year)), taskBase: SiteURL.unitPlanTasks(unit.code).path + "/", adoptURL: SiteURL.unitPlanAdopt(unit.code).url(.year(year)),
            briefingURL: SiteURL.unitPlanBriefing(unit.code).url(.year(year)),
            cycles: ReportingCycle.allCases.map { Option(value: $0.rawValue, name: $0.nameVI, selected: $0.rawValue == (body?.cycle ?? "quarter")) },
            message: message, error: error)
        return try await req.render("plan", title: "Kế hoạch năm học \(year.name) – \(unit.name)", model, status: status)
    }

    /// The children × tasks table of a unit with units below: each child's copy of each task, and who has
    /// not reported on the current period.
    private static func matrix(of plan: Plan, body: PlanBody, unit: Unit, req: Request) async throws -> Matrix? {
        let children = try await UnitTree.children(of: unit.requireID(), on: req.today, counting: false, in: req.db)
        let keyTasks = body.tasks.filter { $0.parentID == nil }
        guard !children.isEmpty, !keyTasks.isEmpty else { return nil }
        let copies = try await PlanTask.query(on: req.db).filter(\.$sourceTaskID ~~ keyTasks.map(\.id)).with(\.$plan).all()
        let latest = try await PlanStore.latestReports(of: copies.compactMap(\.id), on: req.db)
        let assigned = Set(try await TaskAssignment.query(on: req.db).filter(\.$task.$id ~~ keyTasks.map(\.id)).all()
            .map { "\($0.$task.id)|\($0.$unit.id)" })
        let period = plan.reportingCycle.period(containing: req.today, in: SchoolYear(plan.schoolYear) ?? req.schoolYear)
        var notReported: [String] = []
        let rows = children.map { child in
            Matrix.Row(name: child.name, planURL: SiteURL.unitPlan(child.code).url(.year(SchoolYear(plan.schoolYear) ?? req.schoolYear)),
                       cells: keyTasks.map { task in
                if let copy = copies.first(where: { $0.sourceTaskID == task.id && $0.plan.$unit.id == child.id }) {
                    let status = PlanStore.standing(of: copy, latest: latest[copy.id!], today: req.today)
                    if let period, latest[copy.id!]?.period != period.code, !status.isClosed, !notReported.contains(child.name) {
                        notReported.append(child.name)
                    }
                    return Matrix.Cell(status: status.rawValue, name: status.nameVI)
                }
                return assigned.contains("\(task.id)|\(child.id)") ? Matrix.Cell(status: "waiting", name: "Chưa nhận") : Matrix.Cell(status: "none", name: "—")
            })
        }
        // Only the children given a task: a department's hundred communes and schools would bury them.
        let given = rows.filter { $0.cells.contains { $0.status != "none" } }
        guard !given.isEmpty else { return nil }
        return Matrix(tasks: keyTasks.map { "\($0.label). \($0.title)" }, rows: given, period: period?.nameVI ?? "", notReported: notReported.nonEmpty)
    }

    struct HeaderForm: Content {
        var theme: String
        var docType: String?
        var docSymbol: String?
        var docDate: String?
        var issuingBody: String?
        var signer: String?
        var cycle: String?

        func header() throws -> PlanService.Header {
            PlanService.Header(theme: theme, docType: docType ?? "", docSymbol: docSymbol ?? "",
                               docDate: try docDate.flatMap { $0.isEmpty ? nil : try PlanDrafts.day($0, field: "docDate") },
                               issuingBody: issuingBody ?? "", signer: signer ?? "",
                               cycle: cycle.flatMap(ReportingCycle.init(rawValue:)) ?? .quarter)
        }
    }

    /// `POST /units/:code/plan`: creates the plan (from an empty form or a confirmed draft) or saves its header.
    @Sendable static func save(req: Request) async throws -> Response {
        try CSRFMiddleware.check(req)
        let unit = try req.scopedUnit, year = try req.planYear, actor = AuditActor(try req.requireUser())
        do {
            let form = try req.content.decode(HeaderForm.self)
            if let plan = try await PlanStore.plan(of: unit.requireID(), year: year, on: req.db) {
                try await PlanService.update(plan, unit: unit, header: try form.header(), by: actor, on: req.db)
            } else {
                let tasks = try req.content.decode(DraftForm.self).newTasks()
                _ = try await PlanService.create(unit: unit, year: year, header: try form.header(), tasks: tasks,
                                                 catalogue: try await req.statistics().catalogue.edition(for: year), by: actor, on: req.db)
            }
        } catch let error as AppError {
            return try await render(req, message: nil, error: error.messageVI, status: error.status)
        }
        return req.redirect(to: SiteURL.unitPlan(unit.code).url(.year(year), .saved))
    }

    /// The tasks of a confirmed draft: `t[N][…]` rows in order; a row marked "drop" is left out, one marked
    /// "merge" joins the row before it (its title and text become part of that task's content).
    struct DraftForm: Content {
        var t: [String: Row]?

        struct Row: Content {
            var title: String?
            var details: String?
            var deadline: String?
            var expectedResult: String?
            var leadUnit: String?
            var cooperatingUnits: String?
            var subtasks: String?
            var targets: String?
            var drop: String?
            var merge: String?
        }

        func newTasks() throws -> [PlanService.NewTask] {
            var tasks: [PlanService.NewTask] = []
            for (_, row) in (t ?? [:]).sorted(by: { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }) {
                let title = (row.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard row.drop == nil, !title.isEmpty else { continue }
                let subtasks = (row.subtasks ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let targets = try (row.targets ?? "").isEmpty ? [] : JSONDecoder().decode([PlanService.NewTarget].self, from: Data(row.targets!.utf8))
                if row.merge != nil, var last = tasks.popLast() {
                    last.content.details += (last.content.details.isEmpty ? "" : "\n") + title + ((row.details ?? "").isEmpty ? "" : "\n" + row.details!)
                    last.subtasks += subtasks
                    last.targets += targets
                    tasks.append(last)
                    continue
                }
                let fields = NewPlanBody.TaskFields(title: title, details: row.details, deadline: row.deadline, expectedResult: row.expectedResult,
                                                    leadUnit: row.leadUnit, cooperatingUnits: row.cooperatingUnits, subtasks: subtasks, targets: targets)
                tasks.append(try fields.newTask())
            }
            return tasks
        }
    }

    /// `POST /units/:code/plan/tasks`: a key task at the end of the plan (or a solution under `parent`).
    @Sendable static func addTask(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, year = try req.planYear
        do {
            let form = try req.content.decode(NewPlanBody.TaskFields.self), plan = try await req.existingPlan(of: unit, year: year)
            var parent: PlanTask?
            if let id = try req.content.decode(ParentForm.self).parent {
                guard let found = try await PlanStore.task(id, of: unit.requireID(), on: req.db), found.1.id == plan.id else {
                    throw AppError.invalidField(field: "parent", message: "Nhiệm vụ cha không thuộc kế hoạch này.")
                }
                parent = found.0
            }
            let task = try await PlanService.add(try form.newTask(), parent: parent, to: plan, unit: unit,
                                                 catalogue: try await req.statistics().catalogue.edition(for: year),
                                                 by: AuditActor(try req.requireUser()), on: req.db)
            return req.redirect(to: SiteURL.unitPlanTask(unit.code, (parent ?? task).id!.uuidString).url(.year(year), .saved))
        } catch let error as AppError {
            return try await render(req, message: nil, error: error.messageVI, status: error.status)
        }
    }

    /// The task a solution is added under.
    struct ParentForm: Content {
        var parent: UUID?
    }

    struct AdoptForm: Content {
        var task: UUID
    }

    /// `POST /units/:code/plan/adopt`: takes a task the unit above gave.
    @Sendable static func adopt(req: Request) async throws -> Response {
        let unit = try req.scopedUnit
        do {
            let task = try await PlanService.adopt(try req.content.decode(AdoptForm.self).task, into: unit,
                                                   by: AuditActor(try req.requireUser()), on: req.db)
            let plan = try await Plan.find(task.$plan.id, on: req.db)
            return req.redirect(to: SiteURL.unitPlanTask(unit.code, task.id!.uuidString).url(plan.flatMap { SchoolYear($0.schoolYear) }.map(QueryItem.year), .saved))
        } catch let error as AppError {
            return try await render(req, message: nil, error: error.messageVI, status: error.status)
        }
    }
}
