import SQLKit
import Vapor

enum HealthController {
    struct Status: Content { var status: String; var database: String }

    /// Plain text, no database: a proxy's liveness probe, and what benchmarks measure as the ceiling of the
    /// framework on the machine.
    @Sendable static func live(req: Request) -> String { "ok" }

    @Sendable static func check(req: Request) async throws -> Response {
        do {
            _ = try await req.db.sql.raw("SELECT 1 AS ok").all()
            return try await Status(status: "ok", database: req.db.isPostgres ? "postgresql" : "sqlite").encodeResponse(for: req)
        } catch {
            req.logger.critical("Health check: database does not answer", metadata: ["error": "\(error)"])
            let response = try await Status(status: "unavailable", database: "down").encodeResponse(for: req)
            response.status = .serviceUnavailable
            return response
        }
    }
}
