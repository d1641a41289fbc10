import Fluent
import Foundation
import NamHocDemo
import NamHocDomain
import NamHocText
import SQLKit
import Vapor

/// Writes the demo tree (real provinces and communes, synthetic schools) and the demo users.
enum DemoBuilder {
    struct Result {
        var units: Int
        var institutions: Int
        var links: Int
        var users: [DemoUserSpec]
        var reports = 0
        var values = 0
    }

    static func build(scale: DemoScale, seed: UInt64, province: String, password: String, today: Day,
                      hasher: AsyncPasswordHasher, on db: any Database) async throws -> Result {
        guard let provincesText = ReferenceFiles.text("provinces-2025.csv"),
              let communesText = ReferenceFiles.text("communes-2025.csv") else {
            throw CommandFailure("Thiếu tệp dữ liệu tham chiếu (provinces-2025.csv, communes-2025.csv).")
        }
        let provinces = try ReferenceData.parseProvinces(provincesText)
        let communes = try ReferenceData.parseCommunes(communesText)
        guard provinces.contains(where: { $0.code == province }) else {
            throw CommandFailure("Không có tỉnh mã \"\(province)\" (xem provinces-2025.csv).")
        }
        let tree = DemoTreeBuilder.build(provinces: provinces, communes: communes, scale: scale, seed: seed, province: province)

        var ids: [String: UUID] = [:]
        var unitRows: [[any Encodable & Sendable]] = []
        unitRows.reserveCapacity(tree.units.count)
        let now = Date()
        for unit in tree.units {
            let id = UUID()
            ids[unit.code] = id
            let name = TextKeys.clean(unit.name)
            unitRows.append([id, unit.code, name, TextKeys.search(name), TextKeys.sort(name), unit.kind.rawValue,
                             SchoolLevel.encode(unit.levels), unit.ownership?.rawValue, unit.validity.from?.iso,
                             unit.validity.to?.iso, now, now])
        }
        var nameRows: [[any Encodable & Sendable]] = []
        for unit in tree.units {
            for former in unit.formerNames {
                let name = TextKeys.clean(former.name)
                nameRows.append([UUID(), ids[unit.code]!, name, TextKeys.search(name), TextKeys.sort(name),
                                 former.validity.from?.iso, former.validity.to?.iso])
            }
        }
        var linkRows: [[any Encodable & Sendable]] = []
        for unit in tree.units {
            for link in unit.parents {
                guard let parentID = ids[link.parentCode] else { continue }
                linkRows.append([UUID(), ids[unit.code]!, parentID, link.validity.from?.iso, link.validity.to?.iso])
            }
        }
        // One hash for every demo user: they share the printed demo password, and bcrypt at cost 12
        // per user would cost seconds for nothing.
        let hash = try await hasher.hash(password)
        let rows = (units: unitRows, links: linkRows, names: nameRows, ids: ids)
        try await db.transaction { tx in
            try await tx.sql.insertRows(into: Unit.schema, columns: ["id", "code", "name", "search_key", "sort_key", "kind", "levels",
                                                                  "ownership", "valid_from", "valid_to", "created_at", "updated_at"],
                                        rows: rows.units)
            try await tx.sql.insertRows(into: UnitLink.schema, columns: ["id", "unit_id", "parent_id", "valid_from", "valid_to"],
                                        rows: rows.links)
            try await tx.sql.insertRows(into: "unit_names", columns: ["id", "unit_id", "name", "search_key", "sort_key", "valid_from", "valid_to"],
                                        rows: rows.names)
            for spec in tree.users {
                guard let unitID = rows.ids[spec.unitCode] else { continue }
                try await User(username: spec.username, displayName: spec.displayName, passwordHash: hash,
                               unitID: unitID, role: spec.role).create(on: tx)
            }
            let summary = ["scale": scale.rawValue, "seed": String(seed), "units": String(tree.units.count)]
            try await AuditLog.record(.entry(.demo, .database, record: "demo", unitID: nil, before: nil, after: summary),
                                      by: .commandLine, on: tx)
        }
        let figures = try await db.transaction { tx in
            try await writeStatistics(tree: tree, ids: rows.ids, seed: seed, today: today, on: tx)
        }
        return Result(units: tree.units.count, institutions: tree.institutions.count, links: linkRows.count, users: tree.users,
                      reports: figures.reports, values: figures.values)
    }
}
