import Fluent
import NamHocDomain
import NamHocOffice
import Vapor

/// Thi đua, khen thưởng pages: thin adapters over `EmulationYear` and `StaffImport`. Units come checked
/// from `UnitScopeMiddleware`; the decision form is shown only to whom the policy lets approve.
enum EmulationController {
    static let maxUpload: ByteCount = "10mb"

    @Sendable static func show(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, year = try req.planYear
        let data = try await EmulationYear.load(unitID: try unit.requireID(), year: year, on: req.db)
        if req.wantsSpreadsheet {
            return try Download.xlsx(EmulationPage.sheets(data, unitName: unit.name))
                .response(named: "thidua-\(unit.code)-\(year.name)")
        }
        if req.query[String.self, at: "format"] == "docx" {
            let path = try await UnitTree.path(to: unit.requireID(), on: req.today, in: req.db)
            return ProposalDocument.response(try ProposalDocument.data(data, unit: unit, path: path, now: req.now), unit: unit, year: year)
        }
        let model = EmulationPage.model(data, collective: try await CollectiveYear.load(data, on: req.db), unitName: unit.name, code: unit.code,
                                        canWrite: try await req.decide(.write, on: unit) == .allowed,
                                        canDecide: try await req.decide(.approve, on: unit) == .allowed, today: req.today)
        return try await req.render("emulation", title: "Thi đua, khen thưởng – \(unit.name)", model)
    }

    @Sendable static func person(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, year = try req.planYear
        let data = try await EmulationYear.load(unitID: try unit.requireID(), year: year, on: req.db)
        let member = try data.member(req.parameters.get("staff") ?? "")
        return try await req.render("emulation-person", title: "\(member.fullName) – thi đua năm học \(year.name)",
                                    EmulationPage.person(data, member, unitName: unit.name, code: unit.code))
    }

    struct ProposeForm: Content { var staff: String; var award: String }

    @Sendable static func propose(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, year = try req.planYear, form = try req.content.decode(ProposeForm.self)
        guard let award = Award(rawValue: form.award) else {
            throw AppError.invalidField(field: "award", message: "Không có danh hiệu \"\(form.award)\".")
        }
        let data = try await EmulationYear.load(unitID: try unit.requireID(), year: year, on: req.db)
        _ = try await data.propose(form.staff, award: award, by: AuditActor(try req.requireUser()), on: req.db)
        return req.redirect(to: SiteURL.unitEmulation(unit.code).url(.year(year)), redirectType: .normal)
    }

