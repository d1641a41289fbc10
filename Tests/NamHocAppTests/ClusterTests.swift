import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import NamHocOffice
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// A cluster's year on both engines, through the API as its members and organiser use it: registration,
    /// the agreement, self → cross → final scores with a computed criterion from the approved figures, the
    /// ranking and the vote; and the cluster's scope (members see each other's cluster, nobody else does).
    @Suite struct ClusterTests {
        typealias S = StatisticsTests

        static func create(_ app: Application) async throws -> String {
            let ministry = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "BGD").first())
            return try await ClusterService.create(.init(name: "Cụm thi đua số 1", year: SchoolYear(startYear: 2026), kind: "cluster",
                                                         members: ["S01", "S79"], head: "S79", deputy: "S01", agreement: "Giao ước thi đua.",
                                                         table: try CriteriaTable.example()),
                                                   organiser: ministry, by: .commandLine, on: app.db).uuidString
        }

        static func expect(_ client: S.Client, _ method: HTTPMethod, _ path: String, _ body: [String: any Sendable]? = nil,
                           _ status: HTTPStatus, _ contains: String = "", sourceLocation: SourceLocation = #_sourceLocation) async throws {
            try await client.send(method, path, body) { res in
                #expect(res.status == status && (contains.isEmpty || res.body.string.contains(contains)), "\(method) \(path): \(res.status.code) \(res.body.string.prefix(300))",
                        sourceLocation: sourceLocation)
            }
        }

        @Test func a_cluster_year_runs_from_registration_to_the_vote_in_order_and_in_scope() async throws {
            try await withApp { app, _ in
                app.clock = .fixed(S.inWindow)
                let id = try await Self.create(app)
                let s01 = try await S.client(app, "so01.chuyenvien"), s01Leader = try await S.client(app, "so01.lanhdao")
                let s79 = try await S.client(app, "so79.chuyenvien"), school = try await S.client(app, "t1.chuyenvien")
                let organiser = try await S.client(app, "bo.lanhdao"), viewer = try await S.client(app, "so01.xem")
                let path = SiteURL.api(.cluster(id)).path
                let step: (SiteURL.ClusterStep) -> String = { SiteURL.api(.clusterStep(id, $0)).path }
                // A school of S01 is no member: the cluster does not exist for it; a member's viewer reads but does not act.
                try await Self.expect(school, .GET, path, nil, .notFound)
                try await Self.expect(viewer, .GET, path, nil, .ok)
                try await Self.expect(viewer, .POST, step(.registration), ["award": "TTLDXS"], .forbidden)
                // Registration: targets on the catalogue's indicators only.
                try await Self.expect(s01, .POST, step(.registration), ["award": "TTLDXS", "targets": [["indicator": "9999x", "value": 1] as [String: any Sendable]]],
                                      .unprocessableEntity, "9999x")
                try await Self.expect(s01, .POST, step(.registration), ["award": "LDTT"], .unprocessableEntity)
                try await Self.expect(s01, .POST, step(.registration), ["award": "CO_BO", "models": "Sổ điểm điện tử",
                                                                         "targets": [["indicator": "2106b", "value": 30], ["indicator": "2106b", "value": 31]] as [[String: any Sendable]]], .ok)
                try await Self.expect(s79, .POST, step(.registration), ["award": "TTLDXS"], .ok)
                // S79 sees S01's registration: members see each other's registrations and scores.
                try await Self.expect(s79, .GET, path, nil, .ok, "Sổ điểm điện tử")
                // The figures behind the computed criterion: a school of S01 reports 30 pupils a class.
                let t2 = try await S.client(app, "t2.chuyenvien")
                try await t2.save("T2", S.primary(classes: 10, perClass: 30))
                try await t2.act(.submit, "T2")
                // Stages in order; evidence for the self-score; nobody scores itself across; only the organiser finalises.
                let sheet: [String: any Sendable] = ["stage": "self", "target": "S01", "points": ["A1": 30, "C1": 12, "D1": 9, "E1": 8, "T1": 2],
                                                     "evidence": ["A1": "Báo cáo tổng kết", "C1": "QĐ công nhận sáng kiến", "T1": "QĐ khen thưởng"]]
                try await Self.expect(s79, .POST, step(.scores), ["stage": "cross", "target": "S01", "points": ["A1": 30]], .conflict, "Chưa tự chấm")
                try await Self.expect(s01, .POST, step(.scores), ["stage": "self", "target": "S01", "points": ["A1": 30]], .unprocessableEntity, "minh chứng")
                try await Self.expect(s01, .POST, step(.scores), ["stage": "self", "target": "S01", "points": ["A1": 36], "evidence": ["A1": "x"]],
                                      .unprocessableEntity, "từ 0 đến 35")
                try await Self.expect(s01, .POST, step(.scores), ["stage": "self", "target": "S79", "points": ["D1": 9]], .forbidden)
                try await Self.expect(s01, .POST, step(.scores), sheet, .ok)
                try await Self.expect(s01, .POST, step(.scores), ["stage": "cross", "target": "S01", "points": ["A1": 30]], .forbidden)
                try await Self.expect(s79, .POST, step(.scores), ["stage": "cross", "target": "S01", "points": ["A1": 29, "C1": 12, "D1": 9, "E1": 8]], .ok)
                try await Self.expect(s01, .POST, step(.scores), sheet, .conflict, "Đã chấm chéo")
                try await Self.expect(s01Leader, .POST, step(.scores), ["stage": "final", "target": "S01", "points": ["A1": 29]], .forbidden)
                try await Self.expect(organiser, .POST, step(.scores),
                                      ["stage": "final", "target": "S01", "points": ["A1": 29, "C1": 12, "D1": 9, "E1": 8, "P1": 1, "B1": 20]], .ok)
                // validate: B1 is computed from the approved figures whatever was sent — one of two targets met: 10 of 20.
                let cluster = try await EmulationCluster.load(try #require(UUID(uuidString: id)), on: app.db)
                let final = try #require(cluster.sheets.first { $0.stage == "final" }).pointMap
                #expect(final["B1"] == 10, "2106b = 30 meets ≥ 30, not ≥ 31")
                #expect(cluster.table.total(final) == 29 + 10 + 12 + 9 + 8 - 1 + (final["A2"] ?? 0))
                // The vote waits for every member's final score, and only the organiser records it.
                try await Self.expect(organiser, .POST, step(.scores), ["stage": "final", "target": "S79", "points": ["A1": 20]], .conflict)
                let vote = try await EmulationCluster.load(try #require(UUID(uuidString: id)), on: app.db)
                await #expect(throws: AppError.self) { try await ClusterService.vote(vote, votes: [:], leads: ["S01"], by: .commandLine, on: app.db) }
                let entries = try await AuditEntry.query(on: app.db).filter(\.$entity == "cluster").all()
                #expect(Set(entries.map(\.action)) == ["create_cluster", "register", "score"])
            }
        }

        @Test func the_page_shows_each_caller_only_the_forms_that_are_theirs_and_exports_the_consolidated_table() async throws {
            try await withApp { app, _ in
                let id = try await Self.create(app)
                let pages: [(String, [String], [String])] = [
                    ("so01.lanhdao", ["Đăng ký thi đua của đơn vị", "Ký giao ước", "Tự chấm", "Chấm chéo"], ["Ghi kết quả bình xét", "Điểm chính thức</option>"]),
                    ("bo.lanhdao", ["Ghi kết quả bình xét", "Điểm chính thức</option>"], ["Đăng ký thi đua của đơn vị", "Ký giao ước thay mặt"]),
                    ("so01.xem", ["Cụm thi đua số 1"], ["Đăng ký thi đua của đơn vị", "Lưu điểm"]),
                ]
                for (user, shown, hidden) in pages {
                    let session = try await BrowserSession.signIn(app, as: user)
                    try await app.testing().test(.GET, SiteURL.cluster(id).path, beforeRequest: { req in
                        req.headers.cookie = ["namhoc_session": .init(string: session.cookie)]
                    }, afterResponse: { res in
                        #expect(res.status == .ok)
                        for text in shown { #expect(res.body.string.contains(text), "\(user) sees \(text)") }
                        for text in hidden { #expect(!res.body.string.contains(text), "\(user) does not see \(text)") }
                    })
                }
                let session = try await BrowserSession.signIn(app, as: "bo.lanhdao")
                try await app.testing().test(.GET, SiteURL.cluster(id).url(.format("xlsx")), beforeRequest: { req in
                    req.headers.cookie = ["namhoc_session": .init(string: session.cookie)]
                }, afterResponse: { res in
                    #expect(res.status == .ok && res.headers.contentType?.subType.contains("spreadsheet") == true)
                    let reader = try XLSXReader(data: Data(buffer: res.body))
                    var rows: [[String]] = []
                    try reader.forEachRow(sheet: "Tổng hợp đăng ký") { _, cells in rows.append(cells.map(TableFile.string)) }
                    #expect(rows.contains { $0.contains("S01") } && rows.contains { $0.contains("S79") })
                })
            }
        }
    }
}
