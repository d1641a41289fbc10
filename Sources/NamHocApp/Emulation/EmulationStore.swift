import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// Reads and writes of emulation records. The rule engine (NamHocDomain) judges; this gathers what it
/// reads — one person's whole record in four indexed queries per unit, not per person.
enum EmulationStore {
    /// The individual awards a unit's page judges for each of its staff.
    static let individualAwards: [Award] = [.ldtt, .cstdcs, .cstdBo, .bangKhenBo, .bangKhenThuTuong, .cstdToanQuoc, .kyNiemChuong]

    struct Staff: Codable, Sendable {
        var id: UUID
        var code: String
        var fullName: String
        var position: String
        var recruitedOn: String?
        var sectorYears: Int?
        var disadvantagedYears: Int?
        var pendingReview: Bool
    }

    static func staff(of unitID: UUID, on db: any Database) async throws -> [Staff] {
        try await db.sql.raw("""
            SELECT id, code, full_name, position, recruited_on, sector_years, disadvantaged_years, pending_review
            FROM staff WHERE unit_id = \(bind: unitID) ORDER BY code
            """).all(decoding: Staff.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    // MARK: - Records

    private struct RatingRow: Decodable { var staffId: UUID; var schoolYear: String; var rating: String }
    private struct WorkRow: Decodable { var staffId: UUID; var code: String; var schoolYear: String; var kind: String; var scope: String; var name: String }
    private struct DisciplineRow: Decodable { var staffId: UUID; var schoolYear: String; var form: String; var endsOn: String? }
    private struct DecisionRow: Decodable {
        var staffId: UUID; var schoolYear: String; var award: String; var decision: String; var decidedOn: String?
        var periodFrom: String?; var periodTo: String?; var works: String
    }

    /// Every staff member's record, as the rule engine reads it.
    static func records(of staff: [Staff], unitID: UUID, on db: any Database) async throws -> [UUID: PersonRecord] {
        var records: [UUID: PersonRecord] = [:]
        for member in staff {
            records[member.id] = PersonRecord(recruitedOn: member.recruitedOn.flatMap(Day.init(iso:)), pendingReview: member.pendingReview,
                                              sectorYears: member.sectorYears, disadvantagedYears: member.disadvantagedYears)
        }
        let ofUnit = SQLQueryString("staff_id IN (SELECT id FROM staff WHERE unit_id = \(bind: unitID))")
        for row in try await db.sql.raw("SELECT staff_id, school_year, rating FROM staff_ratings WHERE \(ofUnit)")
            .all(decoding: RatingRow.self, keyDecodingStrategy: .convertFromSnakeCase) {
            if let year = SchoolYear(row.schoolYear), let rating = Rating(rawValue: row.rating) { records[row.staffId]?.ratings[year] = rating }
        }
        for row in try await db.sql.raw("SELECT staff_id, code, school_year, kind, scope, name FROM staff_works WHERE \(ofUnit) ORDER BY school_year, code")
            .all(decoding: WorkRow.self, keyDecodingStrategy: .convertFromSnakeCase) {
            guard let year = SchoolYear(row.schoolYear), let kind = WorkKind(rawValue: row.kind), let scope = WorkScope(rawValue: row.scope) else { continue }
            records[row.staffId]?.initiatives.append(Work(id: row.code, year: year, kind: kind, scope: scope, name: row.name.isEmpty ? nil : row.name))
        }
        for row in try await db.sql.raw("SELECT staff_id, school_year, form, ends_on FROM staff_disciplines WHERE \(ofUnit)")
            .all(decoding: DisciplineRow.self, keyDecodingStrategy: .convertFromSnakeCase) {
            guard let year = SchoolYear(row.schoolYear), let form = DisciplineForm(rawValue: row.form) else { continue }
            records[row.staffId]?.disciplines.append(Discipline(year: year, form: form, endsOn: row.endsOn.flatMap(Day.init(iso:))))
        }
        for row in try await db.sql.raw("""
            SELECT staff_id, school_year, award, decision, decided_on, period_from, period_to, works FROM award_decisions
            WHERE \(ofUnit) ORDER BY school_year
            """).all(decoding: DecisionRow.self, keyDecodingStrategy: .convertFromSnakeCase) {
            guard let year = SchoolYear(row.schoolYear), let award = Award(rawValue: row.award) else { continue }
            records[row.staffId]?.titles.append(AwardRecord(
                year: year, title: award, decision: row.decision.isEmpty ? nil : row.decision, decidedOn: row.decidedOn.flatMap(Day.init(iso:)),
                periodFrom: row.periodFrom.flatMap(SchoolYear.init), periodTo: row.periodTo.flatMap(SchoolYear.init),
                initiatives: row.works.split(separator: ",").map(String.init)))
        }
        return records
    }

    // MARK: - Rule sets

    /// The shipped sets and those an administrator added (an added set with a shipped id replaces it).
    static func book(on db: any Database) async throws -> RuleBook {
        struct Row: Decodable { var ruleSetId: String; var body: String }
        var sets = Dictionary(uniqueKeysWithValues: try RuleBook.bundled().sets.map { ($0.id, $0) })
        for row in try await db.sql.raw("SELECT rule_set_id, body FROM emulation_rule_sets")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase) {
            sets[row.ruleSetId] = try RuleSet.parse(Data(row.body.utf8), file: row.ruleSetId)
        }
        return RuleBook(sets: Array(sets.values))
    }

    /// The set a year is judged under: the administrator's choice, else the one in force at the year's end.
    static func ruleSet(for year: SchoolYear, in book: RuleBook, on db: any Database) async throws -> RuleSet {
        struct Row: Decodable { var ruleSetId: String }
        if let chosen = try await db.sql.raw("SELECT rule_set_id FROM emulation_years WHERE school_year = \(bind: year.name)")
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase), let set = book[chosen.ruleSetId] {
            return set
        }
        guard let set = book.inForce(for: year) else {
            throw AppError.invalidField(field: "year", message: "Chưa có bộ quy tắc thi đua, khen thưởng áp dụng cho năm học \(year.name).")
        }
        return set
    }

