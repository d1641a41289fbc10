import Fluent
import SQLKit

/// Báo cáo thống kê: one report per unit and period (`2024-2025/census`), with its workflow status and the
/// written explanations of its warnings.
struct CreateStatReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StatReport.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("period", .string, .required)
            .field("status", .string, .required)
            .field("explanations", .string)
            .field("reason", .string)
            .field("submitted_at", .datetime)
            .field("approved_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "unit_id", "period")
            .create()
        try await database.sql.createIndex("stat_reports_period", on: StatReport.schema, ["period", "status"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StatReport.schema).delete()
    }
}

/// The figures a unit entered for a period: one row per indicator and breakdown cell ("" is the total).
/// Keyed by its columns (`WITHOUT ROWID` on SQLite), so a value is stored once, not again in an index.
struct CreateStatValues: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.raw("""
            CREATE TABLE stat_values (
              unit_id \(unsafeRaw: database.uuidType) NOT NULL REFERENCES units(id),
              period TEXT NOT NULL, indicator TEXT NOT NULL, breakdown TEXT NOT NULL,
              value \(unsafeRaw: database.doubleType) NOT NULL,
              PRIMARY KEY (unit_id, period, indicator, breakdown)
            )\(unsafeRaw: database.withoutRowID)
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP TABLE stat_values").run()
    }
}

/// The kept sums: for every unit, the sum of the counted figures of its subtree as the tree stood on the
/// period's day, split by the reporting units' levels and ownership. Updated in the transaction that
/// submits, returns or reopens a report; `namhoc stats verify` recomputes them from `stat_values`.
struct CreateStatSums: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.raw("""
            CREATE TABLE stat_sums (
              ancestor_id \(unsafeRaw: database.uuidType) NOT NULL,
              period TEXT NOT NULL, indicator TEXT NOT NULL, breakdown TEXT NOT NULL, levels TEXT NOT NULL, ownership TEXT NOT NULL,
              value \(unsafeRaw: database.doubleType) NOT NULL, reports INTEGER NOT NULL,
              PRIMARY KEY (ancestor_id, period, indicator, breakdown, levels, ownership)
            )\(unsafeRaw: database.withoutRowID)
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP TABLE stat_sums").run()
    }
}

extension Database {
    /// The column types Fluent gives a UUID and a Double on each engine, for tables made in raw SQL.
    var uuidType: String { isPostgres ? "UUID" : "TEXT" }
    var doubleType: String { isPostgres ? "DOUBLE PRECISION" : "REAL" }
    /// SQLite keeps a table keyed by its primary key in that key's tree alone.
    var withoutRowID: String { isPostgres ? "" : " WITHOUT ROWID" }
}

/// Thời hạn nhận báo cáo set for a period, where it differs from the form's default (reference day to due day).
struct CreateStatWindows: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("stat_windows")
            .field("period", .string, .identifier(auto: false))
            .field("opens", .string, .required)
            .field("closes", .string, .required)
            .field("due", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stat_windows").delete()
    }
}
