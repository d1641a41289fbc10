import Fluent
import Foundation
import NamHocDomain
import Vapor

/// The statistics page of a unit for a period: the form laid out like the paper form for a unit that
/// reports, the totals of its subtree with last year's beside them, completeness of the units below,
/// and the workflow buttons the signed-in person may use. Units come checked from `UnitScopeMiddleware`.
enum StatisticsController {
    @Sendable static func show(req: Request) async throws -> Response {
        let unit = try req.scopedUnit
        let period = try req.query[String.self, at: "period"].map { try req.statisticsPeriod($0) }
            ?? Period.census(req.schoolYear)
        return try await render(req, unit: unit, period: period, message: req.query[String.self, at: "done"].flatMap(ReportAction.init(rawValue:)).map(\.doneVI),
                                error: nil, status: .ok)
    }

    struct SaveForm: Content {
        var period: String
        var v: [String: String]?
        var e: [String: String]?
    }

    /// "Lưu nháp": the figures typed in the form; a fault anywhere refuses them all and shows every one.
    @Sendable static func save(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, form = try req.content.decode(SaveForm.self)
        let period = try req.statisticsPeriod(form.period)
        var values: [FigureKey: Double] = [:], faults: [String] = []
        for (text, raw) in form.v ?? [:] {
            let cell = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ".", with: "")
            guard !cell.isEmpty else { continue }
            guard let key = FigureKey(parsing: text), let value = Double(cell.replacingOccurrences(of: ",", with: ".")) else {
                faults.append("Ô \(text): \"\(raw)\" không phải là số.")
                continue
            }
            values[key] = value
        }
        guard faults.isEmpty else { return try await render(req, unit: unit, period: period, message: nil, error: faults.joined(separator: " "), status: .unprocessableEntity) }
        do {
            _ = try await req.saveFigures(Figures(values), explanations: form.e ?? [:], of: unit, period: period)
        } catch let error as AppError {
            return try await render(req, unit: unit, period: period, message: nil, error: describe(error), status: error.status,
                                    typed: values)
        }
        return req.redirect(to: SiteURL.unitStatistics(unit.code).url(.period(period), .done(.save)))
    }

    struct ActionForm: Content {
        var period: String
        var reason: String?
    }

    /// Nộp / Duyệt / Trả lại / Mở lại.
    static func act(_ action: ReportAction) -> @Sendable (Request) async throws -> Response {
        { req in
            let unit = try req.scopedUnit, form = try req.content.decode(ActionForm.self)
            let period = try req.statisticsPeriod(form.period)
            do {
                _ = try await req.takeReportStep(action, of: unit, period: period, reason: form.reason)
            } catch let error as AppError {
                return try await render(req, unit: unit, period: period, message: nil, error: error.messageVI, status: error.status)
            }
            return req.redirect(to: SiteURL.unitStatistics(unit.code).url(.period(period), .done(.save)))
        }
    }

    static func describe(_ error: AppError) -> String {
        if case .statisticsRejected(let errors) = error { return "Số liệu chưa được lưu. " + errors.map(\.message).joined(separator: " ") }
        return error.messageVI
    }

    static func render(_ req: Request, unit: Unit, period: Period, message: String?, error: String?, status: HTTPStatus,
                       typed: [FigureKey: Double]? = nil) async throws -> Response {
        let model = try await StatisticsPage.model(req, unit: unit, period: period, typed: typed)
        var page = model
        page.message = message
        page.error = error
        return try await req.render("statistics", title: "Thống kê \(period.nameVI) – \(model.unitName)", page, status: status)
    }
}

extension ReportAction {
    /// What the page says after the step: "Đã nộp báo cáo."
    var doneVI: String { self == .save ? "Đã lưu nháp." : "Đã \(verbVI) báo cáo." }
}
