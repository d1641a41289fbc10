import Fluent
import Foundation
import Vapor

/// Checks a user name and password, with throttling kept in the database so it holds across processes:
/// after `maxLoginFailures` failures for a user name (or five times that from one address) within the
/// window, further attempts are refused until the window has passed.
enum LoginService {
    static func authenticate(username rawUsername: String, password: String, address: String,
                             on request: Request) async throws -> User {
        let config = request.application.namhocConfig
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let since = Date().addingTimeInterval(-config.throttleWindow)
        let byName = try await LoginFailure.query(on: request.db)
            .filter(\.$username == username).filter(\.$at > since).count()
        let byAddress = try await LoginFailure.query(on: request.db)
            .filter(\.$address == address).filter(\.$at > since).count()
        if byName >= config.maxLoginFailures || byAddress >= config.maxLoginFailures * 5 {
            throw AppError.tooManyAttempts(minutes: Int((config.throttleWindow / 60).rounded(.up)))
        }
        let user = try await User.query(on: request.db).filter(\.$username == username).first()
        let verified: Bool
        if let user, user.active {
            verified = try await request.password.async.verify(password, created: user.passwordHash)
        } else {
            verified = false
        }
        guard let user, verified else {
            try await LoginFailure(username: username, address: address, at: Date()).create(on: request.db)
            request.logger.notice("Login failed", metadata: ["username": .string(username)])
            throw AppError.invalidCredentials
        }
        try await LoginFailure.query(on: request.db).filter(\.$username == username).delete()
        return user
    }

    static func clientAddress(_ request: Request) -> String {
        request.remoteAddress?.ipAddress ?? "unknown"
    }
}
