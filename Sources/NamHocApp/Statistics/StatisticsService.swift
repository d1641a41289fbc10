import Fluent
import Foundation
import NamHocDomain
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The catalogue and the rules a process serves: the shipped ones, extended by the files administrators
/// applied (`stat_catalogue_files`, in order).
struct StatisticsCatalogue: Sendable {
    var catalogue: IndicatorCatalogue
    var rules: [ValidationRule]

    static func load(extensions: [(name: String, content: String)] = []) throws -> StatisticsCatalogue {
        var catalogue = try IndicatorCatalogue.load()
        for file in extensions { catalogue = try catalogue.extended(with: file.content, file: file.name) }
        return StatisticsCatalogue(catalogue: catalogue, rules: try ValidationRule.load(catalogue: catalogue))
    }

    /// The form a period is reported on: the start-of-year form for the census day, the end-of-year one for 31/05.
    func form(for period: Period) -> ReportForm? { catalogue.forms.first { $0.periodKind == period.kind } }

    /// The count indicators a unit enters on the period's form, in form order.
    func entered(by unit: Unit, period: Period) -> [Indicator] {
        entered(kind: unit.unitKind, levels: unit.levelSet, period: period)
    }

    func entered(kind: UnitKind, levels: Set<SchoolLevel>, period: Period) -> [Indicator] {
        guard let form = form(for: period) else { return [] }
        // A commune or a department enters what it oversees for every level (population by age band).
        let levels = levels.isEmpty ? Set(SchoolLevel.allCases) : levels
        return catalogue.indicators(for: kind, levels: levels, form: form.code, year: period.schoolYear).filter(\.isCount)
    }

    /// The cells of the given indicators in the form's order, the first of each section carrying its title.
    func cells(of indicators: [Indicator], period: Period) -> [StatisticsSheet.Cell] {
        let codes = Set(indicators.map(\.code)), catalogue = catalogue.edition(for: period.schoolYear)
        var cells: [StatisticsSheet.Cell] = [], placed = Set<String>()
        for section in form(for: period)?.sections ?? [] {
            var title: String? = "\(section.number). \(section.nameVI) (\(section.level.rawValue))"
            for code in section.indicatorCodes where codes.contains(code) && placed.insert(code).inserted {
                guard let indicator = catalogue[code] else { continue }
                for breakdown in [nil] + indicator.breakdowns.keys.map(Optional.some) {
                    let label = indicator.nameVI + (breakdown.map { " – " + StatisticsText.breakdown($0) } ?? "")
                    cells.append(.init(key: FigureKey(code, breakdown), label: label, unit: indicator.unit, section: title))
                    title = nil
                }
            }
        }
        return cells
    }
}

/// The served catalogue, kept per process and read again when the number of applied files in the
/// database changed: a file applied through one process reaches every other at its next request.
final class StatisticsCatalogueCache: Sendable {
    private let cached = NIOLockedValueBox<(files: Int, statistics: StatisticsCatalogue)?>(nil)

    func statistics(on db: any Database) async throws -> StatisticsCatalogue {
        let files = try await db.sql.raw("SELECT COUNT(*) AS n FROM stat_catalogue_files").first()?.decode(column: "n", as: Int.self) ?? 0
        if let hit = cached.withLockedValue({ $0 }), hit.files == files { return hit.statistics }
        let rows = try await db.sql.raw("SELECT file_name, content FROM stat_catalogue_files ORDER BY applied_at, id").all()
        let statistics = try StatisticsCatalogue.load(extensions: try rows.map {
            (try $0.decode(column: "file_name", as: String.self), try $0.decode(column: "content", as: String.self))
        })
        cached.withLockedValue { $0 = (files, statistics) }
        return statistics
    }
}

private struct StatisticsCatalogueKey: StorageKey { typealias Value = StatisticsCatalogueCache }

extension Application {
    /// Set once at start-up (`configure`), before any request.
    var statisticsCache: StatisticsCatalogueCache {
        get { storage[StatisticsCatalogueKey.self]! }
        set { storage[StatisticsCatalogueKey.self] = newValue }
    }

    func statistics() async throws -> StatisticsCatalogue { try await statisticsCache.statistics(on: db) }
}

