import Fluent
import Vapor

/// Sign in, sign out, change one's own password.
enum AuthController {
    struct LoginModel: Encodable {
        var username = ""
        var next = ""
        var error: String?
    }

    struct LoginForm: Content {
        var username: String
        var password: String
        var next: String?
    }

    @Sendable static func loginPage(req: Request) async throws -> Response {
        if req.auth.has(User.self) { return req.redirect(to: SiteURL.home.path) }
        return try await req.render("login", title: "Đăng nhập", LoginModel(next: safeNext(req.query[String.self, at: "next"])))
    }

    @Sendable static func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        do {
            let user = try await LoginService.authenticate(username: form.username, password: form.password,
                                                           address: LoginService.clientAddress(req), on: req)
            // A new session id at sign-in, so an id planted before cannot be ridden (session fixation).
            if let old = req.session.id { try await req.application.sessions.driver.deleteSession(old, for: req).get() }
            req.session.id = nil
            req.session.data[SessionKeys.userID] = try user.requireID().uuidString
            req.session.data[SessionKeys.csrf] = APITokens.generate()
            return req.redirect(to: safeNext(form.next).isEmpty ? SiteURL.home.path : safeNext(form.next))
        } catch let error as AppError {
            let model = LoginModel(username: form.username, next: safeNext(form.next), error: error.messageVI)
            return try await req.render("login", title: "Đăng nhập", model, status: error.status)
        }
    }

    @Sendable static func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: SiteURL.login.path)
    }

    /// Only local paths, so the login form cannot be used to send people elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "" }
        return next
    }

    struct AccountModel: Encodable {
        var username: String
        var displayName: String
        var message: String?
        var error: String?
    }

    struct PasswordForm: Content {
        var current: String
        var new: String
        var confirm: String
    }

    @Sendable static func accountPage(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return try await req.render("account", title: "Tài khoản", AccountModel(username: user.username, displayName: user.displayName))
    }

    @Sendable static func changePassword(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(PasswordForm.self)
        var model = AccountModel(username: user.username, displayName: user.displayName)
        guard try await req.password.async.verify(form.current, created: user.passwordHash) else {
            model.error = "Mật khẩu hiện tại không đúng."
            return try await req.render("account", title: "Tài khoản", model, status: .unprocessableEntity)
        }
        guard form.new == form.confirm else {
            model.error = "Mật khẩu nhập lại không khớp."
            return try await req.render("account", title: "Tài khoản", model, status: .unprocessableEntity)
        }
        do {
            try await UserService.setPassword(of: user, to: form.new, by: AuditActor(user), on: req)
        } catch let error as AppError {
            model.error = error.messageVI
            return try await req.render("account", title: "Tài khoản", model, status: error.status)
        }
        model.message = "Đã đổi mật khẩu."
        return try await req.render("account", title: "Tài khoản", model)
    }
}
