import Fluent
import NamHocDomain
import Vapor

/// The one mechanism that enforces access scope. A route that touches a unit's data sits behind this
/// middleware with the action it performs; it resolves the unit (from the path's `:code`, or the
/// user's own unit), asks `AccessPolicy` through `Request.authorize`, and either stores the unit for
/// the handler or refuses: 404 when the unit is outside the user's subtree (an unknown code answers the
/// same bytes), 403 when visible but not allowed. Writes are judged on today's tree whatever `?date=`
/// says; reads of another day are allowed where the user sees the unit today or saw it then.
struct UnitScopeMiddleware: AsyncMiddleware {
    enum Target: Sendable { case pathCode, ownUnit }

    let action: AccessAction
    var target: Target = .pathCode

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let user = try request.requireUser()
        // A malformed day is refused before the unit is looked up, so the answer says nothing of whether
        // the code exists.
        _ = try request.treeDay
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
        try await request.authorize(action, on: unit)
        request.setScopedUnit(unit)
        return try await next.respond(to: request)
    }
}
