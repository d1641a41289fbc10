import Foundation
import NamHocDomain
import NamHocText
import Vapor

/// The briefing report page: the sections generated for a period, edited in place, then downloaded as
/// DOCX or shown as a printable page. It reads the unit's data and writes nothing.
enum BriefingController {
    struct Model: Encodable {
        var unitName: String
        var planURL: String
        var formURL: String
        var year: String
        var periods: [PlanController.Option]
        var periodName: String
        var period: String
        var place: String
        var signer: String
        var sections: [Briefing.Section]
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, year = try req.planYear
        let plan = try await req.existingPlan(of: unit, year: year)
        let periods = plan.reportingCycle.periods(of: year)
        let period = try req.query[String.self, at: "period"].map { try req.progressPeriod($0) }
            ?? plan.reportingCycle.period(containing: req.today, in: year) ?? periods[0]
        let sections = try await Briefing.sections(of: plan, unit: unit, period: period, today: req.today, statistics: try await req.statistics(), on: req.db)
        let path = try await UnitTree.path(to: unit.requireID(), on: req.today, in: req.db)
        let model = Model(unitName: unit.name, planURL: SiteURL.unitPlan(unit.code).url(.year(year)),
                          formURL: SiteURL.unitPlanBriefing(unit.code).url(.year(year)), year: year.name,
                          periods: periods.map { PlanController.Option(value: $0.code, name: $0.nameVI, selected: $0 == period) },
                          periodName: period.nameVI, period: period.code, place: Briefing.place(onPath: path), signer: unit.headName ?? "",
                          sections: sections)
        return try await req.render("plan-briefing", title: "Báo cáo giao ban \(period.nameVI) – \(unit.name)", model)
    }

    struct Form: Content {
        var period: String
        var place: String?
        var signer: String?
        var format: String?
        var heading: [String]
        var text: [String]
    }

    /// `POST …/plan/briefing`: the edited sections as DOCX (`format=docx`) or as a printable page.
    @Sendable static func export(req: Request) async throws -> Response {
        try CSRFMiddleware.check(req)
        let unit = try req.scopedUnit, form = try req.content.decode(Form.self)
        let period = try req.progressPeriod(form.period)
        guard form.heading.count == form.text.count, form.heading.count <= 20, (form.heading + form.text).allSatisfy({ $0.count <= 100_000 }) else {
            throw AppError.invalidField(field: "text", message: "Nội dung báo cáo không hợp lệ.")
        }
        let sections = zip(form.heading, form.text).map { Briefing.Section(heading: $0, text: $1) }
        let path = try await UnitTree.path(to: unit.requireID(), on: req.today, in: req.db)
        let place = (form.place ?? "").isEmpty ? Briefing.place(onPath: path) : form.place!
        if form.format == "docx" {
            let data = try Briefing.document(sections, unit: unit, parentName: path.dropLast().last?.name, place: place, period: period,
                                             signer: form.signer ?? "", now: req.now)
            let response = Response(status: .ok, body: .init(data: data))
            response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
            response.headers.contentDisposition = .init(.attachment, filename: "bao-cao-giao-ban-\(unit.code)-\(period.code.replacingOccurrences(of: "/", with: "-")).docx")
            return response
        }
        struct Print: Encodable {
            var unitName: String
            var parentName: String
            var title: String
            var dateline: String
            var sections: [Numbered]
            var signer: String
        }
        struct Numbered: Encodable {
            var number: String
            var heading: String
            var text: String
        }
        let roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        return try await req.render("plan-briefing-print", title: "Báo cáo giao ban \(period.nameVI)",
                                    Print(unitName: unit.name.uppercased(), parentName: path.dropLast().last?.name.uppercased() ?? "",
                                          title: "Kết quả thực hiện nhiệm vụ \(period.nameVI.lowercasedFirst) và nhiệm vụ trọng tâm kỳ tới",
                                          dateline: "\(place), \(VietnameseFormat.datelineDate(req.now))",
                                          sections: sections.enumerated().map { Numbered(number: $0.offset < roman.count ? roman[$0.offset] : String($0.offset + 1),
                                                                                         heading: $0.element.heading, text: $0.element.text) },
                                          signer: form.signer ?? ""))
    }
}
