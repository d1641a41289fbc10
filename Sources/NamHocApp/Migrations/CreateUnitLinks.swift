import Fluent
import SQLKit

struct CreateUnitLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UnitLink.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .cascade))
            .field("parent_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .cascade))
            .field("valid_from", .string)
            .field("valid_to", .string)
            .create()
        try await database.sql.createIndex("unit_links_unit", on: UnitLink.schema, ["unit_id"])
        try await database.sql.createIndex("unit_links_parent", on: UnitLink.schema, ["parent_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnitLink.schema).delete()
    }
}
