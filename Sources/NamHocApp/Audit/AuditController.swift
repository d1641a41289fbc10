import Fluent
import NamHocDomain
import NamHocOffice
import NamHocText
import SQLKit
import Vapor

/// Nhật ký thao tác: the latest writes within the admin's subtree, newest first.
enum AuditController {
    struct Model: Encodable {
        var table: HTMLTable
        var page: Int
        var nextURL: String?
        var previousURL: String?
        var exportURL: String
    }

    static let pageSize = 50
    /// The newest entries an Excel file holds (the whole log of a unit for years of normal use).
    static let fileLimit = 100_000

    struct Row: Decodable {
        var at: Date
        var actorName: String
        var action: String
        var entity: String
        var record: String
        var before: String?
        var after: String?
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let root = try req.scopedUnit
        let table = columns(display: try await UnitDisplay.load(on: req.db))
        if req.wantsSpreadsheet {
            let rows = try await entries(under: root.requireID(), today: req.today, limit: fileLimit, offset: 0, in: req.db)
            return try Download.xlsx([table.sheet(rows, name: "Nhật ký", title: "Nhật ký thao tác – \(root.name), xuất ngày \(req.today.vietnamese)")])
                .response(named: "nhatky-\(root.code)-\(req.today.iso)")
        }
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let entries = try await entries(under: root.requireID(), today: req.today, limit: pageSize + 1, offset: (page - 1) * pageSize, in: req.db)
        let model = Model(
            table: table.html(Array(entries.prefix(pageSize))),
            page: page,
            nextURL: entries.count > pageSize ? SiteURL.audit.url(.page(page + 1)) : nil,
            previousURL: page > 1 ? SiteURL.audit.url(.page(page - 1)) : nil,
            exportURL: req.spreadsheetURL)
        return try await req.render("audit", title: "Nhật ký thao tác", model)
    }

    /// The log's columns, for the page and its Excel file alike: the changes field by field, in Vietnamese.
    static func columns(display: UnitDisplay) -> TableSpec<Row> {
        TableSpec(columns: [
            .init(title: "Thời điểm", width: 18) { .date($0.at) },
            .init(title: "Người thực hiện", width: 24) { .text($0.actorName) },
            .init(title: "Thao tác", width: 22) { .text(AuditAction.nameVI($0.action)) },
            .init(title: "Bản ghi", width: 24) { .text("\(AuditEntity.nameVI($0.entity)) \($0.record)") },
            .init(title: "Thay đổi", width: 60) { row in
                .text(AuditChange.between(row.before, row.after, display: display).map(\.line).joined(separator: "\n"))
            },
        ])
    }

    /// Entries about units of the subtree (as it stands today); the top admin sees every entry, the
    /// command line's and closed units' included.
    static func entries(under rootID: UUID, today day: Day, limit: Int, offset: Int, in db: any Database) async throws -> [Row] {
        let isRoot = try await UnitTree.ancestry(of: rootID, on: day, in: db).count == 1
        if isRoot {
            // The top of the tree: every entry, closed units' and the command line's included.
            return try await db.sql.raw("""
                SELECT a.at, a.actor_name, a.action, a.entity, a.record, a.before, a.after FROM audit_log a
                ORDER BY a.at DESC, a.entity, a.record, a.action, a.id
                LIMIT \(literal: limit) OFFSET \(literal: offset)
                """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        // Below the top: newest first along the `at` index, each entry's unit looked up in today's kept subtree.
        guard let version = try await UnitClosure.version(for: day, today: day, in: db) else { return [] }
        return try await db.sql.raw("""
            SELECT a.at, a.actor_name, a.action, a.entity, a.record, a.before, a.after FROM audit_log a
            WHERE EXISTS (SELECT 1 FROM unit_closure c WHERE c.unit_id = a.unit_id AND \(UnitClosure.subtree("c", of: rootID, day: day, version: version)))
            ORDER BY a.at DESC, a.entity, a.record, a.action, a.id
            LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