    @Sendable static func decide(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, year = try req.planYear, form = try req.content.decode(EmulationYear.Decision.self)
        guard let id = req.parameters.get("proposal").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound("đề nghị khen thưởng") }
        let data = try await EmulationYear.load(unitID: try unit.requireID(), year: year, on: req.db)
        try await data.decide(id, form, today: req.today, by: AuditActor(try req.requireUser()), on: req.db)
        return req.redirect(to: SiteURL.unitEmulation(unit.code).url(.year(year)), redirectType: .normal)
    }

    // MARK: - The unit as a collective

    struct RatingForm: Content { var rating: String }

    @Sendable static func rate(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, year = try req.planYear, form = try req.content.decode(RatingForm.self)
        guard let rating = Rating(rawValue: form.rating) else {
            throw AppError.invalidField(field: "rating", message: "Xếp loại là HTXSNV, HTTNV, HTNV hoặc KHTNV.")
        }
        try await CollectiveYear.rate(unit, year: year, rating: rating, by: AuditActor(try req.requireUser()), on: req.db)
        return req.redirect(to: SiteURL.unitEmulation(unit.code).url(.year(year)), redirectType: .normal)
    }

    @Sendable static func proposeCollective(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, year = try req.planYear, form = try req.content.decode(ProposeForm.self)
        guard let award = Award(rawValue: form.award) else { throw AppError.invalidField(field: "award", message: "Không có danh hiệu \"\(form.award)\".") }
        let collective = try await CollectiveYear.load(try await EmulationYear.load(unitID: try unit.requireID(), year: year, on: req.db), on: req.db)
        try await collective.propose(award, by: AuditActor(try req.requireUser()), on: req.db)
        return req.redirect(to: SiteURL.unitEmulation(unit.code).url(.year(year)), redirectType: .normal)
    }

    @Sendable static func decideCollective(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, year = try req.planYear, form = try req.content.decode(EmulationYear.Decision.self)
        guard let id = req.parameters.get("proposal").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound("đề nghị khen thưởng") }
        let collective = try await CollectiveYear.load(try await EmulationYear.load(unitID: try unit.requireID(), year: year, on: req.db), on: req.db)
        try await collective.decide(id, form, today: req.today, by: AuditActor(try req.requireUser()), on: req.db)
        return req.redirect(to: SiteURL.unitEmulation(unit.code).url(.year(year)), redirectType: .normal)
    }

    // MARK: - Staff file

    struct ImportModel: Encodable {
        var unitName: String
        var unitURL: String
        var formURL: String
        var templateURL: String
        var columns: [String]
        var outcome = UploadOutcome<UnitImportController.Fault>()
    }

    static func importModel(_ unit: Unit) -> ImportModel {
        ImportModel(unitName: unit.name, unitURL: SiteURL.unitEmulation(unit.code).path, formURL: SiteURL.unitEmulationImport(unit.code).path,
                    templateURL: SiteURL.unitEmulationImport(unit.code).url(.format("xlsx")),
                    columns: StaffImport.Column.allCases.map(\.rawValue) + StaffImport.YearlyColumn.allCases.map { "\($0.rawValue) 2024-2025" })
    }

    @Sendable static func importPage(req: Request) async throws -> Response {
        let unit = try req.scopedUnit
        if req.wantsSpreadsheet {
            return try Download.xlsx([StaffImport.template(year: req.schoolYear)]).response(named: "mau-ho-so-thi-dua-\(unit.code)")
        }
        return try await req.render("emulation-import", title: "Nhập hồ sơ thi đua – \(unit.name)", importModel(unit))
    }

    @Sendable static func upload(req: Request) async throws -> Response {
        try CSRFMiddleware.check(req)
        let unit = try req.scopedUnit, user = try req.requireUser()
        var model = importModel(unit), status: HTTPStatus
        (model.outcome, status) = try await UploadOutcome.of(req, fault: UnitImportController.Fault.init, faultsFile: UnitImportController.faultsFile) {
            data, filename, checkOnly in
            let summary = try await StaffImport.run(try TableFile.readRows(data, filename: filename), unitID: try unit.requireID(),
                                                    by: AuditActor(user), dryRun: checkOnly, on: req.db)
            return ["\(summary.created) cán bộ mới", "\(summary.updated) cán bộ cập nhật hồ sơ",
                    summary.years.isEmpty ? "không có xếp loại nào" : "xếp loại các năm học \(summary.years.joined(separator: ", "))"]
        }
        return try await req.render("emulation-import", title: "Nhập hồ sơ thi đua – \(unit.name)", model, status: status)
    }

    // MARK: - Rule sets

    struct RulesModel: Encodable {
        struct SetView: Encodable {
            var id: String; var name: String; var basis: String; var period: String; var awards: [AwardView]
        }
        struct AwardView: Encodable { var name: String; var awardedBy: String; var article: String; var rules: [RuleView] }
        struct RuleView: Encodable { var id: String; var text: String; var article: String; var confirmed: Bool }
        var sets: [SetView]
        var unconfirmed: Int
    }

    @Sendable static func rules(req: Request) async throws -> Response {
        let book = try await EmulationStore.book(on: req.db)
        let sets = book.sets.map { set in
            RulesModel.SetView(
                id: set.id, name: set.name, basis: set.basis,
                period: "từ \(set.from.vietnamese)\(set.to.map { " đến \($0.vietnamese)" } ?? "")",
                awards: set.awards.map { award in
                    .init(name: award.award.vietnamese, awardedBy: award.awardedBy, article: award.article,
                          rules: award.rules.map { .init(id: $0.id, text: $0.text, article: $0.article, confirmed: $0.confirmed) })
                })
        }
        return try await req.render("emulation-rules", title: "Bộ quy tắc thi đua, khen thưởng",
                                    RulesModel(sets: sets, unconfirmed: book.sets.map(\.unconfirmed.count).reduce(0, +)))
    }
}
