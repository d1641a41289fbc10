import Fluent
import Foundation
import NamHocDomain
import Vapor

/// A plan as the API returns it and the plan page shows it: header, tasks with their solutions, targets
/// read against the figures, assignments, status, and the upstream changes an adopted task waits on.
struct PlanBody: Content {
    var unit: UnitRef
    var schoolYear: String
    var theme: String
    var cycle: String
    var cycleName: String
    var document: DocumentBody
    var tasks: [TaskBody]

    struct UnitRef: Content {
        var code: String
        var name: String
    }

    struct DocumentBody: Content {
        var type: String
        var symbol: String
        var date: String?
        var issuingBody: String
        var signer: String
    }

    struct TaskBody: Content {
        var id: UUID
        var number: Int
        /// "2" for a key task, "2.3" for its third solution.
        var label: String
        var parentID: UUID?
        var title: String
        var details: String
        var deadline: String?
        var deadlineVI: String?
        var expectedResult: String
        var leadUnit: String
        var cooperatingUnits: String
        var revision: Int
        var source: SourceBody?
        var targets: [TargetBody]
        var assignedTo: [String]
        var status: String
        var statusName: String
        var percent: Int?
        var lastPeriod: String?
    }

    /// Where an adopted task came from, and what the unit above changed since it was taken.
    struct SourceBody: Content {
        var taskID: UUID
        var unit: String
        var revision: Int
        var takenRevision: Int
        var changes: [TaskContent.Change]
        /// Whether the unit above changed the task since the unit took it.
        var changed: Bool
    }

    struct TargetBody: Content {
        var indicator: String
        var name: String
        var kind: String
        var value: Double
        var note: String
        /// The figure of the year's start-of-year report (census) of the plan's unit, and last year's.
        var current: Double?
        var lastYear: Double?
        /// Whether the figures reach the target (nil while the year's figures are not in).
        var reached: Bool?
    }
}

enum PlanView {
    static func body(of plan: Plan, unit: Unit, today: Day, statistics: StatisticsCatalogue, on db: any Database) async throws -> PlanBody {
        let tasks = try await PlanStore.tasks(of: plan, on: db)
        let ids = tasks.compactMap(\.id)
        let targets = try await PlanStore.targets(of: ids, on: db)
        let latest = try await PlanStore.latestReports(of: ids, on: db)
        let assignments = Dictionary(grouping: try await TaskAssignment.query(on: db).filter(\.$task.$id ~~ ids).with(\.$unit).all(),
                                     by: { $0.$task.id }).mapValues { $0.map(\.unit.code).sorted() }
        let sources = try await sourcesOf(tasks, on: db)
        let figures = try await targetFigures(Set(targets.values.joined().map(\.indicator)), unit: unit, plan: plan, statistics: statistics, on: db)
        let numbers = Dictionary(uniqueKeysWithValues: tasks.filter { $0.$parent.id == nil }.map { ($0.id!, $0.number) })
        return PlanBody(
            unit: .init(code: unit.code, name: unit.name), schoolYear: plan.schoolYear, theme: plan.theme, cycle: plan.cycle,
            cycleName: plan.reportingCycle.nameVI,
            document: .init(type: plan.docType, symbol: plan.docSymbol, date: plan.docDate, issuingBody: plan.issuingBody, signer: plan.signer),
            tasks: tasks.map { task in
                let id = task.id!, status = PlanStore.standing(of: task, latest: latest[id], today: today)
                return PlanBody.TaskBody(
                    id: id, number: task.number,
                    label: task.$parent.id.flatMap { numbers[$0] }.map { "\($0).\(task.number)" } ?? "\(task.number)",
                    parentID: task.$parent.id, title: task.title, details: task.details, deadline: task.deadline,
                    deadlineVI: task.deadline.flatMap(Day.init(iso:))?.vietnamese, expectedResult: task.expectedResult,
                    leadUnit: task.leadUnit, cooperatingUnits: task.cooperatingUnits, revision: task.revision,
                    source: sources[id],
                    targets: (targets[id] ?? []).map { target(of: $0, figures: figures, statistics: statistics, year: plan.schoolYear) },
                    assignedTo: assignments[id] ?? [], status: status.rawValue, statusName: status.nameVI,
                    percent: latest[id]?.percent, lastPeriod: latest[id]?.period)
            })
    }

    /// For each adopted task: its source, and the changes of the source since the revision taken.
    static func sourcesOf(_ tasks: [PlanTask], on db: any Database) async throws -> [UUID: PlanBody.SourceBody] {
        let adopted = tasks.filter { $0.sourceTaskID != nil }
        guard !adopted.isEmpty else { return [:] }
        let sources = try await PlanTask.query(on: db).filter(\.$id ~~ adopted.compactMap(\.sourceTaskID)).with(\.$plan) { $0.with(\.$unit) }.all()
        let byID = Dictionary(uniqueKeysWithValues: sources.map { ($0.id!, $0) })
        var result: [UUID: PlanBody.SourceBody] = [:]
        for task in adopted {
            guard let source = byID[task.sourceTaskID!] else { continue }
            let taken = task.sourceRevision ?? source.revision
            let changes = taken == source.revision ? [] : (task.adoptedContent ?? task.content).changes(to: source.content)
            result[task.id!] = .init(taskID: source.id!, unit: source.plan.unit.name, revision: source.revision, takenRevision: taken, changes: changes,
                                     changed: !changes.isEmpty)
        }
        return result
    }

    /// The figures the targets read: the plan unit's totals of the year's census and of the year before.
    private static func targetFigures(_ codes: Set<String>, unit: Unit, plan: Plan, statistics: StatisticsCatalogue,
                                      on db: any Database) async throws -> (now: Figures?, before: Figures?) {
        guard !codes.isEmpty, let year = SchoolYear(plan.schoolYear) else { return (nil, nil) }
        let catalogue = statistics.catalogue.edition(for: year)
        let needed = Set(codes.flatMap(catalogue.cellsRead(by:)).map(\.code))
        let periods = [year.census.code, year.previous.census.code]
        let totals = try await StatisticsStore.totals(of: [unit.requireID()], periods: periods, indicators: needed, groupedBy: .none, in: db)
        func figures(_ period: String) -> Figures? { totals[period]?[unit.id!]?[""].flatMap { $0.isEmpty ? nil : $0 } }
        return (figures(periods[0]), figures(periods[1]))
    }

    private static func target(of target: PlanTarget, figures: (now: Figures?, before: Figures?), statistics: StatisticsCatalogue,
                               year: String) -> PlanBody.TargetBody {
        let catalogue = SchoolYear(year).map { statistics.catalogue.edition(for: $0) } ?? statistics.catalogue
        let current = figures.now?.value(target.indicator, in: catalogue), last = figures.before?.value(target.indicator, in: catalogue)
        let reached: Bool? = switch target.kind {
        case "increase": current.flatMap { c in last.map { c - $0 >= target.value } }
        default: current.map { $0 >= target.value }
        }
        return .init(indicator: target.indicator, name: catalogue[target.indicator]?.nameVI ?? target.indicator, kind: target.kind,
                     value: target.value, note: target.note, current: current, lastYear: last, reached: reached)
    }
}
