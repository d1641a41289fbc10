import Fluent
import Foundation
import NamHocDemo
import NamHocDomain
import Vapor

/// The demo's plans, made the way people make them: the ministry's plan read from its directive (the real
/// text of 2023-2024, `Resources/Demo/`) through the text-to-plan path, the demo province's department
/// adopting its tasks and adding its own read from Hà Nội's 2023-2024 text, cascaded to the demo commune
/// (and two more) and its two demo schools, with progress reports at every status. The same cascade is
/// made for 2023-2024, as the texts have it, and for the current school year with deadlines through the
/// year, so that some tasks are done, some at risk and some overdue on the day the demo is built.
extension DemoBuilder {
    static func writePlans(tree: DemoTree, today: Day, on db: any Database, statistics: StatisticsCatalogue) async throws -> Int {
        guard let ministryText = demoText("directive-ministry-2023.txt"), let departmentText = demoText("directive-hanoi-2023.txt"),
              let leaderUnit = tree.users.first(where: { $0.username.hasPrefix("xa") && $0.username.hasSuffix(".lanhdao") })?.unitCode,
              let schools = Optional(tree.users.filter { $0.username.hasPrefix("truong") && $0.username.hasSuffix(".chuyenvien") }.map(\.unitCode)),
              !schools.isEmpty else { return 0 }
        let units = Dictionary(try await Unit.query(on: db).filter(\.$kind ~~ ["ministry", "department", "commune"]).all().map { ($0.code, $0) },
                               uniquingKeysWith: { a, _ in a })
        let schoolUnits = try await Unit.query(on: db).filter(\.$code ~~ schools).all()
        guard let ministry = units["BGD"], let commune = units[leaderUnit],
              let departmentCode = tree.units.first(where: { $0.code == leaderUnit })?.parentCode(on: today), let department = units[departmentCode] else { return 0 }
        // The demo commune and two of its neighbours: a department's plan reaches more than one commune.
        let neighbours = tree.units.filter { $0.kind == .commune && $0.parentCode(on: today) == departmentCode && $0.code != leaderUnit }
            .prefix(2).compactMap { units[$0.code] }
        let current = SchoolYear.containing(today)
        var count = 0
        for year in [SchoolYear(startYear: 2023), current] where year.startYear <= current.startYear {
            let catalogue = statistics.catalogue.edition(for: year)
            let ministryDraft = try PlanDrafts.draft(ministryText, year: year, catalogue: statistics.catalogue)
            var tasks = try ministryDraft.plan.tasks.map { try $0.newTask() }
            for index in tasks.indices { tasks[index].content.deadline = deadline(index, of: year) }
            let plan = try await PlanService.create(unit: ministry, year: year, header: try ministryDraft.plan.header(), tasks: tasks,
                                                    catalogue: catalogue, by: .commandLine, on: db)
            let ministryTasks = try await PlanStore.tasks(of: plan, on: db).filter { $0.$parent.id == nil }
            // The department adopts every task of the ministry, then adds its own.
            var departmentTasks: [PlanTask] = []
            for task in ministryTasks {
                _ = try await PlanService.assign(task, to: [department.code], unit: ministry, today: today, by: .commandLine, on: db)
                departmentTasks.append(try await PlanService.adopt(task.requireID(), into: department, by: .commandLine, on: db))
            }
            let own = try PlanDrafts.draft(departmentText, year: year, catalogue: statistics.catalogue)
            guard let departmentPlan = try await PlanStore.plan(of: department.requireID(), year: year, on: db) else { continue }
            for (index, fields) in own.plan.tasks.enumerated() {
                var task = try fields.newTask()
                task.content.deadline = deadline(index + 3, of: year)
                departmentTasks.append(try await PlanService.add(task, parent: nil, to: departmentPlan, unit: department, catalogue: catalogue,
                                                                 by: .commandLine, on: db))
            }
            // The first three go to the communes (which exist since the reform of 2025: only the current year's
            // plan reaches them); the demo commune passes them to its two schools.
            let below = year == current ? [commune] + neighbours + schoolUnits : []
            for task in departmentTasks.prefix(below.isEmpty ? 0 : 3) {
                _ = try await PlanService.assign(task, to: ([commune] + neighbours).map(\.code), unit: department, today: today, by: .commandLine, on: db)
                let communeTask = try await PlanService.adopt(task.requireID(), into: commune, by: .commandLine, on: db)
                for neighbour in neighbours.prefix(1) { _ = try await PlanService.adopt(task.requireID(), into: neighbour, by: .commandLine, on: db) }
                _ = try await PlanService.assign(communeTask, to: schoolUnits.map(\.code), unit: commune, today: today, by: .commandLine, on: db)
                for school in schoolUnits { _ = try await PlanService.adopt(communeTask.requireID(), into: school, by: .commandLine, on: db) }
            }
            count += try await writeReports(year: year, units: [department] + below, today: today, on: db)
        }
        return count
    }

