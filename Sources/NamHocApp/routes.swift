import NamHocDomain
import Vapor

/// The table of contents: every route of NamHoc, one block per feature, each behind the access it needs.
func routes(_ app: Application) throws {
    let code = SiteURL.code

    do { // health: answers 200 when the database answers
        app.get(SiteURL.healthz.pathComponents, use: HealthController.check)
        app.get(SiteURL.livez.pathComponents, use: HealthController.live)
    }

    let session = app.grouped(app.sessions.middleware, SessionUserMiddleware())
    let browser = session.grouped(CSRFMiddleware())
    do { // sign in and out
        browser.get(SiteURL.login.pathComponents, use: AuthController.loginPage)
        browser.post(SiteURL.login.pathComponents, use: AuthController.login)
        browser.post(SiteURL.logout.pathComponents, use: AuthController.logout)
        browser.grouped(RequireUserMiddleware()).post(SiteURL.logoutEverywhere.pathComponents, use: AuthController.logoutEverywhere)
    }

    let signedIn = browser.grouped(RequireUserMiddleware())
    do { // home and own account
        signedIn.get(SiteURL.home.pathComponents, use: HomeController.show)
        signedIn.get(SiteURL.account.pathComponents, use: AuthController.accountPage)
        signedIn.post(SiteURL.account.pathComponents, use: AuthController.changePassword)
        signedIn.post(SiteURL.schoolYear.pathComponents, use: SchoolYearController.choose)
    }

    do { // unit tree and unit pages
        signedIn.grouped(UnitScopeMiddleware(action: .read, target: .ownUnit))
            .get(SiteURL.units.pathComponents, use: UnitController.index)
        let readable = signedIn.grouped(UnitScopeMiddleware(action: .read))
        readable.get(SiteURL.unit(code).pathComponents, use: UnitController.show)
        readable.get(SiteURL.unitExport(code).pathComponents, use: UnitController.export)
        signedIn.grouped(UnitScopeMiddleware(action: .write))
            .post(SiteURL.unitProfile(code).pathComponents, use: UnitController.updateProfile)
    }

    do { // administration: users of a unit, audit log
        let administered = signedIn.grouped(UnitScopeMiddleware(action: .administer))
        administered.get(SiteURL.unitUsers(code).pathComponents, use: UserAdminController.list)
        administered.post(SiteURL.unitUsers(code).pathComponents, use: UserAdminController.create)
        administered.post(SiteURL.unitUser(code, SiteURL.username).pathComponents, use: UserAdminController.update)
        administered.post(SiteURL.unitUserPassword(code, SiteURL.username).pathComponents, use: UserAdminController.resetPassword)
        signedIn.grouped(UnitScopeMiddleware(action: .administer, target: .ownUnit))
            .get(SiteURL.audit.pathComponents, use: AuditController.index)
    }

    do { // unit list upload: the file is collected after sign-in and scope, then the handler checks CSRF
        signedIn.grouped(UnitScopeMiddleware(action: .administer))
            .get(SiteURL.unitImport(code).pathComponents, use: UnitImportController.page)
        session.grouped(RequireUserMiddleware(), UnitScopeMiddleware(action: .administer))
            .on(.POST, SiteURL.unitImport(code).pathComponents, body: .collect(maxSize: UnitImportController.maxUpload),
                use: UnitImportController.upload)
    }

    do { // statistics pages: the form and totals of a unit, its draft saved, the report workflow
        signedIn.grouped(UnitScopeMiddleware(action: .read)).get(SiteURL.unitStatistics(code).pathComponents, use: StatisticsController.show)
        let writable = signedIn.grouped(UnitScopeMiddleware(action: .write))
        writable.post(SiteURL.unitStatistics(code).pathComponents, use: StatisticsController.save)
        writable.post(SiteURL.unitStatisticsAction(code, .submit).pathComponents, use: StatisticsController.act(.submit))
        let approvable = signedIn.grouped(UnitScopeMiddleware(action: .approve))
        for action in [ReportAction.approve, .return, .reopen] {
            approvable.post(SiteURL.unitStatisticsAction(code, action).pathComponents, use: StatisticsController.act(action))
        }
        // the workbook: downloaded by whoever reads the unit, uploaded by staff entering figures for it or below it
        signedIn.grouped(UnitScopeMiddleware(action: .read)).get(SiteURL.unitStatisticsFile(code).pathComponents, use: StatisticsFilesController.download)
        signedIn.grouped(UnitScopeMiddleware(action: .enterFigures))
            .get(SiteURL.unitStatisticsImport(code).pathComponents, use: StatisticsFilesController.page)
        session.grouped(RequireUserMiddleware(), UnitScopeMiddleware(action: .enterFigures))
            .on(.POST, SiteURL.unitStatisticsImport(code).pathComponents, body: .collect(maxSize: StatisticsFilesController.maxUpload),
                use: StatisticsFilesController.upload)
    }

    do { // plan pages: the plan of a year, a draft read from a directive, tasks, cascade and progress reports
        let task = SiteURL.task
        let readable = signedIn.grouped(UnitScopeMiddleware(action: .read))
        readable.get(SiteURL.unitPlan(code).pathComponents, use: PlanController.show)
        readable.get(SiteURL.unitPlanTask(code, task).pathComponents, use: PlanTaskController.show)
        readable.get(SiteURL.unitPlanEvidence(code, task, SiteURL.evidence).pathComponents, use: PlanTaskController.evidence)
        signedIn.grouped(UnitScopeMiddleware(action: .read, target: .ownUnit)).get(SiteURL.myWork.pathComponents, use: MyWorkController.show)
        // the briefing report: generated from the unit's data and downloaded, nothing written; its edited text
        // may pass 16 KB, so the body is collected first and the handler checks CSRF
        readable.get(SiteURL.unitPlanBriefing(code).pathComponents, use: BriefingController.show)
        session.grouped(RequireUserMiddleware(), UnitScopeMiddleware(action: .read))
            .on(.POST, SiteURL.unitPlanBriefing(code).pathComponents, body: .collect(maxSize: PlanDraftController.maxUpload),
                use: BriefingController.export)
        let writable = signedIn.grouped(UnitScopeMiddleware(action: .write))
        writable.post(SiteURL.unitPlanTasks(code).pathComponents, use: PlanController.addTask)
        writable.post(SiteURL.unitPlanAdopt(code).pathComponents, use: PlanController.adopt)
        writable.get(SiteURL.unitPlanDraft(code).pathComponents, use: PlanDraftController.page)
        writable.post(SiteURL.unitPlanTask(code, task).pathComponents, use: PlanTaskController.edit)
        writable.post(SiteURL.unitPlanTaskStep(code, task, .assign).pathComponents, use: PlanTaskController.assign)
        writable.post(SiteURL.unitPlanTaskStep(code, task, .sync).pathComponents, use: PlanTaskController.sync)
        // uploads (a directive, evidence files, a confirmed draft): collected after sign-in and scope, then the
        // handler checks CSRF
        let uploading = session.grouped(RequireUserMiddleware(), UnitScopeMiddleware(action: .write))
        uploading.on(.POST, SiteURL.unitPlanDraft(code).pathComponents, body: .collect(maxSize: PlanDraftController.maxUpload),
                     use: PlanDraftController.read)
        // a confirmed draft carries every task's text: more than the 16 KB of other forms
        uploading.on(.POST, SiteURL.unitPlan(code).pathComponents, body: .collect(maxSize: PlanDraftController.maxUpload),
                     use: PlanController.save)
        uploading.on(.POST, SiteURL.unitPlanTaskStep(code, task, .report).pathComponents, body: .collect(maxSize: "60mb"),
                     use: PlanTaskController.report)
        let approvable = signedIn.grouped(UnitScopeMiddleware(action: .approve))
        approvable.post(SiteURL.unitPlanTaskStep(code, task, .approve).pathComponents, use: PlanTaskController.review(.approve))
        approvable.post(SiteURL.unitPlanTaskStep(code, task, .return).pathComponents, use: PlanTaskController.review(.return))
    }

    do { // operations centre: a unit's dashboard (page, wall screen, XLSX) and the digest its wall screen polls
        let readable = signedIn.grouped(UnitScopeMiddleware(action: .read))
        readable.get(SiteURL.unitDashboard(code).pathComponents, use: DashboardController.show)
        readable.get(SiteURL.unitDashboardStamp(code).pathComponents, use: DashboardController.stamp)
    }

    do { // emulation and commendation: rule sets, a unit's staff judged for the year, the staff file, proposals, decisions
        signedIn.get(SiteURL.emulationRules.pathComponents, use: EmulationController.rules)
        let readable = signedIn.grouped(UnitScopeMiddleware(action: .read))
        readable.get(SiteURL.unitEmulation(code).pathComponents, use: EmulationController.show)
        readable.get(SiteURL.unitEmulationStaff(code, SiteURL.staff).pathComponents, use: EmulationController.person)
        let writable = signedIn.grouped(UnitScopeMiddleware(action: .write))
        writable.get(SiteURL.unitEmulationImport(code).pathComponents, use: EmulationController.importPage)
        writable.post(SiteURL.unitEmulationProposals(code).pathComponents, use: EmulationController.propose)
        session.grouped(RequireUserMiddleware(), UnitScopeMiddleware(action: .write))
            .on(.POST, SiteURL.unitEmulationImport(code).pathComponents, body: .collect(maxSize: EmulationController.maxUpload),
                use: EmulationController.upload)
        writable.post(SiteURL.unitEmulationCollective(code).pathComponents, use: EmulationController.proposeCollective)
        // the unit above rates the unit as a collective and records the authority's decisions
        let approvable = signedIn.grouped(UnitScopeMiddleware(action: .approve))
        approvable.post(SiteURL.unitEmulationDecision(code, SiteURL.proposal).pathComponents, use: EmulationController.decide)
        approvable.post(SiteURL.unitEmulationRating(code).pathComponents, use: EmulationController.rate)
        approvable.post(SiteURL.unitEmulationCollectiveDecision(code, SiteURL.proposal).pathComponents, use: EmulationController.decideCollective)
    }

    do { // clusters and blocks: access by the cluster's own rule (ClusterAccess), asked in every handler
        let cluster = SiteURL.clusterID
        signedIn.get(SiteURL.clusters.pathComponents, use: ClusterController.list)
        // creating one is organising at one's own unit: writing there
        signedIn.grouped(UnitScopeMiddleware(action: .write, target: .ownUnit)).post(SiteURL.clusters.pathComponents, use: ClusterController.create)
        signedIn.get(SiteURL.cluster(cluster).pathComponents, use: ClusterController.show)
        signedIn.post(SiteURL.clusterStep(cluster, .registration).pathComponents, use: ClusterController.register)
        signedIn.post(SiteURL.clusterStep(cluster, .signature).pathComponents, use: ClusterController.sign)
        signedIn.post(SiteURL.clusterStep(cluster, .scores).pathComponents, use: ClusterController.score)
        signedIn.post(SiteURL.clusterStep(cluster, .vote).pathComponents, use: ClusterController.vote)
    }

    let api = app.grouped(BearerUserMiddleware())
    do { // JSON API for integrators
        api.get(SiteURL.api(.openAPI).pathComponents, use: OpenAPIController.document)
        api.post(SiteURL.api(.session).pathComponents, use: APISessionController.create)
        let authed = api.grouped(RequireUserMiddleware())
        authed.delete(SiteURL.api(.session).pathComponents, use: APISessionController.delete)
        authed.delete(SiteURL.api(.sessions).pathComponents, use: APISessionController.deleteAll)
        authed.get(SiteURL.api(.me).pathComponents, use: APIUnitController.me)
        authed.grouped(UnitScopeMiddleware(action: .read, target: .ownUnit))
            .get(SiteURL.api(.units).pathComponents, use: APIUnitController.search)
        let readable = authed.grouped(UnitScopeMiddleware(action: .read))
        readable.get(SiteURL.api(.unit(code)).pathComponents, use: APIUnitController.show)
        readable.get(SiteURL.api(.unitChildren(code)).pathComponents, use: APIUnitController.children)
    }

    do { // statistics API: figures read from the kept sums, the draft saved whole, the report workflow
        let authed = api.grouped(RequireUserMiddleware())
        authed.get(SiteURL.api(.indicators).pathComponents, use: APIStatisticsController.indicators)
        authed.grouped(UnitScopeMiddleware(action: .read)).get(SiteURL.api(.unitValues(code)).pathComponents, use: APIStatisticsController.values)
        let writable = authed.grouped(UnitScopeMiddleware(action: .write))
        writable.put(SiteURL.api(.unitValues(code)).pathComponents, use: APIStatisticsController.save)
        authed.grouped(UnitScopeMiddleware(action: .enterFigures))
            .on(.POST, SiteURL.api(.unitValuesBulk(code)).pathComponents, body: .collect(maxSize: APIStatisticsController.maxBulk),
                use: APIStatisticsController.bulk)
        writable.post(SiteURL.api(.unitReport(code, .submit)).pathComponents, use: APIStatisticsController.act(.submit))
        let approvable = authed.grouped(UnitScopeMiddleware(action: .approve))
        for action in [ReportAction.approve, .return, .reopen] {
            approvable.post(SiteURL.api(.unitReport(code, action)).pathComponents, use: APIStatisticsController.act(action))
        }
    }

    do { // dashboard API: the numbers of a unit's operations centre
        api.grouped(RequireUserMiddleware(), UnitScopeMiddleware(action: .read))
            .get(SiteURL.api(.unitDashboard(code)).pathComponents, use: DashboardController.api)
    }

    do { // plans API: a draft from a directive's text, the plan and its tasks, the cascade, progress reports
        let authed = api.grouped(RequireUserMiddleware())
        let task = SiteURL.task
        let readable = authed.grouped(UnitScopeMiddleware(action: .read))
        readable.get(SiteURL.api(.unitPlan(code)).pathComponents, use: APIPlanController.show)
        readable.get(SiteURL.api(.unitPlanCascade(code, task)).pathComponents, use: APIPlanController.cascade)
        let writable = authed.grouped(UnitScopeMiddleware(action: .write))
        writable.on(.POST, SiteURL.api(.unitPlanDraft(code)).pathComponents, body: .collect(maxSize: "4mb"), use: APIPlanController.draft)
        writable.on(.POST, SiteURL.api(.unitPlan(code)).pathComponents, body: .collect(maxSize: "4mb"), use: APIPlanController.create)
        writable.post(SiteURL.api(.unitPlanTasks(code)).pathComponents, use: APIPlanController.addTask)
        writable.put(SiteURL.api(.unitPlanTask(code, task)).pathComponents, use: APIPlanController.editTask)
        writable.post(SiteURL.api(.unitPlanTaskStep(code, task, .assign)).pathComponents, use: APIPlanController.assign)
        writable.post(SiteURL.api(.unitPlanAdopt(code)).pathComponents, use: APIPlanController.adopt)
        writable.post(SiteURL.api(.unitPlanTaskStep(code, task, .sync)).pathComponents, use: APIPlanController.sync)
        writable.put(SiteURL.api(.unitPlanTaskStep(code, task, .report)).pathComponents, use: APIPlanController.saveReport)
        let approvable = authed.grouped(UnitScopeMiddleware(action: .approve))
        for step in [SiteURL.PlanStep.approve, .return] {
            approvable.post(SiteURL.api(.unitPlanTaskStep(code, task, step)).pathComponents,
                            use: APIPlanController.review(step == .approve ? .approve : .return))
        }
    }

    do { // emulation API: rule sets, eligibility of a record sent whole, a unit's staff judged, proposals, decisions
        let authed = api.grouped(RequireUserMiddleware())
        authed.get(SiteURL.api(.emulationRuleSets).pathComponents, use: APIEmulationController.ruleSets)
        authed.post(SiteURL.api(.emulationEligibility).pathComponents, use: APIEmulationController.eligibility)
        authed.grouped(UnitScopeMiddleware(action: .read)).get(SiteURL.api(.unitEmulation(code)).pathComponents, use: APIEmulationController.unit)
        authed.grouped(UnitScopeMiddleware(action: .write))
            .post(SiteURL.api(.unitEmulationProposals(code)).pathComponents, use: APIEmulationController.propose)
        authed.grouped(UnitScopeMiddleware(action: .approve))
            .post(SiteURL.api(.unitEmulationDecision(code, SiteURL.proposal)).pathComponents, use: APIEmulationController.decide)
        let cluster = SiteURL.clusterID
        authed.get(SiteURL.api(.clusters).pathComponents, use: APIClusterController.list)
        authed.get(SiteURL.api(.cluster(cluster)).pathComponents, use: APIClusterController.show)
        authed.post(SiteURL.api(.clusterStep(cluster, .registration)).pathComponents, use: APIClusterController.register)
        authed.post(SiteURL.api(.clusterStep(cluster, .scores)).pathComponents, use: APIClusterController.score)
    }
}
