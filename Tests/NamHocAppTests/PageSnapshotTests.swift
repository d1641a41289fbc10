import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import SnapshotTesting
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// Every page rendered from the fixed fixture at the fixed clock and compared with its stored snapshot
    /// (`__Snapshots__/PageSnapshotTests/`), so a template that silently drops a field fails. What varies
    /// between runs — CSRF tokens, the time of audit entries — is replaced by a placeholder first.
    /// To accept an intended change: `SNAPSHOT_TESTING_RECORD=all swift test --filter PageSnapshotTests`.
    @Suite struct PageSnapshotTests {
        static let pages: [(name: String, user: String?, path: String)] = [
            ("login", nil, SiteURL.login.path),
            ("home-province-leader", "so01.lanhdao", SiteURL.home.path),
            ("home-school-officer", "t1.chuyenvien", SiteURL.home.path),
            ("units-search", "so01.xem", SiteURL.units.url(.search("nguyen"))),
            ("unit-province", "so01.quantri", SiteURL.unit("S01").path),
            ("unit-school-2024", "admin", SiteURL.unit("T3").url(.date(Day(year: 2024, month: 10, day: 1)!))),
            ("unit-school-profile-form", "t1.chuyenvien", SiteURL.unit("T1").path),
            ("users", "so01.quantri", SiteURL.unitUsers("X001").path),
            ("audit", "so01.quantri", SiteURL.audit.path),
            ("account", "t1.xem", SiteURL.account.path),
            ("import", "so01.quantri", SiteURL.unitImport("S01").path),
            ("not-found", "t1.xem", SiteURL.unit("T9").path),
            ("statistics-school-form", "t2.chuyenvien", SiteURL.unitStatistics("T2").url(.period(Period.census(SchoolYear(startYear: 2026))))),
            ("statistics-ward-totals", "xa001.lanhdao", SiteURL.unitStatistics("X001").url(.period(Period.census(SchoolYear(startYear: 2026))))),
            ("plan-department", "so01.lanhdao", SiteURL.unitPlan("S01").path),
            ("plan-commune-offers", "xa001.chuyenvien", SiteURL.unitPlan("X001").path),
            ("plan-draft-form", "so01.chuyenvien", SiteURL.unitPlanDraft("S01").path),
            ("my-work-commune", "xa001.chuyenvien", SiteURL.myWork.path),
            ("dashboard-department", "so01.lanhdao", SiteURL.unitDashboard("S01").path),
        ]

        @Test(arguments: pages.map(\.name))
        func page_matches_its_snapshot(_ name: String) async throws {
            let page = try #require(Self.pages.first { $0.name == name })
            try await withApp { app, _ in
                // setup: one write, so the audit log has a line
                let officer = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                try await officer.post(app, SiteURL.unitProfile("T1").path, form: ["phone": "024 3825 1234", "headName": "Trần Thị Lan"]) { _ in }
                // and for the plan pages, S01's plan of 2026-2027: two tasks, the first given to X001 and X002, X002 having adopted it
                if name.hasPrefix("plan") || name.hasPrefix("my-work") || name.hasPrefix("dashboard") { try await Self.departmentPlan(app) }
                var session: BrowserSession?
                if let user = page.user { session = try await BrowserSession.signIn(app, as: user) }
                // MUT
                var html = ""
                try await app.testing().test(.GET, page.path, beforeRequest: { req in
                    if let session { req.headers.cookie = ["namhoc_session": .init(string: session.cookie)] }
                }, afterResponse: { res in html = res.body.string })
                // validate
                assertSnapshot(of: Self.stable(html), as: .lines, named: name)
            }
        }

        static func departmentPlan(_ app: Application) async throws {
            func unit(_ code: String) async throws -> NamHocApp.Unit {
                try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == code).first())
            }
            let department = try await unit("S01")
            let plan = try await PlanService.create(
                unit: department, year: SchoolYear(startYear: 2026), header: .init(theme: "Đổi mới, sáng tạo", docType: "Kế hoạch", docSymbol: "123/KH-SGDĐT"),
                tasks: [.init(content: TaskContent(title: "Nâng cao chất lượng giáo dục", deadline: Day(year: 2027, month: 5, day: 31), leadUnit: "Phòng GDTrH"),
                              subtasks: ["Bồi dưỡng học sinh giỏi"]),
                        .init(content: TaskContent(title: "Đẩy mạnh chuyển đổi số", deadline: Day(year: 2026, month: 11, day: 30)))],
                catalogue: try await app.statistics().catalogue, by: .commandLine, on: app.db)
            let first = try #require(try await PlanStore.tasks(of: plan, on: app.db).first)
            _ = try await PlanService.assign(first, to: ["X001", "X002"], unit: department, today: Day.today(now: testNow), by: .commandLine, on: app.db)
            _ = try await PlanService.adopt(first.requireID(), into: try await unit("X002"), by: .commandLine, on: app.db)
        }

        /// The page without what differs from run to run.
        static func stable(_ html: String) -> String {
            var text = html
            for (pattern, replacement) in [(#"name="csrf" value="[^"]*""#, #"name="csrf" value="CSRF""#),
                                           (#"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"#, "UUID"),
                                           (#"\d{2}/\d{2}/\d{4} \d{2}:\d{2}"#, "dd/mm/yyyy HH:MM")] {
                text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
            }
            return text
        }
    }
}
