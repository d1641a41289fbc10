import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// Completeness kept per ancestor and period, like the sums: how many schools and centres below a unit
/// (on the period's tree) must report, how many reports count (submitted or approved), how many are
/// approved, and how many of those were submitted after the due day. Counting them per request walked the
/// whole subtree (≈ 57.000 units for the nation); reading a kept row does not.
///
/// A period's rows are built on first use from their on-the-fly reference, and record the due day they
/// were built with; each workflow step then moves built rows in its own transaction. A change of the tree
/// or of the window drops them (`dropProgress`). On PostgreSQL the build locks `stat_progress` against
/// the steps' updates (which lock it too, even when they touch no row): a step is either in the build's
/// snapshot or applied after it, never both, never neither.
extension StatisticsStore {
    struct Progress: Codable, Sendable, Equatable {
        var expected: Int
        var submitted: Int
        var approved: Int
        var late: Int
    }

    private struct Kept: Codable, Sendable, Equatable {
        var expected: Int
        var counted: Int
        var approved: Int
        var countedLate: Int
    }

    /// The completeness of the units below `unitID`: late are those not counted once the due day has
    /// passed, and those counted but submitted after it.
    static func progress(under unitID: UUID, period: Period, due: Day, today: Day, in db: any Database) async throws -> Progress {
        // One query when the rows are built (the usual case): whether they are, and the unit's row.
        func read() async throws -> (built: Bool, kept: Kept) {
            let row = try await db.sql.raw("""
                SELECT m.due AS built, p.expected, p.counted, p.approved, p.counted_late FROM stat_progress_periods m
                LEFT JOIN stat_progress p ON p.period = m.period AND p.ancestor_id = \(bind: unitID)
                WHERE m.period = \(bind: period.code)
                """).first()
            let kept = try row.flatMap { try $0.decodeNil(column: "expected") ? nil : $0.decode(model: Kept.self, keyDecodingStrategy: .convertFromSnakeCase) }
            return (try row?.decode(column: "built", as: String.self) == due.iso, kept ?? Kept(expected: 0, counted: 0, approved: 0, countedLate: 0))
        }
        var (built, kept) = try await read()
        if !built {
            try await ensureProgress(period, due: due, in: db)
            kept = try await read().kept
        }
        return Progress(expected: kept.expected, submitted: kept.counted, approved: kept.approved,
                        late: (today > due ? kept.expected - kept.counted : 0) + kept.countedLate)
    }

    /// A workflow step moved a report between counted and not, approved and not: the kept completeness
    /// of every ancestor on the period's tree follows, in the step's transaction. Rows not built (or built
    /// with another due day) are left alone: their build counts the step from `stat_reports`.
    static func moveProgress(_ unit: Unit, period: Period, due: Day, from old: StatReport.State, to new: StatReport.State,
                             in db: any Database) async throws {
        guard unit.kind == "school" || unit.kind == "centre" else { return }
        let end = dueEnd(due)
        func late(_ state: StatReport.State) -> Int { state.status.countsInRollUp && (state.submittedAt ?? .distantPast) >= end ? 1 : 0 }
        let counted = (new.status.countsInRollUp ? 1 : 0) - (old.status.countsInRollUp ? 1 : 0)
        let approved = (new.status == .approved ? 1 : 0) - (old.status == .approved ? 1 : 0)
        let lateChange = late(new) - late(old)
        guard counted != 0 || approved != 0 || lateChange != 0 else { return }
        try await db.sql.raw("""
            WITH RECURSIVE anc(id, depth) AS (
              SELECT u.id, 0 FROM units u WHERE u.id = \(bind: unit.requireID())
              UNION ALL
              SELECT l.parent_id, anc.depth + 1 FROM unit_links l JOIN anc ON l.unit_id = anc.id
              WHERE \(UnitTree.valid("l", period.first)) AND anc.depth < 16
            )
            UPDATE stat_progress SET counted = counted + \(literal: counted), approved = approved + \(literal: approved),
              counted_late = counted_late + \(literal: lateChange)
            WHERE period = \(bind: period.code) AND ancestor_id IN (SELECT id FROM anc WHERE depth > 0)
              AND EXISTS (SELECT 1 FROM stat_progress_periods p WHERE p.period = \(bind: period.code) AND p.due = \(bind: due.iso))
            """).run()
    }

