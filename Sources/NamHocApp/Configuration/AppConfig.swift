import Foundation

/// Everything that differs between one NamHoc process and another, resolved in one place with a stated
/// precedence: command line (`--db`) > environment (`NAMHOC_DATABASE_URL`) > default (`namhoc.sqlite`).
public struct AppConfig: Sendable {
    public enum Database: Sendable, Equatable {
        case sqlite(path: String)
        case sqliteInMemory
        case postgres(url: String)
    }

    public var database: Database
    /// bcrypt cost; tests lower it because each hash at cost 12 takes a quarter of a second.
    public var passwordCost: Int = 12
    /// Failed logins per user name within `throttleWindow` before further attempts are refused.
    public var maxLoginFailures: Int = 5
    public var throttleWindow: TimeInterval = 15 * 60
    /// Lifetime of an API token.
    public var tokenLifetime: TimeInterval = 30 * 24 * 3600
    /// Set the Secure flag on the session cookie (behind HTTPS).
    public var secureCookies: Bool = false

    public init(database: Database) {
        self.database = database
    }

    /// Reads `--db PATH|URL` (or `--db=…`) out of the arguments and returns the rest for Vapor's
    /// command parser, which knows nothing of it.
    public static func resolve(arguments: [String], environment: [String: String]) throws -> (AppConfig, [String]) {
        var rest: [String] = []
        var dbArgument: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--db" {
                guard index + 1 < arguments.count else { throw ConfigError.missingValue("--db") }
                dbArgument = arguments[index + 1]
                index += 2
                continue
            }
            if argument.hasPrefix("--db=") {
                dbArgument = String(argument.dropFirst("--db=".count))
            } else {
                rest.append(argument)
            }
            index += 1
        }
        let source = dbArgument ?? environment["NAMHOC_DATABASE_URL"] ?? "namhoc.sqlite"
        var config = AppConfig(database: try parseDatabase(source))
        config.secureCookies = environment["NAMHOC_SECURE_COOKIES"] == "1"
        if let cost = environment["NAMHOC_PASSWORD_COST"].flatMap(Int.init), (4...31).contains(cost) {
            config.passwordCost = cost
        }
        return (config, rest)
    }

    static func parseDatabase(_ source: String) throws -> Database {
        if source.hasPrefix("postgres://") || source.hasPrefix("postgresql://") { return .postgres(url: source) }
        if source == ":memory:" || source == "sqlite::memory:" { return .sqliteInMemory }
        if source.hasPrefix("sqlite://") { return .sqlite(path: String(source.dropFirst("sqlite://".count))) }
        if source.contains("://") { throw ConfigError.unsupportedDatabase(source) }
        guard !source.isEmpty else { throw ConfigError.missingValue("--db") }
        return .sqlite(path: source)
    }

    public enum ConfigError: Error, CustomStringConvertible {
        case missingValue(String)
        case unsupportedDatabase(String)

        public var description: String {
            switch self {
            case .missingValue(let option): "Thiếu giá trị cho \(option)."
            case .unsupportedDatabase(let url):
                "Không hỗ trợ cơ sở dữ liệu \"\(url)\": dùng đường dẫn tệp SQLite hoặc postgres://…"
            }
        }
    }
}
