import Fluent
import SQLKit

/// A unit's earlier names, each valid over its days; the `units.name` column is the name of today.
/// Pages, exports and searches of a day use the name of that day.
struct CreateUnitNames: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("unit_names")
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("name", .string, .required)
            .field("search_key", .string, .required)
            .field("sort_key", .string, .required)
            .field("valid_from", .string)
            .field("valid_to", .string)
            .create()
        if database.isPostgres {
            try await database.sql.raw(#"ALTER TABLE unit_names ALTER COLUMN sort_key TYPE TEXT COLLATE "C""#).run()
        }
        try await database.sql.createIndex("unit_names_unit", on: "unit_names", ["unit_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("unit_names").delete()
    }
}
