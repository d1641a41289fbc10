import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// Access scope, proved through the routes: a user of another branch gets 404 (the unit's existence
    /// must not leak), a user who may see but not act gets 403.
    @Suite struct AccessTests {
        func apiStatus(_ app: Application, _ username: String, _ path: String) async throws -> HTTPStatus {
            let token = try await apiToken(app, username)
            var status = HTTPStatus.ok
            try await app.testing().test(.GET, path, beforeRequest: { req in
                req.headers.bearerAuthorization = .init(token: token)
            }, afterResponse: { res in status = res.status })
            return status
        }

        @Test func school_officer_cannot_see_another_school() async throws {
            try await withApp { app, _ in
                // setup: an officer of school T1
                let session = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                // MUT + validate: every other unit is not found, on its page and through the API
                for code in ["T2", "T9", "X001", "S01", "BGD"] {
                    try await session.get(app, SiteURL.unit(code).path) { res in #expect(res.status == .notFound, "\(code)") }
                    let value1 = try await apiStatus(app, "t1.chuyenvien", SiteURL.api(.unit(code)).path)
                    #expect(value1 == .notFound, "\(code)")
                }
                // MUT + validate: their own school reads
                try await session.get(app, SiteURL.unit("T1").path) { res in #expect(res.status == .ok) }
                let value2 = try await apiStatus(app, "t1.chuyenvien", SiteURL.api(.unit("T1")).path)
                #expect(value2 == .ok)
            }
        }

        @Test func unknown_and_foreign_units_look_the_same() async throws {
            try await withApp { app, _ in
                // setup: an officer of another branch
                let token = try await apiToken(app, "so79.chuyenvien")
                var bodies: [String] = []
                for code in ["T1", "KHONG-CO"] {
                    // MUT
                    try await app.testing().test(.GET, SiteURL.api(.unit(code)).path, beforeRequest: { req in
                        req.headers.bearerAuthorization = .init(token: token)
                    }, afterResponse: { res in
                        // validate
                        #expect(res.status == .notFound)
                        bodies.append(try res.content.get(String.self, at: "error", "code"))
                    })
                }
                // validate: the same answer for both
                #expect(bodies == ["unit_not_found", "unit_not_found"])
            }
        }

        @Test func every_role_reads_its_own_subtree() async throws {
            try await withApp { app, _ in
                for username in ["so01.quantri", "so01.lanhdao", "so01.chuyenvien", "so01.xem"] {
                    // setup: one user of each role of the department
                    let session = try await BrowserSession.signIn(app, as: username)
                    // MUT + validate: the subtree reads, another branch is not found, on the pages and through the API
                    for code in ["S01", "X001", "T1", "T3"] {
                        try await session.get(app, SiteURL.unit(code).path) { res in #expect(res.status == .ok, "\(username) \(code)") }
                    }
                    try await session.get(app, SiteURL.unit("S79").path) { res in #expect(res.status == .notFound, "\(username)") }
                    let value3 = try await apiStatus(app, username, SiteURL.api(.unitChildren("X001")).path)
                    #expect(value3 == .ok)
                    let value4 = try await apiStatus(app, username, SiteURL.api(.unitChildren("X791")).path)
                    #expect(value4 == .notFound)
                }
            }
        }

        @Test func viewer_cannot_write_anything() async throws {
            try await withApp { app, fixture in
                for (username, code) in [("t1.xem", "T1"), ("so01.xem", "S01"), ("so01.xem", "T1")] {
                    // setup: a viewer
                    let session = try await BrowserSession.signIn(app, as: username)
                    // MUT: a profile change and a new user
                    try await session.post(app, SiteURL.unitProfile(code).path, form: ["phone": "0"]) { res in
                        // validate
                        #expect(res.status == .forbidden, "\(username) \(code)")
                    }
                    try await session.post(app, SiteURL.unitUsers(code).path,
                                           form: ["username": "moi", "displayName": "A", "password": "12345678", "role": "admin"]) { res in
                        #expect(res.status == .forbidden)
                    }
                    // MUT + validate: the users page and the audit page
                    try await session.get(app, SiteURL.unitUsers(code).path) { res in #expect(res.status == .forbidden) }
                    try await session.get(app, SiteURL.audit.path) { res in #expect(res.status == .forbidden) }
                }
                // validate: nothing was written
                let unit = try #require(try await Unit.query(on: app.db).filter(\.$code == "T1").first())
                #expect(unit.phone == nil)
                let value5 = try await User.query(on: app.db).filter(\.$username == "moi").count()
                #expect(value5 == 0)
                _ = fixture
            }
        }

        @Test func officer_writes_only_their_own_unit() async throws {
            try await withApp { app, _ in
                // setup: an officer of the commune above
                let commune = try await BrowserSession.signIn(app, as: "xa001.chuyenvien")
                // MUT + validate: forbidden
                try await commune.post(app, SiteURL.unitProfile("T1").path, form: ["phone": "1"]) { res in #expect(res.status == .forbidden) }
                // setup: an officer of another school
                let school = try await BrowserSession.signIn(app, as: "t2.chuyenvien")
                // MUT + validate: not found
                try await school.post(app, SiteURL.unitProfile("T1").path, form: ["phone": "1"]) { res in #expect(res.status == .notFound) }
                // setup: the school's own officer
                let own = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                // MUT
                try await own.post(app, SiteURL.unitProfile("T1").path,
                                   form: ["phone": "024 3825 1234", "headName": "Trần Thị Bình", "email": "c2nguyentrai@hanoi.edu.vn"]) { res in
                    // validate
                    #expect(res.status == .seeOther)
                }
                // validate: the profile changed
                let unit = try #require(try await Unit.query(on: app.db).filter(\.$code == "T1").first())
                #expect(unit.phone == "024 3825 1234")
                #expect(unit.headName == "Trần Thị Bình")
            }
        }

        @Test func every_write_is_in_the_audit_log_with_before_and_after() async throws {
            try await withApp { app, _ in
                // setup: the school's own officer
                let own = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                // MUT: a change of phone
                try await own.post(app, SiteURL.unitProfile("T1").path, form: ["phone": "024 3825 1234"]) { res in
                    // validate
                    #expect(res.status == .seeOther)
                }
                // validate: the audit entry holds before and after
                let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "update_profile").first())
                #expect(entry.actorName == "t1.chuyenvien")
                #expect(entry.record == "T1")
                #expect(entry.before?.contains("\"phone\"") == false)
                #expect(entry.after?.contains("\"phone\":\"024 3825 1234\"") == true)
                // setup: the department's administrator
                // the admin of the department sees it; the admin page of another branch does not exist for them
                let admin = try await BrowserSession.signIn(app, as: "so01.quantri")
                // MUT: the audit page
                try await admin.get(app, SiteURL.audit.path) { res in
                    // validate
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("Cập nhật thông tin đơn vị"))
                    // the change itself, by its Vietnamese field name, not as JSON
                    #expect(res.body.string.contains("Điện thoại: 024 3825 1234"))
                    #expect(!res.body.string.contains("\"phone\""))
                    #expect(res.body.string.contains("t1.chuyenvien"))
                }
            }
        }

        @Test func admin_manages_users_in_their_subtree_only() async throws {
            try await withApp { app, _ in
                // setup: the department's administrator
                let admin = try await BrowserSession.signIn(app, as: "so01.quantri")
                // MUT: a new leader for T2
                try await admin.post(app, SiteURL.unitUsers("T2").path,
                                     form: ["username": "t2.hieutruong", "displayName": "Lê Văn Cường", "password": "matkhau-456", "role": "leader"]) { res in
                    // validate
                    #expect(res.status == .seeOther)
                }
                // validate: the user exists, with its role
                _ = try await apiToken(app, "t2.chuyenvien")
                let created = try #require(try await User.query(on: app.db).filter(\.$username == "t2.hieutruong").first())
                #expect(created.userRole == .leader)
                // MUT + validate: a unit outside the subtree is not found
                try await admin.get(app, SiteURL.unitUsers("T9").path) { res in #expect(res.status == .notFound) }
                // MUT: a new password for a user of the subtree
                try await admin.post(app, SiteURL.unitUserPassword("T1", "t1.xem").path, form: ["password": "matkhau-moi-1"]) { res in
                    // validate
                    #expect(res.status == .seeOther)
                }
                // a user of another unit cannot be reached through a unit the admin manages
                // MUT
                try await admin.post(app, SiteURL.unitUserPassword("T1", "so79.chuyenvien").path, form: ["password": "matkhau-moi-1"]) { res in
                    // validate
                    #expect(res.status == .notFound)
                }
                // setup: a leader, not an administrator
                let leader = try await BrowserSession.signIn(app, as: "so01.lanhdao")
                // MUT + validate: the users page is forbidden
                try await leader.get(app, SiteURL.unitUsers("T1").path) { res in #expect(res.status == .forbidden) }
            }
        }

        @Test func leader_may_approve_direct_children_only() async throws {
            try await withApp { app, fixture in
                // setup: the commune's leader and the ancestries of T1 and S01
                let leader = try #require(fixture?.users["xa001.lanhdao"])
                let t1 = try #require(try await Unit.query(on: app.db).filter(\.$code == "T1").first())
                let s01 = try #require(try await Unit.query(on: app.db).filter(\.$code == "S01").first())
                let onT1 = try await UnitTree.ancestry(of: t1.requireID(), on: .today(), in: app.db)
                let onS01 = try await UnitTree.ancestry(of: s01.requireID(), on: .today(), in: app.db)
                // MUT + validate
                #expect(AccessPolicy.decide(.approve, by: leader.actor, on: onT1) == .allowed)
                #expect(AccessPolicy.decide(.approve, by: leader.actor, on: onS01) == .hidden)
            }
        }
    }
}
