import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// The unit tree as it stood on one day. Every tree query takes the day: a unit's parent can change
/// (the 2025 reform) and past figures stay with the tree of their time. Recursive CTEs run the same on
/// SQLite and PostgreSQL; depth is capped so a bad link cycle cannot loop.
enum UnitTree {
    /// A unit as lists and the API show it.
    struct Row: Codable, Sendable, Equatable {
        var id: UUID
        var code: String
        var name: String
        var kind: String
        var levels: String
        var ownership: String?
        var validFrom: String?
        var validTo: String?
        var parentName: String?
        var childCount: Int?
    }

    /// Read column by column: SQLKit's `Codable` row decoder with snake-case keys cost ≈ 30 µs a row,
    /// most of a 34-province list's time (1,6 ms against 0,45 ms).
    private static func row(_ row: any SQLRow) throws -> Row {
        func optional<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T? {
            // Not `T?`: SQLiteNIO decodes plain strings and integers directly, optionals through `Decoder`.
            try row.contains(column: column) && !row.decodeNil(column: column) ? row.decode(column: column, as: T.self) : nil
        }
        return Row(id: try row.decode(column: "id", as: UUID.self), code: try row.decode(column: "code", as: String.self),
                   name: try row.decode(column: "name", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                   levels: try row.decode(column: "levels", as: String.self), ownership: try optional("ownership"),
                   validFrom: try optional("valid_from"), validTo: try optional("valid_to"),
                   parentName: try optional("parent_name"), childCount: try optional("child_count"))
    }

    /// `[unit, parent, grandparent, …]` on `day`; empty when the unit does not exist.
    static func ancestry(of unitID: UUID, on day: Day, in db: any Database) async throws -> [UUID] {
        let rows = try await db.sql.raw("""
            WITH RECURSIVE anc(id, depth) AS (
              SELECT u.id, 0 FROM units u WHERE u.id = \(bind: unitID)
              UNION ALL
              SELECT l.parent_id, anc.depth + 1 FROM unit_links l JOIN anc ON l.unit_id = anc.id
              WHERE \(valid("l", day)) AND anc.depth < 16
            )
            SELECT id FROM anc ORDER BY depth
            """).all()
        return try rows.map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// The units on the path from the root to `unitID` (root first), named as on `day`, for breadcrumbs.
    static func path(to unitID: UUID, on day: Day, in db: any Database) async throws -> [Unit] {
        let ids = try await ancestry(of: unitID, on: day, in: db)
        let units = try await Unit.query(on: db).filter(\.$id ~~ ids).all()
        let former = try await formerNames(of: ids, on: day, in: db)
        for unit in units { if let id = unit.id, let name = former[id] { unit.name = name } }
        let byID = Dictionary(uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0, u) } })
        return ids.reversed().compactMap { byID[$0] }
    }

    /// The names the units had on `day` where that was not today's name (`unit_names`).
    static func formerNames(of ids: [UUID], on day: Day, in db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.sql.raw("""
            SELECT n.unit_id, n.name FROM unit_names n
            WHERE n.unit_id IN (\(binds: ids)) AND \(valid("n", day))
            """).all()
        return Dictionary(try rows.map { (try $0.decode(column: "unit_id", as: UUID.self), try $0.decode(column: "name", as: String.self)) },
                          uniquingKeysWith: { first, _ in first })
    }

    /// The name of a unit on `day`.
    static func name(of unit: Unit, on day: Day, in db: any Database) async throws -> String {
        try await formerNames(of: [unit.requireID()], on: day, in: db)[unit.requireID()] ?? unit.name
    }

    /// The parent of a unit on `day`.
    static func parent(of unitID: UUID, on day: Day, in db: any Database) async throws -> Unit? {
        let ids = try await ancestry(of: unitID, on: day, in: db)
        guard ids.count > 1 else { return nil }
        return try await Unit.find(ids[1], on: db)
    }

    /// The children of a unit valid on `day`, in Vietnamese order, each with its own child count unless
    /// `counting` is false (a national list counts thousands of links for it).
    static func children(of parentID: UUID, on day: Day, counting: Bool = true, in db: any Database) async throws -> [Row] {
        let childCount: SQLQueryString = counting ? "(SELECT COUNT(*) FROM unit_links c WHERE c.parent_id = u.id AND \(valid("c", day)))" : "NULL"
        return try await db.sql.raw("""
            SELECT u.id, u.code, COALESCE(un.name, u.name) AS name, u.kind, u.levels, u.ownership, u.valid_from, u.valid_to,
              \(childCount) AS child_count
            FROM unit_links l JOIN units u ON u.id = l.unit_id \(namesJoin("u", day))
            WHERE l.parent_id = \(bind: parentID) AND \(valid("l", day)) AND \(valid("u", day))
            ORDER BY \(kindOrder("u")), COALESCE(un.sort_key, u.sort_key), u.code
            """).all().map(row)
    }

    /// Units of the subtree of `rootID` on `day` whose name or code matches every word of `query`,
    /// ignoring case and diacritics ("da nang" finds "Đà Nẵng").
    /// Today's: the candidates come from the engine's trigram index, scoped by the kept closure (no walk).
    static func search(_ query: String, under rootID: UUID, on day: Day, today: Day, limit: Int, in db: any Database) async throws -> [Row] {
        let words = TextKeys.search(query)
            .replacingOccurrences(of: "%", with: " ").replacingOccurrences(of: "_", with: " ")
            .split(separator: " ").map(String.init)
        if let version = try await UnitClosure.version(for: day, today: today, in: db) {
            var matches = SQLQueryString("1 = 1")
            for word in words {
                // A trigram index finds words of three letters and more; shorter ones only filter what those found.
                matches.appendInterpolation(db.isPostgres || word.count < 3
                    ? SQLQueryString(" AND (u.search_key || ' ' || lower(u.code)) LIKE \(bind: "%\(word)%")")
                    : SQLQueryString(" AND u.id IN (SELECT s.unit_id FROM units_search s WHERE s.words LIKE \(bind: "%\(word)%"))"))
            }
            return try await db.sql.raw("""
                SELECT u.id, u.code, u.name, u.kind, u.levels, u.ownership, u.valid_from, u.valid_to,
                  (SELECT p.name FROM unit_links pl JOIN units p ON p.id = pl.parent_id
                   WHERE pl.unit_id = u.id AND \(valid("pl", day)) LIMIT 1) AS parent_name
                FROM units u JOIN unit_closure c ON c.unit_id = u.id AND \(UnitClosure.subtree("c", of: rootID, day: day, version: version))
                WHERE \(valid("u", day)) AND \(matches)
                ORDER BY c.depth, u.sort_key, u.code
                LIMIT \(literal: limit)
                """).all().map(row)
        }
        var conditions = SQLQueryString("1 = 1")
        for word in words {
            conditions.appendInterpolation(SQLQueryString(" AND (COALESCE(un.search_key, u.search_key) LIKE \(bind: "%\(word)%") OR LOWER(u.code) LIKE \(bind: "%\(word)%"))"))
        }
        return try await db.sql.raw("""
            WITH RECURSIVE \(subtree(rootID, day))
            SELECT u.id, u.code, COALESCE(un.name, u.name) AS name, u.kind, u.levels, u.ownership, u.valid_from, u.valid_to,
              (SELECT COALESCE(pn.name, p.name) FROM unit_links pl JOIN units p ON p.id = pl.parent_id \(namesJoin("p", day, as: "pn"))
               WHERE pl.unit_id = u.id AND \(valid("pl", day)) LIMIT 1) AS parent_name
            FROM sub JOIN units u ON u.id = sub.id \(namesJoin("u", day))
            WHERE \(valid("u", day)) AND \(conditions)
            ORDER BY sub.depth, COALESCE(un.sort_key, u.sort_key), u.code
            LIMIT \(literal: limit)
            """).all().map(row)
    }

    /// How many institutions of each kind, level set and ownership lie in the subtree (the root excluded).
    struct InstitutionGroup: Codable, Sendable, Equatable {
        var kind: String
        var levels: String
        var ownership: String?
        var count: Int
    }

    /// Today's are kept (`unit_counts`); another day's are counted over the walked subtree.
    static func institutionCounts(under rootID: UUID, on day: Day, today: Day, in db: any Database) async throws -> [InstitutionGroup] {
        if let version = try await UnitClosure.version(for: day, today: today, in: db) {
            return try await db.sql.raw("""
                SELECT kind, levels, NULLIF(ownership, '') AS ownership, count FROM unit_counts
                WHERE day = \(bind: day.iso) AND version = \(bind: version) AND ancestor_id = \(bind: rootID)
                """).all(decoding: InstitutionGroup.self)
        }
        return try await db.sql.raw("""
            WITH RECURSIVE \(subtree(rootID, day))
            SELECT u.kind, u.levels, u.ownership, COUNT(*) AS count
            FROM sub JOIN units u ON u.id = sub.id
            WHERE sub.depth > 0 AND \(valid("u", day)) AND u.kind IN ('school', 'centre')
            GROUP BY u.kind, u.levels, u.ownership
            """).all(decoding: InstitutionGroup.self)
    }

    /// For every unit of `rootID`'s subtree on `day`: its path up to `rootID` (`[unit, parent, …, root]`).
    static func ancestries(under rootID: UUID, on day: Day, in db: any Database) async throws -> [UUID: [UUID]] {
        let rows = try await db.sql.raw("""
            WITH RECURSIVE sub(id, parent, depth) AS (
              SELECT u.id, u.id, 0 FROM units u WHERE u.id = \(bind: rootID)
              UNION ALL
              SELECT l.unit_id, l.parent_id, sub.depth + 1 FROM unit_links l JOIN sub ON l.parent_id = sub.id
              WHERE \(valid("l", day)) AND sub.depth < 16
            )
            SELECT sub.id, sub.parent FROM sub JOIN units u ON u.id = sub.id WHERE \(valid("u", day))
            """).all()
        var parent: [UUID: UUID] = [:]
        for row in rows { parent[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "parent", as: UUID.self) }
        var paths: [UUID: [UUID]] = [rootID: [rootID]]
        // Depth-capped like the query, so a cycle of bad links cannot recurse for ever.
        func path(_ id: UUID, _ depth: Int) -> [UUID] {
            if let known = paths[id] { return known }
            guard let up = parent[id], up != id, depth < 17 else { return [id] }
            let result = [id] + path(up, depth + 1)
            paths[id] = result
            return result
        }
        for id in parent.keys { _ = path(id, 0) }
        return paths
    }

    // MARK: - SQL fragments

    /// `LEFT JOIN unit_names <names>`: the earlier name of unit `alias` valid on `day`, if it had one then.
    static func namesJoin(_ alias: String, _ day: Day, as names: String = "un") -> SQLQueryString {
        "LEFT JOIN unit_names \(ident: names) ON \(ident: names).unit_id = \(ident: alias).id AND \(valid(names, day))"
    }

    /// Administrative units before institutions in a list of children, so a department's communes are
    /// not mixed with its upper-secondary schools.
    static func kindOrder(_ alias: String) -> SQLQueryString {
        "CASE WHEN \(ident: alias).kind IN ('school', 'centre') THEN 1 ELSE 0 END"
    }

    /// `sub(id, depth)`: the subtree of `rootID` on `day`, the root at depth 0.
    static func subtree(_ rootID: UUID, _ day: Day) -> SQLQueryString {
        subtree(from: "SELECT u.id, 0 FROM units u WHERE u.id = \(bind: rootID)", day)
    }

    /// `sub(id, depth)`: the subtrees of the units `start` selects (as `id, 0`) on `day`.
    static func subtree(from start: SQLQueryString, _ day: Day) -> SQLQueryString {
        """
        sub(id, depth) AS (
          \(start)
          UNION ALL
          SELECT l.unit_id, sub.depth + 1 FROM unit_links l JOIN sub ON l.parent_id = sub.id
          WHERE \(valid("l", day)) AND sub.depth < 16
        )
        """
    }

    /// The row `alias` (a unit or a link) is valid on `day`. Days are "yyyy-MM-dd" text, so string
    /// comparison is date comparison on both engines.
    static func valid(_ alias: String, _ day: Day) -> SQLQueryString {
        "(\(ident: alias).valid_from IS NULL OR \(ident: alias).valid_from <= \(bind: day.iso)) AND (\(ident: alias).valid_to IS NULL OR \(ident: alias).valid_to >= \(bind: day.iso))"
    }
}
