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
        var progressReports = 0
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

        let ids = Dictionary(tree.units.map { ($0.code, UUID()) }, uniquingKeysWith: { first, _ in first })
        // One hash for every demo user: they share the printed demo password, and bcrypt at cost 12
        // per user would cost seconds for nothing.
        let hash = try await hasher.hash(password)
        let links = tree.units.reduce(0) { $0 + $1.parents.count }
        let figures = try await db.withConnection { connection in
            try await withBulkJournal(on: connection) {
                try await connection.transaction { tx in
                    try await writeTree(tree, ids: ids, on: tx)
                    for spec in tree.users {
                        guard let unitID = ids[spec.unitCode] else { continue }
                        try await User(username: spec.username, displayName: spec.displayName, passwordHash: hash,
                                       unitID: unitID, role: spec.role).create(on: tx)
                    }
                    let summary = ["scale": scale.rawValue, "seed": String(seed), "units": String(tree.units.count)]
                    try await AuditLog.record(.entry(.demo, .database, record: "demo", unitID: nil, before: nil, after: summary),
                                              by: .commandLine, on: tx)
                }
                return try await connection.transaction { tx in
                    try await writeStatistics(tree: tree, ids: ids, seed: seed, today: today, on: tx)
                }
            }
        }
        let statistics = try await StatisticsCatalogueCache().statistics(on: db)
        let progressReports = try await db.transaction { tx in try await writePlans(tree: tree, today: today, on: tx, statistics: statistics) }
        _ = try await writeEmulation(tree: tree, today: today, on: db)
        _ = try await writeClusters(tree: tree, today: today, statistics: statistics, on: db)
        return Result(units: tree.units.count, institutions: tree.institutions.count, links: links, users: tree.users,
                      reports: figures.reports, values: figures.values, progressReports: progressReports)
    }

    /// The units, their links up the tree and their former names, in bulk.
    private static func writeTree(_ tree: DemoTree, ids: [String: UUID], on db: any Database) async throws {
        let now = Date()
        var units = BulkInsert(into: Unit.schema, columns: [("id", .uuid), ("code", .text), ("name", .text), ("search_key", .text), ("sort_key", .text),
                                                          ("kind", .text), ("levels", .text), ("ownership", .text), ("valid_from", .text),
                                                          ("valid_to", .text), ("created_at", .date), ("updated_at", .date)], on: db)
        for unit in tree.units {
            let name = TextKeys.clean(unit.name)
            try await units.append(.uuid(ids[unit.code]!), .text(unit.code), .text(name), .text(TextKeys.search(name)), .text(TextKeys.sort(name)),
                                   .text(unit.kind.rawValue), .text(SchoolLevel.encode(unit.levels)), .text(unit.ownership?.rawValue),
                                   .text(unit.validity.from?.iso), .text(unit.validity.to?.iso), .date(now), .date(now))
        }
        try await units.finish()
        var links = BulkInsert(into: UnitLink.schema, columns: [("id", .uuid), ("unit_id", .uuid), ("parent_id", .uuid), ("valid_from", .text),
                                                              ("valid_to", .text)], on: db)
        for unit in tree.units {
            for link in unit.parents {
                guard let parentID = ids[link.parentCode] else { continue }
                try await links.append(.uuid(UUID()), .uuid(ids[unit.code]!), .uuid(parentID), .text(link.validity.from?.iso), .text(link.validity.to?.iso))
            }
        }
        try await links.finish()
        var names = BulkInsert(into: "unit_names", columns: [("id", .uuid), ("unit_id", .uuid), ("name", .text), ("search_key", .text),
                                                           ("sort_key", .text), ("valid_from", .text), ("valid_to", .text)], on: db)
        for unit in tree.units {
            for former in unit.formerNames {
                let name = TextKeys.clean(former.name)
                try await names.append(.uuid(UUID()), .uuid(ids[unit.code]!), .text(name), .text(TextKeys.search(name)), .text(TextKeys.sort(name)),
                                       .text(former.validity.from?.iso), .text(former.validity.to?.iso))
            }
        }
        try await names.finish()
        try await UnitClosure.bump(in: db)
    }

    /// The national demo writes ≈ 2 GB in one transaction into a database that was empty. SQLite's WAL
    /// would hold all of it once more and copy it back at the checkpoint; a rollback journal in memory
    /// holds only the few pages that existed before (new pages need none), and rolls back as well if the
    /// build fails. Pages stay in a 1 GiB cache meanwhile, and writes do not wait for the disk (a machine
    /// crash means building the demo again). Afterwards the connection is as every command opens it.
    private static func withBulkJournal<T: Sendable>(on connection: any Database, _ body: () async throws -> T) async throws -> T {
        guard !connection.isPostgres else { return try await body() }
        func set(_ pragmas: [String]) async throws {
            for pragma in pragmas { try await connection.sql.raw("PRAGMA \(unsafeRaw: pragma)").run() }
        }
        let building = ["journal_mode = MEMORY", "synchronous = OFF", "cache_size = -1048576"]
        let serving = ["journal_mode = WAL", "synchronous = FULL", "cache_size = -2000"]
        try await set(building)
        let result: T
        do { result = try await body() } catch {
            try? await set(serving)
            throw error
        }
        try await set(serving)
        return result
    }
}
