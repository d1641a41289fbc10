import Fluent
import SQLKit

struct CreateUnits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Unit.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("search_key", .string, .required)
            .field("sort_key", .string, .required)
            .field("kind", .string, .required, .references(UnitKindRecord.schema, "code"))
            .field("levels", .string, .required)
            .field("ownership", .string)
            .field("valid_from", .string)
            .field("valid_to", .string)
            .field("address", .string)
            .field("phone", .string)
            .field("email", .string)
            .field("head_name", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        if database.isPostgres {
            // Sort keys are compared byte by byte on both engines; PostgreSQL would otherwise use the
            // database's locale.
            try await database.sql.raw(#"ALTER TABLE units ALTER COLUMN sort_key TYPE TEXT COLLATE "C""#).run()
        }
        try await database.sql.createIndex("units_sort_key", on: Unit.schema, ["sort_key"])
        try await database.sql.createIndex("units_kind", on: Unit.schema, ["kind"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Unit.schema).delete()
    }
}
