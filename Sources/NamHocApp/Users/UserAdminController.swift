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
        /// One row per user; `extra` holds what the row's forms need (updateURL, passwordURL, role, active, reason).
        var table: HTMLTable
        var roles: [RoleOption]
        var message: String?
        var error: String?
        var exportURL: String
        var unitCode: String
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
            let sheet = columns(today: req.today).sheet(try await users(of: unit, on: req.db), name: "Người dùng",
                                                        title: "Người dùng của \(unit.name), ngày \(req.today.vietnamese)")
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
                                             unit: unit, role: role, by: AuditActor(admin), hasher: req.password.async, today: req.today, on: req.db)
        } catch let error as AppError {
            return try await page(req, message: nil, error: error.messageVI, status: error.status)
        }
        return req.redirect(to: SiteURL.unitUsers(unit.code).url(.saved))
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
        return req.redirect(to: SiteURL.unitUsers(unit.code).url(.saved))
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
        return req.redirect(to: SiteURL.unitUsers(unit.code).url(.saved))
    }

    /// The users list's columns, for the page and its Excel file alike.
    static func columns(today: Day) -> TableSpec<User> {
        TableSpec(columns: [
            .init(title: "Tên đăng nhập", width: 24) { .text($0.username) },
            .init(title: "Họ và tên", width: 32) { .text($0.displayName) },
            .init(title: "Vai trò", width: 16) { .text($0.userRole.nameVI) },
            .init(title: "Trạng thái", width: 40) { .text(standingText($0, today: today)) },
        ])
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
        let table = columns(today: req.today).html(users) { user in
            ["updateURL": SiteURL.unitUser(unit.code, user.username).path, "passwordURL": SiteURL.unitUserPassword(unit.code, user.username).path,
             "username": user.username, "role": user.role, "active": user.active ? "1" : "", "reason": user.deactivatedReason ?? ""]
        }
        let model = Model(unitName: unit.name, unitURL: SiteURL.unit(unit.code).path, formURL: SiteURL.unitUsers(unit.code).path,
                          table: table, roles: Role.allCases.map { .init(value: $0.rawValue, name: $0.nameVI) }, message: message, error: error,
                          exportURL: SiteURL.unitUsers(unit.code).url(.format("xlsx")), unitCode: unit.code)
        return try await req.render("users", title: "Người dùng – \(unit.name)", model, status: status)
    }

    private static func users(of unit: Unit, on db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$unit.$id == unit.requireID()).with(\.$unit).sort(\.$username).all()
    }
}
