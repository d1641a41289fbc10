import Fluent
import Foundation
import NamHocDomain
import NamHocOffice
import NamHocText
import SQLKit

/// "Nhập hồ sơ thi đua": a unit's staff with their yearly ratings, titles, initiatives and discipline, one
/// row a person, from XLSX or CSV. All or nothing: any fault writes nothing and is reported by cell. A
/// person of the file gets their imported record replaced; people not in the file are kept, and awards
/// decided in NamHoc (through a proposal) are never overwritten by a file.
enum StaffImport {
    struct Summary: Codable, Sendable, Equatable {
        var created = 0
        var updated = 0
        var years: [String] = []
    }

    /// The fixed columns, by Vietnamese title; the yearly ones are "<kind> 2023-2024".
    enum Column: String, CaseIterable {
        case code = "Mã cán bộ", name = "Họ và tên", position = "Chức vụ", recruited = "Ngày tuyển dụng"
        case sectorYears = "Số năm công tác trong ngành", disadvantagedYears = "Số năm ở vùng đặc biệt khó khăn"
        case pendingReview = "Đang bị xem xét kỷ luật"
    }

    enum YearlyColumn: String, CaseIterable {
        case rating = "Xếp loại", titles = "Danh hiệu", decision = "Số quyết định", works = "Sáng kiến", discipline = "Kỷ luật"
    }

    struct Person {
        var row: Int
        var code: String
        var name: String
        var position: String
        var recruitedOn: Day?
        var sectorYears: Int?
        var disadvantagedYears: Int?
        var pendingReview: Bool
        var ratings: [SchoolYear: Rating] = [:]
        var titles: [(SchoolYear, Award, String)] = []
        var works: [Work] = []
        var disciplines: [Discipline] = []
    }

    private struct RolledBack: Error {}
    private struct Decided: Decodable { var schoolYear: String; var award: String }

    static func run(_ table: [[String]], unitID: UUID, by actor: AuditActor, dryRun: Bool, on db: any Database) async throws -> Summary {
        let people = try parse(table)
        let existing = Dictionary(uniqueKeysWithValues: try await EmulationStore.staff(of: unitID, on: db).map { ($0.code, $0.id) })
        var summary = Summary()
        summary.created = people.filter { existing[$0.code] == nil }.count
        summary.updated = people.count - summary.created
        summary.years = Set(people.flatMap { $0.ratings.keys }).sorted().map(\.name)
        let counts = summary
        do {
            try await db.transaction { tx in
                for person in people {
                    try await write(person, id: existing[person.code], unitID: unitID, on: tx)
                }
                try await AuditLog.record(.entry(.importStaff, .staff, record: "\(people.count) cán bộ", unitID: unitID, before: nil,
                                                 after: ["created": counts.created, "updated": counts.updated]), by: actor, on: tx)
                if dryRun { throw RolledBack() }
            }
        } catch is RolledBack {}
        return summary
    }

    private static func write(_ person: Person, id known: UUID?, unitID: UUID, on tx: any Database) async throws {
        let id = known ?? UUID()
        if known == nil {
            try await tx.sql.insertRows(into: "staff", columns: ["id", "unit_id", "code", "full_name", "position", "recruited_on",
                                                                  "sector_years", "disadvantaged_years", "pending_review"],
                                        rows: [[id, unitID, person.code, person.name, person.position, person.recruitedOn?.iso,
                                                person.sectorYears, person.disadvantagedYears, person.pendingReview]])
        } else {
            try await tx.sql.raw("""
                UPDATE staff SET full_name = \(bind: person.name), position = \(bind: person.position),
                recruited_on = \(bind: person.recruitedOn?.iso), sector_years = \(bind: person.sectorYears),
                disadvantaged_years = \(bind: person.disadvantagedYears), pending_review = \(bind: person.pendingReview)
                WHERE id = \(bind: id)
                """).run()
            for table in ["staff_ratings", "staff_works", "staff_disciplines"] {
                try await tx.sql.raw("DELETE FROM \(ident: table) WHERE staff_id = \(bind: id)").run()
            }
            try await tx.sql.raw("DELETE FROM award_decisions WHERE staff_id = \(bind: id) AND proposal_id IS NULL").run()
        }
        try await tx.sql.insertRows(into: "staff_ratings", columns: ["staff_id", "school_year", "rating"],
                                    rows: person.ratings.map { [id, $0.key.name, $0.value.rawValue] })
        try await tx.sql.insertRows(into: "staff_works", columns: ["staff_id", "code", "school_year", "kind", "scope", "name"],
                                    rows: person.works.map { [id, $0.id, $0.year.name, $0.kind.rawValue, $0.scope.rawValue, $0.name ?? ""] })
        try await tx.sql.insertRows(into: "staff_disciplines", columns: ["staff_id", "school_year", "form", "ends_on"],
                                    rows: person.disciplines.map { [id, $0.year.name, $0.form.rawValue, $0.endsOn?.iso] })
        // Awards decided in NamHoc stay as decided; the file adds the others.
        let decided = Set(try await tx.sql.raw("SELECT school_year, award FROM award_decisions WHERE staff_id = \(bind: id)")
            .all(decoding: Decided.self, keyDecodingStrategy: .convertFromSnakeCase).map { "\($0.schoolYear) \($0.award)" })
        try await tx.sql.insertRows(into: "award_decisions", columns: ["staff_id", "school_year", "award", "decision", "signer", "works"],
                                    rows: person.titles.filter { !decided.contains("\($0.0.name) \($0.1.rawValue)") }
                                        .map { [id, $0.0.name, $0.1.rawValue, $0.2, "", ""] })
    }
}

extension StaffImport {
    /// The blank file to fill: the columns, three years of yearly columns ending with `year`, one example row.
    static func template(year: SchoolYear) -> SheetSpec {
        let years = (0..<3).reversed().map { SchoolYear(startYear: year.startYear - $0) }
        let header = Column.allCases.map(\.rawValue) + years.flatMap { y in YearlyColumn.allCases.map { "\($0.rawValue) \(y.name)" } }
        let example: [String] = ["GV001", "Nguyễn Thị An", "Giáo viên", "01/09/2010", "15", "0", ""]
            + years.flatMap { _ in ["HTTNV", "LĐTT", "12/QĐ-PGDĐT", "cơ sở: Dạy học theo dự án", ""] }
        return SheetSpec(name: "Hồ sơ thi đua", titleRows: [], header: header, rows: [example.map(CellValue.text)])
    }
}
