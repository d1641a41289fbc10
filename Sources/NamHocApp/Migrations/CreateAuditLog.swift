import Fluent
import SQLKit

struct CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("unit_id", .uuid)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("record", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .create()
        try await database.sql.createIndex("audit_log_at", on: AuditEntry.schema, ["at"])
        try await database.sql.createIndex("audit_log_unit", on: AuditEntry.schema, ["unit_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
