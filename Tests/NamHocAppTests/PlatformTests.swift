import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import Testing
import Vapor
import VaporTesting

extension AppTests {
    @Suite struct PlatformTests {
        @Test func healthz_answers_when_the_database_does() async throws {
            try await withApp(seed: false) { app, _ in
                // MUT
                try await app.testing().test(.GET, SiteURL.healthz.path) { res in
                    // validate
                    #expect(res.status == .ok)
                    #expect((try? res.content.get(String.self, at: "status")) == "ok")
                }
            }
        }

        /// The OpenAPI document and the route table describe the same API.
        @Test func openapi_document_matches_the_routes() async throws {
            try await withApp(seed: false) { app, _ in
                // MUT: the operations the document lists, and those the app routes
                var documented: Set<String> = []
                try await app.testing().test(.GET, SiteURL.api(.openAPI).path) { res in
                    #expect(res.status == .ok)
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any])
                    let paths = try #require(json["paths"] as? [String: [String: Any]])
                    for (path, operations) in paths {
                        for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
                    }
                }
                let routed = Set(app.routes.all.compactMap { route -> String? in
                    let path = "/" + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                    guard path.hasPrefix("/api/") || path == SiteURL.healthz.path || path == SiteURL.livez.path else { return nil }
                    return "\(route.method.rawValue) \(path)"
                })
                // validate
                #expect(documented == routed)
            }
        }

        @Test func configuration_precedence_is_argument_then_environment_then_default() throws {
            // MUT: the database from an argument
            let (fromArgument, rest) = try AppConfig.resolve(arguments: ["namhoc", "serve", "--db", "/tmp/a.sqlite", "--port", "9"],
                                                             environment: ["NAMHOC_DATABASE_URL": "postgres://x@127.0.0.1/y"])
            // validate
            #expect(fromArgument.database == .sqlite(path: "/tmp/a.sqlite"))
            #expect(rest == ["namhoc", "serve", "--port", "9"])
            // MUT + validate: from the environment
            let (fromEnvironment, _) = try AppConfig.resolve(arguments: ["namhoc"], environment: ["NAMHOC_DATABASE_URL": "postgres://x@127.0.0.1/y"])
            #expect(fromEnvironment.database == .postgres(url: "postgres://x@127.0.0.1/y"))
            // MUT + validate: by default
            let (byDefault, _) = try AppConfig.resolve(arguments: ["namhoc", "--db=b.sqlite"], environment: [:])
            #expect(byDefault.database == .sqlite(path: "b.sqlite"))
            // MUT + validate: a missing or unknown database
            #expect(throws: AppConfig.ConfigError.self) { try AppConfig.resolve(arguments: ["namhoc", "--db"], environment: [:]) }
            #expect(throws: AppConfig.ConfigError.self) { try AppConfig.resolve(arguments: ["namhoc", "--db", "mysql://x"], environment: [:]) }
        }

        @Test func site_urls_give_links_and_route_patterns() {
            // MUT + validate
            #expect(SiteURL.unit("S01").path == "/units/S01")
            #expect(SiteURL.unit(SiteURL.code).pathComponents.last == .parameter("code"))
            #expect(SiteURL.api(.unitChildren("X001")).path == "/api/v1/units/X001/children")
            #expect(SiteURL.unitUserPassword("T1", "a.b").path == "/units/T1/users/a.b/password")
        }

        /// Bulk rows travel as JSON text unpacked by the engine: what Fluent reads back must be what was written.
        @Test func bulk_rows_are_read_back_as_written_on_either_engine() async throws {
            try await withApp { app, _ in
                let unit = try #require(try await Unit.query(on: app.db).filter(\.$code == "T1").first())
                let texts = ["a\"b", "c\\d", "tab\there\nnewline", "Trường Tiểu học Đông Hưng – \u{1}", "", "🚸 x"]
                let numbers = [0.1, -3.5, 12, 1e-7, 123_456_789_012.5, 1e300]
                let submitted = Date(timeIntervalSince1970: 1_727_661_600.25), reportID = UUID()
                // MUT: three statements of two rows, then one report with a date and a null
                var values = BulkInsert(into: StatisticsStore.values, columns: [("unit_id", .uuid), ("period", .text), ("indicator", .text),
                                                                              ("breakdown", .text), ("value", .double)], on: app.db, rowsPerStatement: 2)
                for (text, number) in zip(texts, numbers) {
                    try await values.append(.uuid(try unit.requireID()), .text("probe"), .text("2105"), .text(text), .double(number))
                }
                try await values.finish()
                var reports = BulkInsert(into: StatReport.schema, columns: [("id", .uuid), ("unit_id", .uuid), ("period", .text), ("status", .text),
                                                                          ("explanations", .text), ("submitted_at", .date), ("approved_at", .date)], on: app.db)
                try await reports.append(.uuid(reportID), .uuid(try unit.requireID()), .text("probe"), .text("submitted"), .text(nil),
                                         .date(submitted), .date(nil))
                try await reports.finish()
                // validate
                #expect(values.written == 6 && reports.written == 1)
                let rows = try await app.db.sql.raw("SELECT breakdown, value FROM stat_values WHERE unit_id = \(bind: try unit.requireID()) AND period = 'probe'").all()
                let read = Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(column: "breakdown", as: String.self), try $0.decode(column: "value", as: Double.self)) })
                #expect(read == Dictionary(uniqueKeysWithValues: zip(texts, numbers)))
                let report = try #require(try await StatReport.find(reportID, on: app.db))
                #expect(report.$unit.id == unit.id && report.explanations == nil && report.approvedAt == nil)
                #expect(abs((report.submittedAt ?? .distantPast).timeIntervalSince(submitted)) < 0.001)
            }
        }

        @Test func demo_database_is_built_and_its_users_sign_in() async throws {
            try await withApp(seed: false) { app, _ in
                // MUT: build a province
                let result = try await DemoBuilder.build(scale: .province, seed: 3, province: "01", password: "demo-pass-1", today: Day.today(now: testNow),
                                                         hasher: app.password.async, on: app.db)
                // validate
                #expect(result.institutions > 1_000)
                let value1 = try await Unit.query(on: app.db).count()
                #expect(value1 == result.units)
                // validate: its administrator signs in, its schools are all counted
                let admin = try #require(result.users.first { $0.role == .admin })
                _ = try await BrowserSession.signIn(app, as: admin.username, password: "demo-pass-1")
                let province = try #require(try await Unit.query(on: app.db).filter(\.$code == "S01").first()).requireID()
                let groups = try await UnitTree.institutionCounts(under: province, on: .today(), today: .today(), in: app.db)
                #expect(groups.reduce(0) { $0 + $1.count } == result.institutions)
                // the kept counts of today equal the ones counted over the walked subtree
                let walked = try await UnitTree.institutionCounts(under: province, on: .today(), today: Day.today().next, in: app.db)
                func key(_ g: UnitTree.InstitutionGroup) -> String { "\(g.kind) \(g.levels) \(g.ownership ?? "") \(g.count)" }
                #expect(groups.map(key).sorted() == walked.map(key).sorted())
                // validate: five years of figures, their kept sums equal to the reference
                #expect(result.reports > 5 * 2_000 && result.values > result.reports * 20)
                let periods = try await StatisticsStore.periods(in: app.db)
                #expect(periods.map(\.code).filter { $0.hasSuffix("/census") }.count == 5)
                for period in periods {
                    let differences = try await StatisticsStore.differences(period, in: app.db)
                    #expect(differences.isEmpty, "\(period.code): \(differences.prefix(3))")
                }
            }
        }
    }
}
