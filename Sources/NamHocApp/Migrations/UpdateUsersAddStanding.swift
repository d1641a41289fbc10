import Fluent
import SQLKit

/// Accounts that stop (deactivated by an admin) keep a reason; every browser session and API token
/// carries the account's session generation, so "sign out everywhere" and a password change end them all.
struct UpdateUsersAddStanding: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds a single column at a time.
        try await database.schema(User.schema).field("deactivated_reason", .string).update()
        try await database.schema(User.schema).field("session_generation", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("session_generation").update()
        try await database.schema(User.schema).deleteField("deactivated_reason").update()
    }
}
