import Fluent
import Foundation
import SQLKit

/// Who wrote: a signed-in user, or the command line.
struct AuditActor: Sendable {
    var id: UUID?
    var name: String

    static let commandLine = AuditActor(id: nil, name: "namhoc (dòng lệnh)")
    init(id: UUID?, name: String) {
        self.id = id
        self.name = name
    }
    init(_ user: User) {
        self.init(id: user.id, name: user.username)
    }
}

/// Nhật ký thao tác: every write goes through here, in the same transaction as the write itself. So
/// does the data version (`data_version`): what a process keeps in memory is served only while the
/// version it was made at is the database's.
enum AuditLog {
    struct Entry: Sendable {
        var action: String
        var entity: String
        var record: String
        var unitID: UUID?
        var before: String?
        var after: String?

        static func entry(_ action: AuditAction, _ entity: AuditEntity, record: String, unitID: UUID?,
                          before: (any Encodable)?, after: (any Encodable)?) -> Entry {
            Entry(action: action.rawValue, entity: entity.rawValue, record: record, unitID: unitID, before: before.flatMap(AuditLog.json),
                  after: after.flatMap(AuditLog.json))
        }
    }

    static func record(_ entries: [Entry], by actor: AuditActor, on db: any Database) async throws {
        let now = Date()
        let rows: [[any Encodable & Sendable]] = entries.map { e in
            [UUID(), now, actor.id, actor.name, e.unitID, e.action, e.entity, e.record, e.before, e.after]
        }
        try await db.sql.insertRows(into: AuditEntry.schema,
                                    columns: ["id", "at", "actor_id", "actor_name", "unit_id", "action", "entity", "record", "before", "after"],
                                    rows: rows)
        // Moved in the writer's transaction: a reader that sees the new version sees the write.
        try await DataVersion.bump(in: db)
    }

    static func record(_ entry: Entry, by actor: AuditActor, on db: any Database) async throws {
        try await record([entry], by: actor, on: db)
    }

    fileprivate static func json(_ value: any Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) }
    }
}

extension SQLDatabase {
    /// Multi-row INSERTs in chunks: one statement per few hundred rows instead of one per row, which
    /// is what makes a national import take seconds. Chunks stay under SQLite's bound-parameter limit.
    func insertRows(into table: String, columns: [String], rows: [[any Encodable & Sendable]]) async throws {
        guard !rows.isEmpty else { return }
        let perChunk = max(1, 30_000 / max(1, columns.count))
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + perChunk)
            var builder = insert(into: table).columns(columns)
            for row in rows[start..<end] {
                builder = builder.values(row.map { SQLBind($0) })
            }
            try await builder.run()
            start = end
        }
    }
}
