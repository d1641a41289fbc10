import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import NamHocOffice
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// The operations centre on both engines: figures from the kept sums at every level, at once, through a
    /// second application on the same database (two processes: nothing kept in one process's memory); the
    /// comparable basis kept in the database and never older than the last counted report; the page, the
    /// wall screen's digest and the XLSX.
    @Suite struct DashboardTests {
        typealias S = StatisticsTests

        static func dashboard(_ client: S.Client, _ code: String, _ query: String = "") async throws -> DashboardBody {
            let response = try await client.send(.GET, SiteURL.api(.unitDashboard(code)).path + "?period=\(S.period)\(query)") { res in
                #expect(res.status == .ok, "\(code): \(res.body.string.prefix(300))")
            }
            return try #require(try response?.content.decode(DashboardBody.self))
        }

        static func headline(_ body: DashboardBody, _ measure: Headline.Measure) -> Double? {
            body.headline.first { $0.measure == measure.rawValue }?.value
        }

        @Test func a_submitted_report_shows_on_every_ancestors_dashboard_at_once_through_another_process() async throws {
            var config: AppConfig?
            try await withApp(adjust: { config = $0 }) { app, _ in
                app.clock = .fixed(S.inWindow)
                // A second application on the same database: its own connection pool, sessions read from the
                // database, nothing shared in memory with the first.
                let other = try await Application.make(.testing)
                try await configure(other, config: try #require(config))
                other.clock = .fixed(S.inWindow)
                do {
                    let school = try await S.client(app, "t2.chuyenvien"), ward = try await S.client(app, "xa001.lanhdao")
                    let reader = try await S.client(other, "admin")
                    // setup: read every ancestor's dashboard once, on both bases (the comparable one is kept)
                    var stamps: [String: String] = [:]
                    for code in ["X001", "S01", "BGD"] {
                        let body = try await Self.dashboard(reader, code)
                        #expect(Self.headline(body, .pupils) == nil, "\(code)")
                        stamps[code] = body.stamp
                        #expect(Self.headline(try await Self.dashboard(reader, code, "&basis=today"), .pupils) == nil, "\(code)")
                    }
                    // MUT: the school submits through the first application
                    try await school.save("T2", S.primary(classes: 10, perClass: 30))
                    try await school.act(.submit, "T2")
                    // validate: the second one shows it on every ancestor at once, on both bases, with a new digest
                    for code in ["X001", "S01", "BGD"] {
                        let body = try await Self.dashboard(reader, code)
                        #expect(Self.headline(body, .pupils) == 300, "\(code)")
                        #expect(Self.headline(body, .classes) == 10, "\(code)")
                        #expect(body.levels.first { $0.level == "TH" }?.values["pupilsPerClass"] == 30, "\(code): ratio of the summed parts")
                        #expect(body.completeness.submitted == 1, "\(code)")
                        #expect(body.stamp != stamps[code], "\(code): the wall screen must reload")
                        #expect(Self.headline(try await Self.dashboard(reader, code, "&basis=today"), .pupils) == 300, "\(code), today's tree")
                    }
                    let ward_ = try await Self.dashboard(reader, "X001")
                    let t2 = try #require(ward_.children.first { $0.code == "T2" })
                    #expect(t2.totals["pupils"] == 300 && t2.submitted == 1 && t2.reportStatus == "submitted")
                    // 30 pupils a class is within the cap of 35 but within 10 % of it: near
                    let column = try #require(ward_.columns.firstIndex { $0.code == "2106b" })
                    #expect(t2.cells[column].value == 30 && t2.cells[column].standing == NormDistance.within.rawValue)
                    // MUT: returned through the first application
                    try await ward.act(.return, "T2", reason: "Số lớp chưa khớp")
                    // validate: gone everywhere through the second, the kept comparable figures included
                    for code in ["X001", "S01", "BGD"] {
                        #expect(Self.headline(try await Self.dashboard(reader, code), .pupils) == nil, "\(code)")
                        #expect(Self.headline(try await Self.dashboard(reader, code, "&basis=today"), .pupils) == nil, "\(code), today's tree")
                    }
                    #expect(try await S.verify(app) == 0)
                } catch {
                    try? await other.asyncShutdown()
                    throw error
                }
                try await other.asyncShutdown()
            }
        }

        @Test func the_page_the_wall_screen_and_the_workbook_show_the_same_figures() async throws {
            try await withApp { app, _ in
                app.clock = .fixed(S.inWindow)
                let school = try await S.client(app, "t1.chuyenvien")
                // 48 pupils a class is over the cap of 45: a warning explained, then submitted
                try await school.save("T1", S.lowerSecondary(classesPerGrade: 3, perClass: 48, teachers: 20, rooms: 30),
                                      explanations: ["CLS_MAX_THCS:3107": "Trường thiếu phòng học"])
                try await school.act(.submit, "T1")
                let leader = try await BrowserSession.signIn(app, as: "so01.lanhdao")
                var stamp = ""
                try await leader.get(app, SiteURL.unitDashboard("X001").url(.period(try #require(Period(reportingCode: S.period))))) { res in
                    #expect(res.status == .ok)
                    let page = res.body.string
                    #expect(page.contains("Điều hành – Phường Ba Đình"))
                    #expect(page.contains(">576<"), "pupils of the ward, Vietnamese digits")  // 3 × 48 × 4
                    #expect(page.contains("role=\"img\"") && page.contains("<title id=\"barst\">"))
                    #expect(page.contains("td class=\"num beyond\">48,0"), "48 pupils a class beyond the cap")
                    #expect(page.contains("Trường THCS Nguyễn Trãi"))
                }
                try await leader.get(app, SiteURL.unitDashboard("X001").url(.wall)) { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("location.reload()"))
                }
                try await leader.get(app, SiteURL.unitDashboardStamp("X001").path) { res in
                    stamp = try res.content.decode(DashboardController.Stamp.self).stamp
                }
                try await leader.get(app, SiteURL.unitDashboardStamp("X001").path) { res in
                    let again = try res.content.decode(DashboardController.Stamp.self).stamp
                    #expect(again == stamp, "nothing changed: same digest")
                }
                try await leader.get(app, SiteURL.unitDashboard("X001").url(.format("xlsx"))) { res in
                    #expect(res.status == .ok)
                    let reader = try XLSXReader(data: Data(buffer: res.body))
                    #expect(reader.sheetNames.contains("Đơn vị trực thuộc") && reader.sheetNames.contains("Chỉ tiêu chủ yếu"))
                    let rows = try TableFile.readRows(Data(buffer: res.body), filename: "a.xlsx")
                    #expect(rows.contains { $0.first == "Học sinh" && $0.dropFirst().first == "576" })
                }
                // bad input: a clear error, on the page and in the API
                try await leader.get(app, SiteURL.unitDashboard("X001").path + "?basis=hom-qua") { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.body.string.contains("Cơ sở so sánh"))
                }
                let api = try await S.client(app, "so01.lanhdao")
                try await api.send(.GET, SiteURL.api(.unitDashboard("X001")).path + "?period=2026") { #expect($0.status == .unprocessableEntity) }
                let foreign = try await api.send(.GET, SiteURL.api(.unitDashboard("S79")).path)
                #expect(foreign?.status == .forbidden || foreign?.status == .notFound)
            }
        }
    }
}
