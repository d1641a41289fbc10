import Fluent
import Foundation

/// A bearer token for integrators. Only its SHA-256 is stored: a leaked database leaks no token.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, tokenHash: String, expiresAt: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}
