import NamHocDomain
import Vapor

/// Every path of NamHoc, for route patterns and for links alike: no path string is written twice.
/// Pass `SiteURL.code` (":code") as the value to get a route pattern.
enum SiteURL: Equatable {
    static let code = ":code"
    static let username = ":username"
    static let task = ":task"
    static let evidence = ":evidence"
    static let staff = ":staff"
    static let proposal = ":proposal"
    static let clusterID = ":cluster"

    case home
    case login
    case logout
    case logoutEverywhere
    case schoolYear
    case account
    case units
    case unit(String)
    case unitExport(String)
    case unitProfile(String)
    case unitImport(String)
    case unitStatistics(String)
    case unitStatisticsAction(String, ReportAction)
    case unitStatisticsFile(String)
    case unitStatisticsImport(String)
    case unitUsers(String)
    case unitUser(String, String)
    case unitUserPassword(String, String)
    case unitPlan(String)
    case unitPlanDraft(String)
    case unitPlanTasks(String)
    case unitPlanAdopt(String)
    case unitPlanTask(String, String)
    case unitPlanTaskStep(String, String, PlanStep)
    case unitPlanEvidence(String, String, String)
    case unitPlanBriefing(String)
    /// The operations centre of a unit (trung tâm điều hành), and the digest its wall screen polls.
    case unitDashboard(String)
    case unitDashboardStamp(String)
    /// Emulation and commendation: the rule sets; a unit's staff judged for the year, one person's
    /// explanation, the staff file, proposals and the authority's decisions.
    case emulationRules
    case unitEmulation(String)
    case unitEmulationStaff(String, String)
    case unitEmulationImport(String)
    case unitEmulationProposals(String)
    case unitEmulationDecision(String, String)
    /// The unit as a collective: its yearly rating (by the unit above), its proposals, their decisions.
    case unitEmulationRating(String)
    case unitEmulationCollective(String)
    case unitEmulationCollectiveDecision(String, String)
    /// Clusters and blocks (cụm, khối thi đua): the list, one cluster, and what its members and organiser do.
    case clusters
    case cluster(String)
    case clusterStep(String, ClusterStep)
    case myWork
    case audit
    case healthz
    /// The process answers (no database): the liveness probe of a proxy, and the framework's ceiling in benchmarks.
    case livez
    case api(API)

    /// What a form of the cluster page does.
    enum ClusterStep: String, CaseIterable, Sendable {
        case registration, signature, scores, vote
    }

    /// What a form of the task page does.
    enum PlanStep: String, CaseIterable, Sendable {
        case assign, sync, report, approve, `return`
    }

    enum API: Equatable {
        case session
        case sessions
        case me
        case units
        case unit(String)
        case unitChildren(String)
        case openAPI
        case indicators
        case unitValues(String)
        case unitValuesBulk(String)
        case unitReport(String, ReportAction)
        case unitPlan(String)
        case unitPlanDraft(String)
        case unitPlanTasks(String)
        case unitPlanAdopt(String)
        case unitPlanTask(String, String)
        case unitPlanTaskStep(String, String, SiteURL.PlanStep)
        case unitPlanCascade(String, String)
        case unitDashboard(String)
        case emulationRuleSets
        case emulationEligibility
        case unitEmulation(String)
        case unitEmulationProposals(String)
        case unitEmulationDecision(String, String)
        case clusters
        case cluster(String)
        case clusterStep(String, SiteURL.ClusterStep)
    }

    var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .logoutEverywhere: "/logout/everywhere"
        case .schoolYear: "/school-year"
        case .account: "/account"
        case .units: "/units"
        case .unit(let code): "/units/\(code)"
        case .unitExport(let code): "/units/\(code)/export"
        case .unitProfile(let code): "/units/\(code)/profile"
        case .unitImport(let code): "/units/\(code)/import"
        case .unitStatistics(let code): "/units/\(code)/statistics"
        case .unitStatisticsAction(let code, let action): "/units/\(code)/statistics/\(action.rawValue)"
        case .unitStatisticsFile(let code): "/units/\(code)/statistics/file"
        case .unitStatisticsImport(let code): "/units/\(code)/statistics/import"
        case .unitUsers(let code): "/units/\(code)/users"
        case .unitUser(let code, let username): "/units/\(code)/users/\(username)"
        case .unitUserPassword(let code, let username): "/units/\(code)/users/\(username)/password"
        case .unitPlan(let code): "/units/\(code)/plan"
        case .unitPlanDraft(let code): "/units/\(code)/plan/draft"
        case .unitPlanTasks(let code): "/units/\(code)/plan/tasks"
        case .unitPlanAdopt(let code): "/units/\(code)/plan/adopt"
        case .unitPlanTask(let code, let task): "/units/\(code)/plan/tasks/\(task)"
        case .unitPlanTaskStep(let code, let task, let step): "/units/\(code)/plan/tasks/\(task)/\(step.rawValue)"
        case .unitPlanEvidence(let code, let task, let evidence): "/units/\(code)/plan/tasks/\(task)/evidence/\(evidence)"
        case .unitPlanBriefing(let code): "/units/\(code)/plan/briefing"
        case .unitDashboard(let code): "/units/\(code)/dashboard"
        case .unitDashboardStamp(let code): "/units/\(code)/dashboard/stamp"
        case .emulationRules: "/emulation/rules"
        case .unitEmulation(let code): "/units/\(code)/emulation"
        case .unitEmulationStaff(let code, let staff): "/units/\(code)/emulation/staff/\(staff)"
        case .unitEmulationImport(let code): "/units/\(code)/emulation/import"
        case .unitEmulationProposals(let code): "/units/\(code)/emulation/proposals"
        case .unitEmulationDecision(let code, let proposal): "/units/\(code)/emulation/proposals/\(proposal)/decision"
        case .unitEmulationRating(let code): "/units/\(code)/emulation/rating"
        case .unitEmulationCollective(let code): "/units/\(code)/emulation/collective"
        case .unitEmulationCollectiveDecision(let code, let proposal): "/units/\(code)/emulation/collective/\(proposal)/decision"
        case .clusters: "/emulation/clusters"
        case .cluster(let id): "/emulation/clusters/\(id)"
        case .clusterStep(let id, let step): "/emulation/clusters/\(id)/\(step.rawValue)"
        case .myWork: "/my-work"
        case .audit: "/audit"
        case .healthz: "/healthz"
        case .livez: "/livez"
        case .api(let api): "/api/v1" + api.path
        }
    }

    var pathComponents: [PathComponent] { path.pathComponents }
}

