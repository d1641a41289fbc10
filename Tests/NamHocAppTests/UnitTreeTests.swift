import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import NamHocOffice
import Testing
import Vapor
import VaporTesting

extension AppTests {
    @Suite struct UnitTreeTests {
        /// Codes of the children, or nil when the unit is not in the tree on that day (404).
        func children(_ app: Application, _ token: String, _ code: String, date: String) async throws -> [String]? {
            var codes: [String]? = nil
            try await app.testing().test(.GET, SiteURL.api(.unitChildren(code)).path + "?date=\(date)", beforeRequest: { req in
                req.headers.bearerAuthorization = .init(token: token)
            }, afterResponse: { res in
                guard res.status != .notFound else { return }
                #expect(res.status == .ok, "\(res.body.string)")
                codes = try res.content.get([APIUnitController.Item].self, at: "items").map(\.code)
            })
            return codes
        }

        @Test func a_school_moves_at_the_reform_and_keeps_its_past() async throws {
            try await withApp { app, _ in
                let token = try await apiToken(app, "admin")
                // setup: T3 was under the district office P02 until 30/06/2025, then under commune X002
                // MUT + validate: children of each unit on each day
                let value1 = try await children(app, token, "P02", date: "2024-10-01")
                #expect(value1 == ["T3"])
                let value2 = try await children(app, token, "X002", date: "2024-10-01")
                // the commune did not exist before the reform: its page of that day lists nothing (the admin sees
                // it today, so its history is readable)
                #expect(value2 == [])
                let value3 = try await children(app, token, "X002", date: "2025-10-01")
                #expect(value3 == ["T3"])
                // the office no longer exists: on a day after the reform it is not in anyone's tree
                try await app.testing().test(.GET, SiteURL.api(.unitChildren("P02")).path + "?date=2025-10-01", beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                }, afterResponse: { res in #expect(res.status == .notFound) })
                // the old department is gone from today's tree, present in a past school year's
                let value5 = try await children(app, token, "BGD", date: "2025-10-01")
                #expect(value5 == ["S01", "S79"])
                #expect(try await children(app, token, "BGD", date: "2024-09-30")?.contains("S02") == true)
            }
        }

        @Test func year_parameter_reads_the_census_day() async throws {
            try await withApp { app, _ in
                // setup: the top administrator's token
                let token = try await apiToken(app, "admin")
                // MUT: a school year
                try await app.testing().test(.GET, SiteURL.api(.unitChildren("P02")).path + "?year=2024-2025", beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                }, afterResponse: { res in
                    // validate
                    #expect((try? res.content.get(String.self, at: "date")) == "2024-09-30")
                    let value6 = try res.content.get([APIUnitController.Item].self, at: "items").map(\.code)
                    #expect(value6 == ["T3"])
                })
                // MUT: a day that does not exist
                try await app.testing().test(.GET, SiteURL.api(.unitChildren("P02")).path + "?date=31/02/2024", beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                }, afterResponse: { res in
                    // validate
                    #expect(res.status == .unprocessableEntity)
                    #expect((try? res.content.get(String.self, at: "error", "field")) == "date")
                })
            }
        }

        @Test func search_ignores_case_and_diacritics_within_scope() async throws {
            try await withApp { app, _ in
                // setup: a search through the API, as a given user
                func search(_ username: String, _ q: String) async throws -> [String] {
                    let token = try await apiToken(app, username)
                    var codes: [String] = []
                    try await app.testing().test(.GET, SiteURL.api(.units).path + "?q=\(q.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)",
                                                 beforeRequest: { req in req.headers.bearerAuthorization = .init(token: token) },
                                                 afterResponse: { res in codes = try res.content.get([APIUnitController.Item].self, at: "items").map(\.code) })
                    return codes
                }
                // MUT + validate: with and without diacritics, and outside the user's scope
                let value7 = try await search("admin", "nguyen trai")
                #expect(value7 == ["T1"])
                let value8 = try await search("admin", "NGUYỄN TRÃI")
                #expect(value8 == ["T1"])
                let value9 = try await search("admin", "ho chi minh")
                #expect(value9 == ["S79"])
                let value10 = try await search("admin", "dong da")
                #expect(value10 == ["X002"])
                let value11 = try await search("so01.chuyenvien", "le quy don")
                #expect(value11 == [])
                let value12 = try await search("t2.chuyenvien", "nguyen trai")
                #expect(value12 == [])
            }
        }

