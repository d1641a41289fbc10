import Fluent
import Foundation
import NamHocDomain
import SQLKit
import Vapor

/// Reads of plans: a unit's plan and tasks, what the unit above gave it, a task followed down the tree,
/// and the status of each task as its reports and the clock say. Every read that takes a task id from a
/// request checks that the task belongs to the plan of the unit in the path (`task(_:of:)`).
enum PlanStore {
    static func plan(of unitID: UUID, year: SchoolYear, on db: any Database) async throws -> Plan? {
        try await Plan.query(on: db).filter(\.$unit.$id == unitID).filter(\.$schoolYear == year.name).first()
    }

    /// The task with `id` if it belongs to a plan of `unitID`; nil otherwise (a 404 for the caller).
    static func task(_ id: UUID, of unitID: UUID, on db: any Database) async throws -> (PlanTask, Plan)? {
        guard let task = try await PlanTask.find(id, on: db), let plan = try await Plan.find(task.$plan.id, on: db),
              plan.$unit.id == unitID else { return nil }
        return (task, plan)
    }

    /// Every task of a plan: the key tasks in order, each followed by its solutions.
    static func tasks(of plan: Plan, on db: any Database) async throws -> [PlanTask] {
        let all = try await PlanTask.query(on: db).filter(\.$plan.$id == plan.requireID()).sort(\.$number).all()
        let byParent = Dictionary(grouping: all.filter { $0.$parent.id != nil }, by: { $0.$parent.id! })
        return all.filter { $0.$parent.id == nil }.flatMap { [$0] + (byParent[$0.id!] ?? []) }
    }

    static func targets(of taskIDs: [UUID], on db: any Database) async throws -> [UUID: [PlanTarget]] {
        guard !taskIDs.isEmpty else { return [:] }
        return Dictionary(grouping: try await PlanTarget.query(on: db).filter(\.$task.$id ~~ taskIDs).all(), by: { $0.$task.id })
    }

    /// The unit's task adopted from `sourceID`, if it adopted it.
    static func adopted(_ sourceID: UUID, by unitID: UUID, on db: any Database) async throws -> PlanTask? {
        try await PlanTask.query(on: db).join(Plan.self, on: \PlanTask.$plan.$id == \Plan.$id)
            .filter(\.$sourceTaskID == sourceID).filter(Plan.self, \.$unit.$id == unitID).first()
    }

    /// A task given to the unit by the unit above, and the unit's own copy once adopted.
    struct Offer: Sendable {
        var source: PlanTask
        var fromUnit: String
        var adopted: PlanTask?
    }

    /// The key tasks assigned to `unitID` from plans of `year`.
    static func offers(to unitID: UUID, year: SchoolYear, on db: any Database) async throws -> [Offer] {
        let rows = try await db.sql.raw("""
            SELECT a.task_id, u.name AS from_unit,
              (SELECT t.id FROM plan_tasks t JOIN plans tp ON tp.id = t.plan_id WHERE t.source_task_id = a.task_id AND tp.unit_id = \(bind: unitID)) AS adopted_id
            FROM task_assignments a JOIN plan_tasks s ON s.id = a.task_id JOIN plans p ON p.id = s.plan_id JOIN units u ON u.id = p.unit_id
            WHERE a.unit_id = \(bind: unitID) AND p.school_year = \(bind: year.name)
            """).all()
        let sourceIDs = try rows.map { try $0.decode(column: "task_id", as: UUID.self) }
        let adoptedIDs = try rows.compactMap { try $0.decodeNil(column: "adopted_id") ? nil : $0.decode(column: "adopted_id", as: UUID.self) }
        let tasks = Dictionary(uniqueKeysWithValues: try await PlanTask.query(on: db).filter(\.$id ~~ (sourceIDs + adoptedIDs)).all().map { ($0.id!, $0) })
        return try rows.compactMap { row in
            guard let source = tasks[try row.decode(column: "task_id", as: UUID.self)] else { return nil }
            let adopted = try row.decodeNil(column: "adopted_id") ? nil : tasks[try row.decode(column: "adopted_id", as: UUID.self)]
            return Offer(source: source, fromUnit: try row.decode(column: "from_unit", as: String.self), adopted: adopted)
        }.sorted { ($0.fromUnit, $0.source.number) < ($1.fromUnit, $1.source.number) }
    }

    /// The latest report of each task, whatever its state: the unit's own word on where the task stands.
    static func latestReports(of taskIDs: [UUID], on db: any Database) async throws -> [UUID: TaskReport] {
        guard !taskIDs.isEmpty else { return [:] }
        let reports = try await TaskReport.query(on: db).filter(\.$task.$id ~~ taskIDs).all()
        // The period that ends last wins: codes of a month and a quarter ("2026-12", "2026-Q4") do not sort as text.
        return Dictionary(grouping: reports, by: { $0.$task.id }).compactMapValues { $0.max(by: isEarlier) }
    }