extension SiteURL.API {
    var path: String {
        switch self {
        case .session: "/session"
        case .sessions: "/sessions"
        case .me: "/me"
        case .units: "/units"
        case .unit(let code): "/units/\(code)"
        case .unitChildren(let code): "/units/\(code)/children"
        case .openAPI: "/openapi.json"
        case .indicators: "/indicators"
        case .unitValues(let code): "/units/\(code)/values"
        case .unitValuesBulk(let code): "/units/\(code)/values/bulk"
        case .unitReport(let code, let action): "/units/\(code)/reports/\(action.rawValue)"
        // A plan's API paths are its pages' paths under /api/v1.
        case .unitPlan(let code): SiteURL.unitPlan(code).path
        case .unitPlanDraft(let code): SiteURL.unitPlanDraft(code).path
        case .unitPlanTasks(let code): SiteURL.unitPlanTasks(code).path
        case .unitPlanAdopt(let code): SiteURL.unitPlanAdopt(code).path
        case .unitPlanTask(let code, let task): SiteURL.unitPlanTask(code, task).path
        case .unitPlanTaskStep(let code, let task, let step): SiteURL.unitPlanTaskStep(code, task, step).path
        case .unitPlanCascade(let code, let task): SiteURL.unitPlanTask(code, task).path + "/cascade"
        case .unitDashboard(let code): SiteURL.unitDashboard(code).path
        case .emulationRuleSets: "/emulation/rule-sets"
        case .emulationEligibility: "/emulation/eligibility"
        case .unitEmulation(let code): SiteURL.unitEmulation(code).path
        case .unitEmulationProposals(let code): SiteURL.unitEmulationProposals(code).path
        case .unitEmulationDecision(let code, let proposal): SiteURL.unitEmulationDecision(code, proposal).path
        case .clusters: SiteURL.clusters.path
        case .cluster(let id): SiteURL.cluster(id).path
        case .clusterStep(let id, let step): SiteURL.clusterStep(id, step).path
        }
    }
}

/// A query parameter of NamHoc's links, typed beside the typed paths: no query string is written by hand.
enum QueryItem: Equatable {
    /// The day a page shows (`?date=2024-10-01`).
    case date(Day)
    case page(Int)
    /// `xlsx` or `csv`.
    case format(String)
    case saved
    /// The report step just taken (`done=submit`), so the page can say which.
    case done(ReportAction)
    /// Where sign-in goes next.
    case next(String)
    case search(String)
    /// The reporting period (`2024-2025/census`).
    case period(Period)
    /// The statistics workbook with one row per reporting unit below (`rows=below`).
    case rowsBelow
    /// The school year of a plan (`year=2024-2025`).
    case year(SchoolYear)
    /// Whose tree a dashboard's figures follow (`basis=today`).
    case basis(DashboardBody.Basis)
    /// The dashboard as a wall screen.
    case wall

    var pair: URLQueryItem {
        switch self {
        case .date(let day): URLQueryItem(name: "date", value: day.iso)
        case .page(let page): URLQueryItem(name: "page", value: String(page))
        case .format(let format): URLQueryItem(name: "format", value: format)
        case .saved: URLQueryItem(name: "saved", value: "1")
        case .done(let action): URLQueryItem(name: "done", value: action.rawValue)
        case .next(let path): URLQueryItem(name: "next", value: path)
        case .search(let text): URLQueryItem(name: "q", value: text)
        case .period(let period): URLQueryItem(name: "period", value: period.code)
        case .rowsBelow: URLQueryItem(name: "rows", value: "below")
        case .year(let year): URLQueryItem(name: "year", value: year.name)
        case .basis(let basis): URLQueryItem(name: "basis", value: basis.rawValue)
        case .wall: URLQueryItem(name: "wall", value: "1")
        }
    }
}

extension SiteURL {
    /// The path with its query, each value percent-encoded; `nil` items are left out.
    func url(_ items: QueryItem?...) -> String {
        let present = items.compactMap { $0 }
        guard !present.isEmpty else { return path }
        var components = URLComponents()
        components.path = path
        components.queryItems = present.map(\.pair)
        // "+" would read as a space in a form-encoded query.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.string ?? path
    }
}
