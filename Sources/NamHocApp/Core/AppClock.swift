import Foundation
import NamHocDomain
import Vapor

/// The one clock NamHoc reads. Production reads the system clock; tests set a fixed instant, so
/// deadlines, reporting windows, "overdue" and "today's tree" are the same on every run.
struct AppClock: Sendable {
    var now: @Sendable () -> Date

    static let system = AppClock { Date() }
    static func fixed(_ date: Date) -> AppClock { AppClock { date } }

    /// Today in Vietnam.
    var today: Day { Day.today(now: now()) }
}

private struct AppClockKey: StorageKey { typealias Value = AppClock }

extension Application {
    var clock: AppClock {
        get { storage[AppClockKey.self] ?? .system }
        set { storage[AppClockKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
    var today: Day { application.clock.today }
}
