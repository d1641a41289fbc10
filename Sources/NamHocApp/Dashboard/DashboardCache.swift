import Foundation
import NamHocDomain
import NIOConcurrencyHelpers
import Vapor

/// Dashboards kept in this process's memory, each with the data version it was made at. A dashboard is
/// served from memory only while that version is still the database's (one indexed read per request), so
/// no process ever shows a figure older than the last write committed anywhere: every write moves the
/// version in its own transaction (`AuditLog.record`). The day is part of the key (overdue tasks, late
/// reports). Bounded: past `capacity` entries the oldest half is dropped.
final class DashboardCache: Sendable {
    struct Key: Hashable, Sendable {
        var unitID: UUID
        var period: String
        var basis: DashboardBody.Basis
        var today: Day
    }

    struct Entry: Sendable {
        var version: Int
        var body: DashboardBody
        /// The API's answer, encoded once.
        var json: ByteBuffer
        /// The page's content (and the wall screen's), rendered once: the same for everyone who reads the unit.
        var html: [Bool: String] = [:]
        var used: Int
    }

    private let entries = NIOLockedValueBox<(items: [Key: Entry], clock: Int)>(([:], 0))
    let capacity: Int

    init(capacity: Int = 512) { self.capacity = capacity }

    func entry(_ key: Key, version: Int) -> Entry? {
        entries.withLockedValue { state in
            guard var entry = state.items[key], entry.version == version else { return nil }
            state.clock += 1
            entry.used = state.clock
            state.items[key] = entry
            return entry
        }
    }

    /// Adds the rendered content to an entry still at `version`.
    func keep(_ key: Key, version: Int, wall: Bool, html: String) {
        entries.withLockedValue { state in
            guard state.items[key]?.version == version else { return }
            state.items[key]?.html[wall] = html
        }
    }

    func keep(_ key: Key, version: Int, body: DashboardBody, json: ByteBuffer) {
        entries.withLockedValue { state in
            state.clock += 1
            if state.items.count >= capacity {
                let oldest = state.items.sorted { $0.value.used < $1.value.used }.prefix(capacity / 2).map(\.key)
                for key in oldest { state.items[key] = nil }
            }
            state.items[key] = Entry(version: version, body: body, json: json, used: state.clock)
        }
    }
}

private struct DashboardCacheKey: StorageKey { typealias Value = DashboardCache }

extension Application {
    /// Set once at start-up (`configure`), before any request.
    var dashboardCache: DashboardCache {
        get { storage[DashboardCacheKey.self]! }
        set { storage[DashboardCacheKey.self] = newValue }
    }
}
