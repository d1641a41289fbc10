import Fluent
import NamHocDomain
import Vapor

/// The unit tree for integrators. Units come checked from `UnitScopeMiddleware`.
enum APIUnitController {
    struct MeResponse: Content {
        var username: String
        var displayName: String
        var role: String
        var unit: UnitSummary
    }

    struct UnitSummary: Content {
        var code: String
        var name: String
        var kind: String
    }

    struct UnitResponse: Content {
        var code: String
        var name: String
        var kind: String
        var kindName: String
        var levels: [String]
        var ownership: String?
        var validFrom: String?
        var validTo: String?
        var parent: UnitSummary?
        var childCount: Int
        var date: String
        var address: String?
        var phone: String?
        var email: String?
        var headName: String?
    }

    struct ListResponse: Content {
        var date: String
        var items: [Item]
    }

    struct Item: Content {
        var code: String
        var name: String
        var kind: String
        var levels: [String]
        var ownership: String?
        var parentName: String?
        var childCount: Int?

        init(_ row: UnitTree.Row) {
            code = row.code
            name = row.name
            kind = row.kind
            levels = (SchoolLevel.decode(row.levels) ?? []).sorted().map(\.rawValue)
            ownership = row.ownership
            parentName = row.parentName
            childCount = row.childCount
        }
    }

    @Sendable static func me(req: Request) async throws -> MeResponse {
        try await me(of: req.requireUser(), on: req.db)
    }

    static func me(of user: User, on db: any Database) async throws -> MeResponse {
        let unit = try await user.$unit.get(on: db)
        return MeResponse(username: user.username, displayName: user.displayName, role: user.role,
                          unit: .init(code: unit.code, name: unit.name, kind: unit.kind))
    }

    @Sendable static func show(req: Request) async throws -> UnitResponse {
        let unit = try req.scopedUnit, day = try req.treeDay
        let display = try await UnitDisplay.load(on: req.db)
        let unitID = try unit.requireID()
        // The parent is shown only where the caller may read it.
        var parent = try await UnitTree.parent(of: unitID, on: day, in: req.db)
        if let shown = parent, try await req.decide(.read, on: shown) != .allowed { parent = nil }
        if let shown = parent { shown.name = try await UnitTree.name(of: shown, on: day, in: req.db) }
        let children = try await UnitTree.children(of: unitID, on: day, in: req.db)
        return UnitResponse(code: unit.code, name: try await UnitTree.name(of: unit, on: day, in: req.db), kind: unit.kind, kindName: display.kindName(unit.kind),
                            levels: unit.levelSet.sorted().map(\.rawValue), ownership: unit.ownership,
                            validFrom: unit.validFrom, validTo: unit.validTo,
                            parent: parent.map { .init(code: $0.code, name: $0.name, kind: $0.kind) },
                            childCount: children.count, date: day.iso,
                            address: unit.address, phone: unit.phone, email: unit.email, headName: unit.headName)
    }

    @Sendable static func children(req: Request) async throws -> ListResponse {
        let unit = try req.scopedUnit, day = try req.treeDay
        let rows = try await UnitTree.children(of: unit.requireID(), on: day, in: req.db)
        return ListResponse(date: day.iso, items: rows.map(Item.init))
    }

    /// `GET /api/v1/units?q=…`: search the caller's subtree, ignoring case and diacritics.
    @Sendable static func search(req: Request) async throws -> ListResponse {
        let root = try req.scopedUnit, day = try req.treeDay
        guard let query = req.query[String.self, at: "q"], !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AppError.invalidField(field: "q", message: "Thiếu từ khoá tìm kiếm (q).")
        }
        let limitText = req.query[String.self, at: "limit"]
        guard limitText.map({ Int($0) != nil }) ?? true else {
            throw AppError.invalidField(field: "limit", message: "Giới hạn \"\(limitText ?? "")\" không hợp lệ: cần một số nguyên từ 1 đến 500.")
        }
        let limit = min(max(limitText.flatMap { Int($0) } ?? 50, 1), 500)
        let rows = try await UnitTree.search(query, under: root.requireID(), on: day, today: req.today, limit: limit, in: req.db)
        return ListResponse(date: day.iso, items: rows.map(Item.init))
    }
}
