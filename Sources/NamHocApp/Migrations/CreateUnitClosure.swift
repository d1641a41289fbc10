import Fluent
import SQLKit

/// Today's tree kept flat (`UnitClosure`): every unit with every ancestor, and the institutions below
/// each unit counted, so pages scope, count and search a national subtree without walking 57.000 units
/// per request. Rows belong to a day and a version of the tree (`unit_tree_version`, moved by every
/// change of the tree in its transaction); a row of another day or version is never read. Search is
/// served by each engine's own index on the folded name and code: an FTS5 trigram table on SQLite, a
/// pg_trgm GIN index on PostgreSQL (both answer `LIKE '%…%'`). The FTS table is filled with the closure
/// (names change only with the tree, which moves the version), and holds the unit's id, not its rowid:
/// VACUUM may renumber the rowids of a table without an INTEGER PRIMARY KEY.
struct CreateUnitClosure: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql, uuid = database.uuidType
        try await sql.raw("CREATE TABLE unit_tree_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)").run()
        try await sql.raw("INSERT INTO unit_tree_version (id, version) VALUES (1, 1)").run()
        try await sql.raw("CREATE TABLE unit_closure_builds (day TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (day, version))").run()
        try await sql.raw("""
            CREATE TABLE unit_closure (
              day TEXT NOT NULL, version INTEGER NOT NULL, ancestor_id \(unsafeRaw: uuid) NOT NULL, unit_id \(unsafeRaw: uuid) NOT NULL,
              depth INTEGER NOT NULL, PRIMARY KEY (day, version, ancestor_id, unit_id)
            )\(unsafeRaw: database.withoutRowID)
            """).run()
        try await sql.createIndex("unit_closure_unit", on: "unit_closure", ["day", "version", "unit_id"])
        try await sql.raw("""
            CREATE TABLE unit_counts (
              day TEXT NOT NULL, version INTEGER NOT NULL, ancestor_id \(unsafeRaw: uuid) NOT NULL,
              kind TEXT NOT NULL, levels TEXT NOT NULL, ownership TEXT NOT NULL, count INTEGER NOT NULL,
              PRIMARY KEY (day, version, ancestor_id, kind, levels, ownership)
            )\(unsafeRaw: database.withoutRowID)
            """).run()
        if database.isPostgres {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw("CREATE INDEX units_search_trgm ON units USING gin ((search_key || ' ' || lower(code)) gin_trgm_ops)").run()
        } else {
            try await sql.raw("CREATE VIRTUAL TABLE units_search USING fts5(words, unit_id UNINDEXED, tokenize = 'trigram')").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        if database.isPostgres {
            try await sql.raw("DROP INDEX units_search_trgm").run()
        } else {
            try await sql.raw("DROP TABLE units_search").run()
        }
        for table in ["unit_counts", "unit_closure", "unit_closure_builds", "unit_tree_version"] {
            try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
    }
}
