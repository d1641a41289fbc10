import Fluent
import Vapor

/// `POST /api/v1/session`: user name and password for a bearer token. `DELETE` revokes the token used.
enum APISessionController {
    struct Credentials: Content {
        var username: String
        var password: String
    }

    struct TokenResponse: Content {
        var token: String
        var expiresAt: Date
        var user: APIUnitController.MeResponse
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let credentials = try req.content.decode(Credentials.self)
        let user = try await LoginService.authenticate(username: credentials.username, password: credentials.password,
                                                       address: LoginService.clientAddress(req), on: req)
        let token = APITokens.generate()
        let expiresAt = req.now.addingTimeInterval(req.application.namhocConfig.tokenLifetime)
        try await APIToken(userID: user.requireID(), tokenHash: APITokens.hash(token), expiresAt: expiresAt).create(on: req.db)
        let body = TokenResponse(token: token, expiresAt: expiresAt, user: try await APIUnitController.me(of: user, on: req.db))
        return try await body.encodeResponse(status: .created, for: req)
    }

    @Sendable static func delete(req: Request) async throws -> HTTPStatus {
        guard let bearer = req.headers.bearerAuthorization else { throw AppError.unauthenticated }
        try await APIToken.query(on: req.db).filter(\.$tokenHash == APITokens.hash(bearer.token)).delete()
        return .noContent
    }

    /// `DELETE /api/v1/sessions`: signs the person out everywhere, every token and browser session.
    @Sendable static func deleteAll(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        try await UserService.endAllSessions(of: user, by: AuditActor(user), on: req.db)
        return .noContent
    }
}
