import Fluent
import Foundation
import NamHocDomain
import Vapor

/// Người dùng — a person with a role at one unit.
final class User: Model, Authenticatable, @unchecked Sendable {
    static let schema = "users"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    @Field(key: "active") var active: Bool

    // relationships
    @Parent(key: "unit_id") var unit: Unit

    init() {}

    init(id: UUID? = nil, username: String, displayName: String, passwordHash: String, unitID: UUID, role: Role) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.$unit.id = unitID
        self.role = role.rawValue
        self.active = true
    }

    var userRole: Role { Role(rawValue: role) ?? .viewer }
    var actor: Actor { Actor(role: userRole, unitID: $unit.id) }
}
