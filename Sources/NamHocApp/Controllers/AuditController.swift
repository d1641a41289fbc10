import Fluent
import NamHocDomain
import NamHocOffice
import NamHocText
import SQLKit
import Vapor

/// Nhật ký thao tác: the latest writes within the admin's subtree, newest first.
enum AuditController {
    struct Model: Encodable {
        var entries: [Line]
        var page: Int
        var nextURL: String?
        var previousURL: String?
        var exportURL: String
    }

    struct Line: Encodable {
        var at: String
        var actor: String
        var action: String
        var entity: String
        var record: String
        var before: String?
        var after: String?
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
        if req.wantsSpreadsheet {
            let rows = try await entries(under: root.requireID(), today: req.today, limit: fileLimit, offset: 0, in: req.db)
            return try Download.xlsx([sheet(rows, title: "Nhật ký thao tác – \(root.name), xuất ngày \(req.today.vietnamese)")])
                .response(named: "nhatky-\(root.code)-\(req.today.iso)")
        }
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let entries = try await entries(under: root.requireID(), today: req.today, limit: pageSize + 1, offset: (page - 1) * pageSize, in: req.db)
        let model = Model(
            entries: entries.prefix(pageSize).map {
                Line(at: VietnameseFormat.dateTime($0.at), actor: $0.actorName, action: actionName($0.action), entity: $0.entity,
                     record: $0.record, before: $0.before, after: $0.after)
            },
            page: page,
            nextURL: entries.count > pageSize ? SiteURL.audit.path + "?page=\(page + 1)" : nil,
            previousURL: page > 1 ? SiteURL.audit.path + "?page=\(page - 1)" : nil,
            exportURL: req.spreadsheetURL)
        return try await req.render("audit", title: "Nhật ký thao tác", model)
    }

    /// Entries about units of the subtree (as it stands today), plus command-line entries for the top admin.
    static func entries(under rootID: UUID, today day: Day, limit: Int, offset: Int, in db: any Database) async throws -> [Row] {
        let isRoot = try await UnitTree.ancestry(of: rootID, on: day, in: db).count == 1
        return try await db.sql.raw("""
            WITH RECURSIVE \(UnitTree.subtree(rootID, day))
            SELECT a.at, a.actor_name, a.action, a.entity, a.record, a.before, a.after FROM audit_log a
            WHERE a.unit_id IN (SELECT id FROM sub)\(unsafeRaw: isRoot ? " OR a.unit_id IS NULL" : "")
            ORDER BY a.at DESC, a.id
            LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    static func sheet(_ rows: [Row], title: String) -> SheetSpec {
        SheetSpec(name: "Nhật ký", titleRows: [title],
                  header: ["Thời điểm", "Người thực hiện", "Thao tác", "Loại bản ghi", "Bản ghi", "Trước", "Sau"],
                  rows: rows.map { [.date($0.at), .text($0.actorName), .text(actionName($0.action)), .text($0.entity), .text($0.record),
                                    .text($0.before ?? ""), .text($0.after ?? "")] },
                  columnWidths: [18, 24, 20, 12, 16, 50, 50])
    }

    static func actionName(_ action: String) -> String {
        switch action {
        case "create": "Tạo mới"
        case "update": "Cập nhật"
        case "update_profile": "Cập nhật hồ sơ"
        case "move": "Đổi cấp trên"
        case "reset_password": "Đặt lại mật khẩu"
        case "demo": "Tạo dữ liệu mẫu"
        default: action
        }
    }
}
