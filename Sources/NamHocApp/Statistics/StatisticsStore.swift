import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// The SQL of statistics, the same on SQLite and PostgreSQL: entered values, and the sums kept per
/// ancestor and period. A counted report's values are in the sums of every ancestor of its unit on the
/// period's tree (the tree of its reference day: 30/09 for the start of the year), added in the
/// transaction that submits the report and removed in the one that returns or reopens it. A unit's own
/// counted values are not copied into the sums: a total is the unit's kept sum plus its own values,
/// read together (`totals`). Copying them doubled the kept rows (a school's sum is its values).
enum StatisticsStore {
    static let values = "stat_values"
    static let sums = "stat_sums"

    // MARK: - Entered values

    static func figures(of unitID: UUID, period: String, in db: any Database) async throws -> Figures {
        try await figures(of: [unitID], period: period, in: db)[unitID] ?? Figures()
    }

    /// Replaces the unit's values of the period (a draft being saved).
    static func replace(_ figures: Figures, of unitID: UUID, period: String, in db: any Database) async throws {
        try await replace([(unitID, figures)], period: period, in: db)
    }

    /// Replaces the values of the period of many units at once (an import), in the caller's transaction.
    static func replace(_ figures: [(UUID, Figures)], period: String, in db: any Database) async throws {
        for ids in figures.map(\.0).chunks(of: 5_000) {
            try await db.sql.raw("DELETE FROM stat_values WHERE period = \(bind: period) AND unit_id IN (\(binds: ids))").run()
        }
        var rows = valueRows(on: db)
        for (unitID, figures) in figures {
            for (key, value) in figures.values.sorted(by: { $0.key < $1.key }) {
                try await rows.append(.uuid(unitID), .text(period), .text(key.code), .text(key.breakdown ?? ""), .double(value))
            }
        }
        try await rows.finish()
    }

    /// A bulk writer of `stat_values` rows: unit, period, indicator, breakdown, value.
    static func valueRows(on db: any Database) -> BulkInsert {
        BulkInsert(into: values, columns: [("unit_id", .uuid), ("period", .text), ("indicator", .text), ("breakdown", .text), ("value", .double)], on: db)
    }

    /// Every value of a period entered by the units of a subtree (on the period's day), by unit.
    static func figures(under rootID: UUID, period: Period, in db: any Database) async throws -> [UUID: Figures] {
        let rows = try await db.sql.raw("""
            WITH RECURSIVE \(UnitTree.subtree(rootID, period.first))
            SELECT v.unit_id, v.indicator, v.breakdown, v.value FROM sub JOIN stat_values v ON v.unit_id = sub.id AND v.period = \(bind: period.code)
            """).all()
        return try group(rows)
    }

    /// Every value of a period entered by the given units, by unit.
    static func figures(of unitIDs: [UUID], period: String, in db: any Database) async throws -> [UUID: Figures] {
        var result: [UUID: Figures] = [:]
        for chunk in unitIDs.chunks(of: 10_000) {
            let rows = try await db.sql.raw("""
                SELECT unit_id, indicator, breakdown, value FROM stat_values WHERE period = \(bind: period) AND unit_id IN (\(binds: chunk))
                """).all()
            result.merge(try group(rows)) { a, _ in a }
        }
        return result
    }

    private static func group(_ rows: [any SQLRow]) throws -> [UUID: Figures] {
        var values: [UUID: [FigureKey: Double]] = [:]
        for row in rows {
            values[try row.decode(column: "unit_id", as: UUID.self), default: [:]][FigureKey(try row.decode(column: "indicator", as: String.self), try breakdownKey(row))]
                = try row.decode(column: "value", as: Double.self)
        }
        return values.mapValues(Figures.init)
    }

    // MARK: - Kept sums

    /// Adds (`sign` 1) or removes (`sign` -1) the unit's values of the period to the sums of every ancestor
    /// on the period's day, in one statement.
    static func count(_ unit: Unit, period: Period, sign: Int, in db: any Database) async throws {
        let day = period.first
        try await db.sql.raw("""
            WITH RECURSIVE anc(id, depth) AS (
              SELECT l.parent_id, 1 FROM unit_links l WHERE l.unit_id = \(bind: unit.requireID()) AND \(UnitTree.valid("l", day))
              UNION ALL
              SELECT l.parent_id, anc.depth + 1 FROM unit_links l JOIN anc ON l.unit_id = anc.id
              WHERE \(UnitTree.valid("l", day)) AND anc.depth < 16
            )
            INSERT INTO stat_sums (ancestor_id, period, indicator, breakdown, levels, ownership, value, reports)
            SELECT anc.id, v.period, v.indicator, v.breakdown, \(bind: unit.levels), \(bind: unit.ownership ?? ""),
              v.value * \(literal: sign), \(literal: sign)
            FROM stat_values v CROSS JOIN anc
            WHERE v.unit_id = \(bind: unit.requireID()) AND v.period = \(bind: period.code)
            ON CONFLICT (ancestor_id, period, indicator, breakdown, levels, ownership)
            DO UPDATE SET value = stat_sums.value + excluded.value, reports = stat_sums.reports + excluded.reports
            """).run()
        if sign < 0 {
            try await db.sql.raw("DELETE FROM stat_sums WHERE period = \(bind: period.code) AND reports <= 0").run()
        }
        try await bumpVersion(period, in: db)
    }

