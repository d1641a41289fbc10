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
struct CreateStatValues: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StatisticsStore.values)
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("period", .string, .required)
            .field("indicator", .string, .required)
            .field("breakdown", .string, .required)
            .field("value", .double, .required)
            .unique(on: "unit_id", "period", "indicator", "breakdown", name: "stat_values_key")
            .create()
        try await database.sql.createIndex("stat_values_period", on: StatisticsStore.values, ["period", "indicator"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StatisticsStore.values).delete()
    }
}

/// The kept sums: for every unit, the sum of the counted figures of its subtree as the tree stood on the
/// period's day, split by the reporting units' levels and ownership. Updated in the transaction that
/// submits, returns or reopens a report; `namhoc stats verify` recomputes them from `stat_values`.
struct CreateStatSums: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StatisticsStore.sums)
            .field("ancestor_id", .uuid, .required)
            .field("period", .string, .required)
            .field("indicator", .string, .required)
            .field("breakdown", .string, .required)
            .field("levels", .string, .required)
            .field("ownership", .string, .required)
            .field("value", .double, .required)
            .field("reports", .int, .required)
            .unique(on: "ancestor_id", "period", "indicator", "breakdown", "levels", "ownership", name: "stat_sums_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StatisticsStore.sums).delete()
    }
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
