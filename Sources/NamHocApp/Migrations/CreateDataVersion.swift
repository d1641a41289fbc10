import Fluent
import SQLKit

/// One counter moved by every write, in the write's transaction (`AuditLog.record`): what a process
/// compares with before serving anything it keeps in memory (`DashboardCache`).
struct CreateDataVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.raw("CREATE TABLE data_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)").run()
        try await database.sql.raw("INSERT INTO data_version (id, version) VALUES (1, 1)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP TABLE data_version").run()
    }
}
