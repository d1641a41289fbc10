import Fluent
import Foundation

/// One failed login. Kept in the database, not in memory, so the throttle holds across processes.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date

    init() {}
    init(username: String, address: String, at: Date) {
        self.username = username
        self.address = address
        self.at = at
    }
}
