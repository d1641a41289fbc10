import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Checks a user name and password, with throttling kept in the database so it holds across processes:
/// after `maxLoginFailures` failures for a user name (or five times that from one address) within the
/// window, further attempts are refused until the oldest counted failure leaves the window.
///
/// An unknown user name and a wrong password get the same answer in about the same time: a password is
/// always checked, against a hash of the same cost when the name is unknown. Only after the right
/// password is a stopped account told why it cannot sign in.
enum LoginService {
    static func authenticate(username rawUsername: String, password: String, address: String,
                             on request: Request) async throws -> User {
        let config = request.application.namhocConfig
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let now = request.now
        let since = now.addingTimeInterval(-config.throttleWindow)
        let byName = try await LoginFailure.query(on: request.db)
            .filter(\.$username == username).filter(\.$at > since).sort(\.$at).all(\.$at)
        let byAddress = try await LoginFailure.query(on: request.db)
            .filter(\.$address == address).filter(\.$at > since).sort(\.$at).all(\.$at)
        let limited = [(byName, config.maxLoginFailures), (byAddress, config.maxLoginFailures * 5)]
            .filter { $0.0.count >= $0.1 }
        if !limited.isEmpty {
            // Retry once enough failures have left the window for every limit hit.
            let until = limited.map { failures, limit in failures[failures.count - limit].addingTimeInterval(config.throttleWindow) }.max()!
            throw AppError.tooManyAttempts(seconds: max(1, Int(until.timeIntervalSince(now).rounded(.up))))
        }
        let user = try await User.query(on: request.db).filter(\.$username == username).with(\.$unit).first()
        let hash: String
        if let user { hash = user.passwordHash } else { hash = try await unknownUserHash(request) }
        let verified = try await request.password.async.verify(password, created: hash)
        guard let user, verified else {
            try await LoginFailure(username: username, address: address, at: now).create(on: request.db)
            request.logger.notice("Login failed", metadata: ["username": .string(username)])
            throw AppError.invalidCredentials
        }
        let standing = user.standing(on: request.today)
        guard standing == .active else { throw AppError.accountStopped(standing.messageVI) }
        try await LoginFailure.query(on: request.db).filter(\.$username == username).delete()
        return user
    }

    static func clientAddress(_ request: Request) -> String {
        request.remoteAddress?.ipAddress ?? "unknown"
    }

    private static let dummy = NIOLockedValueBox<String?>(nil)

    /// A hash of the configured cost for a password nobody has, made once per process.
    private static func unknownUserHash(_ request: Request) async throws -> String {
        if let hash = dummy.withLockedValue({ $0 }) { return hash }
        let hash = try await request.password.async.hash(APITokens.generate())
        dummy.withLockedValue { $0 = hash }
        return hash
    }
}
