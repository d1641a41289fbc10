import Fluent
import Foundation
import Vapor

/// Sign in, sign out (here or everywhere), change one's own password.
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
            try await startSession(for: user, on: req)
            let next = safeNext(form.next)
            return req.redirect(to: next.isEmpty ? SiteURL.home.path : next)
        } catch let error as AppError {
            let model = LoginModel(username: form.username, next: safeNext(form.next), error: error.messageVI)
            return try await req.render("login", title: "Đăng nhập", model, error: error)
        }
    }

    /// A new session id at sign-in, so an id planted before cannot be ridden (session fixation), stamped
    /// with the account's session generation.
    static func startSession(for user: User, on req: Request) async throws {
        if let old = req.session.id { try await req.application.sessions.driver.deleteSession(old, for: req).get() }
        req.session.id = nil
        req.session.data[SessionKeys.userID] = try user.requireID().uuidString
        req.session.data[SessionKeys.generation] = String(user.sessionGeneration)
        req.session.data[SessionKeys.csrf] = APITokens.generate()
    }

    @Sendable static func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: SiteURL.login.path)
    }

    /// "Đăng xuất khỏi mọi thiết bị": every browser session and API token of the person ends.
    @Sendable static func logoutEverywhere(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await UserService.endAllSessions(of: user, by: AuditActor(user), on: req.db)
        req.session.destroy()
        return req.redirect(to: SiteURL.login.path)
    }

    /// Only local paths, so the login form cannot send people elsewhere: printable ASCII without
    /// backslashes (a browser drops tabs and line breaks, so "/\t/host" would become "//host"), and
    /// no "//" at the start. A line break would also have split the Location header.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"),
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }) else { return "" }
        return next
    }

    /// The sign-in page, coming back to `path` after it (if it is a local path other than home).
    static func loginURL(returningTo path: String) -> String {
        let next = safeNext(path)
        return SiteURL.login.url(next.isEmpty || next == SiteURL.home.path ? nil : .next(next))
    }

    struct AccountModel: Encodable {
        var username: String
        var displayName: String
        var message: String?
        var error: String?
        var logoutEverywhereURL = SiteURL.logoutEverywhere.path
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
            return try await req.render("account", title: "Tài khoản", model, error: error)
        }
        // Every other session ended with the old password; this one goes on under the new generation.
        try await startSession(for: user, on: req)
        req.csrfToken = req.session.data[SessionKeys.csrf] ?? ""
        model.message = "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc."
        return try await req.render("account", title: "Tài khoản", model)
    }
}
