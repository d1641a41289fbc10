import Fluent
import NamHocDomain
import Vapor

/// The one mechanism that enforces access scope. A route that touches a unit's data sits behind this
/// middleware with the action it performs; it resolves the unit (from the path's `:code`, or the
/// user's own unit), asks `AccessPolicy`, and either stores the unit for the handler or refuses:
/// 404 when the unit is outside the user's subtree (its existence must not leak), 403 when visible but
/// not allowed.
struct UnitScopeMiddleware: AsyncMiddleware {
    enum Target: Sendable { case pathCode, ownUnit }

    let action: AccessAction
    var target: Target = .pathCode

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let user = try request.requireUser()
        let unit: Unit
        switch target {
        case .pathCode:
            let code = request.parameters.get("code") ?? ""
            guard let found = try await Unit.query(on: request.db).filter(\.$code == code).first() else {
                throw AppError.unitNotFound(code)
            }
            unit = found
        case .ownUnit:
            unit = try await user.$unit.get(on: request.db)
        }
        // Access is decided on the tree of the day the request is about (today unless it names one):
        // a school that belonged to a district office in 2024 is that office's for 2024.
        let ancestry = try await UnitTree.ancestry(of: unit.requireID(), on: request.treeDay, in: request.db)
        switch AccessPolicy.decide(action, by: user.actor, on: ancestry) {
        case .allowed:
            request.setScopedUnit(unit)
            return try await next.respond(to: request)
        case .forbidden:
            throw AppError.forbidden
        case .hidden:
            throw AppError.unitNotFound(unit.code)
        }
    }
}
