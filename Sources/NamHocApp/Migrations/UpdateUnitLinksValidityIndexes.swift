import Fluent
import SQLKit

/// The links' indexes carry their validity and the other end: walking the tree on a day (children and
/// their counts, ancestries, subtrees) reads the index alone instead of every link row, many of which
/// are of other days (national demo: 107.303 links, 57.266 of them valid on 30/09/2025).
struct UpdateUnitLinksValidityIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.createIndex("unit_links_parent_valid", on: UnitLink.schema, ["parent_id", "valid_from", "valid_to", "unit_id"])
        try await database.sql.createIndex("unit_links_unit_valid", on: UnitLink.schema, ["unit_id", "valid_from", "valid_to", "parent_id"])
        try await database.sql.raw("DROP INDEX unit_links_parent").run()
        try await database.sql.raw("DROP INDEX unit_links_unit").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.createIndex("unit_links_unit", on: UnitLink.schema, ["unit_id"])
        try await database.sql.createIndex("unit_links_parent", on: UnitLink.schema, ["parent_id"])
        try await database.sql.raw("DROP INDEX unit_links_parent_valid").run()
        try await database.sql.raw("DROP INDEX unit_links_unit_valid").run()
    }
}