    /// The period's counted figures changed (or the tree did): figures kept from its older version
    /// (`stat_comparable`) are no longer read. In the caller's transaction, like the change itself.
    static func bumpVersion(_ period: Period, in db: any Database) async throws {
        try await db.sql.raw("""
            INSERT INTO stat_versions (period, version) VALUES (\(bind: period.code), 1)
            ON CONFLICT (period) DO UPDATE SET version = stat_versions.version + 1
            """).run()
        try await DataVersion.bump(in: db)
    }

    /// The reference: the sums of the period computed on the fly from the counted reports' values. With
    /// `includingOwn`, each unit's own values count in its sum too: the whole total the pages show.
    static func expectedSums(_ period: Period, includingOwn: Bool = false) -> SQLQueryString {
        """
        WITH RECURSIVE anc(unit_id, id, depth) AS (
          SELECT r.unit_id, r.unit_id, 0 FROM stat_reports r
          WHERE r.period = \(bind: period.code) AND r.status IN ('submitted', 'approved')
          UNION ALL
          SELECT anc.unit_id, l.parent_id, anc.depth + 1 FROM unit_links l JOIN anc ON l.unit_id = anc.id
          WHERE \(UnitTree.valid("l", period.first)) AND anc.depth < 16
        )
        SELECT anc.id AS ancestor_id, v.period, v.indicator, v.breakdown, u.levels, COALESCE(u.ownership, '') AS ownership,
          SUM(v.value) AS value, COUNT(*) AS reports
        FROM anc JOIN stat_values v ON v.unit_id = anc.unit_id AND v.period = \(bind: period.code)
        JOIN units u ON u.id = anc.unit_id
        WHERE anc.depth >= \(literal: includingOwn ? 0 : 1)
        GROUP BY anc.id, v.period, v.indicator, v.breakdown, u.levels, u.ownership
        """
    }

    /// Recomputes the kept sums of a period (after a change of the tree, or to repair). `versioned` is
    /// false only for migrations that run before `stat_versions` exists.
    static func rebuild(_ period: Period, versioned: Bool = true, in db: any Database) async throws {
        try await db.sql.raw("DELETE FROM stat_sums WHERE period = \(bind: period.code)").run()
        try await db.sql.raw("""
            INSERT INTO stat_sums (ancestor_id, period, indicator, breakdown, levels, ownership, value, reports)
            SELECT ancestor_id, period, indicator, breakdown, levels, ownership, value, reports FROM (\(expectedSums(period))) expected
            """).run()
        if versioned { try await bumpVersion(period, in: db) }
    }

    /// The periods that have reports.
    static func periods(in db: any Database) async throws -> [Period] {
        try await db.sql.raw("SELECT DISTINCT period FROM stat_reports ORDER BY period").all()
            .compactMap { Period(code: try $0.decode(column: "period", as: String.self)) }
    }

    struct SumKey: Hashable, Sendable, CustomStringConvertible {
        var ancestor: UUID
        var indicator: String
        var breakdown: String
        var levels: String
        var ownership: String
        var description: String { "\(ancestor) \(indicator).\(breakdown) [\(levels)|\(ownership)]" }
    }

    /// Every difference between the kept sums of a period and their on-the-fly reference.
    static func differences(_ period: Period, in db: any Database) async throws -> [(SumKey, kept: Double?, expected: Double?)] {
        func load(_ rows: [any SQLRow]) throws -> [SumKey: Double] {
            Dictionary(try rows.map { row in
                (SumKey(ancestor: try row.decode(column: "ancestor_id", as: UUID.self), indicator: try row.decode(column: "indicator", as: String.self),
                        breakdown: try row.decode(column: "breakdown", as: String.self), levels: try row.decode(column: "levels", as: String.self),
                        ownership: try row.decode(column: "ownership", as: String.self)),
                 try row.decode(column: "value", as: Double.self))
            }, uniquingKeysWith: +)
        }
        let kept = try load(try await db.sql.raw("""
            SELECT ancestor_id, indicator, breakdown, levels, ownership, value FROM stat_sums WHERE period = \(bind: period.code)
            """).all())
        let expected = try load(try await db.sql.raw(expectedSums(period)).all())
        return Set(kept.keys).union(expected.keys).compactMap { key in
            let a = kept[key], b = expected[key]
            return a == b || (a == 0 && b == nil) ? nil : (key, a, b)
        }
    }

