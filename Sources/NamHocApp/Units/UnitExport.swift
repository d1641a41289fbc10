import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// The unit list as it stood on a day, one row per unit valid then with its parent of that day:
/// the file `UnitImport` reads back.
enum UnitExport {
    static let columns = UnitColumn.allCases

    /// Units of the subtree of `rootID` (or of the whole tree) valid on `day`, parents before children.
    static func rows(under rootID: UUID?, on day: Day, in db: any Database) async throws -> [[String]] {
        let start: SQLQueryString = rootID.map { "SELECT u.id, 0 FROM units u WHERE u.id = \(bind: $0)" }
            ?? """
            SELECT u.id, 0 FROM units u WHERE \(UnitTree.valid("u", day)) AND NOT EXISTS (
              SELECT 1 FROM unit_links r WHERE r.unit_id = u.id AND \(UnitTree.valid("r", day)))
            """
        let rows = try await db.sql.raw("""
            WITH RECURSIVE \(UnitTree.subtree(from: start, day))
            SELECT u.code, COALESCE(un.name, u.name) AS name, u.kind, u.levels, u.ownership, u.valid_from, u.valid_to,
              p.code AS parent_code, pl.valid_from AS parent_from
            FROM sub JOIN units u ON u.id = sub.id \(UnitTree.namesJoin("u", day))
            LEFT JOIN unit_links pl ON pl.unit_id = u.id AND \(UnitTree.valid("pl", day))
            LEFT JOIN units p ON p.id = pl.parent_id
            WHERE \(UnitTree.valid("u", day))
            ORDER BY sub.depth, COALESCE(un.sort_key, u.sort_key), u.code
            """).all()
        return try rows.map { row in
            func text(_ column: String) throws -> String { try row.decode(column: column, as: String?.self) ?? "" }
            return [try text("code"), try text("name"), try text("kind"), try text("parent_code"), try text("levels"),
                    try text("ownership"), try text("valid_from"), try text("valid_to"), try text("parent_from")]
        }
    }
}
