import Fluent
import NamHocDomain
import SQLKit

extension UnitImport {
    /// What an administrator may import from the browser: rows about units of their subtree (as it
    /// stands today) or new units, each hung under a unit of the subtree or under a new unit of the same
    /// file (which is itself checked, and cycles are refused by `parse`); their own unit may be renamed,
    /// not moved out. Codes are unique in the whole country, so a code used outside the subtree is
    /// refused; the message says only that, nothing about that unit.
    static func scopeErrors(_ rows: [Row], root: Unit, today: Day, on db: any Database) async throws -> [AppError.RowError] {
        let rootID = try root.requireID()
        let scoped = try await db.sql.raw("""
            WITH RECURSIVE \(UnitTree.subtree(rootID, today))
            SELECT u.code FROM sub JOIN units u ON u.id = sub.id
            """).all().map { try $0.decode(column: "code", as: String.self) }
        let inScope = Set(scoped)
        let rootParent = try await UnitTree.parent(of: rootID, on: today, in: db)?.code
        let stored = try await existingCodes(on: db)
        let newInFile = Set(rows.map(\.code).filter { stored[$0] == nil })

        var errors: [AppError.RowError] = []
        for row in rows {
            func fail(_ column: UnitColumn, _ message: String) { errors.append(.init(row: row.line, field: column.rawValue, message: message)) }
            if row.code == root.code {
                if row.parentCode != rootParent {
                    fail(.parentCode, "Không thể đổi cấp trên của \(root.name) (\(root.code)), đơn vị gốc trong phạm vi quản lý của bạn.")
                }
                continue
            }
            if stored[row.code] != nil && !inScope.contains(row.code) {
                fail(.code, "Mã \"\(row.code)\" đã được dùng cho một đơn vị ngoài phạm vi quản lý của bạn.")
                continue
            }
            guard let parent = row.parentCode else {
                fail(.parentCode, "Thiếu mã đơn vị cấp trên: đơn vị phải trực thuộc \(root.code) hoặc một đơn vị cấp dưới.")
                continue
            }
            if !inScope.contains(parent) && !newInFile.contains(parent) {
                fail(.parentCode, "Đơn vị cấp trên \"\(parent)\" nằm ngoài phạm vi quản lý của bạn.")
            }
        }
        return errors
    }
}