    /// Progress reports of each unit on its tasks, period by period up to today: most accepted, the last
    /// period's at every status (draft, submitted, returned with a comment, accepted), some tasks at risk.
    private static func writeReports(year: SchoolYear, units: [Unit], today: Day, on db: any Database) async throws -> Int {
        var random = SeededRandom(seed: UInt64(year.startYear), stream: "plans")
        var written = 0
        let periods = ReportingCycle.quarter.periods(of: year).filter { $0.last < today || $0.first <= today }
        for unit in units {
            guard let plan = try await PlanStore.plan(of: unit.requireID(), year: year, on: db) else { continue }
            for (index, task) in try await PlanStore.tasks(of: plan, on: db).filter({ $0.$parent.id == nil }).enumerated() {
                var percent = 0
                for (number, period) in periods.enumerated() {
                    let last = number == periods.count - 1
                    // One task in three is not reported on yet this period: "việc của tôi" has something to do.
                    if last && index % 3 == 2 && periods.count > 1 { break }
                    percent = min(100, percent + 15 + Int(random.next() % 20))
                    let deadline = task.deadline.flatMap(Day.init(iso:))
                    let finished = percent >= 100 || (deadline.map { $0 <= period.last } ?? false) && index % 3 != 2
                    let status: TaskStatus = finished ? .done : (index % 4 == 3 && last ? .atRisk : .inProgress)
                    let fields = PlanProgress.Fields(status: status, percent: finished ? 100 : percent,
                                                     narrative: "Đã triển khai \(finished ? "xong" : "được \(percent) %") nội dung của nhiệm vụ trong \(period.nameVI.lowercasedFirst).",
                                                     difficulties: status == .atRisk ? "Thiếu kinh phí và nhân lực để triển khai đúng tiến độ." : "",
                                                     proposals: status == .atRisk ? "Đề nghị cấp trên bổ sung kinh phí trong quý tới." : "")
                    // The last period: one report of four left as a draft, one returned, one submitted, one accepted.
                    let step = last ? (index + written) % 4 : 3
                    let report = try await PlanProgress.save(fields, task: task, unit: unit, period: period, submit: step != 0, actor: .ownOfficer,
                                                             by: .commandLine, now: instant(period.last), on: db)
                    if step == 1 {
                        try await PlanProgress.review(report, .return, comment: "Bổ sung số liệu minh chứng cho kết quả đã nêu.", unit: unit,
                                                      actor: .parentLeader, by: .commandLine, now: instant(period.last), on: db)
                    } else if step == 3 {
                        try await PlanProgress.review(report, .approve, comment: nil, unit: unit, actor: .parentLeader, by: .commandLine,
                                                      now: instant(period.last), on: db)
                    }
                    written += 1
                    if finished { break }
                }
            }
        }
        return written
    }

    /// Task `index`'s deadline in `year`: spread from November to the end of May, so that on any day of the
    /// year some have passed and some have not.
    private static func deadline(_ index: Int, of year: SchoolYear) -> Day {
        let days = [(11, 30), (12, 31), (1, 31), (3, 31), (4, 30), (5, 15), (5, 31)]
        let (month, day) = days[index % days.count]
        return Day(year: month >= 9 ? year.startYear : year.startYear + 1, month: month, day: day)!
    }

    private static func demoText(_ name: String) -> String? {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Demo/\(name)")
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