    /// The set named by `id`, or the one that judges `year`.
    static func ruleSet(_ id: String?, for year: SchoolYear, on db: any Database) async throws -> RuleSet {
        let book = try await book(on: db)
        guard let id else { return try await ruleSet(for: year, in: book, on: db) }
        guard let set = book[id] else { throw AppError.invalidField(field: "ruleSet", message: "Không có bộ quy tắc \"\(id)\".") }
        return set
    }

    /// Adds (or replaces) a rule set from its JSON file.
    static func add(_ data: Data, file: String, by actor: AuditActor, on db: any Database) async throws -> RuleSet {
        let set: RuleSet
        do { set = try RuleSet.parse(data, file: file) } catch let error as EmulationDataError {
            throw AppError.invalidField(field: "file", message: error.description)
        }
        try await db.transaction { tx in
            try await tx.sql.raw("DELETE FROM emulation_rule_sets WHERE rule_set_id = \(bind: set.id)").run()
            try await tx.sql.insertRows(into: "emulation_rule_sets", columns: ["rule_set_id", "body", "added_by", "added_at"],
                                        rows: [[set.id, String(decoding: data, as: UTF8.self), actor.name, Date()]])
            try await AuditLog.record(.entry(.extendCatalogue, .database, record: "rule-set \(set.id)", unitID: nil, before: nil,
                                             after: ["ruleSet": set.id, "name": set.name]), by: actor, on: tx)
        }
        return set
    }

    /// Says which set judges a year.
    static func assign(_ setID: String, to year: SchoolYear, by actor: AuditActor, on db: any Database) async throws {
        guard try await book(on: db)[setID] != nil else {
            throw AppError.invalidField(field: "ruleSet", message: "Không có bộ quy tắc \"\(setID)\".")
        }
        try await db.transaction { tx in
            try await tx.sql.raw("DELETE FROM emulation_years WHERE school_year = \(bind: year.name)").run()
            try await tx.sql.insertRows(into: "emulation_years", columns: ["school_year", "rule_set_id"], rows: [[year.name, setID]])
            try await AuditLog.record(.entry(.update, .database, record: "emulation-year \(year.name)", unitID: nil, before: nil,
                                             after: ["ruleSet": setID]), by: actor, on: tx)
        }
    }
}
