import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// Every route of the route table, every method, called by every kind of caller on units inside and
    /// outside their subtree, today and through a past `?date=`/`?year=`, each answer checked against one
    /// expectation table. A route without an expectation fails the test.
    @Suite struct RouteAccessTests {
        /// What a route needs, and what it answers when access is granted.
        enum Guard {
            /// No sign-in: `anonymous` for a visitor, `signedIn` for an account.
            case open(anonymous: HTTPStatus, signedIn: HTTPStatus)
            /// Any account that may act today.
            case signedIn(HTTPStatus)
            /// The caller's own unit, for this action.
            case ownUnit(AccessAction, HTTPStatus)
            /// The unit of the path (`:code`), for this action.
            case unit(AccessAction, HTTPStatus)
            /// The fixture's cluster (`:cluster`: organised by S01, members X001 and X002), by its own rule.
            case cluster(ClusterAct, HTTPStatus)
        }

        /// What a cluster route asks of `ClusterAccess`, with the caller's own unit where the act is a member's own.
        enum ClusterAct { case view, registerOwn, selfScore(String), signOwn, organise }

        /// The cluster the fixture's `:cluster` names.
        nonisolated(unsafe) static var clusterID = UUID()

        enum Body { case none, form([String: String]), json([String: String]), rawJSON(String), upload }

        struct Expectation {
            var guardedBy: Guard
            var body: Body = .none
            /// The call ends the caller's browser session or API token (sign-out): sign in again after.
            var endsSession = false
            var isAPI = false
            /// Query parameters the route needs besides the day.
            var query = ""
        }

        /// The one expectation table: "METHOD /path/:param" as the router holds it.
        static let table: [String: Expectation] = [
            "GET /healthz": .init(guardedBy: .open(anonymous: .ok, signedIn: .ok)),
            "GET /livez": .init(guardedBy: .open(anonymous: .ok, signedIn: .ok)),
            "GET /login": .init(guardedBy: .open(anonymous: .ok, signedIn: .seeOther)),
            "POST /login": .init(guardedBy: .open(anonymous: .unauthorized, signedIn: .unauthorized),
                                 body: .form(["username": "khong-co-ai", "password": "sai-mat-khau"])),
            "POST /logout": .init(guardedBy: .open(anonymous: .seeOther, signedIn: .seeOther), endsSession: true),
            "POST /logout/everywhere": .init(guardedBy: .signedIn(.seeOther), endsSession: true),
            "GET /": .init(guardedBy: .signedIn(.ok)),
            "GET /account": .init(guardedBy: .signedIn(.ok)),
            "POST /account": .init(guardedBy: .signedIn(.unprocessableEntity),
                                   body: .form(["current": "sai-mat-khau", "new": "matkhau-moi-1", "confirm": "matkhau-moi-1"])),
            "POST /school-year": .init(guardedBy: .signedIn(.seeOther), body: .form(["year": "2025-2026", "back": "/units"])),
            "GET /units": .init(guardedBy: .ownUnit(.read, .ok)),
            "GET /units/:code": .init(guardedBy: .unit(.read, .ok)),
            "GET /units/:code/export": .init(guardedBy: .unit(.read, .ok)),
            "POST /units/:code/profile": .init(guardedBy: .unit(.write, .seeOther), body: .form(["phone": "024 3825 0000"])),
            "GET /units/:code/users": .init(guardedBy: .unit(.administer, .ok)),
            "POST /units/:code/users": .init(guardedBy: .unit(.administer, .seeOther),
                                             body: .form(["username": "<new>", "displayName": "Người Mới", "password": "matkhau-123", "role": "viewer"])),
            "POST /units/:code/users/:username": .init(guardedBy: .unit(.administer, .seeOther),
                                                       body: .form(["role": "viewer", "unit": "<code>", "active": "1"])),
            "POST /units/:code/users/:username/password": .init(guardedBy: .unit(.administer, .seeOther),
                                                                body: .form(["password": "matkhau-123"])),
            "GET /units/:code/import": .init(guardedBy: .unit(.administer, .ok)),
            "POST /units/:code/import": .init(guardedBy: .unit(.administer, .ok), body: .upload),
            "GET /audit": .init(guardedBy: .ownUnit(.administer, .ok)),
            "GET /api/v1/openapi.json": .init(guardedBy: .open(anonymous: .ok, signedIn: .ok), isAPI: true),
            "POST /api/v1/session": .init(guardedBy: .open(anonymous: .unauthorized, signedIn: .unauthorized),
                                          body: .json(["username": "khong-co-ai", "password": "sai-mat-khau"]), isAPI: true),
            "DELETE /api/v1/session": .init(guardedBy: .signedIn(.noContent), endsSession: true, isAPI: true),
            "DELETE /api/v1/sessions": .init(guardedBy: .signedIn(.noContent), endsSession: true, isAPI: true),
            "GET /api/v1/me": .init(guardedBy: .signedIn(.ok), isAPI: true),
            "GET /api/v1/units": .init(guardedBy: .ownUnit(.read, .ok), isAPI: true, query: "q=truong"),
            "GET /api/v1/units/:code": .init(guardedBy: .unit(.read, .ok), isAPI: true),
            "GET /api/v1/units/:code/children": .init(guardedBy: .unit(.read, .ok), isAPI: true),
            "GET /units/:code/statistics": .init(guardedBy: .unit(.read, .ok)),
            // The end-of-year window of 2026-2027 is not open on 01/12/2026: every writer the policy lets
            // through (the unit's own, an administrator above entering on its behalf) gets 409.
            "POST /units/:code/statistics": .init(guardedBy: .unit(.write, .conflict),
                                                  body: .form(["period": "2026-2027/end"])),
            "GET /units/:code/statistics/file": .init(guardedBy: .unit(.read, .ok), query: "period=2026-2027/census"),
            "GET /units/:code/statistics/import": .init(guardedBy: .unit(.enterFigures, .ok), query: "period=2026-2027/census"),
            // The unit list sent as statistics: refused whole (no period, no header), after the access check.
            "POST /units/:code/statistics/import": .init(guardedBy: .unit(.enterFigures, .unprocessableEntity), body: .upload,
                                                         query: "period=2026-2027/census"),
            "POST /units/:code/statistics/submit": .init(guardedBy: .unit(.write, .conflict), body: .form(["period": "2026-2027/census"])),
            "POST /units/:code/statistics/approve": .init(guardedBy: .unit(.approve, .conflict), body: .form(["period": "2026-2027/census"])),
            "POST /units/:code/statistics/return": .init(guardedBy: .unit(.approve, .conflict),
                                                         body: .form(["period": "2026-2027/census", "reason": "Sai"])),
            "POST /units/:code/statistics/reopen": .init(guardedBy: .unit(.approve, .conflict),
                                                         body: .form(["period": "2026-2027/census", "reason": "Sai"])),
            "GET /api/v1/indicators": .init(guardedBy: .signedIn(.ok), isAPI: true),
            "GET /api/v1/units/:code/values": .init(guardedBy: .unit(.read, .ok), isAPI: true, query: "period=2026-2027/census"),
            // No unit in the body: refused whole after the access check.
            "POST /api/v1/units/:code/values/bulk": .init(guardedBy: .unit(.enterFigures, .unprocessableEntity),
                                                          body: .rawJSON(#"{"period":"2026-2027/census","units":{}}"#), isAPI: true),
            "PUT /api/v1/units/:code/values": .init(guardedBy: .unit(.write, .conflict),
                                                    body: .rawJSON(#"{"period":"2026-2027/end","values":{}}"#), isAPI: true),
            // No report exists yet: every step the policy allows answers 409.
            "POST /api/v1/units/:code/reports/submit": .init(guardedBy: .unit(.write, .conflict),
                                                             body: .rawJSON(#"{"period":"2026-2027/census"}"#), isAPI: true),
            "POST /api/v1/units/:code/reports/approve": .init(guardedBy: .unit(.approve, .conflict),
                                                              body: .rawJSON(#"{"period":"2026-2027/census"}"#), isAPI: true),
            "POST /api/v1/units/:code/reports/return": .init(guardedBy: .unit(.approve, .conflict),
                                                             body: .rawJSON(#"{"period":"2026-2027/census","reason":"Sai"}"#), isAPI: true),
            "POST /api/v1/units/:code/reports/reopen": .init(guardedBy: .unit(.approve, .conflict),
                                                             body: .rawJSON(#"{"period":"2026-2027/census","reason":"Sai"}"#), isAPI: true),
            // Plans: every target unit has a plan of 2026-2027 with one task (`taskID(code)`) and an empty one of 2024-2025.
            "GET /units/:code/plan": .init(guardedBy: .unit(.read, .ok)),
            "GET /units/:code/plan/tasks/:task": .init(guardedBy: .unit(.read, .ok)),
            "GET /units/:code/plan/tasks/:task/evidence/:evidence": .init(guardedBy: .unit(.read, .notFound)),
            "GET /my-work": .init(guardedBy: .ownUnit(.read, .ok)),
            "GET /units/:code/dashboard": .init(guardedBy: .unit(.read, .ok)),
            "GET /units/:code/dashboard/stamp": .init(guardedBy: .unit(.read, .ok)),
            "GET /units/:code/plan/briefing": .init(guardedBy: .unit(.read, .ok)),
            "POST /units/:code/plan/briefing": .init(guardedBy: .unit(.read, .ok),
                                                     body: .form(["period": "2026-Q4", "heading[]": "KẾT QUẢ", "text[]": "Đã làm."])),
            "POST /units/:code/plan": .init(guardedBy: .unit(.write, .seeOther), body: .form(["theme": "Chủ đề"])),
            "POST /units/:code/plan/tasks": .init(guardedBy: .unit(.write, .seeOther), body: .form(["title": "Nhiệm vụ thêm"])),
            // A task that was not given to the unit: refused after the access check.
            "POST /units/:code/plan/adopt": .init(guardedBy: .unit(.write, .unprocessableEntity),
                                                  body: .form(["task": "00000000-0000-4000-8000-000000000000"])),
            "GET /units/:code/plan/draft": .init(guardedBy: .unit(.write, .ok)),
            "POST /units/:code/plan/draft": .init(guardedBy: .unit(.write, .ok), body: .upload),
            "POST /units/:code/plan/tasks/:task": .init(guardedBy: .unit(.write, .seeOther), body: .form(["title": "Nhiệm vụ đã sửa"])),
            "POST /units/:code/plan/tasks/:task/assign": .init(guardedBy: .unit(.write, .unprocessableEntity), body: .form(["units[]": "KHONG-CO"])),
            "POST /units/:code/plan/tasks/:task/sync": .init(guardedBy: .unit(.write, .conflict), body: .form(["take": "1"])),
            // The unit list sent as a progress report: no period, refused after the access check.
            "POST /units/:code/plan/tasks/:task/report": .init(guardedBy: .unit(.write, .unprocessableEntity), body: .upload),
            "POST /units/:code/plan/tasks/:task/approve": .init(guardedBy: .unit(.approve, .conflict), body: .form(["period": "2026-Q4"])),
            "POST /units/:code/plan/tasks/:task/return": .init(guardedBy: .unit(.approve, .conflict),
                                                               body: .form(["period": "2026-Q4", "comment": "Sai"])),
            "GET /api/v1/units/:code/plan": .init(guardedBy: .unit(.read, .ok), isAPI: true),
            "GET /api/v1/units/:code/dashboard": .init(guardedBy: .unit(.read, .ok), isAPI: true),
            "GET /api/v1/units/:code/plan/tasks/:task/cascade": .init(guardedBy: .unit(.read, .ok), isAPI: true),
            "POST /api/v1/units/:code/plan/draft": .init(guardedBy: .unit(.write, .ok), body: .rawJSON(#"{"text":"1. Nhiệm vụ một."}"#), isAPI: true),
            "POST /api/v1/units/:code/plan": .init(guardedBy: .unit(.write, .conflict),
                                                   body: .rawJSON(#"{"schoolYear":"2026-2027","theme":"x","tasks":[]}"#), isAPI: true),
            "POST /api/v1/units/:code/plan/tasks": .init(guardedBy: .unit(.write, .created), body: .rawJSON(#"{"task":{"title":"Thêm"}}"#),
                                                         isAPI: true),
            "PUT /api/v1/units/:code/plan/tasks/:task": .init(guardedBy: .unit(.write, .ok), body: .rawJSON(#"{"title":"Sửa"}"#), isAPI: true),
            "POST /api/v1/units/:code/plan/tasks/:task/assign": .init(guardedBy: .unit(.write, .unprocessableEntity),
                                                                      body: .rawJSON(#"{"units":["KHONG-CO"]}"#), isAPI: true),
            "POST /api/v1/units/:code/plan/adopt": .init(guardedBy: .unit(.write, .unprocessableEntity),
                                                         body: .rawJSON(#"{"task":"00000000-0000-4000-8000-000000000000"}"#), isAPI: true),
            "POST /api/v1/units/:code/plan/tasks/:task/sync": .init(guardedBy: .unit(.write, .conflict), body: .rawJSON(#"{"take":true}"#),
                                                                    isAPI: true),
            "PUT /api/v1/units/:code/plan/tasks/:task/report": .init(guardedBy: .unit(.write, .ok),
                                                                     body: .rawJSON(#"{"period":"2026-Q4","status":"in_progress","percent":10}"#), isAPI: true),
            // The report is a draft (or missing): accepting or returning it answers 409.
            "POST /api/v1/units/:code/plan/tasks/:task/approve": .init(guardedBy: .unit(.approve, .conflict),
                                                                       body: .rawJSON(#"{"period":"2026-Q4"}"#), isAPI: true),
            "POST /api/v1/units/:code/plan/tasks/:task/return": .init(guardedBy: .unit(.approve, .conflict),
                                                                      body: .rawJSON(#"{"period":"2026-Q4","comment":"Sai"}"#), isAPI: true),
            // Emulation: no staff in the fixture, so a person or a proposal is not found after the access check.
            "GET /emulation/rules": .init(guardedBy: .signedIn(.ok)),
            "GET /units/:code/emulation": .init(guardedBy: .unit(.read, .ok)),
            "GET /units/:code/emulation/staff/:staff": .init(guardedBy: .unit(.read, .notFound)),
            "GET /units/:code/emulation/import": .init(guardedBy: .unit(.write, .ok)),
            // The unit list sent as a staff file: no "Mã cán bộ" column, refused after the access check.
            "POST /units/:code/emulation/import": .init(guardedBy: .unit(.write, .unprocessableEntity), body: .upload),
            "POST /units/:code/emulation/proposals": .init(guardedBy: .unit(.write, .unprocessableEntity),
                                                           body: .form(["staff": "GV-KHONG-CO", "award": "KHONG-CO"])),
            "POST /units/:code/emulation/proposals/:proposal/decision": .init(guardedBy: .unit(.approve, .notFound),
                body: .form(["decision": "1/QĐ", "decidedOn": "2026-11-01", "signer": "Người ký"])),
            // Clusters: the fixture's cluster of S01 with members X001 and X002, each caller judged by `ClusterAccess`.
            "GET /emulation/clusters": .init(guardedBy: .signedIn(.ok)),
            // Creating is organising at one's own unit (writing there); a form without members is refused after that.
            "POST /emulation/clusters": .init(guardedBy: .ownUnit(.write, .unprocessableEntity), body: .form(["name": "Cụm", "year": "2025-2026", "members": ""])),
            "GET /emulation/clusters/:cluster": .init(guardedBy: .cluster(.view, .ok)),
            // X001 has self-scored in the fixture: its registration is closed (409) after the access check.
            "POST /emulation/clusters/:cluster/registration": .init(guardedBy: .cluster(.registerOwn, .conflict), body: .form(["award": "TTLDXS"])),
            "POST /emulation/clusters/:cluster/signature": .init(guardedBy: .cluster(.signOwn, .seeOther)),
            "POST /emulation/clusters/:cluster/scores": .init(guardedBy: .cluster(.selfScore("X001"), .seeOther),
                                                              body: .form(["stage": "self", "target": "X001", "p_D1": "9"])),
            // No final scores yet: the organiser's vote is refused after the access check.
            "POST /emulation/clusters/:cluster/vote": .init(guardedBy: .cluster(.organise, .conflict)),
            "GET /api/v1/emulation/clusters": .init(guardedBy: .signedIn(.ok), isAPI: true),
            "GET /api/v1/emulation/clusters/:cluster": .init(guardedBy: .cluster(.view, .ok), isAPI: true),
            "POST /api/v1/emulation/clusters/:cluster/registration": .init(guardedBy: .cluster(.registerOwn, .conflict),
                                                                           body: .rawJSON(#"{"award":"TTLDXS"}"#), isAPI: true),
            "POST /api/v1/emulation/clusters/:cluster/scores": .init(guardedBy: .cluster(.selfScore("X001"), .ok),
                                                                     body: .rawJSON(#"{"stage":"self","target":"X001","points":{"D1":9}}"#), isAPI: true),
            // The unit as a collective: rated by a leader of the unit above; an unknown award or proposal after the access check.
            "POST /units/:code/emulation/rating": .init(guardedBy: .unit(.approve, .seeOther), body: .form(["rating": "HTTNV"])),
            "POST /units/:code/emulation/collective": .init(guardedBy: .unit(.write, .unprocessableEntity), body: .form(["award": "KHONG-CO"])),
            "POST /units/:code/emulation/collective/:proposal/decision": .init(guardedBy: .unit(.approve, .notFound),
                body: .form(["decision": "1/QĐ", "decidedOn": "2026-11-01", "signer": "Người ký"])),
            "GET /api/v1/emulation/rule-sets": .init(guardedBy: .signedIn(.ok), isAPI: true),
            "POST /api/v1/emulation/eligibility": .init(guardedBy: .signedIn(.ok),
                                                        body: .rawJSON(#"{"award":"LDTT","year":"2024-2025","person":{}}"#), isAPI: true),
            "GET /api/v1/units/:code/emulation": .init(guardedBy: .unit(.read, .ok), isAPI: true),
            "POST /api/v1/units/:code/emulation/proposals": .init(guardedBy: .unit(.write, .unprocessableEntity),
                                                                  body: .rawJSON(#"{"staff":"GV-KHONG-CO","award":"KHONG-CO"}"#), isAPI: true),
            "POST /api/v1/units/:code/emulation/proposals/:proposal/decision": .init(guardedBy: .unit(.approve, .notFound),
                body: .rawJSON(#"{"decision":"1/QĐ","decidedOn":"2026-11-01","signer":"Người ký"}"#), isAPI: true),
        ]

        /// What a role may do by the unit's relation to the caller's unit: one row per action.
        static func decision(_ action: AccessAction, _ role: Role, _ relation: Relation) -> AccessDecision {
            switch (action, relation) {
            case (_, .outside): return .hidden
            case (.read, _): return .allowed
            case (_, .seenOnlyOnThatDay): return .forbidden
            case (.write, .own): return role == .viewer ? .forbidden : .allowed
            case (.write, _), (.administer, _): return role == .admin ? .allowed : .forbidden
            case (.approve, .directChild): return role == .leader ? .allowed : .forbidden
            case (.approve, _): return .forbidden
            case (.enterFigures, _): return role == .viewer ? .forbidden : .allowed
            }
        }

        enum Relation { case own, directChild, below, seenOnlyOnThatDay, outside }

        static let callers = ["admin", "so01.quantri", "so01.lanhdao", "so01.chuyenvien", "so01.xem", "xa001.lanhdao",
                              "xa001.chuyenvien", "t1.chuyenvien", "t1.xem", "so79.chuyenvien"]
        /// Inside and outside every caller's subtree: a school, a commune, another branch's school, a
        /// closed office, a school that moved at the reform, and a code that does not exist.
        static let codes = ["T1", "X001", "T9", "P02", "T3", "KHONG-CO"]
        static let days = ["", "date=2024-10-01", "year=2024-2025", "date=2024-13-45"]

        /// A signed-in caller: browser session and API token.
        struct Caller {
            var username: String?
            var role: Role?
            var unitID: UUID?
            var session: BrowserSession
            var token: String?
        }

        @Test func every_route_answers_every_caller_as_the_table_says() async throws {
            try await withApp(adjust: { $0.maxLoginFailures = 100_000 }) { app, fixture in
                // setup: a user to act on at every unit, and the callers
                let fixture = try #require(fixture)
                for code in Self.codes.dropLast() { try await Self.addTarget(app, code: code) }
                let organiser = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "S01").first())
                Self.clusterID = try await ClusterService.create(
                    .init(name: "Cụm thử", year: SchoolYear(startYear: 2026), kind: "cluster", members: ["X001", "X002"], head: nil, deputy: nil,
                          agreement: "Giao ước", table: try CriteriaTable.example()), organiser: organiser, by: .commandLine, on: app.db)
                let cluster = try await EmulationCluster.load(Self.clusterID, on: app.db)
                try await ClusterService.score(cluster, target: try cluster.member("X001"), stage: .selfScore, scorer: try cluster.member("X001").id,
                                               points: ["D1": 9], evidence: [:], computed: [:], by: .commandLine, on: app.db)
                try Self.checkTableCoversRouter(app)
                var checked = 0
                for username in Self.callers + [nil] {
                    var caller = try await Self.signIn(app, username, fixture: fixture)
                    for route in app.routes.all {
                        let key = Self.key(route)
                        let expectation = try #require(Self.table[key])
                        for code in Self.codes where Self.usesCode(key) || code == Self.codes[0] {
                            for day in Self.days {
                                // MUT
                                let (status, location) = try await Self.call(app, route: key, expectation, code: code, day: day, as: caller)
                                // validate
                                let expected = try await Self.expected(app, key, expectation, caller: caller, code: code, day: day)
                                #expect(status == expected, "\(key) \(code) ?\(day) as \(username ?? "anonymous"): \(status.code) ≠ \(expected.code)")
                                if username == nil, status == .seeOther, !key.hasPrefix("POST /logout"), !key.hasPrefix("POST /login") {
                                    #expect(location?.hasPrefix(SiteURL.login.path) == true, "\(key) anonymous → \(location ?? "")")
                                }
                                checked += 1
                                if expectation.endsSession { caller = try await Self.signIn(app, username, fixture: fixture) }
                            }
                        }
                    }
                }
                #expect(checked > 2_000)
            }
        }

        @Test func an_account_of_a_closed_unit_gets_nothing_anywhere() async throws {
            try await withApp { app, _ in
                // setup: an administrator of the former office P02 (closed 30/06/2025) who signed in and took a
                // token while the office was open
                let (session, token) = try await Self.stoppedAccount(app)
                for route in app.routes.all {
                    let key = Self.key(route)
                    let expectation = try #require(Self.table[key])
                    for day in ["", "date=2024-10-01", "year=2024-2025"] {
                        let caller = Caller(username: "p02.quantri", session: session, token: token)
                        // MUT
                        let (status, _) = try await Self.call(app, route: key, expectation, code: "T3", day: day, as: caller)
                        // validate: only the health checks answer; everything else is 401 with the reason
                        #expect(status == (["GET /healthz", "GET /livez"].contains(key) ? .ok : .unauthorized), "\(key) ?\(day): \(status.code)")
                    }
                }
                // and it cannot sign in again: the right password gets the reason, in Vietnamese
                try await app.testing().test(.POST, SiteURL.api(.session).path, beforeRequest: { req in
                    try req.content.encode(["username": "p02.quantri", "password": Fixture.password])
                }, afterResponse: { res in
                    #expect(res.status == .unauthorized)
                    let code = try res.content.get(String.self, at: "error", "code")
                    let message = try res.content.get(String.self, at: "error", "message")
                    #expect(code == "account_stopped")
                    #expect(message.contains("đã ngừng hoạt động từ ngày 01/07/2025"))
                })
            }
        }

        @Test func every_form_refuses_a_missing_or_foreign_csrf_token_and_writes_nothing() async throws {
            try await withApp { app, _ in
                // setup: the top administrator, who may do everything, and another person's token
                try await Self.addTarget(app, code: "T1")
                let admin = try await BrowserSession.signIn(app, as: "admin")
                let other = try await BrowserSession.signIn(app, as: "so01.xem")
                let auditBefore = try await AuditEntry.query(on: app.db).count()
                for route in app.routes.all where route.method == .POST && !Self.key(route).hasPrefix("POST /api/") {
                    let key = Self.key(route)
                    let expectation = try #require(Self.table[key])
                    for csrf in ["", other.csrf] {
                        var forged = admin
                        forged.csrf = csrf
                        // MUT
                        let (status, _) = try await Self.call(app, route: key, expectation, code: "T1", day: "",
                                                              as: Caller(username: "admin", session: forged, token: nil))
                        // validate
                        #expect(status == .forbidden, "\(key) csrf=\(csrf.isEmpty ? "none" : "foreign"): \(status.code)")
                    }
                }
                let auditAfter = try await AuditEntry.query(on: app.db).count()
                #expect(auditAfter == auditBefore)
            }
        }

        @Test func a_foreign_unit_and_an_unknown_code_answer_the_same_bytes() async throws {
            try await withApp { app, _ in
                // setup
                let session = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                let token = try await apiToken(app, "t1.chuyenvien")
                var pages: [String] = [], bodies: [String] = []
                for code in ["T9", "KHONG-CO"] {
                    // MUT
                    try await session.get(app, SiteURL.unit(code).path) { res in pages.append("\(res.status.code) \(res.body.string)") }
                    try await app.testing().test(.GET, SiteURL.api(.unit(code)).path, beforeRequest: { req in
                        req.headers.bearerAuthorization = .init(token: token)
                    }, afterResponse: { res in bodies.append("\(res.status.code) \(res.body.string)") })
                }
                // validate
                #expect(pages[0] == pages[1])
                #expect(bodies[0] == bodies[1])
                #expect(bodies[0].hasPrefix("404"))
            }
        }

        // MARK: - The oracle

        static func expected(_ app: Application, _ key: String, _ expectation: Expectation, caller: Caller,
                             code: String, day: String) async throws -> HTTPStatus {
            guard let role = caller.role, let unitID = caller.unitID else {
                switch expectation.guardedBy {
                case .open(let anonymous, _): return anonymous
                default: return expectation.isAPI ? .unauthorized : .seeOther
                }
            }
            switch expectation.guardedBy {
            case .open(_, let signedIn): return signedIn
            case .signedIn(let granted): return granted
            case .ownUnit(let action, let granted):
                if day.contains("13-45") { return .unprocessableEntity }
                let decision = decision(action, role, .own)
                return decision == .allowed ? granted : .forbidden
            case .unit(let action, let granted):
                return try await unitStatus(app, action, role: role, unitID: unitID, code: code, day: day) { _ in granted }
            case .cluster(let act, let granted):
                let cluster = try await EmulationCluster.load(clusterID, on: app.db)
                let access = try await cluster.access(today: Day.today(now: testNow), on: app.db)
                let action: ClusterAccess.Action = switch act {
                case .view: .view
                case .registerOwn: .register(member: unitID)
                case .signOwn: .sign(member: unitID)
                case .selfScore(let code): .selfScore(member: try cluster.member(code).id)
                case .organise: .organise
                }
                switch ClusterAccess.decide(action, by: Actor(role: role, unitID: unitID), in: access) {
                case .allowed: return granted
                case .forbidden: return .forbidden
                case .hidden: return .notFound
                }
            }
        }

        static func unitStatus(_ app: Application, _ action: AccessAction, role: Role, unitID: UUID, code: String, day: String,
                               granted: (Relation) -> HTTPStatus) async throws -> HTTPStatus {
            if day.contains("13-45") { return .unprocessableEntity }
            guard let unit = try await NamHocApp.Unit.query(on: app.db).filter(\.$code == code).first() else { return .notFound }
            let relation = try await relation(of: unit, to: unitID, day: day, in: app.db)
            switch decision(action, role, relation) {
            case .allowed: return granted(relation)
            case .forbidden: return .forbidden
            case .hidden: return .notFound
            }
        }

        /// The unit's relation to the caller's unit, on today's tree and on the day the request names.
        static func relation(of unit: NamHocApp.Unit, to callerUnit: UUID, day: String, in db: any Database) async throws -> Relation {
            let today = Day.today(now: testNow)
            let todayAncestry = try await UnitTree.ancestry(of: unit.requireID(), on: today, in: db)
            if todayAncestry.contains(callerUnit) {
                if todayAncestry.first == callerUnit { return .own }
                return todayAncestry.count > 1 && todayAncestry[1] == callerUnit ? .directChild : .below
            }
            let requested = day.isEmpty ? today : Day(year: 2024, month: day.hasPrefix("year") ? 9 : 10, day: day.hasPrefix("year") ? 30 : 1)!
            let dayAncestry = try await UnitTree.ancestry(of: unit.requireID(), on: requested, in: db)
            return dayAncestry.contains(callerUnit) ? .seenOnlyOnThatDay : .outside
        }

        // MARK: - Calls

        static func key(_ route: Route) -> String {
            "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
        }

        static func usesCode(_ key: String) -> Bool { key.contains(":code") }

        static func checkTableCoversRouter(_ app: Application) throws {
            let routed = Set(app.routes.all.map(key))
            let missing = routed.subtracting(table.keys).sorted()
            let stale = Set(table.keys).subtracting(routed).sorted()
            #expect(missing.isEmpty, "routes without an expectation: \(missing)")
            #expect(stale.isEmpty, "expectations without a route: \(stale)")
        }

        static func path(_ key: String, code: String, day: String) -> String {
            let pattern = String(key.split(separator: " ", maxSplits: 1)[1])
            let path = pattern.replacingOccurrences(of: ":code", with: code)
                .replacingOccurrences(of: ":username", with: "nd-\(code.lowercased())")
                .replacingOccurrences(of: ":task", with: taskID(code).uuidString)
                .replacingOccurrences(of: ":staff", with: "GV-KHONG-CO")
                .replacingOccurrences(of: ":proposal", with: "00000000-0000-4000-8000-000000000000")
                .replacingOccurrences(of: ":cluster", with: clusterID.uuidString)
                .replacingOccurrences(of: ":evidence", with: "00000000-0000-4000-8000-000000000001")
            let query = [table[key]?.query ?? "", day].filter { !$0.isEmpty }.joined(separator: "&")
            return path + (query.isEmpty ? "" : "?\(query)")
        }

        static let counter = NIOLockedValueBox(0)

        static func call(_ app: Application, route key: String, _ expectation: Expectation, code: String, day: String,
                         as caller: Caller) async throws -> (HTTPStatus, String?) {
            let method = HTTPMethod(rawValue: String(key.split(separator: " ")[0]))
            var result: (HTTPStatus, String?) = (.ok, nil)
            try await app.testing().test(method, path(key, code: code, day: day), beforeRequest: { req in
                if expectation.isAPI {
                    if let token = caller.token { req.headers.bearerAuthorization = .init(token: token) }
                } else {
                    req.headers.cookie = ["namhoc_session": .init(string: caller.session.cookie)]
                }
                switch expectation.body {
                case .none:
                    if method == .POST { try req.content.encode(["csrf": caller.session.csrf], as: .urlEncodedForm) }
                case .form(var form):
                    let n = counter.withLockedValue { $0 += 1; return $0 }
                    form = form.mapValues { $0 == "<new>" ? "moi\(n)" : $0 == "<code>" ? code : $0 }
                    form["csrf"] = caller.session.csrf
                    try req.content.encode(form, as: .urlEncodedForm)
                case .json(let body):
                    try req.content.encode(body)
                case .rawJSON(let text):
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: text)
                case .upload:
                    let row = Fixture.csv.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(code),") }
                    let csv = "code,name,kind,parent_code,levels,ownership,valid_from,valid_to,parent_from\n"
                        + (code == "T3" ? "T3,Trường Mầm non Hoa Sen,school,X002,MN,non_public,,,2025-07-01" : row.map { $0.trimmingCharacters(in: .whitespaces) } ?? "")
                    let form = AppTests.UnitUploadTests.Form(csrf: caller.session.csrf.isEmpty ? nil : caller.session.csrf,
                                                             file: File(data: ByteBuffer(string: csv), filename: "donvi.csv"), checkOnly: "1")
                    try req.content.encode(form, as: .formData)
                }
            }, afterResponse: { res in result = (res.status, res.headers.first(name: .location)) })
            return result
        }

        // MARK: - Setup

        /// A viewer `nd-<code>` at the unit, for the routes that act on a user.
        static func addTarget(_ app: Application, code: String) async throws {
            let unit = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == code).first())
            // Stored directly: the service refuses a new account at a closed unit (P02), but a former one exists.
            try await User(username: "nd-\(code.lowercased())", displayName: "Người dùng \(code)",
                           passwordHash: try await app.password.async.hash(Fixture.password), unitID: unit.requireID(), role: .viewer)
                .create(on: app.db)
            // A plan of the current year with one task whose id the paths can name, and empty ones of the years a
            // request may name (`?year=2024-2025`, the header's choice of 2025-2026 made by `POST /school-year`).
            let plan = Plan(unitID: try unit.requireID(), schoolYear: SchoolYear(startYear: 2026))
            try await plan.create(on: app.db)
            let task = PlanTask(planID: try plan.requireID(), number: 1, content: TaskContent(title: "Nhiệm vụ của \(code)"))
            task.id = taskID(code)
            try await task.create(on: app.db)
            for start in [2024, 2025] { try await Plan(unitID: try unit.requireID(), schoolYear: SchoolYear(startYear: start)).create(on: app.db) }
        }

        /// The id of the target unit's task: its code's bytes in the last group, so a path can name it.
        static func taskID(_ code: String) -> UUID {
            let hex = code.utf8.prefix(6).map { String(format: "%02x", $0) }.joined()
            return UUID(uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex)!
        }

        static func signIn(_ app: Application, _ username: String?, fixture: Fixture) async throws -> Caller {
            guard let username else {
                var cookie = "", csrf = ""
                try await app.testing().test(.GET, SiteURL.login.path) { res in
                    cookie = try #require(BrowserSession.cookie(from: res))
                    csrf = try #require(BrowserSession.csrfToken(in: res.body.string))
                }
                return Caller(session: BrowserSession(cookie: cookie, csrf: csrf))
            }
            let user = try #require(fixture.users[username])
            return Caller(username: username, role: user.userRole, unitID: user.$unit.id,
                          session: try await BrowserSession.signIn(app, as: username), token: try await apiToken(app, username))
        }

        /// An administrator of P02 with a session and a token from before the office closed.
        static func stoppedAccount(_ app: Application) async throws -> (BrowserSession, String) {
            let office = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "P02").first())
            let closedOn = office.validTo
            office.validTo = nil
            try await office.save(on: app.db)
            _ = try await UserService.create(username: "p02.quantri", displayName: "Quản trị Phòng", password: Fixture.password,
                                             unit: office, role: .admin, by: .commandLine, hasher: app.password.async, on: app.db)
            let session = try await BrowserSession.signIn(app, as: "p02.quantri")
            let token = try await apiToken(app, "p02.quantri")
            office.validTo = closedOn
            try await office.save(on: app.db)
            return (session, token)
        }
    }
}