        @Test func unit_page_counts_schools_in_the_subtree() async throws {
            try await withApp { app, _ in
                // setup: an officer of the department
                let session = try await BrowserSession.signIn(app, as: "so01.chuyenvien")
                // MUT: the department's page
                try await session.get(app, SiteURL.unit("S01").path) { res in
                    // validate
                    let html = res.body.string
                    #expect(res.status == .ok)
                    #expect(html.contains("Trường Trung học cơ sở"))
                    #expect(html.contains("Trường Tiểu học Kim Liên") == false) // grandchildren are not listed as children
                    #expect(html.contains("Phường Ba Đình"))
                    #expect(html.contains("Tổng cộng"))
                }
                // MUT: a search for a grandchild
                try await session.get(app, SiteURL.units.path + "?q=kim%20lien") { res in
                    // validate
                    #expect(res.body.string.contains("Trường Tiểu học Kim Liên"))
                }
            }
        }

        @Test func html_escapes_user_text() async throws {
            try await withApp { app, _ in
                // setup: the school's own officer
                let own = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                // MUT: an address holding a script
                try await own.post(app, SiteURL.unitProfile("T1").path, form: ["address": "<script>alert(1)</script>"]) { res in
                    // validate
                    #expect(res.status == .seeOther)
                }
                // validate: the page shows it escaped
                try await own.get(app, SiteURL.unit("T1").path) { res in
                    #expect(!res.body.string.contains("<script>alert(1)</script>"))
                    #expect(res.body.string.contains("&lt;script&gt;"))
                }
            }
        }
    }
}

extension AppTests {
    /// A unit's name, like its parent, is valid over dates.
    @Suite struct UnitNameHistoryTests {
        @Test func a_renamed_unit_is_found_and_shown_by_the_name_of_the_day() async throws {
            try await withApp { app, _ in
                // setup: S79 renamed today (01/12/2026) from "Sở GD&ĐT Sài Gòn" by an import
                let token = try await apiToken(app, "admin")
                try await AuditEntry.query(on: app.db).delete()
                let renameBack = """
                    code,name,kind,parent_code,levels,ownership,valid_from,valid_to,parent_from
                    S79,Sở Giáo dục và Đào tạo Sài Gòn,department,BGD,,,,,
                    """
                let restore = """
                    code,name,kind,parent_code,levels,ownership,valid_from,valid_to,parent_from
                    S79,Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh,department,BGD,,,,,
                    """
                _ = try await UnitImport.run(try TableFile.readRows(Data(renameBack.utf8), filename: "a.csv"), by: .commandLine,
                                             today: Day(year: 2025, month: 7, day: 1)!, on: app.db)
                _ = try await UnitImport.run(try TableFile.readRows(Data(restore.utf8), filename: "b.csv"), by: .commandLine,
                                             today: Day(year: 2026, month: 12, day: 1)!, on: app.db)
                func names(_ query: String) async throws -> [String] {
                    var names: [String] = []
                    try await app.testing().test(.GET, SiteURL.api(.units).path + query, beforeRequest: { req in
                        req.headers.bearerAuthorization = .init(token: token)
                    }, afterResponse: { res in
                        #expect(res.status == .ok)
                        names = try res.content.decode(APIUnitController.ListResponse.self).items.map(\.name).sorted()
                    })
                    return names
                }
                // MUT + validate: searched by the name of each day
                let before = try await names("?q=sai%20gon&date=2024-10-01")
                #expect(before == [])
                let beforeOld = try await names("?q=ho%20chi%20minh&date=2024-10-01")
                #expect(beforeOld == ["Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"])
                let during = try await names("?q=sai%20gon&date=2026-01-10")
                #expect(during == ["Phường Sài Gòn", "Sở Giáo dục và Đào tạo Sài Gòn"])
                let now = try await names("?q=sai%20gon")
                #expect(now == ["Phường Sài Gòn"])
                try await app.testing().test(.GET, SiteURL.api(.unit("S79")).path + "?date=2026-01-10", beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                }, afterResponse: { res in
                    let name = try res.content.get(String.self, at: "name")
                    #expect(name == "Sở Giáo dục và Đào tạo Sài Gòn")
                })
            }
        }
    }
}