    /// Drops the kept completeness of a period (or of every period): it is built again on first use.
    static func dropProgress(_ period: Period?, in db: any Database) async throws {
        let filter: SQLQueryString = period.map { " WHERE period = \(bind: $0.code)" } ?? ""
        try await db.sql.raw("DELETE FROM stat_progress_periods\(filter)").run()
        try await db.sql.raw("DELETE FROM stat_progress\(filter)").run()
    }

    /// The reference: completeness of every ancestor counted on the fly from the period's tree and reports.
    static func expectedProgress(_ period: Period, due: Day) -> SQLQueryString {
        let day = period.first
        return """
            WITH RECURSIVE anc(unit_id, id, depth) AS (
              SELECT u.id, u.id, 0 FROM units u WHERE u.kind IN ('school', 'centre') AND \(UnitTree.valid("u", day))
              UNION ALL
              SELECT anc.unit_id, l.parent_id, anc.depth + 1 FROM unit_links l JOIN anc ON l.unit_id = anc.id
              WHERE \(UnitTree.valid("l", day)) AND anc.depth < 16
            )
            SELECT anc.id AS ancestor_id, COUNT(*) AS expected,
              SUM(CASE WHEN r.status IN ('submitted', 'approved') THEN 1 ELSE 0 END) AS counted,
              SUM(CASE WHEN r.status = 'approved' THEN 1 ELSE 0 END) AS approved,
              SUM(CASE WHEN r.status IN ('submitted', 'approved') AND r.submitted_at >= \(bind: dueEnd(due)) THEN 1 ELSE 0 END) AS counted_late
            FROM anc LEFT JOIN stat_reports r ON r.unit_id = anc.unit_id AND r.period = \(bind: period.code)
            WHERE anc.depth > 0
            GROUP BY anc.id
            """
    }

    /// Every ancestor whose kept completeness differs from its reference (none after a correct history).
    static func progressDifferences(_ period: Period, due: Day, in db: any Database) async throws -> [UUID] {
        try await ensureProgress(period, due: due, in: db)
        func load(_ rows: [any SQLRow]) throws -> [UUID: Kept] {
            Dictionary(try rows.map { (try $0.decode(column: "ancestor_id", as: UUID.self), try $0.decode(model: Kept.self, keyDecodingStrategy: .convertFromSnakeCase)) },
                       uniquingKeysWith: { a, _ in a })
        }
        let kept = try load(try await db.sql.raw("""
            SELECT ancestor_id, expected, counted, approved, counted_late FROM stat_progress WHERE period = \(bind: period.code)
            """).all())
        let expected = try load(try await db.sql.raw(expectedProgress(period, due: due)).all())
        return Set(kept.keys).union(expected.keys).filter { kept[$0] != expected[$0] }.sorted { $0.uuidString < $1.uuidString }
    }

    /// Builds the period's rows unless they were built with this due day. The check is repeated under
    /// the lock: of two processes, the second finds the rows the first built.
    private static func ensureProgress(_ period: Period, due: Day, in db: any Database) async throws {
        @Sendable func built(_ db: any Database) async throws -> Bool {
            try await db.sql.raw("SELECT due FROM stat_progress_periods WHERE period = \(bind: period.code)").first()?
                .decode(column: "due", as: String.self) == due.iso
        }
        guard try await !built(db) else { return }
        try await db.transaction { tx in
            if tx.isPostgres { try await tx.sql.raw("LOCK TABLE stat_progress IN SHARE ROW EXCLUSIVE MODE").run() }
            guard try await !built(tx) else { return }
            try await dropProgress(period, in: tx)
            try await tx.sql.raw("""
                INSERT INTO stat_progress (ancestor_id, period, expected, counted, approved, counted_late)
                SELECT ancestor_id, \(bind: period.code), expected, counted, approved, counted_late FROM (\(expectedProgress(period, due: due))) reference
                """).run()
            try await tx.sql.raw("INSERT INTO stat_progress_periods (period, due) VALUES (\(bind: period.code), \(bind: due.iso))").run()
        }
    }

    /// The first instant after the due day, in Vietnam time: a report submitted from then on is late.
    static func dueEnd(_ due: Day) -> Date {
        var components = DateComponents(year: due.next.year, month: due.next.month, day: due.next.day)
        components.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        return Calendar(identifier: .gregorian).date(from: components) ?? Date.distantFuture
    }
}

extension StatReport {
    /// What the kept completeness depends on: the status, and when it was submitted.
    struct State: Sendable {
        var status: ReportStatus
        var submittedAt: Date?
    }

    var state: State { State(status: reportStatus, submittedAt: submittedAt) }
}