    /// Orders reports of one task by the end of their period, then by when they were last written (a
    /// month's report after the quarter's that ends the same day).
    static func isEarlier(_ a: TaskReport, _ b: TaskReport) -> Bool {
        func end(_ report: TaskReport) -> String { Period(code: report.period)?.last.iso ?? "" }
        return (end(a), a.updatedAt ?? .distantPast) < (end(b), b.updatedAt ?? .distantPast)
    }

    /// The status a task shows: its latest report's, judged by the clock against its deadline.
    static func standing(of task: PlanTask, latest: TaskReport?, today: Day) -> TaskStatus {
        TaskStanding.status(reported: latest?.status, percent: latest?.percent, deadline: task.deadline.flatMap(Day.init(iso:)), today: today)
    }

    /// One unit's place in a task followed down the tree.
    struct CascadeRow: Content {
        var depth: Int
        var unitCode: String
        var unitName: String
        var taskID: UUID?
        var title: String?
        var adopted: Bool
        var status: TaskStatus?
        var percent: Int?
        var period: String?
    }

    /// `rootID` and every task adopted from it, down the tree, each with its unit and status; units
    /// given a task that have not adopted it yet are listed too ("chưa nhận").
    static func cascade(from rootID: UUID, today: Day, on db: any Database) async throws -> [CascadeRow] {
        let rows = try await db.sql.raw("""
            WITH RECURSIVE down(id, depth, path) AS (
              SELECT t.id, 0, '' FROM plan_tasks t WHERE t.id = \(bind: rootID)
              UNION ALL
              SELECT t.id, down.depth + 1, down.path || '/' || u.code FROM plan_tasks t JOIN down ON t.source_task_id = down.id
                JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = p.unit_id
              WHERE down.depth < 8
            )
            SELECT down.id, down.depth, down.path, u.code, u.name FROM down JOIN plan_tasks t ON t.id = down.id
              JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = p.unit_id
            ORDER BY down.path
            """).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        let tasks = Dictionary(uniqueKeysWithValues: try await PlanTask.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) })
        let latest = try await latestReports(of: ids, on: db)
        var result: [CascadeRow] = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self), task = tasks[id]
            let code = try row.decode(column: "code", as: String.self)
            result.append(CascadeRow(depth: try row.decode(column: "depth", as: Int.self), unitCode: code,
                                     unitName: try row.decode(column: "name", as: String.self), taskID: id, title: task?.title, adopted: true,
                                     status: task.map { standing(of: $0, latest: latest[id], today: today) },
                                     percent: latest[id]?.percent, period: latest[id]?.period))
        }
        // Given but not adopted: under the row of the unit that gave it.
        let waiting = try await db.sql.raw("""
            SELECT a.task_id, u.code, u.name FROM task_assignments a JOIN units u ON u.id = a.unit_id
            WHERE a.task_id IN (\(binds: ids.isEmpty ? [rootID] : ids))
              AND NOT EXISTS (SELECT 1 FROM plan_tasks t JOIN plans p ON p.id = t.plan_id WHERE t.source_task_id = a.task_id AND p.unit_id = a.unit_id)
            ORDER BY u.code
            """).all()
        for row in waiting {
            let giver = try row.decode(column: "task_id", as: UUID.self)
            guard let index = result.lastIndex(where: { $0.taskID == giver }) else { continue }
            // after the giver's adopted subtree
            let end = result[(index + 1)...].firstIndex { $0.depth <= result[index].depth } ?? result.endIndex
            result.insert(CascadeRow(depth: result[index].depth + 1, unitCode: try row.decode(column: "code", as: String.self),
                                     unitName: try row.decode(column: "name", as: String.self), taskID: nil, title: nil, adopted: false,
                                     status: nil, percent: nil, period: nil), at: end)
        }
        return result
    }

    /// Progress reports submitted by the units directly below `unitID` (today's tree), waiting for it.
    static func waitingReports(below unitID: UUID, today: Day, on db: any Database) async throws -> [(report: TaskReport, unitCode: String, unitName: String, task: String)] {
        let rows = try await db.sql.raw("""
            SELECT r.id, u.code, u.name, t.title FROM task_reports r JOIN plan_tasks t ON t.id = r.task_id
              JOIN units u ON u.id = r.unit_id JOIN unit_links l ON l.unit_id = r.unit_id
            WHERE l.parent_id = \(bind: unitID) AND \(UnitTree.valid("l", today)) AND r.state = 'submitted'
            ORDER BY u.code, r.period
            """).all()
        let reports = Dictionary(uniqueKeysWithValues: try await TaskReport.query(on: db)
            .filter(\.$id ~~ rows.map { try $0.decode(column: "id", as: UUID.self) }).all().map { ($0.id!, $0) })
        return try rows.compactMap { row in
            guard let report = reports[try row.decode(column: "id", as: UUID.self)] else { return nil }
            return (report, try row.decode(column: "code", as: String.self), try row.decode(column: "name", as: String.self),
                    try row.decode(column: "title", as: String.self))
        }
    }
}
