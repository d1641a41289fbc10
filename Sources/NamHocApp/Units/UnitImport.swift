import Fluent
import Foundation
import NamHocDomain
import NamHocText
import SQLKit

/// Imports a unit list (rows of strings, the first row the header) all-or-nothing: every row is
/// checked first and every fault reported with its row number; only a clean file is written, in one
/// transaction, with an audit entry per unit created or changed.
enum UnitImport {
    struct Summary: Codable, Sendable, Equatable {
        var created = 0
        var updated = 0
        var moved = 0
        var unchanged = 0
    }

    struct Row: Sendable {
        var line: Int
        var code: String
        var name: String
        var kind: UnitKind
        var parentCode: String?
        var levels: Set<SchoolLevel>
        var ownership: Ownership?
        var validity: Validity
        var parentFrom: Day?
    }

    /// Checks then writes `table`. `root`: the subtree an administrator imports into from the browser
    /// (nil for the server's operator at the command line). `dryRun`: everything is written and counted
    /// in a transaction that is then rolled back, so the summary is exactly what a real run would do.
    static func run(_ table: [[String]], by actor: AuditActor, within root: Unit? = nil, today: Day = .today(),
                    dryRun: Bool = false, on db: any Database) async throws -> Summary {
        let (rows, parseErrors) = try await parse(table, on: db)
        var errors = parseErrors
        if let root { errors += try await scopeErrors(rows, root: root, today: today, on: db) }
        // Every fault at once, in the order of the sheet.
        guard errors.isEmpty else { throw AppError.importRejected(errors.sorted { ($0.row, $0.field ?? "") < ($1.row, $1.field ?? "") }) }
        do {
            return try await db.transaction { tx in
                let summary = try await apply(rows, by: actor, today: today, on: tx)
                if dryRun { throw RolledBack(summary: summary) }
                return summary
            }
        } catch let rolledBack as RolledBack {
            return rolledBack.summary
        }
    }

    private struct RolledBack: Error { var summary: Summary }

    // MARK: - Checking

