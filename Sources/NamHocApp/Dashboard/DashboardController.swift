import Foundation
import NamHocDomain
import Vapor

/// The operations centre of a unit: the page (and its wall-screen form), its tables as XLSX, the digest
/// the wall screen polls, and the same numbers for integrators. Units come checked from `UnitScopeMiddleware`.
enum DashboardController {
    /// The page's content is rendered once per kept dashboard (a national one holds ≈ 700 cells: most of
    /// the cost of a request); the breadcrumbs, which depend on who reads, are added around it.
    @Sendable static func show(req: Request) async throws -> Response {
        let unit = try req.scopedUnit
        let (entry, key, period) = try await load(req, year: req.schoolYear)
        let body = entry.body
        if req.wantsSpreadsheet {
            return try Download.xlsx(DashboardPage.sheets(body))
                .response(named: "dieu-hanh-\(unit.code)-\(period.schoolYear.name)")
        }
        let wall = req.query[String.self, at: "wall"] == "1"
        var content = entry.html[wall]
        if content == nil {
            let catalogue = try await req.statistics().catalogue.edition(for: period.schoolYear)
            let page = DashboardPage.model(body, req: req, periodValue: period, catalogue: catalogue)
            let view = try await req.view.render(wall ? "dashboard-wall-content" : "dashboard-content", ["model": page]).get()
            content = String(buffer: view.data)
            req.application.dashboardCache.keep(key, version: entry.version, wall: wall, html: content ?? "")
        }
        var crumbs: [DashboardPage.Link] = []
        if !wall {
            // Only the units above that the user may read.
            for ancestor in try await UnitTree.path(to: unit.requireID(), on: req.today, in: req.db).dropLast()
            where try await req.decide(.read, on: ancestor) == .allowed {
                crumbs.append(.init(name: ancestor.name, url: SiteURL.unitDashboard(ancestor.code).url(.period(period), .basis(body.basis))))
            }
        }
        return try await req.render(wall ? "dashboard-wall" : "dashboard", title: "Điều hành – \(body.unit.name)",
                                    DashboardPage.Shell(crumbs: crumbs.nonEmpty, content: content ?? ""))
    }

    struct Stamp: Content { var stamp: String; var generatedAt: Date }

    /// What the wall screen polls: a digest of everything shown, so it reloads only when a figure changed.
    @Sendable static func stamp(req: Request) async throws -> Stamp {
        let body = try await load(req, year: req.schoolYear).entry.body
        return Stamp(stamp: body.stamp, generatedAt: body.generatedAt)
    }

    /// The JSON encoded when the dashboard was made, served as it is while the data version holds.
    @Sendable static func api(req: Request) async throws -> Response {
        // No session here: the default year is today's.
        let entry = try await load(req, year: SchoolYear.containing(req.today)).entry
        let response = Response(status: .ok, body: .init(buffer: entry.json))
        response.headers.contentType = .json
        return response
    }

    /// `?period=2025-2026/census` (default: the census of `year`) and `?basis=period|today`; from this
    /// process's memory while nothing was written since it was made (`DashboardCache`).
    private static func load(_ req: Request, year: SchoolYear) async throws
        -> (entry: DashboardCache.Entry, key: DashboardCache.Key, period: Period) {
        let unit = try req.scopedUnit
        let period = try req.query[String.self, at: "period"].map { try req.statisticsPeriod($0) } ?? Period.census(year)
        let basis = try req.query[String.self, at: "basis"].map { text in
            guard let basis = DashboardBody.Basis(rawValue: text) else {
                throw AppError.invalidField(field: "basis", message: "Cơ sở so sánh \"\(text)\" không hợp lệ: period (địa giới tại kỳ báo cáo) hoặc today (địa giới hiện nay).")
            }
            return basis
        } ?? .period
        // Read before the figures: a write committed meanwhile moves it, and what is made now is never served under it again.
        let version = try await DataVersion.current(in: req.db)
        let key = DashboardCache.Key(unitID: try unit.requireID(), period: period.code, basis: basis, today: req.today)
        let cache = req.application.dashboardCache
        if let hit = cache.entry(key, version: version) { return (hit, key, period) }
        let body = try await Dashboard.body(of: unit, period: period, basis: basis, today: req.today, now: req.now,
                                            statistics: try await req.statistics(), on: req.db)
        let json = try await body.encodeResponse(for: req).body.buffer ?? ByteBuffer()
        cache.keep(key, version: version, body: body, json: json)
        return (DashboardCache.Entry(version: version, body: body, json: json, used: 0), key, period)
    }
}
