import Foundation
import Vapor

/// Every form carries the session's CSRF token (`csrf`); a state-changing request without the right
/// one is refused before it reaches a handler.
struct CSRFMiddleware: AsyncMiddleware {
    /// A form may exceed Vapor's 16 KB in-memory body (a statistics form with its explanations does): the
    /// body is collected here, up to this size, so the token in it can be read.
    static let maxFormBody = 1_048_576

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if [.POST, .PUT, .PATCH, .DELETE].contains(request.method), request.body.data == nil {
            _ = try await request.body.collect(max: Self.maxFormBody).get()
        }
        try Self.check(request)
        return try await next.respond(to: request)
    }

    /// Gives the request its session's token (made on first use) and, for a state-changing method,
    /// compares the one the form sent. File uploads call this from their handler instead, once their
    /// large body is collected: the middleware runs before a streamed body has arrived.
    static func check(_ request: Request) throws {
        let token: String
        if let existing = request.session.data[SessionKeys.csrf] {
            token = existing
        } else {
            token = APITokens.generate()
            request.session.data[SessionKeys.csrf] = token
        }
        request.csrfToken = token
        if [.POST, .PUT, .PATCH, .DELETE].contains(request.method) {
            let sent = (try? request.content.get(String.self, at: "csrf")) ?? request.headers.first(name: "X-CSRF-Token")
            guard let sent, constantTimeEqual(sent, token) else { throw AppError.csrfTokenInvalid }
        }
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