    /// The rows of `table` and every fault found in them. The header is the first row naming the code
    /// column (an XLSX written by NamHoc has a title above it); row numbers are the sheet's own. Only a
    /// file without a usable header is refused at once.
    static func parse(_ table: [[String]], on db: any Database) async throws -> (rows: [Row], errors: [AppError.RowError]) {
        let headerIndex = table.firstIndex { $0.contains { UnitColumn.match($0) == .code } } ?? 0
        guard headerIndex < table.count else {
            throw AppError.importRejected([.init(row: 1, field: nil, message: "Tệp không có dữ liệu.")])
        }
        var errors: [AppError.RowError] = []
        var columns: [UnitColumn: Int] = [:]
        for (index, title) in table[headerIndex].enumerated() where !title.trimmingCharacters(in: .whitespaces).isEmpty {
            if let column = UnitColumn.match(title) { columns[column] = index } else {
                errors.append(.init(row: headerIndex + 1, field: title, message: "Cột \"\(title)\" không được hỗ trợ."))
            }
        }
        for required in [UnitColumn.code, .name, .kind] where columns[required] == nil {
            errors.append(.init(row: headerIndex + 1, field: required.rawValue, message: "Thiếu cột \"\(required.labelVI)\" (\(required.rawValue))."))
        }
        guard errors.isEmpty else { throw AppError.importRejected(errors) }

        // A kind is written as its code ("school") or its Vietnamese name ("Trường học").
        var kinds: [String: String] = [:]
        let kindRecords = try await UnitKindRecord.query(on: db).all()
        let kindNames = kindRecords.map { "\($0.name): \($0.id ?? "")" }.joined(separator: "; ")
        for record in kindRecords {
            guard let code = record.id else { continue }
            kinds[code] = code
            kinds[VietnameseText.searchKey(record.name)] = code
        }
        let existing = try await existingCodes(on: db)
        var parsed: [Row] = []
        var seen: [String: Int] = [:]
        for (offset, cells) in table.dropFirst(headerIndex + 1).enumerated() {
            let line = headerIndex + offset + 2
            func cell(_ c: UnitColumn) -> String {
                guard let i = columns[c], i < cells.count else { return "" }
                return TextKeys.clean(cells[i])
            }
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var rowErrors: [AppError.RowError] = []
            func fail(_ c: UnitColumn, _ message: String) { rowErrors.append(.init(row: line, field: c.rawValue, message: message)) }

            let code = cell(.code)
            if !UnitCode.isValid(code) { fail(.code, "Mã đơn vị \"\(code)\" không hợp lệ (chữ, số, dấu - . _; tối đa 40 ký tự).") }
            if let first = seen[code] { fail(.code, "Mã \"\(code)\" trùng với dòng \(first).") } else { seen[code] = line }
            let name = cell(.name)
            if name.isEmpty { fail(.name, "Thiếu tên đơn vị.") }
            let kindCode = kinds[cell(.kind)] ?? kinds[VietnameseText.searchKey(cell(.kind))]
            let kind = UnitKind(kindCode ?? cell(.kind))
            if kindCode == nil { fail(.kind, "Loại đơn vị \"\(cell(.kind))\" không có trong danh mục (\(kindNames)).") }
            let parentCode = cell(.parentCode)
            if parentCode == code && !code.isEmpty { fail(.parentCode, "Đơn vị không thể trực thuộc chính nó.") }
            let levels = SchoolLevel.decode(cell(.levels))
            if levels == nil { fail(.levels, "Cấp học \"\(cell(.levels))\" không hợp lệ (MN, TH, THCS, THPT, GDTX).") }
            let ownershipText = cell(.ownership)
            let ownership = OwnershipText.parse(ownershipText)
            if !ownershipText.isEmpty && ownership == nil { fail(.ownership, "Loại hình \"\(ownershipText)\" không hợp lệ (công lập / ngoài công lập).") }
            let from = DayText.parse(cell(.validFrom)), to = DayText.parse(cell(.validTo)), parentFrom = DayText.parse(cell(.parentFrom))
            if from == nil && !cell(.validFrom).isEmpty { fail(.validFrom, "Ngày \"\(cell(.validFrom))\" không hợp lệ.") }
            if to == nil && !cell(.validTo).isEmpty { fail(.validTo, "Ngày \"\(cell(.validTo))\" không hợp lệ.") }
            if parentFrom == nil && !cell(.parentFrom).isEmpty { fail(.parentFrom, "Ngày \"\(cell(.parentFrom))\" không hợp lệ.") }
            if let from, let to, to < from { fail(.validTo, "Ngày kết thúc hiệu lực trước ngày bắt đầu.") }
            errors += rowErrors
            parsed.append(Row(line: line, code: code, name: name, kind: kind, parentCode: parentCode.isEmpty ? nil : parentCode,
                              levels: levels ?? [], ownership: ownership, validity: Validity(from: from, to: to), parentFrom: parentFrom))
        }
        let inFile = Dictionary(parsed.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for row in parsed {
            guard let parent = row.parentCode else { continue }
            if inFile[parent] == nil && existing[parent] == nil {
                errors.append(.init(row: row.line, field: UnitColumn.parentCode.rawValue, message: "Không có đơn vị cấp trên mã \"\(parent)\" trong tệp hay trong hệ thống."))
            }
            var visited: Set<String> = [row.code]
            var next = inFile[parent]
            while let current = next {
                if visited.contains(current.code) {
                    errors.append(.init(row: row.line, field: UnitColumn.parentCode.rawValue, message: "Quan hệ cấp trên tạo thành vòng lặp."))
                    break
                }
                visited.insert(current.code)
                next = current.parentCode.flatMap { inFile[$0] }
            }
        }
        return (parsed, errors)
    }

    static func existingCodes(on db: any Database) async throws -> [String: UUID] {
        let rows = try await db.sql.raw("SELECT id, code FROM units").all()
        var map: [String: UUID] = [:]
        for row in rows { map[try row.decode(column: "code", as: String.self)] = try row.decode(column: "id", as: UUID.self) }
        return map
    }
}

enum UnitCode {
    /// Codes appear in URLs and file names: keep them to a safe alphabet.
    static func isValid(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 40 && code.unicodeScalars.allSatisfy {
            ($0.isASCII && (CharacterSet.alphanumerics.contains($0))) || $0 == "-" || $0 == "." || $0 == "_"
        }
    }
}

enum OwnershipText {
    static func parse(_ text: String) -> Ownership? {
        switch VietnameseText.searchKey(text).replacingOccurrences(of: "_", with: " ") {
        case "public", "cong lap", "cl": .public
        case "non public", "ngoai cong lap", "ncl", "tu thuc", "dan lap": .nonPublic
        default: nil
        }
    }
}

enum DayText {
    /// "2025-07-01", "01/07/2025" or "1/7/2025"; nil for empty or invalid.
    static func parse(_ text: String) -> Day? {
        if text.isEmpty { return nil }
        if let day = Day(iso: text) { return day }
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return Day(year: parts[2], month: parts[1], day: parts[0])
    }
}
