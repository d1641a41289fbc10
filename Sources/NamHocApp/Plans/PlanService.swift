import Fluent
import Foundation
import NamHocDomain

/// Writes of plans: a plan created (typed or from a confirmed draft), tasks added and edited, tasks
/// assigned to the units below, adopted by them, upstream changes taken or kept. Each write and its
/// audit entry are one transaction. Access is decided before (the routes' `UnitScopeMiddleware`); what
/// is checked here is what the path cannot say — that a task belongs to the unit's plan, that a unit
/// assigned to is directly below, that an adopted task was assigned to the adopter.
enum PlanService {
    /// The header of a plan as typed or read from its document.
    struct Header: Codable, Sendable, Equatable {
        var theme: String
        var docType: String = ""
        var docSymbol: String = ""
        var docDate: Day?
        var issuingBody: String = ""
        var signer: String = ""
        var cycle: ReportingCycle = .quarter
    }

    /// A task to create, with its solutions (sub-tasks) and targets.
    struct NewTask: Codable, Sendable {
        var content: TaskContent
        var subtasks: [String] = []
        var targets: [NewTarget] = []
    }

    struct NewTarget: Codable, Sendable, Equatable {
        var indicator: String
        /// `increase` or `reach`.
        var kind: String
        var value: Double
        var note: String = ""
    }

    /// Creates the unit's plan of the year with its tasks; refused when the unit already has one.
    static func create(unit: Unit, year: SchoolYear, header: Header, tasks: [NewTask], catalogue: IndicatorCatalogue,
                       by actor: AuditActor, on db: any Database) async throws -> Plan {
        try check(header)
        for task in tasks { try check(task, catalogue: catalogue) }
        guard try await PlanStore.plan(of: unit.requireID(), year: year, on: db) == nil else {
            throw AppError.conflict(field: "schoolYear", message: "Đơn vị đã có kế hoạch năm học \(year.name); hãy sửa kế hoạch đó.")
        }
        let plan = Plan(unitID: try unit.requireID(), schoolYear: year)
        apply(header, to: plan)
        try await db.transaction { tx in
            try await plan.save(on: tx)
            for (index, task) in tasks.enumerated() {
                _ = try await insert(task, number: index + 1, in: plan, on: tx)
            }
            try await AuditLog.record(.entry(.createPlan, .plan, record: "\(unit.code) \(year.name)", unitID: unit.id, before: nil,
                                             after: ["theme": header.theme, "tasks": String(tasks.count)]), by: actor, on: tx)
        }
        return plan
    }

    /// Changes the plan's header (theme, document, cycle).
    static func update(_ plan: Plan, unit: Unit, header: Header, by actor: AuditActor, on db: any Database) async throws {
        try check(header)
        let before = ["theme": plan.theme, "docSymbol": plan.docSymbol, "cycle": plan.cycle]
        apply(header, to: plan)
        try await db.transaction { tx in
            try await plan.save(on: tx)
            try await AuditLog.record(.entry(.updatePlan, .plan, record: "\(unit.code) \(plan.schoolYear)", unitID: unit.id, before: before,
                                             after: ["theme": plan.theme, "docSymbol": plan.docSymbol, "cycle": plan.cycle]), by: actor, on: tx)
        }
    }

    /// Adds a task (or a solution under `parent`) at the end of the plan.
    static func add(_ task: NewTask, parent: PlanTask?, to plan: Plan, unit: Unit, catalogue: IndicatorCatalogue,
                    by actor: AuditActor, on db: any Database) async throws -> PlanTask {
        try check(task, catalogue: catalogue)
        let number = try await PlanTask.query(on: db).filter(\.$plan.$id == plan.requireID())
            .filter(\.$parent.$id == parent?.id).count() + 1
        return try await db.transaction { tx in
            let created = try await insert(task, number: number, parent: parent, in: plan, on: tx)
            try await AuditLog.record(.entry(.addTask, .task, record: "\(unit.code) \(plan.schoolYear) #\(number)", unitID: unit.id,
                                             before: nil, after: task.content), by: actor, on: tx)
            return created
        }
    }

