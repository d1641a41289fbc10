import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import NamHocOffice
import Testing
import Vapor
import VaporTesting

/// The engine under test: PostgreSQL when `NAMHOC_TEST_DATABASE_URL` names one (scripts/test sets it
/// for the second run), otherwise a fresh SQLite file per test.
enum TestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["NAMHOC_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func config() -> AppConfig {
        var config: AppConfig
        if let url = postgresURL {
            config = AppConfig(database: .postgres(url: url))
        } else {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("namhoc-test-\(UUID().uuidString).sqlite").path
            config = AppConfig(database: .sqlite(path: path))
        }
        // bcrypt's minimum cost: the tests check behaviour, not hashing strength.
        config.passwordCost = 4
        return config
    }
}

/// The instant every test runs at unless it sets another: 01/12/2026, 10:00 in Vietnam.
let testNow = Date(timeIntervalSince1970: 1_796_094_000)

/// Builds the production application on a clean database, runs `body`, tears everything down.
func withApp(seed: Bool = true, adjust: (inout AppConfig) -> Void = { _ in },
             _ body: (Application, Fixture?) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    var config = TestDatabase.config()
    adjust(&config)
    do {
        try await configure(app, config: config)
        app.clock = .fixed(testNow)
        // PostgreSQL is shared by the whole run: start each test from an empty schema.
        try await app.autoRevert()
        try await app.autoMigrate()
        let fixture = seed ? try await Fixture.seed(app) : nil
        try await body(app, fixture)
    } catch {
        try? await app.asyncShutdown()
        cleanUp(config)
        throw error
    }
    try await app.asyncShutdown()
    cleanUp(config)
}

