import Foundation

/// What the audit log keeps of a user: never the password or its hash.
struct UserSnapshot: Codable, Equatable, Sendable {
    var username: String
    var displayName: String
    var unitCode: String
    var role: String
    var active: Bool
    var deactivatedReason: String?
    var passwordChanged: Bool?
}
