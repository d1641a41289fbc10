import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// The findings of the probe on the foundation, each as the attacker or the person met it.
    @Suite struct AccountSecurityTests {
        @Test func a_past_date_does_not_open_a_closed_office_to_writes() async throws {
            try await withApp { app, _ in
                // setup: the top administrator, who could read the office P02 as it was in 2024
                let admin = try await BrowserSession.signIn(app, as: "admin")
                let auditBefore = try await AuditEntry.query(on: app.db).count()
                for query in ["?date=2024-10-01", "?year=2024-2025", "?date=01/10/2024"] {
                    // MUT
                    try await admin.post(app, SiteURL.unitProfile("P02").path + query, form: ["phone": "0"]) { res in
                        // validate
                        #expect(res.status == .forbidden, "\(query)")
                    }
                    try await admin.post(app, SiteURL.unitUsers("P02").path + query,
                                         form: ["username": "moi", "displayName": "A", "password": "12345678", "role": "admin"]) { res in
                        #expect(res.status == .forbidden, "\(query)")
                    }
                    try await admin.get(app, SiteURL.unit("P02").path + query) { res in #expect(res.status == .ok, "read \(query)") }
                }
                let auditAfter = try await AuditEntry.query(on: app.db).count()
                #expect(auditAfter == auditBefore)
            }
        }

        @Test func the_next_field_cannot_add_headers_or_leave_the_site() async throws {
            // setup + MUT + validate: the sanitiser on its own
            for hostile in ["/\r\nSet-Cookie: namhoc_session=planted", "/\t/example.com", "//example.com", "/\\example.com",
                            "https://example.com", "/units\n", "/\u{7F}x", "/đơn-vị"] {
                #expect(AuthController.safeNext(hostile) == "", "\(hostile.debugDescription)")
            }
            #expect(AuthController.safeNext("/units/T1?date=2024-10-01") == "/units/T1?date=2024-10-01")
            try await withApp { app, _ in
                // setup: a sign-in form whose next field carries a header
                var cookie = "", csrf = ""
                try await app.testing().test(.GET, SiteURL.login.path) { res in
                    cookie = try #require(BrowserSession.cookie(from: res))
                    csrf = try #require(BrowserSession.csrfToken(in: res.body.string))
                }
                // MUT
                try await app.testing().test(.POST, SiteURL.login.path, beforeRequest: { req in
                    req.headers.cookie = ["namhoc_session": .init(string: cookie)]
                    try req.content.encode(["username": "t1.chuyenvien", "password": Fixture.password, "csrf": csrf,
                                            "next": "/\r\nSet-Cookie: namhoc_session=planted"], as: .urlEncodedForm)
                }, afterResponse: { res in
                    // validate: home, one session cookie, the new one
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location) == SiteURL.home.path)
                    #expect(res.headers[.setCookie].allSatisfy { !$0.contains("planted") })
                })
            }
        }

        @Test func an_unknown_user_and_a_wrong_password_get_the_same_answer() async throws {
            try await withApp { app, _ in
                var bodies: [String] = []
                for username in ["t1.chuyenvien", "khong-co-nguoi-nay"] {
                    // MUT
                    try await app.testing().test(.POST, SiteURL.api(.session).path, beforeRequest: { req in
                        try req.content.encode(["username": username, "password": "sai-mat-khau"])
                    }, afterResponse: { res in bodies.append("\(res.status.code) \(res.body.string)") })
                }
                // validate
                #expect(bodies[0] == bodies[1])
                #expect(bodies[0].hasPrefix("401"))
            }
        }

        @Test func every_429_says_when_to_retry() async throws {
            try await withApp { app, _ in
                // setup: five failures for one user name
                var cookie = "", csrf = ""
                try await app.testing().test(.GET, SiteURL.login.path) { res in
                    cookie = try #require(BrowserSession.cookie(from: res))
                    csrf = try #require(BrowserSession.csrfToken(in: res.body.string))
                }
                var statuses: [HTTPStatus] = [], retryAfter: [String?] = []
                for _ in 0..<6 {
                    // MUT: the web form
                    try await app.testing().test(.POST, SiteURL.login.path, beforeRequest: { req in
                        req.headers.cookie = ["namhoc_session": .init(string: cookie)]
                        try req.content.encode(["username": "t1.xem", "password": "sai", "csrf": csrf], as: .urlEncodedForm)
                    }, afterResponse: { res in
                        statuses.append(res.status)
                        retryAfter.append(res.headers.first(name: "Retry-After"))
                    })
                }
                // validate: the sixth is refused and says when (the whole window, 15 minutes, at a fixed clock)
                #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
                #expect(statuses.last == .tooManyRequests)
                #expect(retryAfter.last == "900")
                try await app.testing().test(.POST, SiteURL.api(.session).path, beforeRequest: { req in
                    try req.content.encode(["username": "t1.xem", "password": Fixture.password])
                }, afterResponse: { res in
                    #expect(res.status == .tooManyRequests)
                    #expect(res.headers.first(name: "Retry-After") == "900")
                })
            }
        }

        @Test func a_password_change_ends_the_other_sessions_and_tokens() async throws {
            try await withApp { app, _ in
                // setup: the same person in two browsers and one API client
                let first = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                let second = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                let token = try await apiToken(app, "t1.chuyenvien")
                // MUT: a new password from the first browser
                try await first.post(app, SiteURL.account.path, form: ["current": Fixture.password, "new": "matkhau-moi-9",
                                                                        "confirm": "matkhau-moi-9"]) { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("Các phiên đăng nhập khác"))
                    // the first browser goes on with the session it was just given
                    let renewed = try #require(BrowserSession.cookie(from: res))
                    try await BrowserSession(cookie: renewed, csrf: "").get(app, SiteURL.home.path) { res in #expect(res.status == .ok) }
                }
                // validate: the second browser and the token are signed out
                try await second.get(app, SiteURL.home.path) { res in #expect(res.status == .seeOther) }
                try await app.testing().test(.GET, SiteURL.api(.me).path, beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                }, afterResponse: { res in #expect(res.status == .unauthorized) })
            }
        }

        @Test func signing_out_everywhere_ends_every_session() async throws {
            try await withApp { app, _ in
                // setup
                let first = try await BrowserSession.signIn(app, as: "so01.xem")
                let second = try await BrowserSession.signIn(app, as: "so01.xem")
                let token = try await apiToken(app, "so01.xem")
                // MUT
                try await first.post(app, SiteURL.logoutEverywhere.path, form: [:]) { res in #expect(res.status == .seeOther) }
                // validate
                for session in [first, second] {
                    try await session.get(app, SiteURL.home.path) { res in #expect(res.status == .seeOther) }
                }
                try await app.testing().test(.GET, SiteURL.api(.me).path, beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                }, afterResponse: { res in #expect(res.status == .unauthorized) })
            }
        }

        @Test func an_administrator_deactivates_and_moves_a_user() async throws {
            try await withApp { app, _ in
                // setup
                let admin = try await BrowserSession.signIn(app, as: "so01.quantri")
                let token = try await apiToken(app, "t2.chuyenvien")
                // MUT: deactivate with a reason
                try await admin.post(app, SiteURL.unitUser("T2", "t2.chuyenvien").path,
                                     form: ["role": "officer", "unit": "T2", "reason": "Chuyển công tác"]) { res in
                    #expect(res.status == .seeOther)
                }
                // validate: no sign-in, the token is dead, the reason is told after the right password
                try await app.testing().test(.GET, SiteURL.api(.me).path, beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                }, afterResponse: { res in #expect(res.status == .unauthorized) })
                try await app.testing().test(.POST, SiteURL.api(.session).path, beforeRequest: { req in
                    try req.content.encode(["username": "t2.chuyenvien", "password": Fixture.password])
                }, afterResponse: { res in
                    #expect(res.status == .unauthorized)
                    let message = try res.content.get(String.self, at: "error", "message")
                    #expect(message.contains("Chuyển công tác"))
                })
                // MUT: reactivate at another school as a leader
                try await admin.post(app, SiteURL.unitUser("T2", "t2.chuyenvien").path,
                                     form: ["role": "leader", "unit": "T1", "active": "1"]) { res in #expect(res.status == .seeOther) }
                let moved = try #require(try await User.query(on: app.db).filter(\.$username == "t2.chuyenvien").with(\.$unit).first())
                #expect(moved.unit.code == "T1" && moved.userRole == .leader && moved.active)
                // a unit outside the admin's subtree is refused, and says nothing of that unit
                try await admin.post(app, SiteURL.unitUser("T1", "t2.chuyenvien").path,
                                     form: ["role": "leader", "unit": "T9", "active": "1"]) { res in
                    #expect(res.status == .unprocessableEntity)
                }
            }
        }

        @Test func invisible_controls_are_removed_from_names() async throws {
            try await withApp { app, _ in
                // setup: a display name with a right-to-left override and a zero-width space
                let admin = try await BrowserSession.signIn(app, as: "so01.quantri")
                // MUT
                try await admin.post(app, SiteURL.unitUsers("S01").path,
                                     form: ["username": "rtl", "displayName": "Nguyễn\u{202E} Văn\u{200B} A", "password": "matkhau-123",
                                            "role": "viewer"]) { res in #expect(res.status == .seeOther) }
                // validate
                let user = try #require(try await User.query(on: app.db).filter(\.$username == "rtl").first())
                #expect(user.displayName == "Nguyễn Văn A")
            }
        }

        @Test func a_unit_file_names_no_parent_outside_the_callers_subtree() async throws {
            try await withApp { app, _ in
                // setup: the ward's leader exports the ward; its parent, the Sở, is outside their subtree
                let leader = try await BrowserSession.signIn(app, as: "xa001.lanhdao")
                // MUT
                try await leader.get(app, SiteURL.unitExport("X001").path + "?format=csv") { res in
                    // validate
                    let lines = res.body.string.split(whereSeparator: \.isNewline)
                    let root = try #require(lines.first { $0.hasPrefix("X001,") })
                    #expect(!root.contains("S01"))
                }
                let admin = try await BrowserSession.signIn(app, as: "so01.quantri")
                try await admin.get(app, SiteURL.unitExport("X001").path + "?format=csv") { res in
                    #expect(res.body.string.contains("X001,Phường Ba Đình,commune,S01"))
                }
            }
        }
    }
}