    // MARK: - Reading totals

    enum Grouping: String, CaseIterable, Sendable {
        /// The unit itself.
        case none
        /// Each child unit (as on the period's tree).
        case children
        /// By the reporting schools' levels ("TH", "TH,THCS").
        case level
        /// Public or non-public.
        case ownership
    }

    /// Totals read from the kept sums and the units' own counted values, for several periods in one query
    /// (a period and the year before): by period, then by each of `ancestors`, grouped as asked (`""` when
    /// not grouped).
    /// `breakdowns` narrows the cells read ("" is the total): a national read of totals only skips the
    /// tens of breakdown rows each indicator has.
    static func totals(of ancestors: [UUID], periods: [String], indicators: Set<String>?, breakdowns: Set<String>? = nil,
                       groupedBy grouping: Grouping, in db: any Database) async throws -> [String: [UUID: [String: Figures]]] {
        guard !ancestors.isEmpty, !periods.isEmpty else { return [:] }
        // The unit's own levels or ownership are joined only when grouped by them.
        let (kept, own, unitJoin): (SQLQueryString, SQLQueryString, SQLQueryString) = switch grouping {
        case .level: ("s.levels", "u.levels", " JOIN units u ON u.id = v.unit_id")
        case .ownership: ("s.ownership", "COALESCE(u.ownership, '')", " JOIN units u ON u.id = v.unit_id")
        case .none, .children: ("''", "''", "")
        }
        let filter: (String) -> SQLQueryString = { alias in
            var filter: SQLQueryString = indicators.map { codes in codes.isEmpty ? "" : " AND \(ident: alias).indicator IN (\(binds: codes.sorted()))" } ?? ""
            if let breakdowns, !breakdowns.isEmpty { filter.appendInterpolation(" AND \(ident: alias).breakdown IN (\(binds: breakdowns.sorted()))" as SQLQueryString) }
            return filter
        }
        let rows = try await db.sql.raw("""
            SELECT period, ancestor_id, grp, indicator, breakdown, SUM(value) AS value FROM (
              SELECT s.period, s.ancestor_id, \(kept) AS grp, s.indicator, s.breakdown, s.value FROM stat_sums s
              WHERE s.ancestor_id IN (\(binds: ancestors)) AND s.period IN (\(binds: periods))\(filter("s"))
              UNION ALL
              SELECT v.period, v.unit_id, \(own), v.indicator, v.breakdown, v.value
              FROM stat_values v JOIN stat_reports r ON r.unit_id = v.unit_id AND r.period = v.period\(unitJoin)
              WHERE v.unit_id IN (\(binds: ancestors)) AND v.period IN (\(binds: periods)) AND r.status IN ('submitted', 'approved')\(filter("v"))
            ) t
            GROUP BY period, ancestor_id, grp, indicator, breakdown
            """).all()
        var result: [String: [UUID: [String: [FigureKey: Double]]]] = [:]
        for row in rows {
            let period = try row.decode(column: "period", as: String.self)
            let id = try row.decode(column: "ancestor_id", as: UUID.self), group = try row.decode(column: "grp", as: String.self)
            let key = FigureKey(try row.decode(column: "indicator", as: String.self), try breakdownKey(row))
            result[period, default: [:]][id, default: [:]][group, default: [:]][key] = try row.decode(column: "value", as: Double.self)
        }
        return result.mapValues { $0.mapValues { $0.mapValues { Figures($0) } } }
    }

    /// Last year's figures of the units that make the subtree today ("so với cùng kỳ" on today's tree):
    /// summed on the fly over today's subtree, because last year's kept sums follow last year's tree.
    static func comparableTotals(under unitID: UUID, today: Day, period: String, indicators: Set<String>?,
                                 in db: any Database) async throws -> Figures {
        try await comparableTotals(under: [unitID], today: today, periods: [period], indicators: indicators, in: db)[period]?[unitID] ?? Figures()
    }

