import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import NIOSSL
import Vapor

/// Builds the application: the same function serves production, the CLI and the tests.
public func configure(_ app: Application, config: AppConfig) async throws {
    app.storage[AppConfigKey.self] = config
    app.statisticsCache = StatisticsCatalogueCache()
    app.dashboardCache = DashboardCache()
    try configureDatabase(app, config.database)
    app.passwords.use(.bcrypt(cost: config.passwordCost))

    // Sessions live in the database so several NamHoc processes can share them.
    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = "namhoc_session"
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, maxAge: 12 * 3600, path: "/", isSecure: config.secureCookies,
                          isHTTPOnly: true, sameSite: .lax)
    }

    // Views are a resource of this module, so the binary renders pages from any working directory.
    let resources = Bundle.module.bundleURL.appendingPathComponent("Resources")
    app.directory.viewsDirectory = resources.appendingPathComponent("Views").path + "/"
    app.directory.resourcesDirectory = resources.path + "/"
    app.leaf.sources = .singleSource(ViewFiles(directory: app.directory.viewsDirectory))
    app.views.use(.leaf)
    app.leaf.cache.isEnabled = app.environment.isRelease

    // JSON with sorted keys: the same answer is the same bytes (a foreign unit's 404 and an unknown code's).
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    ContentConfiguration.global.use(encoder: encoder, for: .json)

    app.middleware = .init()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .debug))
    app.middleware.use(AppErrorMiddleware(environment: app.environment))

    registerMigrations(app)
    registerCommands(app)
    try routes(app)
}

struct AppConfigKey: StorageKey { typealias Value = AppConfig }

extension Application {
    var namhocConfig: AppConfig { storage[AppConfigKey.self] ?? AppConfig(database: .sqliteInMemory) }
}

private func configureDatabase(_ app: Application, _ database: AppConfig.Database) throws {
    switch database {
    case .sqlite(let path):
        // WAL lets readers go on while a write commits; foreign keys are off by default in SQLite.
        app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1, sqlLogLevel: .debug), as: .sqlite)
    case .sqliteInMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: .debug), as: .sqlite)
    case .postgres(let url):
        var postgres = try SQLPostgresConfiguration(url: url)
        if url.contains("sslmode=disable") || url.contains("127.0.0.1") || url.contains("localhost") {
            postgres.coreConfiguration.tls = .disable
        }
        app.databases.use(.postgres(configuration: postgres, sqlLogLevel: .debug), as: .psql)
    }
}
