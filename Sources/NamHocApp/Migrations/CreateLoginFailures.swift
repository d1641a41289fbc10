import Fluent
import SQLKit

struct CreateLoginFailures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema)
            .id()
            .field("username", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.sql.createIndex("login_failures_username", on: LoginFailure.schema, ["username", "at"])
        try await database.sql.createIndex("login_failures_address", on: LoginFailure.schema, ["address", "at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema).delete()
    }
}
