import Fluent
import NamHocDomain
import NamHocText
import Vapor

/// The unit tree pages: search, a unit's page, its export, its profile. The unit comes checked from
/// `UnitScopeMiddleware`; handlers only read, call a query and render.
enum UnitController {
    struct DayChoice: Encodable {
        var iso: String
        var text: String
        var isToday: Bool

        init(_ day: Day, today: Day) {
            iso = day.iso
            text = day.vietnamese
            isToday = day == today
            self.day = day
        }

        private let day: Day
        private enum CodingKeys: String, CodingKey { case iso, text, isToday }

        /// `?date=` to keep the chosen day on links; nothing for today.
        var item: QueryItem? { isToday ? nil : .date(day) }
    }

    struct IndexModel: Encodable {
        var query: String
        var day: DayChoice
        var root: UnitDisplay.Item
        var results: [UnitDisplay.Item]
        var truncated: Bool
        var resultCount: String
        var exportURL: String
    }

    /// Lines on the search page; its Excel file holds up to `fileLimit`.
    static let searchLimit = 100
    static let fileLimit = 100_000

    @Sendable static func index(req: Request) async throws -> Response {
        let root = try req.scopedUnit, day = try req.treeDay
        let rootName = try await UnitTree.name(of: root, on: day, in: req.db)
        let query = TextKeys.clean(req.query[String.self, at: "q"] ?? "")
        let display = try await UnitDisplay.load(on: req.db)
        let choice = DayChoice(day, today: req.today)
        let limit = req.wantsSpreadsheet ? fileLimit : searchLimit
        let rows = query.isEmpty
            ? try await UnitTree.children(of: root.requireID(), on: day, in: req.db)
            : try await UnitTree.search(query, under: root.requireID(), on: day, today: req.today, limit: limit + 1, in: req.db)
        if req.wantsSpreadsheet {
            let title = query.isEmpty
                ? "Các đơn vị trực thuộc \(rootName), ngày \(day.vietnamese)"
                : "Kết quả tìm “\(query)” trong phạm vi \(rootName), ngày \(day.vietnamese)"
                    + (rows.count > limit ? " (\(VietnameseFormat.integer(limit)) kết quả đầu)" : "")
            let sheet = display.unitSheet(Array(rows.prefix(limit)), title: title, last: query.isEmpty ? .childCount : .parentName)
            // A search's file is named for the search, a children list for the list: not like the subtree's file.
            let slug = TextKeys.search(query).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
            let name = query.isEmpty ? "tructhuoc-\(root.code)-\(day.iso)" : "timkiem-\(root.code)-\(slug.prefix(40))-\(day.iso)"
            return try Download.xlsx([sheet]).response(named: name)
        }
        let rootItem = UnitDisplay.Item(code: root.code, name: rootName, url: SiteURL.unit(root.code).url(choice.item),
                                        kind: display.kindName(root.kind), levels: display.levels(root.levels),
                                        ownership: display.ownership(root.ownership))
        let model = IndexModel(query: query, day: choice, root: rootItem,
                               results: rows.prefix(searchLimit).map { display.item($0, day: choice.item) },
                               truncated: rows.count > searchLimit, resultCount: VietnameseFormat.integer(min(rows.count, searchLimit)),
                               exportURL: req.spreadsheetURL)
        return try await req.render("units", title: "Đơn vị", model)
    }

    struct ShowModel: Encodable {
        var code: String
        var name: String
        var kind: String
        var levels: String
        var ownership: String
        var validity: String
        var day: DayChoice
        var breadcrumbs: [UnitDisplay.Item]
        var children: [UnitDisplay.Item]
        var paging: Paging
        var childCount: String
        var counts: [UnitDisplay.CountLine]
        var hasInstitutions: Bool
        var profile: Profile
        var canEditProfile: Bool
        var canAdminister: Bool
        var profileURL: String
        var usersURL: String
        var importURL: String
        var exportCSV: String
        var statisticsURL: String
        var planURL: String
        var dashboardURL: String
        var emulationURL: String
        var exportXLSX: String
        var saved: Bool
    }

