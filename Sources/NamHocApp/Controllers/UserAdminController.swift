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
        var unitCode: String
    }

    struct Line: Encodable {
        var username: String
        var displayName: String
        var roleName: String
        var role: String
        var standing: String
        var active: Bool
        var reason: String
        var passwordURL: String
        var updateURL: String
    }

    struct RoleOption: Encodable { var value: String; var name: String }

    /// Role, unit and standing of an account, from the users page.
    struct UpdateForm: Content {
        var role: String
        var unit: String
        var active: String?
        var reason: String?
    }

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
            let sheet = SheetSpec(name: "Người dùng", titleRows: ["Người dùng của \(unit.name), ngày \(req.today.vietnamese)"],
                                  header: ["Tên đăng nhập", "Họ và tên", "Vai trò", "Trạng thái"],
                                  rows: try await users(of: unit, on: req.db).map {
                                      [.text($0.username), .text($0.displayName), .text($0.userRole.nameVI), .text(standingText($0, today: req.today))]
                                  },
                                  columnWidths: [24, 32, 20, 40])
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

    /// Moves a user to another unit of the admin's subtree, changes their role, deactivates or reactivates
    /// them. The target unit is decided by the same policy as the path's unit.
    @Sendable static func update(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, admin = try req.requireUser()
        let username = req.parameters.get("username") ?? ""
        guard let user = try await User.query(on: req.db).filter(\.$username == username)
            .filter(\.$unit.$id == unit.requireID()).with(\.$unit).first() else { throw AppError.userNotFound(username) }
        let form = try req.content.decode(UpdateForm.self)
        do {
            guard let role = Role(rawValue: form.role) else {
                throw AppError.invalidField(field: "role", message: "Vai trò không hợp lệ.")
            }
            let code = TextKeys.clean(form.unit)
            guard let target = try await Unit.query(on: req.db).filter(\.$code == code).first() else {
                throw AppError.invalidField(field: "unit", message: "Không tìm thấy đơn vị \"\(code)\" trong phạm vi của bạn.")
            }
            guard try await req.decide(.administer, on: target) == .allowed, target.validity.contains(req.today) else {
                throw AppError.invalidField(field: "unit", message: "Không tìm thấy đơn vị \"\(code)\" trong phạm vi của bạn.")
            }
            try await UserService.update(user, to: .init(role: role, unit: target, active: form.active != nil, reason: form.reason),
                                         by: AuditActor(admin), on: req.db)
        } catch let error as AppError {
            return try await page(req, message: nil, error: error.messageVI, status: error.status)
        }
        return req.redirect(to: SiteURL.unitUsers(unit.code).path + "?saved=1")
    }

    static func standingText(_ user: User, today: Day) -> String {
        let standing = user.standing(on: today)
        switch standing {
        case .active: return "Đang hoạt động"
        case .deactivated(let reason): return "Ngừng kích hoạt" + (reason.map { ": \($0)" } ?? "")
        case .unitClosed(_, let lastDay): return "Ngừng hoạt động: đơn vị đã giải thể" + (lastDay.map { " từ \($0.next.vietnamese)" } ?? "")
        }
    }

    private static func page(_ req: Request, message: String?, error: String?, status: HTTPStatus) async throws -> Response {
        let unit = try req.scopedUnit
        let users = try await users(of: unit, on: req.db)
        let model = Model(unitName: unit.name, unitURL: SiteURL.unit(unit.code).path, formURL: SiteURL.unitUsers(unit.code).path,
                          users: users.map { .init(username: $0.username, displayName: $0.displayName, roleName: $0.userRole.nameVI,
                                                   role: $0.role, standing: standingText($0, today: req.today), active: $0.active,
                                                   reason: $0.deactivatedReason ?? "",
                                                   passwordURL: SiteURL.unitUserPassword(unit.code, $0.username).path,
                                                   updateURL: SiteURL.unitUser(unit.code, $0.username).path) },
                          roles: Role.allCases.map { .init(value: $0.rawValue, name: $0.nameVI) }, message: message, error: error,
                          exportURL: SiteURL.unitUsers(unit.code).path + "?format=xlsx", unitCode: unit.code)
        return try await req.render("users", title: "Người dùng – \(unit.name)", model, status: status)
    }

    private static func users(of unit: Unit, on db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$unit.$id == unit.requireID()).with(\.$unit).sort(\.$username).all()
    }
}
