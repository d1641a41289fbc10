import Fluent
import SQLKit

/// Figures of a period summed over the subtree a unit has today (`DashboardStore.comparable`), kept once
/// computed: the national sum walks ≈ 57.000 units. `cells` names the set of indicators summed (a digest):
/// the dashboard and the statistics page sum different ones. Each row records the version of its period
/// (`stat_versions`), which every change of the period's counted reports or of the tree moves in its own
/// transaction; a row of an older version is never read.
struct CreateStatComparable: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.raw("CREATE TABLE stat_versions (period TEXT PRIMARY KEY, version INTEGER NOT NULL)").run()
        try await database.sql.raw("""
            CREATE TABLE stat_comparable (
              unit_id \(unsafeRaw: database.uuidType) NOT NULL, day TEXT NOT NULL, period TEXT NOT NULL, version INTEGER NOT NULL,
              cells TEXT NOT NULL, indicator TEXT NOT NULL, breakdown TEXT NOT NULL, value \(unsafeRaw: database.doubleType) NOT NULL,
              PRIMARY KEY (unit_id, period, cells, day, version, indicator, breakdown)
            )\(unsafeRaw: database.withoutRowID)
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP TABLE stat_comparable").run()
        try await database.sql.raw("DROP TABLE stat_versions").run()
    }
}
