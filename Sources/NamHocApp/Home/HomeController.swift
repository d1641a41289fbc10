import Fluent
import NamHocDomain
import NamHocText
import Vapor

/// The home page: the user's unit, what their role lets them do, and the units directly below.
enum HomeController {
    struct Model: Encodable {
        var greeting: String
        var roleName: String
        var roleHelp: String
        var unit: UnitDisplay.Item
        var today: String
        var children: [UnitDisplay.Item]
        var paging: Paging
        var counts: [UnitDisplay.CountLine]
        var hasInstitutions: Bool
        var isAdmin: Bool
        var canWrite: Bool
        var usersURL: String
        var auditURL: String
        var exportURL: String
        var dashboardURL: String
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let unit = try await user.$unit.get(on: req.db)
        let unitID = try unit.requireID()
        let display = try await UnitDisplay.load(on: req.db)
        let today = req.today
        let children = try await UnitTree.children(of: unitID, on: today, in: req.db)
        let (shown, paging) = Paging.slice(children, page: req.pageNumber) { SiteURL.home.url(.page($0)) }
        let groups = try await UnitTree.institutionCounts(under: unitID, on: today, today: today, in: req.db)
        let role = user.userRole
        let model = Model(
            greeting: "Xin chào, \(user.displayName)",
            roleName: role.nameVI,
            roleHelp: roleHelp(role),
            unit: .init(code: unit.code, name: unit.name, url: SiteURL.unit(unit.code).path, kind: display.kindName(unit.kind),
                        levels: display.levels(unit.levels), ownership: display.ownership(unit.ownership)),
            today: VietnameseFormat.longDate(req.now),
            children: shown.map { display.item($0, day: nil) },
            paging: paging,
            counts: display.countLines(groups), hasInstitutions: !groups.isEmpty,
            isAdmin: try await req.decide(.administer, on: unit, readingRequestedDay: false) == .allowed,
            canWrite: try await req.decide(.write, on: unit, readingRequestedDay: false) == .allowed,
            usersURL: SiteURL.unitUsers(unit.code).path, auditURL: SiteURL.audit.path,
            exportURL: SiteURL.unitExport(unit.code).url(.format("xlsx")),
            dashboardURL: SiteURL.unitDashboard(unit.code).path)
        return try await req.render("home", title: "Trang chủ", model)
    }

    static func roleHelp(_ role: Role) -> String {
        switch role {
        case .admin: "Quản lý đơn vị, người dùng và xem nhật ký thao tác của toàn bộ các đơn vị trực thuộc."
        case .leader: "Xem dữ liệu các đơn vị trực thuộc, duyệt báo cáo của các đơn vị cấp dưới trực tiếp."
        case .officer: "Cập nhật thông tin, số liệu và báo cáo của đơn vị mình."
        case .viewer: "Xem thông tin và số liệu của đơn vị mình và các đơn vị trực thuộc."
        }
    }
}