extension Request {
    func statistics() async throws -> StatisticsCatalogue { try await application.statisticsCache.statistics(on: db) }
}

/// Writes of statistics: a draft saved, a report submitted, approved, returned or reopened. Each write,
/// its kept sums and its audit entry are one transaction.
enum StatisticsService {
    struct Saved: Sendable {
        var status: ReportStatus
        var findings: [Finding]
    }

    /// Saves the unit's figures of the period as a draft: refused whole (422, every fault named) on an
    /// unknown cell or a hard error; warnings are returned, with the explanations given so far.
    static func save(_ figures: Figures, explanations: [String: String], unit: Unit, period: Period, actor: ReportActor,
                     by auditActor: AuditActor, statistics: StatisticsCatalogue, today: Day, on db: any Database) async throws -> Saved {
        let entered = statistics.entered(by: unit, period: period)
        try checkCells(figures, against: entered)
        let lastYear = try await lastYearFigures(of: unit, period: period, on: db)
        let findings = Validator.check(figures, lastYear: lastYear, unitLevels: unit.levelSet,
                                       catalogue: statistics.catalogue.edition(for: period.schoolYear), rules: statistics.rules)
        let errors = findings.filter { $0.severity == .error }
        guard errors.isEmpty else { throw AppError.statisticsRejected(errors.map(AppError.IndicatorError.init)) }
        let report = try await report(of: unit, period: period, on: db)
        let status = try await transition(report, .save, actor: actor, period: period, statistics: statistics, today: today, on: db)
        let before = snapshot(report, try await StatisticsStore.figures(of: unit.requireID(), period: period.code, in: db))
        report.status = status.rawValue
        report.explanationMap = explanations.mapValues(TextKeys.cleanText).filter { !$0.value.isEmpty }
        try await db.transaction { tx in
            try await report.save(on: tx)
            try await StatisticsStore.replace(figures, of: unit.requireID(), period: period.code, in: tx)
            try await AuditLog.record(.entry(.saveFigures, .report, record: "\(unit.code) \(period.code)", unitID: unit.id,
                                             before: before, after: snapshot(report, figures)), by: auditActor, on: tx)
        }
        return Saved(status: status, findings: findings)
    }

    /// Nộp, duyệt, trả lại, mở lại. Submitting needs every warning explained; a submitted report counts
    /// in the sums of its unit and every ancestor at once, and leaves them in the transaction that
    /// returns it (or reopens it, once approved).
    static func act(_ action: ReportAction, unit: Unit, period: Period, actor: ReportActor, reason: String?,
                    by auditActor: AuditActor, statistics: StatisticsCatalogue, now: Date, on db: any Database) async throws -> ReportStatus {
        let today = Day.today(now: now)
        let report = try await report(of: unit, period: period, on: db)
        guard report.id != nil || action == .save else {
            throw AppError.conflict(field: "period", message: "Đơn vị \(unit.name) chưa có báo cáo \(period.nameVI).")
        }
        let figures = try await StatisticsStore.figures(of: unit.requireID(), period: period.code, in: db)
        var explained = true
        if action == .submit {
            guard !figures.isEmpty else {
                throw AppError.conflict(field: "values", message: "Báo cáo \(period.nameVI) chưa có số liệu: không thể nộp.")
            }
            let findings = Validator.check(figures, lastYear: try await lastYearFigures(of: unit, period: period, on: db),
                                           unitLevels: unit.levelSet, catalogue: statistics.catalogue.edition(for: period.schoolYear),
                                           rules: statistics.rules)
            explained = Validator.warningsExplained(findings, explanations: report.explanationMap)
        }
        let cleanReason = reason.map(TextKeys.cleanText)
        let old = report.reportStatus, oldState = report.state
        let status = try await transition(report, action, actor: actor, period: period, statistics: statistics, today: today,
                                          warningsExplained: explained, reason: cleanReason, on: db)
        let before = snapshot(report, nil)
        report.status = status.rawValue
        if action == .return || action == .reopen { report.reason = cleanReason }
        // The application's clock, not the machine's: whether a report was late follows the day it is judged on.
        if action == .submit { report.submittedAt = now }
        if action == .approve { report.approvedAt = now }
        try await db.transaction { tx in
            try await report.save(on: tx)
            if old.countsInRollUp != status.countsInRollUp {
                try await StatisticsStore.count(unit, period: period, sign: status.countsInRollUp ? 1 : -1, in: tx)
            }
            let due = try await StatisticsStore.window(for: period, form: statistics.form(for: period), in: tx)?.due ?? period.first
            try await StatisticsStore.moveProgress(unit, period: period, due: due, from: oldState, to: report.state, in: tx)
            try await AuditLog.record(.entry(AuditAction(action), .report, record: "\(unit.code) \(period.code)", unitID: unit.id,
                                             before: before, after: snapshot(report, nil)), by: auditActor, on: tx)
        }
        return status
    }

