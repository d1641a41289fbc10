import Fluent
import Vapor

/// What every NamHoc command shares: migrations are applied before it runs (a new database file
/// just works), and errors are printed in Vietnamese, not as stack traces.
enum CommandSupport {
    static func prepareDatabase(_ app: Application) async throws {
        try await app.autoMigrate()
        if case .sqlite = app.namhocConfig.database {
            // WAL is a property of the file: readers go on while one writer commits.
            _ = try await app.db.sql.raw("PRAGMA journal_mode=WAL").all()
        }
    }

    static func message(for error: any Error) -> String {
        switch error {
        case let appError as AppError:
            if case .importRejected(let rows) = appError {
                return ([appError.messageVI] + rows.prefix(50).map { "  Dòng \($0.row)\($0.field.map { " [\($0)]" } ?? ""): \($0.message)" }
                        + (rows.count > 50 ? ["  … và \(rows.count - 50) lỗi khác"] : []))
                    .joined(separator: "\n")
            }
            return appError.messageVI
        default:
            return String(describing: error)
        }
    }
}

/// A command failure the user caused: printed as is, exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func registerCommands(_ app: Application) {
    app.asyncCommands.use(NamHocServeCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(UserCommands(), as: "user")
    app.asyncCommands.use(UnitsCommands(), as: "units")
    app.asyncCommands.use(ReadDirectiveCommand(), as: "read-directive")
}
