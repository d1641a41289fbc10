import Foundation
import NamHocDomain
import NamHocText
import Vapor

private struct ScopedUnitKey: StorageKey { typealias Value = Unit }
private struct CSRFTokenKey: StorageKey { typealias Value = String }

extension Request {
    /// The signed-in user; routes behind `RequireUserMiddleware` always have one.
    func requireUser() throws -> User {
        guard let user = auth.get(User.self) else { throw AppError.unauthenticated }
        return user
    }

    /// The unit of the path, already checked by `UnitScopeMiddleware` for the route's action.
    var scopedUnit: Unit {
        get throws {
            guard let unit = storage[ScopedUnitKey.self] else { throw AppError.forbidden }
            return unit
        }
    }

    func setScopedUnit(_ unit: Unit) { storage[ScopedUnitKey.self] = unit }

    var csrfToken: String {
        get { storage[CSRFTokenKey.self] ?? "" }
        set { storage[CSRFTokenKey.self] = newValue }
    }

    /// The day a tree query is about: `?date=2024-10-01` (or `01/10/2024`), `?year=2024-2025` (its census
    /// day, 30/09), or today.
    var treeDay: Day {
        get throws {
            if let text = query[String.self, at: "date"], !text.isEmpty {
                guard let day = Day(iso: text) ?? VietnameseFormat.parseDate(text).map({ Day.today(now: $0) }) else {
                    throw AppError.invalidField(field: "date", message: "Ngày \"\(text)\" không hợp lệ (dạng 30/09/2024).")
                }
                return day
            }
            if let text = query[String.self, at: "year"], !text.isEmpty {
                guard let start = VietnameseFormat.parseSchoolYear(text), let day = Day(year: start, month: 9, day: 30) else {
                    throw AppError.invalidField(field: "year", message: "Năm học \"\(text)\" không hợp lệ (dạng 2024-2025).")
                }
                return day
            }
            return Day.today()
        }
    }
}
