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
    /// Why an administrator deactivated the account, shown to the person when they try to sign in.
    @OptionalField(key: "deactivated_reason") var deactivatedReason: String?
    /// Raised by a password change or "sign out everywhere": sessions of an older generation end.
    @Field(key: "session_generation") var sessionGeneration: Int

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
        self.sessionGeneration = 0
    }

    var userRole: Role { Role(rawValue: role) ?? .viewer }
    var actor: Actor { Actor(role: userRole, unitID: $unit.id) }

    /// Whether the account may act on `day`; needs the unit loaded (`.with(\.$unit)` or `$unit.get`).
    func standing(on day: Day) -> AccountStanding {
        let unit = $unit.value
        return AccountStanding.of(active: active, reason: deactivatedReason, unitName: unit?.name ?? "",
                                  unitValidity: unit?.validity ?? .always, today: day)
    }
}
