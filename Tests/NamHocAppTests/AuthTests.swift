import Foundation
@testable import NamHocApp
import Testing
import Vapor
import VaporTesting

extension AppTests {
    @Suite struct AuthTests {
        @Test func login_page_is_vietnamese_and_carries_a_csrf_token() async throws {
            try await withApp(seed: false) { app, _ in
                // MUT
                try await app.testing().test(.GET, SiteURL.login.path) { res in
                    // validate
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("Đăng nhập"))
                    #expect(BrowserSession.csrfToken(in: res.body.string)?.isEmpty == false)
                    #expect(res.headers.contentType?.description.contains("text/html") == true)
                }
            }
        }

        @Test func signed_in_user_sees_their_home_page() async throws {
            try await withApp { app, _ in
                // setup: an officer of T1, signed in
                let session = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                // MUT
                try await session.get(app, SiteURL.home.path) { res in
                    // validate
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("Trường THCS Nguyễn Trãi"))
                    #expect(res.body.string.contains("Chuyên viên"))
                }
            }
        }

        @Test func anonymous_page_request_redirects_to_login() async throws {
            try await withApp(seed: false) { app, _ in
                // MUT
                try await app.testing().test(.GET, SiteURL.units.path) { res in
                    // validate
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location) == SiteURL.login.path + "?next=/units")
                }
            }
        }

        @Test func wrong_password_is_refused_with_a_vietnamese_message() async throws {
            try await withApp { app, _ in
                // setup: the sign-in form's cookie and token
                var cookie = "", csrf = ""
                try await app.testing().test(.GET, SiteURL.login.path) { res in
                    cookie = BrowserSession.cookie(from: res) ?? ""
                    csrf = BrowserSession.csrfToken(in: res.body.string) ?? ""
                }
                // MUT: sign in with the wrong password
                try await app.testing().test(.POST, SiteURL.login.path, beforeRequest: { req in
                    req.headers.cookie = ["namhoc_session": .init(string: cookie)]
                    try req.content.encode(["username": "t1.chuyenvien", "password": "sai-mat-khau", "csrf": csrf], as: .urlEncodedForm)
                }, afterResponse: { res in
                    // validate
                    #expect(res.status == .unauthorized)
                    #expect(res.body.string.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
                })
            }
        }

        @Test func form_post_without_csrf_token_is_refused() async throws {
            try await withApp { app, _ in
                // setup: an officer of T1, signed in
                let session = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                // MUT: a form without its token
                try await session.post(app, SiteURL.unitProfile("T1").path, form: ["phone": "024 1234 5678"], withCSRF: false) { res in
                    // validate
                    #expect(res.status == .forbidden)
                }
                // MUT: a form with a forged token
                try await session.post(app, SiteURL.unitProfile("T1").path, form: ["phone": "024", "csrf": "forged"], withCSRF: false) { res in
                    // validate
                    #expect(res.status == .forbidden)
                }
            }
        }

        @Test func logout_ends_the_session() async throws {
            try await withApp { app, _ in
                // setup: an officer of T1, signed in
                let session = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                // MUT + validate: sign out
                try await session.post(app, SiteURL.logout.path, form: [:]) { res in #expect(res.status == .seeOther) }
                // validate: the home page sends back to sign-in
                try await session.get(app, SiteURL.home.path) { res in
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location)?.hasPrefix(SiteURL.login.path) == true)
                }
            }
        }

        @Test func logins_are_throttled_after_repeated_failures() async throws {
            try await withApp { app, _ in
                // setup: as many failures as allowed
                let maxFailures = app.namhocConfig.maxLoginFailures
                for _ in 0..<maxFailures {
                    try await app.testing().test(.POST, SiteURL.api(.session).path, beforeRequest: { req in
                        try req.content.encode(["username": "t1.chuyenvien", "password": "sai-mat-khau"])
                    }, afterResponse: { res in #expect(res.status == .unauthorized) })
                }
                // MUT: even the right password is refused now
                try await app.testing().test(.POST, SiteURL.api(.session).path, beforeRequest: { req in
                    try req.content.encode(["username": "t1.chuyenvien", "password": Fixture.password])
                }, afterResponse: { res in
                    // validate
                    #expect(res.status == .tooManyRequests)
                    #expect((try? res.content.get(String.self, at: "error", "code")) == "too_many_attempts")
                    #expect(res.headers.first(name: .retryAfter) != nil)
                })
                // validate
                // another user is not affected
                _ = try await apiToken(app, "t2.chuyenvien")
            }
        }

        @Test func api_token_grants_access_and_can_be_revoked() async throws {
            try await withApp { app, _ in
                // setup: a token for an officer of S01
                let token = try await apiToken(app, "so01.chuyenvien")
                // MUT: the token opens /me
                try await app.testing().test(.GET, SiteURL.api(.me).path, beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                }, afterResponse: { res in
                    // validate
                    #expect(res.status == .ok)
                    #expect((try? res.content.get(String.self, at: "unit", "code")) == "S01")
                    #expect((try? res.content.get(String.self, at: "role")) == "officer")
                })
                // MUT + validate: revoke the token
                try await app.testing().test(.DELETE, SiteURL.api(.session).path, beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                }, afterResponse: { res in #expect(res.status == .noContent) })
                // validate: the token no longer opens /me
                try await app.testing().test(.GET, SiteURL.api(.me).path, beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                }, afterResponse: { res in
                    #expect(res.status == .unauthorized)
                    #expect((try? res.content.get(String.self, at: "error", "code")) == "unauthenticated")
                })
            }
        }

        @Test func api_errors_name_the_code_and_field() async throws {
            try await withApp { app, _ in
                // MUT: a wrong password
                try await app.testing().test(.POST, SiteURL.api(.session).path, beforeRequest: { req in
                    try req.content.encode(["username": "t1.chuyenvien", "password": "sai"])
                }, afterResponse: { res in
                    // validate
                    #expect(res.status == .unauthorized)
                    #expect((try? res.content.get(String.self, at: "error", "code")) == "invalid_credentials")
                    #expect((try? res.content.get(String.self, at: "error", "field")) == "password")
                })
                // MUT: no password at all
                try await app.testing().test(.POST, SiteURL.api(.session).path, beforeRequest: { req in
                    try req.content.encode(["username": "t1.chuyenvien"])
                }, afterResponse: { res in
                    // validate
                    #expect(res.status == .unprocessableEntity)
                    #expect((try? res.content.get(String.self, at: "error", "field")) == "password")
                })
            }
        }
    }
}
