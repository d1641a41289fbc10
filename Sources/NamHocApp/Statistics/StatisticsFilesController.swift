import NamHocDomain
import NamHocOffice
import NamHocText
import Vapor

/// The statistics workbook on the web: downloaded for a unit (its form) or for the units below it (one
/// row each), filled offline, uploaded back. Units come checked from `UnitScopeMiddleware`; each row's
/// unit is judged again by `StatisticsImport`.
enum StatisticsFilesController {
    static let maxUpload: ByteCount = "20mb"

    /// `GET …/statistics/file?period=…[&rows=below]`: the workbook with the figures saved so far.
    @Sendable static func download(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, period = try req.statisticsPeriod(req.query[String.self, at: "period"])
        let below = req.query[String.self, at: "rows"] == "below"
        let statistics = try await req.statistics()
        let file = below ? try await StatisticsFiles.unitsWorkbook(under: unit, period: period, statistics: statistics, in: req.db)
            : try await StatisticsFiles.unitWorkbook(unit, period: period, statistics: statistics, in: req.db)
        return file.response(named: StatisticsFiles.filename(unit, period: period, below: below))
    }

    struct Model: Encodable {
        var unitName: String
        var statisticsURL: String
        var formURL: String
        var period: String
        var periodName: String
        var unitFileURL: String
        var belowFileURL: String
        var outcome = UploadOutcome<Fault>()
    }

    struct Fault: Encodable {
        var cell: String
        var unit: String
        var message: String

        init(_ error: AppError.RowError) {
            cell = error.cell ?? "Dòng \(error.row)"
            unit = error.unit ?? ""
            message = error.message
        }
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let unit = try req.scopedUnit
        let period = try req.query[String.self, at: "period"].map { try req.statisticsPeriod($0) } ?? Period.census(req.schoolYear)
        return try await render(req, .empty(for: unit, period: period), status: .ok)
    }

    @Sendable static func upload(req: Request) async throws -> Response {
        try CSRFMiddleware.check(req)
        let unit = try req.scopedUnit, user = try req.requireUser()
        let period = try req.statisticsPeriod(req.query[String.self, at: "period"])
        let statistics = try await req.statistics()
        var model = Model.empty(for: unit, period: period), status: HTTPStatus
        (model.outcome, status) = try await UploadOutcome.of(req, fault: Fault.init, faultsFile: faultsFile) { data, filename, checkOnly in
            let file = try StatisticsFiles.read(data, filename: filename)
            return lines(try await StatisticsImport.run(file, under: unit, expected: period, by: .person(user), statistics: statistics,
                                                        today: req.today, dryRun: checkOnly, on: req.db))
        }
        return try await render(req, model, status: status)
    }

    static func lines(_ summary: StatisticsImport.Summary) -> [String] {
        var lines = ["\(VietnameseFormat.integer(summary.saved.count)) đơn vị được lưu số liệu (bản nháp)",
                     "\(VietnameseFormat.integer(summary.unchanged)) đơn vị không đổi"]
        if !summary.withWarnings.isEmpty {
            lines.append("\(VietnameseFormat.integer(summary.withWarnings.count)) đơn vị có cảnh báo cần giải trình trước khi nộp: "
                         + summary.withWarnings.prefix(20).joined(separator: ", ") + (summary.withWarnings.count > 20 ? ", …" : ""))
        }
        return lines
    }

    static func faultsFile(_ faults: [Fault], filename: String) throws -> String {
        try Download.faultsLink(of: filename, header: ["Ô", "Đơn vị", "Lỗi"], rows: faults.map { [$0.cell, $0.unit, $0.message] },
                                widths: [10, 16, 90])
    }

    private static func render(_ req: Request, _ model: Model, status: HTTPStatus) async throws -> Response {
        try await req.render("statistics-import", title: "Nhập số liệu \(model.periodName) – \(model.unitName)", model, status: status)
    }
}

extension StatisticsFilesController.Model {
    static func empty(for unit: Unit, period: Period) -> Self {
        .init(unitName: unit.name, statisticsURL: SiteURL.unitStatistics(unit.code).url(.period(period)),
              formURL: SiteURL.unitStatisticsImport(unit.code).url(.period(period)), period: period.code, periodName: period.nameVI,
              unitFileURL: SiteURL.unitStatisticsFile(unit.code).url(.period(period)),
              belowFileURL: SiteURL.unitStatisticsFile(unit.code).url(.period(period), .rowsBelow))
    }
}
