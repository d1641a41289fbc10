import Fluent
import Foundation
import NamHocDomain
import SQLKit

extension UnitImport {
    /// Writes checked rows: new units and their links in bulk, changed units one by one (they are few),
    /// a parent change closing the open link the day before `parent_from`, a rename keeping the old name
    /// until yesterday (`today` is the first day of the new name).
    static func apply(_ rows: [Row], by actor: AuditActor, today: Day, on db: any Database) async throws -> Summary {
        var summary = Summary()
        let codes = rows.map(\.code)
        var existing: [String: Unit] = [:]
        for chunk in stride(from: 0, to: codes.count, by: 500).map({ Array(codes[$0..<min($0 + 500, codes.count)]) }) {
            for unit in try await Unit.query(on: db).filter(\.$code ~~ chunk).all() { existing[unit.code] = unit }
        }
        let openLinks = try await currentOpenLinks(of: existing.values.compactMap(\.id), on: db)
        var ids: [String: UUID] = existing.compactMapValues(\.id)
        // Parents named by the file but not in it are already stored.
        let outside = Array(Set(rows.compactMap(\.parentCode)).subtracting(codes))
        for start in stride(from: 0, to: outside.count, by: 500) {
            let chunk = Array(outside[start..<min(start + 500, outside.count)])
            for unit in try await Unit.query(on: db).filter(\.$code ~~ chunk).all() { ids[unit.code] = unit.id }
        }
        var audit: [AuditLog.Entry] = []
        var newUnits: [[any Encodable & Sendable]] = []

        for row in rows where existing[row.code] == nil {
            let id = UUID()
            ids[row.code] = id
            let unit = Unit(id: id, code: row.code, name: row.name, kind: row.kind, levels: row.levels,
                            ownership: row.ownership, validity: row.validity)
            newUnits.append([id, unit.code, unit.name, unit.searchKey, unit.sortKey, unit.kind, unit.levels,
                             unit.ownership, unit.validFrom, unit.validTo, Date(), Date()])
            audit.append(.entry(.create, .unit, record: row.code, unitID: id, before: nil,
                                after: UnitSnapshot(unit, parentCode: row.parentCode)))
            summary.created += 1
        }
        try await db.sql.insertRows(into: Unit.schema, columns: ["id", "code", "name", "search_key", "sort_key", "kind", "levels",
                                                              "ownership", "valid_from", "valid_to", "created_at", "updated_at"],
                                    rows: newUnits)
        // Parent codes of the units already stored, to record them in the audit snapshot.
        let parentCodes = try await codesByID( Set(openLinks.values.map(\.parentID)), on: db)

        var newLinks: [[any Encodable & Sendable]] = []
        for row in rows {
            guard let unitID = ids[row.code] else { continue }
            let parentID = row.parentCode.flatMap { ids[$0] } ?? nil
            let open = openLinks[unitID]
            if let unit = existing[row.code] {
                let before = UnitSnapshot(unit, parentCode: open.flatMap { parentCodes[$0.parentID] })
                if unit.name != row.name { try await keepFormerName(of: unit, until: today.previous, on: db) }
                unit.rename(row.name)
                unit.kind = row.kind.rawValue
                unit.levels = SchoolLevel.encode(row.levels)
                unit.ownership = row.ownership?.rawValue
                unit.validFrom = row.validity.from?.iso
                unit.validTo = row.validity.to?.iso
                var moved = false
                if let parentID, open?.parentID != parentID {
                    let start = row.parentFrom ?? row.validity.from
                    if let open {
                        guard let start else {
                            throw AppError.importRejected([.init(row: row.line, field: UnitColumn.parentFrom.rawValue,
                                message: "Đơn vị \"\(row.code)\" đổi cấp trên: cần ngày bắt đầu trực thuộc cấp trên mới (parent_from).")])
                        }
                        try await db.sql.update(UnitLink.schema).set("valid_to", to: start.previous.iso)
                            .where("id", .equal, open.linkID).run()
                    }
                    newLinks.append([UUID(), unitID, parentID, start?.iso, row.validity.to?.iso])
                    moved = true
                }
                let after = UnitSnapshot(unit, parentCode: row.parentCode)
                if before == after && !moved { summary.unchanged += 1; continue }
                try await unit.save(on: db)
                audit.append(.entry(moved ? .move : .update, .unit, record: row.code, unitID: unitID, before: before, after: after))
                if moved { summary.moved += 1 } else { summary.updated += 1 }
            } else if let parentID {
                newLinks.append([UUID(), unitID, parentID, (row.parentFrom ?? row.validity.from)?.iso, row.validity.to?.iso])
            }
        }
        try await db.sql.insertRows(into: UnitLink.schema, columns: ["id", "unit_id", "parent_id", "valid_from", "valid_to"], rows: newLinks)
        try await AuditLog.record(audit, by: actor, on: db)
        // Kept statistics sums follow the tree of each period's day: a changed unit (moved, reopened,
        // closed, other levels) may change them, so they are recomputed in the same transaction.
        if summary.moved + summary.updated > 0 { try await StatisticsStore.rebuildAll(in: db) }
        try await UnitClosure.bump(in: db)
        return summary
    }

    private struct OpenLink { var linkID: UUID; var parentID: UUID }

    /// The link of each unit that is still open (no end day): the one a new parent replaces.
    private static func currentOpenLinks(of unitIDs: [UUID], on db: any Database) async throws -> [UUID: OpenLink] {
        var result: [UUID: OpenLink] = [:]
        for start in stride(from: 0, to: unitIDs.count, by: 500) {
            let chunk = Array(unitIDs[start..<min(start + 500, unitIDs.count)])
            let links = try await UnitLink.query(on: db).filter(\.$unit.$id ~~ chunk).filter(\.$validTo == nil).all()
            for link in links { result[link.$unit.id] = OpenLink(linkID: try link.requireID(), parentID: link.$parent.id) }
        }
        return result
    }

    private static func codesByID(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        var result: [UUID: String] = [:]
        let all = Array(ids)
        for start in stride(from: 0, to: all.count, by: 500) {
            for unit in try await Unit.query(on: db).filter(\.$id ~~ Array(all[start..<min(start + 500, all.count)])).all() {
                result[try unit.requireID()] = unit.code
            }
        }
        return result
    }

    /// Records the unit's current name as valid until `lastDay`, from the day after its previous former
    /// name ended (or from the unit's first day).
    private static func keepFormerName(of unit: Unit, until lastDay: Day, on db: any Database) async throws {
        let unitID = try unit.requireID()
        let previousEnd = try await db.sql.raw("""
            SELECT MAX(valid_to) AS last FROM unit_names WHERE unit_id = \(bind: unitID)
            """).first()?.decode(column: "last", as: String?.self).flatMap(Day.init(iso:))
        let from = previousEnd?.next ?? unit.validity.from
        guard from.map({ $0 <= lastDay }) ?? true else { return }
        try await db.sql.insert(into: "unit_names")
            .columns("id", "unit_id", "name", "search_key", "sort_key", "valid_from", "valid_to")
            .values(SQLBind(UUID()), SQLBind(unitID), SQLBind(unit.name), SQLBind(unit.searchKey), SQLBind(unit.sortKey),
                    SQLBind(from?.iso), SQLBind(lastDay.iso))
            .run()
    }
}