    /// Edits a task's content; its revision rises when anything changed, so adopters below see it.
    static func edit(_ task: PlanTask, content: TaskContent, unit: Unit, by actor: AuditActor, on db: any Database) async throws {
        try problems(content.problems())
        let before = task.content
        guard before != content else { return }
        task.content = content
        task.revision += 1
        try await db.transaction { tx in
            try await task.save(on: tx)
            try await AuditLog.record(.entry(.editTask, .task, record: "\(unit.code) #\(task.number) \(task.title)", unitID: unit.id,
                                             before: before, after: content), by: actor, on: tx)
        }
    }

    /// Gives a task to units directly below the plan's unit (today's tree). Units already given it are
    /// left as they are.
    static func assign(_ task: PlanTask, to codes: [String], unit: Unit, today: Day, by actor: AuditActor,
                       on db: any Database) async throws -> [String] {
        let children = try await UnitTree.children(of: unit.requireID(), on: today, counting: false, in: db)
        let byCode = Dictionary(children.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let unknown = codes.filter { byCode[$0] == nil }
        guard unknown.isEmpty else {
            throw AppError.invalidField(field: "units", message: "Chỉ giao được cho đơn vị trực thuộc \(unit.name): \(unknown.joined(separator: ", ")) không thuộc.")
        }
        let taskID = try task.requireID()
        let existing = Set(try await TaskAssignment.query(on: db).filter(\.$task.$id == taskID).all().map(\.$unit.id))
        let new = Set(codes).compactMap { byCode[$0] }.filter { !existing.contains($0.id) }.sorted { $0.code < $1.code }
        guard !new.isEmpty else { return [] }
        try await db.transaction { tx in
            for child in new { try await TaskAssignment(taskID: taskID, unitID: child.id).save(on: tx) }
            try await AuditLog.record(.entry(.assignTask, .task, record: "\(unit.code) #\(task.number) \(task.title)", unitID: unit.id,
                                             before: nil, after: ["units": new.map(\.code).joined(separator: ", ")]), by: actor, on: tx)
        }
        return new.map(\.code)
    }

    /// Takes a task assigned to `unit` into its own plan of the source's year (created when missing, with
    /// the source plan's theme), with its solutions; linked to the source at its current revision.
    static func adopt(_ sourceID: UUID, into unit: Unit, by actor: AuditActor, on db: any Database) async throws -> PlanTask {
        let unitID = try unit.requireID()
        guard let source = try await PlanTask.find(sourceID, on: db),
              try await TaskAssignment.query(on: db).filter(\.$task.$id == sourceID).filter(\.$unit.$id == unitID).first() != nil,
              let sourcePlan = try await Plan.find(source.$plan.id, on: db), let year = SchoolYear(sourcePlan.schoolYear) else {
            throw AppError.invalidField(field: "task", message: "Nhiệm vụ này không được giao cho \(unit.name).")
        }
        if let adopted = try await PlanStore.adopted(sourceID, by: unitID, on: db) {
            throw AppError.conflict(field: "task", message: "Đơn vị đã nhận nhiệm vụ này (nhiệm vụ số \(adopted.number) trong kế hoạch).")
        }
        let solutions = try await PlanTask.query(on: db).filter(\.$parent.$id == sourceID).sort(\.$number).all()
        return try await db.transaction { tx in
            let plan: Plan
            if let existing = try await PlanStore.plan(of: unitID, year: year, on: tx) {
                plan = existing
            } else {
                plan = Plan(unitID: unitID, schoolYear: year)
                plan.theme = sourcePlan.theme
                plan.cycle = sourcePlan.cycle
                try await plan.save(on: tx)
            }
            let number = try await PlanTask.query(on: tx).filter(\.$plan.$id == plan.requireID()).filter(\.$parent.$id == nil).count() + 1
            let task = PlanTask(planID: try plan.requireID(), number: number, content: source.content)
            task.sourceTaskID = sourceID
            task.sourceRevision = source.revision
            task.adoptedContent = source.content
            try await task.save(on: tx)
            for solution in solutions {
                try await PlanTask(planID: try plan.requireID(), parentID: task.id, number: solution.number, content: solution.content).save(on: tx)
            }
            for target in try await PlanTarget.query(on: tx).filter(\.$task.$id == sourceID).all() {
                try await PlanTarget(taskID: try task.requireID(), indicator: target.indicator, kind: target.kind, value: target.value,
                                     note: target.note).save(on: tx)
            }
            try await AuditLog.record(.entry(.adoptTask, .task, record: "\(unit.code) #\(number) \(task.title)", unitID: unitID,
                                             before: nil, after: task.content), by: actor, on: tx)
            return task
        }
    }

    /// The unit's answer to an upstream change: take it (the content becomes the source's) or keep its
    /// own; either way the change is no longer shown.
    static func sync(_ task: PlanTask, take: Bool, unit: Unit, by actor: AuditActor, on db: any Database) async throws {
        guard let sourceID = task.sourceTaskID, let source = try await PlanTask.find(sourceID, on: db),
              source.revision != task.sourceRevision else {
            throw AppError.conflict(field: "task", message: "Nhiệm vụ không có thay đổi nào của cấp trên cần xử lý.")
        }
        let before = task.content
        if take && task.content != source.content {
            task.content = source.content
            task.revision += 1
        }
        task.sourceRevision = source.revision
        task.adoptedContent = source.content
        try await db.transaction { tx in
            try await task.save(on: tx)
            try await AuditLog.record(.entry(.syncTask, .task, record: "\(unit.code) #\(task.number) \(take ? "nhận" : "giữ nguyên")",
                                             unitID: unit.id, before: before, after: task.content), by: actor, on: tx)
        }
    }

    // MARK: - Helpers

    private static func insert(_ task: NewTask, number: Int, parent: PlanTask? = nil, in plan: Plan, on db: any Database) async throws -> PlanTask {
        let created = PlanTask(planID: try plan.requireID(), parentID: parent?.id, number: number, content: task.content)
        try await created.save(on: db)
        for (index, text) in task.subtasks.enumerated() {
            try await PlanTask(planID: try plan.requireID(), parentID: created.id, number: index + 1, content: TaskContent(title: text)).save(on: db)
        }
        for target in task.targets {
            try await PlanTarget(taskID: try created.requireID(), indicator: target.indicator, kind: target.kind, value: target.value,
                                 note: target.note).save(on: db)
        }
        return created
    }

    private static func apply(_ header: Header, to plan: Plan) {
        plan.theme = header.theme.trimmingCharacters(in: .whitespacesAndNewlines)
        plan.docType = header.docType
        plan.docSymbol = header.docSymbol
        plan.docDate = header.docDate?.iso
        plan.issuingBody = header.issuingBody
        plan.signer = header.signer
        plan.cycle = header.cycle.rawValue
    }

    private static func check(_ header: Header) throws {
        var found: [String] = []
        for (name, text) in [("Chủ đề năm học", header.theme), ("Loại văn bản", header.docType), ("Số, ký hiệu", header.docSymbol),
                             ("Cơ quan ban hành", header.issuingBody), ("Người ký", header.signer)] where text.count > 1_000 {
            found.append("\(name) dài quá 1.000 ký tự.")
        }
        try problems(found)
    }

    private static func check(_ task: NewTask, catalogue: IndicatorCatalogue) throws {
        var found = task.content.problems()
        if task.subtasks.count > 200 { found.append("Một nhiệm vụ có nhiều nhất 200 giải pháp.") }
        for target in task.targets {
            if catalogue[target.indicator] == nil { found.append("Không có chỉ tiêu \(target.indicator) trong danh mục.") }
            if target.kind != "increase" && target.kind != "reach" { found.append("Loại mục tiêu phải là increase hoặc reach.") }
            if !target.value.isFinite || target.value < 0 { found.append("Mục tiêu của chỉ tiêu \(target.indicator) phải là số không âm.") }
        }
        try problems(found)
    }

    private static func problems(_ found: [String]) throws {
        guard found.isEmpty else { throw AppError.invalidField(field: "task", message: found.joined(separator: " ")) }
    }
}