    struct Profile: Codable {
        var address: String?
        var phone: String?
        var email: String?
        var headName: String?
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, day = try req.treeDay
        let name = try await UnitTree.name(of: unit, on: day, in: req.db)
        let display = try await UnitDisplay.load(on: req.db)
        let choice = DayChoice(day, today: req.today)
        let unitID = try unit.requireID()
        // Breadcrumbs stop at the user's own unit: what lies above is outside their subtree.
        let path = try await UnitTree.path(to: unitID, on: day, in: req.db)
        // Breadcrumbs name only the units above that the user may read: what lies above is outside their subtree.
        var visible: [Unit] = []
        for ancestor in path where try await req.decide(.read, on: ancestor) == .allowed { visible.append(ancestor) }
        let children = try await UnitTree.children(of: unitID, on: day, in: req.db)
        let (shown, paging) = Paging.slice(children, page: req.pageNumber) { SiteURL.unit(unit.code).url(choice.item, .page($0)) }
        let groups = try await UnitTree.institutionCounts(under: unitID, on: day, today: req.today, in: req.db)
        let exportURL = { (format: String) in
            SiteURL.unitExport(unit.code).url(.format(format), choice.isToday ? nil : .date(day))
        }
        let model = ShowModel(
            code: unit.code, name: name, kind: display.kindName(unit.kind), levels: display.levels(unit.levels),
            ownership: display.ownership(unit.ownership), validity: UnitDisplay.validity(from: unit.validFrom, to: unit.validTo),
            day: choice,
            breadcrumbs: visible.dropLast().map { .init(code: $0.code, name: $0.name, url: SiteURL.unit($0.code).url(choice.item),
                                                       kind: "", levels: "", ownership: "") },
            children: shown.map { display.item($0, day: choice.item) },
            paging: paging,
            childCount: VietnameseFormat.integer(children.count),
            counts: display.countLines(groups), hasInstitutions: !groups.isEmpty,
            profile: Profile(address: unit.address, phone: unit.phone, email: unit.email, headName: unit.headName),
            canEditProfile: try await req.decide(.write, on: unit) == .allowed,
            canAdminister: try await req.decide(.administer, on: unit) == .allowed,
            profileURL: SiteURL.unitProfile(unit.code).path, usersURL: SiteURL.unitUsers(unit.code).path,
            importURL: SiteURL.unitImport(unit.code).path,
            exportCSV: exportURL("csv"), statisticsURL: SiteURL.unitStatistics(unit.code).path, planURL: SiteURL.unitPlan(unit.code).path,
            dashboardURL: SiteURL.unitDashboard(unit.code).path, emulationURL: SiteURL.unitEmulation(unit.code).path, exportXLSX: exportURL("xlsx"),
            saved: req.query[String.self, at: "saved"] == "1")
        return try await req.render("unit", title: name, model)
    }

    /// "Xuất Excel" of a unit page: its subtree in the import file format (CSV or XLSX), and in the XLSX
    /// a second sheet with the page's "schools by kind" table.
    @Sendable static func export(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, day = try req.treeDay
        let name = try await UnitTree.name(of: unit, on: day, in: req.db)
        let format = req.query[String.self, at: "format"] ?? "xlsx"
        let unitID = try unit.requireID()
        var rows = try await UnitExport.rows(under: unitID, on: day, in: req.db)
        // The root's parent is named only where the caller may see it, as the API does.
        if let parent = try await UnitTree.parent(of: unitID, on: day, in: req.db), try await req.decide(.read, on: parent) != .allowed,
           !rows.isEmpty {
            rows[0][UnitColumn.parentCode.index] = ""
            rows[0][UnitColumn.parentFrom.index] = ""
        }
        let display = try await UnitDisplay.load(on: req.db)
        let counts = display.countLines(try await UnitTree.institutionCounts(under: unitID, on: day, today: req.today, in: req.db))
        let file = try UnitFiles.export(
            rows, format: format, title: "Danh sách đơn vị thuộc \(name) ngày \(day.vietnamese)", display: display,
            extraSheets: counts.count > 1 ? [UnitDisplay.countSheet(counts, title: "Trường học và trung tâm thuộc \(name) ngày \(day.vietnamese)")] : [])
        return file.response(named: "donvi-\(unit.code)-\(day.iso)")
    }

    @Sendable static func updateProfile(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, user = try req.requireUser()
        let form = try req.content.decode(Profile.self)
        func clean(_ s: String?) -> String? { s.map(TextKeys.clean).flatMap { $0.isEmpty ? nil : $0 } }
        let email = clean(form.email)
        if let email, !email.contains("@") || email.contains(" ") {
            throw AppError.invalidField(field: "email", message: "Thư điện tử \"\(email)\" không hợp lệ.")
        }
        let parentCode = try await UnitTree.parent(of: unit.requireID(), on: req.today, in: req.db)?.code
        let before = UnitSnapshot(unit, parentCode: parentCode)
        unit.address = clean(form.address)
        unit.phone = clean(form.phone)
        unit.email = email
        unit.headName = clean(form.headName)
        try await req.db.transaction { tx in
            try await unit.save(on: tx)
            try await AuditLog.record(.entry(.updateProfile, .unit, record: unit.code, unitID: unit.id, before: before,
                                             after: UnitSnapshot(unit, parentCode: parentCode)), by: AuditActor(user), on: tx)
        }
        return req.redirect(to: SiteURL.unit(unit.code).url(.saved))
    }
}