    // MARK: - Helpers

    static func report(of unit: Unit, period: Period, on db: any Database) async throws -> StatReport {
        try await StatReport.query(on: db).filter(\.$unit.$id == unit.requireID()).filter(\.$period == period.code).first()
            ?? StatReport(unitID: unit.requireID(), period: period.code)
    }

    /// The same period of the year before (the change rule compares with it).
    static func lastYearPeriod(_ period: Period) -> Period? {
        Period(code: period.code.replacingOccurrences(of: period.schoolYear.name, with: period.schoolYear.previous.name))
    }

    private static func lastYearFigures(of unit: Unit, period: Period, on db: any Database) async throws -> Figures? {
        guard let previous = lastYearPeriod(period) else { return nil }
        let figures = try await StatisticsStore.figures(of: unit.requireID(), period: previous.code, in: db)
        return figures.isEmpty ? nil : figures
    }

    private static func transition(_ report: StatReport, _ action: ReportAction, actor: ReportActor, period: Period,
                                   statistics: StatisticsCatalogue, today: Day, warningsExplained: Bool = true,
                                   reason: String? = nil, on db: any Database) async throws -> ReportStatus {
        let window = try await StatisticsStore.window(for: period, form: statistics.form(for: period), in: db)
        let context = ReportWorkflow.Context(actor: actor, warningsExplained: warningsExplained,
                                             windowOpen: window?.isOpen(on: today) ?? true, reason: reason)
        switch ReportWorkflow.transition(from: report.reportStatus, action, context: context) {
        case .success(let status): return status
        case .failure(let refusal): throw AppError.refused(refusal)
        }
    }

    /// Every cell must be a count indicator of the unit's form and one of its breakdown cells.
    private static func checkCells(_ figures: Figures, against entered: [Indicator]) throws {
        let byCode = Dictionary(uniqueKeysWithValues: entered.map { ($0.code, $0) })
        var faults: [AppError.IndicatorError] = []
        for key in figures.values.keys.sorted() {
            guard let indicator = byCode[key.code] else {
                faults.append(.init(indicator: key.description, message: "Chỉ tiêu \(key.code) không thuộc biểu báo cáo của đơn vị này."))
                continue
            }
            if let breakdown = key.breakdown, !indicator.breakdowns.contains(breakdown) {
                faults.append(.init(indicator: key.description, message: "\(indicator.nameVI) không có ô \"\(breakdown)\"."))
            }
        }
        guard faults.isEmpty else { throw AppError.statisticsRejected(faults) }
    }

    struct Snapshot: Encodable {
        var status: String
        var explanations: [String: String]?
        var reason: String?
        var values: [String: Double]?
    }

    static func snapshot(_ report: StatReport, _ figures: Figures?) -> Snapshot {
        Snapshot(status: report.status, explanations: report.explanationMap.isEmpty ? nil : report.explanationMap, reason: report.reason,
                 values: figures.map { Dictionary(uniqueKeysWithValues: $0.values.map { ($0.key.description, $0.value) }) })
    }
}

extension AppError.IndicatorError {
    init(_ finding: Finding) {
        self.init(indicator: ([finding.indicatorCodes.joined(separator: ",")] + (finding.breakdown.map { [$0] } ?? [])).joined(separator: "."),
                  message: finding.messageVI, key: finding.severity == .warning ? finding.key : nil)
    }
}
