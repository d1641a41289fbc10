import Fluent
import Foundation
import NamHocDomain
import Vapor

enum SessionKeys {
    static let userID = "uid"
    static let csrf = "csrf"
    /// The account's session generation when the session signed in.
    static let generation = "gen"
}

/// Browser requests: the user whose id the database-backed session holds, if the session is still of
/// the account's current generation and the account may act today. A session of a stopped account is
/// ended and the person is told why.
struct SessionUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let text = request.session.data[SessionKeys.userID], let id = UUID(uuidString: text),
           let user = try await User.query(on: request.db).filter(\.$id == id).with(\.$unit).first() {
            let generation = request.session.data[SessionKeys.generation].flatMap(Int.init) ?? 0
            let standing = user.standing(on: request.today)
            if generation != user.sessionGeneration {
                request.session.destroy()
            } else if standing != .active {
                request.session.destroy()
                throw AppError.accountStopped(standing.messageVI)
            } else {
                request.auth.login(user)
            }
        }
        return try await next.respond(to: request)
    }
}

/// API requests: `Authorization: Bearer <token>`. The API ignores cookies, so it needs no CSRF token.
/// A token of a stopped account answers 401 with the reason.
struct BearerUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            let hash = APITokens.hash(bearer.token)
            // One statement: the token joined with its user and the user's unit (eager loading made it three).
            if let token = try await APIToken.query(on: request.db).filter(\.$tokenHash == hash).filter(\.$expiresAt > request.now)
                .join(User.self, on: \APIToken.$user.$id == \User.$id).join(Unit.self, on: \User.$unit.$id == \Unit.$id).first() {
                let user = try token.joined(User.self)
                user.$unit.value = try token.joined(Unit.self)
                let standing = user.standing(on: request.today)
                guard standing == .active else { throw AppError.accountStopped(standing.messageVI) }
                request.auth.login(user)
            }
        }
        return try await next.respond(to: request)
    }
}

struct RequireUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        _ = try request.requireUser()
        return try await next.respond(to: request)
    }
}

enum APITokens {
    /// A new token: 32 random bytes, URL-safe, prefixed so a leaked one is recognisable in logs.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "nh_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
