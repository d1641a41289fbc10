import Fluent
import Foundation
import NamHocDomain
import SQLKit

/// A statistics workbook written to the database: all or nothing. Every row is checked first (the
/// unit is known and may be entered by the importer on today's and the period's tree, its cells are on
/// its form, the figures pass the hard rules, its report can take a draft) and every fault is listed by
/// cell; only a clean file is written, in one transaction, each unit's draft audited with before/after.
/// A row whose figures equal the saved ones is left alone, so an export can be imported back.
enum StatisticsImport {
    /// Who imports: a signed-in person (judged by `AccessPolicy` for each row's unit) or the command line.
    enum Importer {
        case person(User)
        case commandLine
    }

    struct Summary: Sendable, Equatable {
        var period: Period
        var saved: [String] = []
        var unchanged = 0
        /// Units saved with warnings: they explain them on their page before submitting.
        var withWarnings: [String] = []
    }

    /// Imports `file` for the units of `root`'s subtree. `expected` is the period the page was showing, if any.
    static func run(_ file: StatisticsSheet.Read, under root: Unit, expected: Period?, by importer: Importer,
                    statistics: StatisticsCatalogue, today: Day, dryRun: Bool, on db: any Database) async throws -> Summary {
        var faults = file.faults
        guard let period = file.period else { throw AppError.importRejected(faults) }
        if let expected, expected != period {
            faults.append(.init(row: 1, field: nil, message: "Tệp là biểu kỳ \(period.code) (\(period.nameVI)), không phải kỳ \(expected.code) đang mở."))
        }
        guard !file.entries.isEmpty || !faults.isEmpty else {
            throw AppError.importRejected([.init(row: 1, field: nil, message: "Không có số liệu nào để nhập.")])
        }
        // By chunks: a national file has more codes than SQLite takes variables in one statement.
        var units: [String: Unit] = [:], reports: [UUID: StatReport] = [:]
        for codes in file.entries.map(\.code).chunks(of: 10_000) {
            for unit in try await Unit.query(on: db).filter(\.$code ~~ codes).all() { units[unit.code] = unit }
        }
        let actors = try await reportActors(for: Array(units.values), under: root, period: period, by: importer, today: today, on: db)
        let ids = units.values.compactMap(\.id)
        let saved = try await StatisticsStore.figures(of: ids, period: period.code, in: db)
        var lastYear: [UUID: Figures] = [:]
        if let previous = StatisticsService.lastYearPeriod(period) {
            lastYear = try await StatisticsStore.figures(of: ids, period: previous.code, in: db)
        }
        for chunk in ids.chunks(of: 10_000) {
            for report in try await StatReport.query(on: db).filter(\.$period == period.code).filter(\.$unit.$id ~~ chunk).all() {
                reports[report.$unit.id] = report
            }
        }
        let window = try await StatisticsStore.window(for: period, form: statistics.form(for: period), in: db)
        let catalogue = statistics.catalogue.edition(for: period.schoolYear)

        var summary = Summary(period: period), writes: [(Unit, StatReport, Figures)] = []
        var forms: [String: [String: Indicator]] = [:]  // the cells of a form, by kind and levels: computed once each
        for entry in file.entries {
            func fault(_ cell: String?, _ message: String) {
                faults.append(.init(row: entry.row, field: nil, message: message, cell: cell ?? entry.unitCell, unit: entry.code))
            }
            guard let unit = units[entry.code], let unitID = unit.id, let actor = actors[unitID] else {
                fault(nil, "Không tìm thấy đơn vị mã \(entry.code) trong phạm vi \(root.name) vào ngày \(period.first.vietnamese).")
                continue
            }
            guard actor != .other else { fault(nil, "Bạn không có quyền nhập số liệu cho \(unit.name)."); continue }
            let figures = Figures(entry.values)
            if figures == saved[unitID] ?? Figures() || figures.isEmpty { summary.unchanged += 1; continue }
            let signature = "\(unit.kind)|\(unit.levels)"
            let entered = forms[signature] ?? Dictionary(uniqueKeysWithValues: statistics.entered(by: unit, period: period).map { ($0.code, $0) })
            forms[signature] = entered
            var cellFaults = false
            for key in entry.values.keys.sorted() where !(entered[key.code].map { key.breakdown == nil || $0.breakdowns.contains(key.breakdown!) } ?? false) {
                fault(entry.cells[key], "\(unit.name) không báo cáo ô \(key) trong biểu \(period.nameVI).")
                cellFaults = true
            }
            guard !cellFaults else { continue }
            let findings = Validator.check(figures, lastYear: lastYear[unitID], unitLevels: unit.levelSet, catalogue: catalogue, rules: statistics.rules)
            for finding in findings where finding.severity == .error {
                let key = finding.breakdown.flatMap { b in finding.indicatorCodes.lazy.map { FigureKey($0, b) }.first { entry.cells[$0] != nil } }
                    ?? finding.indicatorCodes.lazy.map { FigureKey($0) }.first { entry.cells[$0] != nil }
                fault(key.flatMap { entry.cells[$0] }, finding.messageVI)
            }
            let report = reports[unitID] ?? StatReport(unitID: unitID, period: period.code)
            let context = ReportWorkflow.Context(actor: actor, windowOpen: window?.isOpen(on: today) ?? true)
            if case .failure(let refusal) = ReportWorkflow.transition(from: report.reportStatus, .save, context: context) {
                fault(nil, "\(unit.name): \(refusal.messageVI)")
            }
            if findings.contains(where: { $0.severity == ValidationRule.Severity.warning }) { summary.withWarnings.append(unit.code) }
            writes.append((unit, report, figures))
        }
        guard faults.isEmpty else {
            throw AppError.importRejected(faults.sorted { ($0.row, $0.cell ?? "") < ($1.row, $1.cell ?? "") })
        }
        summary.saved = writes.map(\.0.code)
        guard !dryRun, !writes.isEmpty else { return summary }
        let toWrite = writes
        let auditActor = switch importer { case .person(let user): AuditActor(user); case .commandLine: AuditActor.commandLine }
        try await db.transaction { tx in
            var entries: [AuditLog.Entry] = [], created: [[any Encodable & Sendable]] = [], existing: [UUID] = []
            let now = Date()
            for (unit, report, figures) in toWrite {
                let before = StatisticsService.snapshot(report, saved[unit.id!] ?? Figures())
                // A new report is a draft; an existing one keeps its status (draft, or returned: still to resubmit).
                if let id = report.id { existing.append(id) } else { created.append([UUID(), unit.id!, period.code, ReportStatus.draft.rawValue, now]) }
                entries.append(.entry(.importFigures, .report, record: "\(unit.code) \(period.code)", unitID: unit.id,
                                      before: before, after: StatisticsService.snapshot(report, figures)))
            }
            // In bulk: a province's file is thousands of reports.
            try await tx.sql.insertRows(into: StatReport.schema, columns: ["id", "unit_id", "period", "status", "updated_at"], rows: created)
            for chunk in existing.chunks(of: 5_000) {
                try await tx.sql.raw("""
                    UPDATE stat_reports SET updated_at = \(bind: now) WHERE id IN (\(binds: chunk))
                    """).run()
            }
            try await StatisticsStore.replace(toWrite.map { ($0.0.id!, $0.2) }, period: period.code, in: tx)
            try await AuditLog.record(entries, by: auditActor, on: tx)
        }
        return summary
    }