private func cleanUp(_ config: AppConfig) {
    if case .sqlite(let path) = config.database {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// A small tree with history and a user of every role:
///
///     BGD (ministry)
///     ├── S01 (Hà Nội)                       S02 (Hà Giang, until 30/06/2025)
///     │   ├── X001 Phường Ba Đình            └── (old) P02 Phòng GD&ĐT until 30/06/2025
///     │   │   ├── T1 Trường THCS Nguyễn Trãi     └── T3 before 01/07/2025
///     │   │   └── T2 Trường Tiểu học Kim Liên
///     │   └── X002 Phường Đống Đa
///     │       └── T3 Trường Mầm non Hoa Sen (from 01/07/2025)
///     └── S79 (TP Hồ Chí Minh)
///         └── X791 Phường Sài Gòn
///             └── T9 Trường THPT Lê Quý Đôn
struct Fixture {
    static let password = "matkhau-123"
    var users: [String: User] = [:]

    static let csv = """
        code,name,kind,parent_code,levels,ownership,valid_from,valid_to,parent_from
        BGD,Bộ Giáo dục và Đào tạo,ministry,,,,,,
        S01,Sở Giáo dục và Đào tạo Hà Nội,department,BGD,,,,,
        S02,Sở Giáo dục và Đào tạo Hà Giang,department,BGD,,,,2025-06-30,
        P02,Phòng GD&ĐT Vị Xuyên,district_office,S02,,,,2025-06-30,
        S79,Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh,department,BGD,,,,,
        X001,Phường Ba Đình,commune,S01,,,2025-07-01,,
        X002,Phường Đống Đa,commune,S01,,,2025-07-01,,
        X791,Phường Sài Gòn,commune,S79,,,2025-07-01,,
        T1,Trường THCS Nguyễn Trãi,school,X001,THCS,public,,,2025-07-01
        T2,Trường Tiểu học Kim Liên,school,X001,TH,public,,,2025-07-01
        T3,Trường Mầm non Hoa Sen,school,P02,MN,non_public,,,
        T9,Trường THPT Lê Quý Đôn,school,X791,THPT,public,,,2025-07-01
        """

    static let roles: [(String, String, Role)] = [
        ("admin", "BGD", .admin), ("bo.lanhdao", "BGD", .leader),
        ("so01.quantri", "S01", .admin), ("so01.lanhdao", "S01", .leader), ("so01.chuyenvien", "S01", .officer), ("so01.xem", "S01", .viewer),
        ("xa001.lanhdao", "X001", .leader), ("xa001.chuyenvien", "X001", .officer),
        ("t1.chuyenvien", "T1", .officer), ("t1.lanhdao", "T1", .leader), ("t1.xem", "T1", .viewer), ("t2.chuyenvien", "T2", .officer),
        ("so79.chuyenvien", "S79", .officer),
    ]

    static func seed(_ app: Application) async throws -> Fixture {
        let rows = try TableFile.readRows(Data(csv.utf8), filename: "fixture.csv")
        _ = try await UnitImport.run(rows, by: .commandLine, on: app.db)
        // T3 moves from the old district office to its commune at the reform.
        let move = """
            code,name,kind,parent_code,levels,ownership,valid_from,valid_to,parent_from
            T3,Trường Mầm non Hoa Sen,school,X002,MN,non_public,,,2025-07-01
            """
        _ = try await UnitImport.run(try TableFile.readRows(Data(move.utf8), filename: "move.csv"), by: .commandLine, on: app.db)
        var fixture = Fixture()
        for (username, code, role) in roles {
            let unit = try #require(try await Unit.query(on: app.db).filter(\.$code == code).first())
            fixture.users[username] = try await UserService.create(username: username, displayName: "Nguyễn Văn \(username)",
                password: password, unit: unit, role: role, by: .commandLine, hasher: app.password.async, on: app.db)
        }
        return fixture
    }
}

/// Signs in through the login form as a browser would, returning the session cookie and CSRF token.
struct BrowserSession {
    var cookie: String
    var csrf: String

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func cookie(from response: TestingHTTPResponse) -> String? {
        response.headers.setCookie?["namhoc_session"]?.string
    }

    static func signIn(_ app: Application, as username: String, password: String = Fixture.password) async throws -> BrowserSession {
        var cookie = "", csrf = ""
        try await app.testing().test(.GET, SiteURL.login.path) { res in
            cookie = try #require(Self.cookie(from: res))
            csrf = try #require(Self.csrfToken(in: res.body.string))
        }
        var session = BrowserSession(cookie: cookie, csrf: csrf)
        try await app.testing().test(.POST, SiteURL.login.path, beforeRequest: { req in
            req.headers.cookie = ["namhoc_session": .init(string: cookie)]
            try req.content.encode(["username": username, "password": password, "csrf": csrf], as: .urlEncodedForm)
        }, afterResponse: { res in
            #expect(res.status == .seeOther, "login as \(username): \(res.body.string.prefix(300))")
            session.cookie = try #require(Self.cookie(from: res))
        })
        // The CSRF token is renewed at sign-in: read it from a page.
        try await app.testing().test(.GET, SiteURL.account.path, beforeRequest: { req in
            req.headers.cookie = ["namhoc_session": .init(string: session.cookie)]
        }, afterResponse: { res in
            session.csrf = try #require(Self.csrfToken(in: res.body.string))
        })
        return session
    }

    func get(_ app: Application, _ path: String, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        try await app.testing().test(.GET, path, beforeRequest: { req in
            req.headers.cookie = ["namhoc_session": .init(string: cookie)]
        }, afterResponse: check)
    }

    func post(_ app: Application, _ path: String, form: [String: String], withCSRF: Bool = true,
              _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var body = form
        if withCSRF { body["csrf"] = csrf }
        try await app.testing().test(.POST, path, beforeRequest: { req in
            req.headers.cookie = ["namhoc_session": .init(string: cookie)]
            try req.content.encode(body, as: .urlEncodedForm)
        }, afterResponse: check)
    }
}

/// An API token for a fixture user, through `POST /api/v1/session`.
func apiToken(_ app: Application, _ username: String) async throws -> String {
    var token = ""
    try await app.testing().test(.POST, SiteURL.api(.session).path, beforeRequest: { req in
        try req.content.encode(["username": username, "password": Fixture.password])
    }, afterResponse: { res in
        #expect(res.status == .created, "\(res.body.string)")
        token = try res.content.get(String.self, at: "token")
    })
    return token
}
