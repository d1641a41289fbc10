import Foundation
import NamHocDomain
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

    /// The day a read shows: `?date=2024-10-01` (or `01/10/2024`), `?year=2024-2025` (its census day,
    /// 30/09), or today. It never decides who may write: `decide` judges writes on today's tree.
    /// A statistics read names its period instead (`?period=2024-2025/census` reads the tree of 30/09/2024).
    var treeDay: Day {
        get throws {
            try QueryDay.parse(date: query[String.self, at: "date"], year: query[String.self, at: "year"])
                ?? query[String.self, at: "period"].flatMap(Period.init(code:))?.first ?? today
        }
    }

    /// What the access policy needs about `unit` for this request: its ancestry today, and on the day
    /// the request reads when that is another day.
    func accessContext(for unit: Unit, readingRequestedDay: Bool = true, period: Period? = nil) async throws -> AccessContext {
        let unitID = try unit.requireID(), today = self.today, day = readingRequestedDay ? try treeDay : today
        // One's own unit heads its path on every day, and the policy looks no further up than the actor's
        // place in it (proven in AccessPolicyTests): the commonest read skips the tree queries.
        if unitID == (try requireUser()).$unit.id {
            return AccessContext(today: [unitID], readDay: day == today ? nil : [unitID], period: period.map { _ in [unitID] })
        }
        let ancestryToday = try await UnitTree.ancestry(of: unitID, on: today, in: db)
        let ancestryOfDay = day == today ? nil : try await UnitTree.ancestry(of: unitID, on: day, in: db)
        var ancestryOfPeriod: [UUID]?
        if let period { ancestryOfPeriod = try await UnitTree.ancestry(of: unitID, on: period.first, in: db) }
        return AccessContext(today: ancestryToday, readDay: ancestryOfDay, period: ancestryOfPeriod)
    }

    /// The one access question of NamHoc, asked by the scope middleware and by handlers that show or
    /// act on a second unit (links on a page, the unit a user is moved to).
    /// `readingRequestedDay: false` for a page that always shows today (the home page), whatever `?date=` says.
    func decide(_ action: AccessAction, on unit: Unit, readingRequestedDay: Bool = true, period: Period? = nil) async throws -> AccessDecision {
        AccessPolicy.decide(action, by: try requireUser().actor,
                            in: try await accessContext(for: unit, readingRequestedDay: readingRequestedDay, period: period))
    }

    /// `decide`, turned into the answer a refused request gets: 404 outside the subtree (the unit's
    /// existence must not leak), 403 where it is visible but the action is not allowed.
    func authorize(_ action: AccessAction, on unit: Unit, period: Period? = nil) async throws {
        let decision = AccessPolicy.decide(action, by: try requireUser().actor,
                                           in: try await accessContext(for: unit, period: period))
        switch decision {
        case .allowed: return
        case .forbidden: throw AppError.forbidden
        case .hidden: throw AppError.unitNotFound(unit.code)
        }
    }
}

/// `?date=` and `?year=`, parsed once for pages, API and exports, exactly as the API document states:
/// a date is `2024-09-30` or `30/09/2024` (separators `-`, `/` or `.`), a school year `2024-2025`. Both
/// are checked when both are given; the date wins.
enum QueryDay {
    static func parse(date: String?, year: String?) throws -> Day? {
        var schoolYearDay: Day?
        if let text = year, !text.isEmpty {
            guard let day = censusDay(text) else {
                throw AppError.invalidField(field: "year", message: "Năm học \"\(text)\" không hợp lệ (dạng 2024-2025).")
            }
            schoolYearDay = day
        }
        if let text = date, !text.isEmpty {
            guard let day = day(text) else {
                throw AppError.invalidField(field: "date", message: "Ngày \"\(text)\" không hợp lệ (dạng 30/09/2024 hoặc 2024-09-30).")
            }
            return day
        }
        return schoolYearDay
    }

    /// "2024-09-30", "30/09/2024", "30.9.2024": digits only, the year in four.
    static func day(_ text: String) -> Day? {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" || $0 == "." }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let numbers = parts.map { Int($0) ?? -1 }
        if parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count) {
            return Day(year: numbers[0], month: numbers[1], day: numbers[2])
        }
        if parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count) {
            return Day(year: numbers[2], month: numbers[1], day: numbers[0])
        }
        return nil
    }

    /// "2024-2025" → 30/09/2024, the census day of that school year.
    static func censusDay(_ text: String) -> Day? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let start = Int(parts[0]), let end = Int(parts[1]), end == start + 1 else { return nil }
        return Day(year: start, month: 9, day: 30)
    }
}
