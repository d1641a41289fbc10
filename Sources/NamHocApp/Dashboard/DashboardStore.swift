import Crypto
import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// The SQL a dashboard needs beyond the kept sums: figures of a period on today's tree, kept once summed.
enum DashboardStore {
    /// The figures of each period summed over the units that make each unit's subtree today (the
    /// comparable basis), limited to `indicators`: by period, then by unit. What is missing is summed in one
    /// statement (each subtree walked once), then read from `stat_comparable` until the period's version
    /// moves (a report counted or uncounted, the tree changed: in the same transaction) or the day changes.
    /// So two processes never show a figure older than the last counted report: the version they compare
    /// with is the database's.
    static func comparable(under unitIDs: [UUID], today: Day, periods: [String], indicators: Set<String>,
                           in db: any Database) async throws -> [String: [UUID: Figures]] {
        guard !unitIDs.isEmpty, !periods.isEmpty else { return [:] }
        let cells = SHA256.hash(data: Data(indicators.sorted().joined(separator: ",").utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        let versions = try await db.sql.raw("""
            SELECT period, version FROM stat_versions WHERE period IN (\(binds: periods))
            """).all()
        var version: [String: Int] = Dictionary(uniqueKeysWithValues: periods.map { ($0, 0) })
        for row in versions { version[try row.decode(column: "period", as: String.self)] = try row.decode(column: "version", as: Int.self) }
        var result: [String: [UUID: [FigureKey: Double]]] = [:]
        for ids in unitIDs.chunks(of: 500) {
            let cached = try await db.sql.raw("""
                SELECT c.unit_id, c.period, c.indicator, c.breakdown, c.value FROM stat_comparable c
                LEFT JOIN stat_versions v ON v.period = c.period
                WHERE c.unit_id IN (\(binds: ids)) AND c.cells = \(bind: cells) AND c.day = \(bind: today.iso) AND c.period IN (\(binds: periods))
                  AND c.version = COALESCE(v.version, 0)
                """).all()
            for row in cached {
                let period = try row.decode(column: "period", as: String.self), code = try row.decode(column: "indicator", as: String.self)
                result[period, default: [:]][try row.decode(column: "unit_id", as: UUID.self), default: [:]][FigureKey(code, try StatisticsStore.breakdownKey(row))]
                    = try row.decode(column: "value", as: Double.self)
            }
        }
        // The marker row (indicator "") says a sum was made, even when it found nothing.
        let missing = periods.flatMap { period in unitIDs.filter { result[period]?[$0] == nil }.map { (period, $0) } }
        if !missing.isEmpty {
            // The versions were read before the sums: a report counted meanwhile moves them, and these rows are never read.
            let sums = try await StatisticsStore.comparableTotals(under: Array(Set(missing.map(\.1))), today: today, periods: Array(Set(missing.map(\.0))),
                                                                  indicators: indicators, in: db)
            for (period, unitID) in missing {
                let figures = sums[period]?[unitID] ?? Figures()
                result[period, default: [:]][unitID] = figures.values
                try await keep(figures, of: unitID, cells: cells, today: today, period: period, version: version[period] ?? 0, in: db)
            }
        }
        return result.mapValues { $0.mapValues { Figures($0.filter { !$0.key.code.isEmpty }) } }
    }

    private static func keep(_ figures: Figures, of unitID: UUID, cells: String, today: Day, period: String, version: Int,
                             in db: any Database) async throws {
        try await db.sql.raw("""
            DELETE FROM stat_comparable WHERE unit_id = \(bind: unitID) AND period = \(bind: period) AND cells = \(bind: cells)
              AND (day <> \(bind: today.iso) OR version < \(bind: version))
            """).run()
        var rows = figures.values.map { ($0.key.code, $0.key.breakdown ?? "", $0.value) }
        rows.append(("", "", 0))
        for chunk in rows.chunks(of: 500) {
            let values = SQLList(chunk.map { row in
                SQLQueryString("(\(bind: unitID), \(bind: today.iso), \(bind: period), \(bind: version), \(bind: cells), \(bind: row.0), \(bind: row.1), \(bind: row.2))")
            })
            // Two processes may sum the same period at once: the first row stands.
            try await db.sql.raw("""
                INSERT INTO stat_comparable (unit_id, day, period, version, cells, indicator, breakdown, value) VALUES \(values)
                ON CONFLICT DO NOTHING
                """).run()
        }
    }

    struct ReportState: Sendable { var status: ReportStatus; var submittedAt: Date? }

    /// The reports of a period of the given units (the schools directly below a commune), by unit.
    static func reports(of unitIDs: [UUID], period: Period, in db: any Database) async throws -> [UUID: ReportState] {
        guard !unitIDs.isEmpty else { return [:] }
        let rows = try await db.sql.raw("""
            SELECT unit_id, status, submitted_at FROM stat_reports WHERE period = \(bind: period.code) AND unit_id IN (\(binds: unitIDs))
            """).all()
        var result: [UUID: ReportState] = [:]
        for row in rows {
            guard let status = ReportStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            result[try row.decode(column: "unit_id", as: UUID.self)] = ReportState(
                status: status, submittedAt: try row.decodeNil(column: "submitted_at") ? nil : try row.decode(column: "submitted_at", as: Date.self))
        }
        return result
    }

    /// Where each child stands in a period's reporting: a school or centre by its own report, any other
    /// unit by the kept completeness below it. No walk of the subtree.
    struct ChildProgress: Sendable {
        var status: ReportStatus?
        var expected = 0, submitted = 0, approved = 0, late = 0
    }

    static func progress(of children: [UnitTree.Row], period: Period, due: Day, today: Day, in db: any Database) async throws -> [UUID: ChildProgress] {
        let institutions = children.filter { $0.kind == "school" || $0.kind == "centre" }.map(\.id)
        let reports = try await reports(of: institutions, period: period, in: db)
        let below = try await StatisticsStore.progress(under: children.map(\.id).filter { !institutions.contains($0) }, period: period, due: due,
                                                       today: today, in: db)
        var result: [UUID: ChildProgress] = [:]
        for id in institutions {
            let report = reports[id], counted = report?.status == .submitted || report?.status == .approved
            result[id] = ChildProgress(status: report?.status, expected: 1, submitted: counted ? 1 : 0, approved: report?.status == .approved ? 1 : 0,
                                       late: (!counted && today > due) || (counted && (report?.submittedAt ?? .distantPast) >= StatisticsStore.dueEnd(due)) ? 1 : 0)
        }
        for (id, kept) in below {
            result[id] = ChildProgress(status: nil, expected: kept.expected, submitted: kept.submitted, approved: kept.approved, late: kept.late)
        }
        return result
    }
}
