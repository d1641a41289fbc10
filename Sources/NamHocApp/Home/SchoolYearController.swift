import Foundation
import NamHocDomain
import Vapor

extension SessionKeys {
    /// The school year the person chose in the header.
    static let schoolYear = "year"
}

extension Request {
    /// The school year that frames the pages: the one chosen in the header (kept in the session), else the
    /// current one by the application clock.
    var schoolYear: SchoolYear {
        session.data[SessionKeys.schoolYear].flatMap(SchoolYear.init) ?? SchoolYear.containing(today)
    }
}

/// "Năm học" in the header: chosen once, remembered for the session, shown in every title.
enum SchoolYearController {
    struct Form: Content {
        var year: String
        var back: String?
    }

    @Sendable static func choose(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        guard let year = QueryDay.censusDay(form.year).map({ SchoolYear(startYear: $0.year) }) else {
            throw AppError.invalidField(field: "year", message: "Năm học \"\(form.year)\" không hợp lệ (dạng 2026-2027).")
        }
        req.session.data[SessionKeys.schoolYear] = year.name
        let back = AuthController.safeNext(form.back)
        return req.redirect(to: back.isEmpty ? SiteURL.home.path : back)
    }
}
