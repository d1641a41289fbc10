import NamHocDomain
import Vapor

/// What the base page (`base.leaf`) needs: title, navigation, the signed-in user, the CSRF token.
struct Layout: Encodable {
    var title: String
    var csrf: String
    var userName: String?
    var roleName: String?
    var unitName: String?
    var isAdmin = false
    var nav = Nav()
    /// The school year that frames every page ("2026-2027"), and the ones to choose from.
    var schoolYear = ""
    var schoolYears: [String] = []
    /// Where choosing a school year comes back to: this page.
    var back = ""

    struct Nav: Encodable {
        var home = SiteURL.home.path
        var units = SiteURL.units.path
        var audit = SiteURL.audit.path
        var myWork = SiteURL.myWork.path
        var clusters = SiteURL.clusters.path
        var account = SiteURL.account.path
        var login = SiteURL.login.path
        var logout = SiteURL.logout.path
        var schoolYear = SiteURL.schoolYear.path
    }
}

extension Array {
    /// Leaf takes an empty array for true: page models pass nil instead, so `#if(list):` means "has items".
    var nonEmpty: [Element]? { isEmpty ? nil : self }
}

/// A page: the layout plus the page's own model, rendered by one Leaf template.
struct Page<Model: Encodable>: Encodable {
    var layout: Layout
    var model: Model
}

extension Request {
    func render<M: Encodable>(_ template: String, title: String, _ model: M, status: HTTPStatus = .ok) async throws -> Response {
        var layout = Layout(title: title, csrf: csrfToken)
        if let user = auth.get(User.self) {
            let year = schoolYear
            layout.schoolYear = year.name
            // An error page comes back home: echoing the requested path would make a foreign unit's 404 differ
            // from an unknown code's.
            layout.back = status.code < 400 ? AuthController.safeNext(url.string) : ""
            layout.title = "\(title) · Năm học \(year.name)"
            let current = SchoolYear.containing(today).startYear
            layout.schoolYears = (0..<5).map { SchoolYear(startYear: current - $0).name }
            layout.userName = user.displayName
            layout.roleName = user.userRole.nameVI
            layout.unitName = try await user.$unit.get(on: db).name
            layout.isAdmin = user.userRole == .admin
        }
        let view = try await self.view.render(template, Page(layout: layout, model: model))
        let response = try await view.encodeResponse(status: status, for: self)
        response.headers.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
        return response
    }

    /// A page that reports `error`: its status and the headers the error carries (`Retry-After`).
    func render<M: Encodable>(_ template: String, title: String, _ model: M, error: AppError) async throws -> Response {
        let response = try await render(template, title: title, model, status: error.status)
        for (name, value) in error.headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}

/// The error page people see (the API gets JSON instead).
enum ErrorPage {
    struct Model: Encodable {
        var status: Int
        var message: String
        var rows: [AppError.RowError]?
    }

    static func render(_ error: AppError, rows: [AppError.RowError]?, on request: Request) async throws -> Response {
        do {
            return try await request.render("error", title: "Lỗi", Model(status: Int(error.status.code), message: error.messageVI, rows: rows),
                                            error: error)
        } catch {
            // The template itself failed: plain text is better than nothing.
            return Response(status: .internalServerError, body: .init(string: AppError.internalError.messageVI))
        }
    }
}
