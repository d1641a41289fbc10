import Fluent
import SQLKit

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("active", .bool, .required)
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.sql.createIndex("users_unit", on: User.schema, ["unit_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).delete()
    }
}
