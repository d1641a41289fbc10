import Fluent
import SQLKit

/// One counter moved by every write, in the write's transaction (`data_version`): every audited write
/// (`AuditLog.record`) and the few writes the audit log does not see (a reporting window set from the
/// command line, kept sums rebuilt). What a process keeps in memory (`DashboardCache`) is served only while
/// the version it was made at is still this one.
enum DataVersion {
    static func current(in db: any Database) async throws -> Int {
        try await db.sql.raw("SELECT version FROM data_version WHERE id = 1").first()?.decode(column: "version", as: Int.self) ?? 0
    }

    static func bump(in db: any Database) async throws {
        try await db.sql.raw("UPDATE data_version SET version = version + 1 WHERE id = 1").run()
    }
}