    /// The same for several units and periods in one statement: each unit's subtree of today walked once,
    /// by period, then by unit.
    static func comparableTotals(under unitIDs: [UUID], today: Day, periods: [String], indicators: Set<String>?,
                                 in db: any Database) async throws -> [String: [UUID: Figures]] {
        guard !unitIDs.isEmpty, !periods.isEmpty else { return [:] }
        let filter: SQLQueryString = indicators.map { codes in codes.isEmpty ? "" : " AND v.indicator IN (\(binds: codes.sorted()))" } ?? ""
        let rows = try await db.sql.raw("""
            WITH RECURSIVE sub(root, id, depth) AS (
              SELECT u.id, u.id, 0 FROM units u WHERE u.id IN (\(binds: unitIDs))
              UNION ALL
              SELECT sub.root, l.unit_id, sub.depth + 1 FROM unit_links l JOIN sub ON l.parent_id = sub.id
              WHERE \(UnitTree.valid("l", today)) AND sub.depth < 16
            )
            SELECT sub.root, v.period, v.indicator, v.breakdown, SUM(v.value) AS value
            FROM sub JOIN stat_values v ON v.unit_id = sub.id JOIN stat_reports r ON r.unit_id = v.unit_id AND r.period = v.period
            WHERE v.period IN (\(binds: periods)) AND r.status IN ('submitted', 'approved')\(filter)
            GROUP BY sub.root, v.period, v.indicator, v.breakdown
            """).all()
        var result: [String: [UUID: [FigureKey: Double]]] = [:]
        for row in rows {
            let key = FigureKey(try row.decode(column: "indicator", as: String.self), try breakdownKey(row))
            result[try row.decode(column: "period", as: String.self), default: [:]][try row.decode(column: "root", as: UUID.self), default: [:]][key, default: 0]
                += try row.decode(column: "value", as: Double.self)
        }
        return result.mapValues { $0.mapValues(Figures.init) }
    }

    static func breakdownKey(_ row: any SQLRow) throws -> String? {
        let text = try row.decode(column: "breakdown", as: String.self)
        return text.isEmpty ? nil : text
    }
}

extension StatisticsStore {
    /// A school or centre expected to report, with where its report stands.
    struct Reporter: Codable, Sendable {
        var code: String
        var name: String
        var status: String?
        var submittedAt: Date?
    }

    /// The late schools and centres of the subtree on the period's day (not counted once the due day has
    /// passed, or counted but submitted after it), in Vietnamese order, at most `limit`: the page names them.
    static func lateReporters(under unitID: UUID, period: Period, due: Day, today: Day, limit: Int,
                              in db: any Database) async throws -> [Reporter] {
        let day = period.first, counted: SQLQueryString = "r.status IN ('submitted', 'approved')"
        let notCounted: SQLQueryString = today > due ? "r.id IS NULL OR NOT (\(counted))" : "1 = 0"
        return try await db.sql.raw("""
            WITH RECURSIVE \(UnitTree.subtree(unitID, day))
            SELECT u.code, COALESCE(un.name, u.name) AS name, r.status, r.submitted_at
            FROM sub JOIN units u ON u.id = sub.id \(UnitTree.namesJoin("u", day))
            LEFT JOIN stat_reports r ON r.unit_id = u.id AND r.period = \(bind: period.code)
            WHERE sub.depth > 0 AND u.kind IN ('school', 'centre') AND \(UnitTree.valid("u", day))
              AND (\(notCounted) OR (\(counted) AND r.submitted_at >= \(bind: dueEnd(due))))
            ORDER BY COALESCE(un.sort_key, u.sort_key), u.code
            LIMIT \(literal: limit)
            """).all(decoding: Reporter.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}

extension StatisticsStore {
    /// The reporting window of a period: the one set for it, or the form's default.
    static func window(for period: Period, form: ReportForm?, in db: any Database) async throws -> ReportingWindow? {
        let row = try await db.sql.raw("SELECT opens, closes, due FROM stat_windows WHERE period = \(bind: period.code)").first()
        return try row.flatMap { try windowRow($0, period: period, form: form) } ?? form?.defaultWindow(period.schoolYear)
    }

    /// The window set for a period, from a row's `opens`, `closes` and `due` (nil where none is set).
    static func windowRow(_ row: any SQLRow, period: Period, form: ReportForm?) throws -> ReportingWindow? {
        guard let opens = Day(iso: try row.decode(column: "opens", as: String?.self) ?? ""),
              let closes = Day(iso: try row.decode(column: "closes", as: String?.self) ?? ""),
              let due = Day(iso: try row.decode(column: "due", as: String?.self) ?? "") else { return nil }
        return ReportingWindow(form: form?.code ?? "", year: period.schoolYear, opens: opens, closes: closes, due: due)
    }

    static func setWindow(_ window: ReportingWindow, for period: Period, in db: any Database) async throws {
        try await DataVersion.bump(in: db)
        try await dropProgress(period, in: db)
        try await db.sql.raw("DELETE FROM stat_windows WHERE period = \(bind: period.code)").run()
        try await db.sql.raw("""
            INSERT INTO stat_windows (period, opens, closes, due)
            VALUES (\(bind: period.code), \(bind: window.opens.iso), \(bind: window.closes.iso), \(bind: window.due.iso))
            """).run()
    }

    /// After a change of the tree: every period's sums follow the tree of its day again, and the kept
    /// completeness is dropped, to be built again on first use.
    static func rebuildAll(in db: any Database) async throws {
        for period in try await periods(in: db) { try await rebuild(period, in: db) }
        try await dropProgress(nil, in: db)
    }
}
