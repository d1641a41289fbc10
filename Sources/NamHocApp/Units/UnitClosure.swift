import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// Today's tree kept flat (see `CreateUnitClosure`): the subtree of any unit, the institutions below it
/// counted, and the search index, without a recursive walk per request. Built once per day and version
/// of the tree by the first request that needs it (≈ 1–2 s for the nation), then read by every process.
/// Another day than today walks the tree as before: keeping rows for any day asked for would let anyone
/// fill the database through `?date=`.
enum UnitClosure {
    /// The version of today's kept rows, built first if missing; nil when `day` is not `today`.
    static func version(for day: Day, today: Day, in db: any Database) async throws -> Int? {
        guard day == today else { return nil }
        let row = try await db.sql.raw("""
            SELECT v.version, b.day AS built FROM unit_tree_version v
            LEFT JOIN unit_closure_builds b ON b.version = v.version AND b.day = \(bind: day.iso)
            WHERE v.id = 1
            """).first()
        guard let row else { return nil }
        let version = try row.decode(column: "version", as: Int.self)
        if try row.decodeNil(column: "built") { try await build(day, version: version, in: db) }
        return version
    }

    /// The tree changed (units added, moved, renamed, closed): today's kept rows are no longer read. In
    /// the caller's transaction, like the change.
    static func bump(in db: any Database) async throws {
        try await db.sql.raw("UPDATE unit_tree_version SET version = version + 1 WHERE id = 1").run()
    }

    /// `c` joined on `unit_id` holds the units of the subtree of `rootID` (the root at depth 0).
    static func subtree(_ alias: String, of rootID: UUID, day: Day, version: Int) -> SQLQueryString {
        "\(ident: alias).day = \(bind: day.iso) AND \(ident: alias).version = \(bind: version) AND \(ident: alias).ancestor_id = \(bind: rootID)"
    }

    private static func build(_ day: Day, version: Int, in db: any Database) async throws {
        try await db.transaction { tx in
            // Of two processes, the second waits here for the first to commit, then finds the rows built.
            let claimed = try await tx.sql.raw("""
                INSERT INTO unit_closure_builds (day, version) VALUES (\(bind: day.iso), \(bind: version))
                ON CONFLICT DO NOTHING RETURNING day
                """).all()
            guard !claimed.isEmpty else { return }
            for table in ["unit_closure", "unit_counts", "unit_closure_builds"] {
                try await tx.sql.raw("""
                    DELETE FROM \(unsafeRaw: table) WHERE NOT (day = \(bind: day.iso) AND version = \(bind: version))
                    """).run()
            }
            try await tx.sql.raw("""
                WITH RECURSIVE up(unit_id, ancestor_id, depth) AS (
                  SELECT u.id, u.id, 0 FROM units u WHERE \(UnitTree.valid("u", day))
                  UNION ALL
                  SELECT up.unit_id, l.parent_id, up.depth + 1 FROM up JOIN unit_links l ON l.unit_id = up.ancestor_id
                  WHERE \(UnitTree.valid("l", day)) AND up.depth < 16
                )
                INSERT INTO unit_closure (day, version, ancestor_id, unit_id, depth)
                SELECT \(bind: day.iso), \(bind: version), ancestor_id, unit_id, MIN(depth) FROM up GROUP BY ancestor_id, unit_id
                """).run()
            try await tx.sql.raw("""
                INSERT INTO unit_counts (day, version, ancestor_id, kind, levels, ownership, count)
                SELECT c.day, c.version, c.ancestor_id, u.kind, u.levels, COALESCE(u.ownership, ''), COUNT(*)
                FROM unit_closure c JOIN units u ON u.id = c.unit_id
                WHERE c.day = \(bind: day.iso) AND c.version = \(bind: version) AND c.depth > 0 AND u.kind IN ('school', 'centre')
                GROUP BY c.day, c.version, c.ancestor_id, u.kind, u.levels, COALESCE(u.ownership, '')
                """).run()
            if !tx.isPostgres {
                try await tx.sql.raw("DELETE FROM units_search").run()
                try await tx.sql.raw("INSERT INTO units_search (words, unit_id) SELECT search_key || ' ' || lower(code), id FROM units").run()
            }
        }
    }
}