    /// Who the importer is to each unit's report, judged on today's tree and the period's; units outside
    /// `root`'s subtree (or the importer's) are left out, so they read as unknown.
    private static func reportActors(for units: [Unit], under root: Unit, period: Period, by importer: Importer, today: Day,
                                     on db: any Database) async throws -> [UUID: ReportActor] {
        let (top, actor): (UUID, Actor?) = switch importer {
        case .person(let user): (user.$unit.id, Actor(role: user.userRole, unitID: user.$unit.id))
        case .commandLine: (try root.requireID(), nil)
        }
        let now = try await UnitTree.ancestries(under: top, on: today, in: db)
        let then = try await UnitTree.ancestries(under: top, on: period.first, in: db)
        let rootID = try root.requireID()
        var actors: [UUID: ReportActor] = [:]
        for unit in units {
            guard let id = unit.id, let today = now[id], let onDay = then[id], onDay.contains(rootID) else { continue }
            guard let actor else { actors[id] = .unitAbove; continue }
            switch AccessPolicy.decide(.enterFigures, by: actor, in: AccessContext(today: today, period: onDay)) {
            case .hidden: continue
            case .forbidden: actors[id] = .other
            case .allowed: actors[id] = ReportActor(role: actor.role, unitID: actor.unitID, ancestry: today)
            }
        }
        return actors
    }
}
