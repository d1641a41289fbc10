import Fluent
import Foundation
import NamHocDomain
import Vapor

/// "Việc của tôi": what the signed-in person's unit has to do in the chosen school year — tasks overdue or
/// at risk, tasks not yet reported on this period, tasks the unit above gave and the unit has not taken,
/// changes from above waiting for an answer, and (for a leader) reports of the units below to accept.
enum MyWorkController {
    struct Model: Encodable {
        var unitName: String
        var year: String
        var planURL: String
        var period: String
        var attention: [Item]?
        var unreported: [Item]?
        var offers: [Item]?
        var changes: [Item]?
        var toReview: [Item]?
        var hasPlan: Bool
    }

    struct Item: Encodable {
        var title: String
        var detail: String
        var url: String
        var status: String?
        var statusName: String?
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, user = try req.requireUser(), year = try req.planYear, unitID = try unit.requireID()
        var period = "", hasPlan = false
        var attention: [Item] = [], unreported: [Item] = [], offers: [Item] = [], changes: [Item] = [], toReview: [Item] = []
        let planURL = SiteURL.unitPlan(unit.code).url(.year(year))
        func taskURL(_ code: String, _ id: UUID) -> String { SiteURL.unitPlanTask(code, id.uuidString).url(.year(year)) }
        if let plan = try await PlanStore.plan(of: unitID, year: year, on: req.db) {
            hasPlan = true
            let body = try await PlanView.body(of: plan, unit: unit, today: req.today, statistics: try await req.statistics(), on: req.db)
            let current = plan.reportingCycle.period(containing: req.today, in: year)
            period = current?.nameVI ?? ""
            for task in body.tasks where task.parentID == nil {
                let item = Item(title: "\(task.label). \(task.title)", detail: task.deadlineVI.map { "Thời hạn \($0)" } ?? "Không có thời hạn",
                                url: taskURL(unit.code, task.id), status: task.status, statusName: task.statusName)
                if TaskStatus(rawValue: task.status)?.needsAttention == true { attention.append(item) }
                if let current, task.lastPeriod != current.code, TaskStatus(rawValue: task.status)?.isClosed == false { unreported.append(item) }
                if let source = task.source, source.changed {
                    changes.append(Item(title: item.title, detail: "\(source.unit) đã sửa: " + source.changes.map(\.field).joined(separator: ", "),
                                              url: item.url))
                }
            }
        }
        for offer in try await PlanStore.offers(to: unitID, year: year, on: req.db) where offer.adopted == nil {
            offers.append(Item(title: offer.source.title, detail: "Do \(offer.fromUnit) giao", url: planURL))
        }
        if user.userRole == .leader || user.userRole == .admin {
            for waiting in try await PlanStore.waitingReports(below: unitID, today: req.today, on: req.db) {
                toReview.append(Item(title: "\(waiting.unitName): \(waiting.task)",
                                           detail: "Báo cáo \(Period(code: waiting.report.period)?.nameVI ?? waiting.report.period), \(waiting.report.percent) %",
                                           url: taskURL(waiting.unitCode, waiting.report.$task.id), status: waiting.report.taskStatus,
                                           statusName: waiting.report.status.nameVI))
            }
        }
        let model = Model(unitName: unit.name, year: year.name, planURL: planURL, period: period, attention: attention.nonEmpty,
                          unreported: unreported.nonEmpty, offers: offers.nonEmpty, changes: changes.nonEmpty, toReview: toReview.nonEmpty, hasPlan: hasPlan)
        return try await req.render("my-work", title: "Việc của tôi – \(unit.name)", model)
    }
}
