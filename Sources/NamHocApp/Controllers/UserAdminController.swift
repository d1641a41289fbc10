import Fluent
import NamHocDomain
import NamHocOffice
import Vapor

/// An admin manages the users of any unit of their subtree (checked by `UnitScopeMiddleware(.administer)`).
enum UserAdminController {
    struct Model: Encodable {
        var unitName: String
        var unitURL: String
        var formURL: String
        var users: [Line]
        var roles: [RoleOption]
        var message: String?
        var error: String?
        var exportURL: String
    }

    struct Line: Encodable {
        var username: String
        var displayName: String
        var roleName: String
        var passwordURL: String
    }

    struct RoleOption: Encodable { var value: String; var name: String }

    struct CreateForm: Content {
        var username: String
        var displayName: String
        var password: String
        var role: String
    }

    struct PasswordForm: Content { var password: String }

    @Sendable static func list(req: Request) async throws -> Response {
        if req.wantsSpreadsheet {
            let unit = try req.scopedUnit
            let sheet = SheetSpec(name: "Người dùng", titleRows: ["Người dùng của \(unit.name), ngày \(Day.today().vietnamese)"],
                                  header: ["Tên đăng nhập", "Họ và tên", "Vai trò"],
                                  rows: try await users(of: unit, on: req.db).map { [.text($0.username), .text($0.displayName), .text($0.userRole.nameVI)] },
                                  columnWidths: [24, 32, 20])
            return try Download.xlsx([sheet]).response(named: "nguoidung-\(unit.code)")
        }
        return try await page(req, message: req.query[String.self, at: "saved"].map { _ in "Đã lưu." }, error: nil, status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, admin = try req.requireUser()
        let form = try req.content.decode(CreateForm.self)
        do {
            guard let role = Role(rawValue: form.role) else {
                throw AppError.invalidField(field: "role", message: "Vai trò không hợp lệ.")
            }
            _ = try await UserService.create(username: form.username, displayName: form.displayName, password: form.password,
                                             unit: unit, role: role, by: AuditActor(admin), hasher: req.password.async, on: req.db)
        } catch let error as AppError {
            return try await page(req, message: nil, error: error.messageVI, status: error.status)
        }
        return req.redirect(to: SiteURL.unitUsers(unit.code).path + "?saved=1")
    }

    @Sendable static func resetPassword(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, admin = try req.requireUser()
        let username = req.parameters.get("username") ?? ""
        // The user must belong to the unit the middleware checked, or the check would mean nothing.
        guard let user = try await User.query(on: req.db).filter(\.$username == username)
            .filter(\.$unit.$id == unit.requireID()).first() else { throw AppError.userNotFound(username) }
        let form = try req.content.decode(PasswordForm.self)
        do {
            try await UserService.setPassword(of: user, to: form.password, by: AuditActor(admin), on: req)
        } catch let error as AppError {
            return try await page(req, message: nil, error: error.messageVI, status: error.status)
        }
        return req.redirect(to: SiteURL.unitUsers(unit.code).path + "?saved=1")
    }

    private static func page(_ req: Request, message: String?, error: String?, status: HTTPStatus) async throws -> Response {
        let unit = try req.scopedUnit
        let users = try await users(of: unit, on: req.db)
        let model = Model(unitName: unit.name, unitURL: SiteURL.unit(unit.code).path, formURL: SiteURL.unitUsers(unit.code).path,
                          users: users.map { .init(username: $0.username, displayName: $0.displayName, roleName: $0.userRole.nameVI,
                                                   passwordURL: SiteURL.unitUserPassword(unit.code, $0.username).path) },
                          roles: Role.allCases.map { .init(value: $0.rawValue, name: $0.nameVI) }, message: message, error: error,
                          exportURL: SiteURL.unitUsers(unit.code).path + "?format=xlsx")
        return try await req.render("users", title: "Người dùng – \(unit.name)", model, status: status)
    }

    private static func users(of unit: Unit, on db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$unit.$id == unit.requireID()).sort(\.$username).all()
    }
}
