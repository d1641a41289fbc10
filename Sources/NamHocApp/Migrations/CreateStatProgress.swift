import Fluent
import SQLKit

/// Completeness kept per ancestor and period (`StatisticsProgress`): how many schools and centres below
/// must report, how many reports count, are approved, and were submitted after the due day. Built for a
/// period on first use (`stat_progress_periods` says with which due day), then moved by every workflow
/// step in its transaction; dropped when the tree or the window changes.
struct CreateStatProgress: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.raw("""
            CREATE TABLE stat_progress (
              ancestor_id \(unsafeRaw: database.uuidType) NOT NULL, period TEXT NOT NULL,
              expected INTEGER NOT NULL, counted INTEGER NOT NULL, approved INTEGER NOT NULL, counted_late INTEGER NOT NULL,
              PRIMARY KEY (ancestor_id, period)
            )\(unsafeRaw: database.withoutRowID)
            """).run()
        try await database.sql.raw("CREATE TABLE stat_progress_periods (period TEXT PRIMARY KEY, due TEXT NOT NULL)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP TABLE stat_progress_periods").run()
        try await database.sql.raw("DROP TABLE stat_progress").run()
    }
}
