import Fluent
import Foundation
import NamHocDomain
import NamHocText
import Vapor

/// What the statistics page shows: the form (for a unit that enters figures), the totals of the subtree
/// from the kept sums with last year's, completeness of the schools below, and the workflow.
struct StatisticsPage: Encodable {
    struct Option: Encodable { var value: String; var name: String; var selected: Bool }
    struct Cell: Encodable { var name: String; var label: String; var value: String; var lastYear: String }
    struct Row: Encodable { var code: String; var name: String; var unit: String; var total: Cell; var cells: [Cell]; var note: String }
    struct Section: Encodable { var title: String; var rows: [Row] }
    struct Warning: Encodable { var key: String; var message: String; var explanation: String }
    struct Total: Encodable { var code: String; var name: String; var value: String; var lastYear: String; var change: String; var comparable: String }
    struct Late: Encodable { var code: String; var name: String; var status: String; var url: String }

    var unitName: String
    var unitURL: String
    var period: String
    var periodName: String
    var periods: [Option]
    var statusName: String
    var reason: String?
    var hasForm: Bool
    var canEdit: Bool
    var canApprove: Bool
    var canReopen: Bool
    var canImport: Bool
    var unitFileURL: String
    /// Nil for a school or a centre: no units report below it.
    var belowFileURL: String?
    var importURL: String
    var formURL: String
    var submitURL: String
    var approveURL: String
    var returnURL: String
    var reopenURL: String
    var sections: [Section]
    var warnings: [Warning]
    var totals: [Total]
    var expected: String
    var submitted: String
    var approved: String
    var late: [Late]
    var lateCount: String
    var message: String?
    var error: String?

    static func model(_ req: Request, unit: Unit, period: Period, typed: [FigureKey: Double]?) async throws -> StatisticsPage {
        let statistics = try await req.statistics(), unitID = try unit.requireID()
        let catalogue = statistics.catalogue.edition(for: period.schoolYear)
        let report = try await StatisticsService.report(of: unit, period: period, on: req.db)
        let saved = try await StatisticsStore.figures(of: unitID, period: period.code, in: req.db)
        let figures = typed.map(Figures.init) ?? saved
        let lastPeriod = StatisticsService.lastYearPeriod(period)
        var lastOwn = Figures()
        if let lastPeriod { lastOwn = try await StatisticsStore.figures(of: unitID, period: lastPeriod.code, in: req.db) }
        let entered = statistics.entered(by: unit, period: period)
        let actor = try await req.reportActor(for: unit)

        // The form, section by section as the paper form has them.
        let form = statistics.form(for: period)
        let codes = Set(entered.map(\.code))
        var sections: [Section] = []
        for section in form?.sections ?? [] {
            let rows = section.indicatorCodes.filter(codes.contains).compactMap { catalogue[$0] }.map { indicator -> Row in
                func cell(_ breakdown: String?) -> Cell {
                    let key = FigureKey(indicator.code, breakdown)
                    return Cell(name: key.description, label: breakdown.map(StatisticsText.breakdown) ?? "Tổng số",
                                value: figures[indicator.code, breakdown].map(StatisticsText.count) ?? "", lastYear: lastOwn[indicator.code, breakdown].map(StatisticsText.count) ?? "")
                }
                return Row(code: indicator.code, name: indicator.nameVI, unit: indicator.unit, total: cell(nil),
                           cells: indicator.breakdowns.keys.map(cell),
                           note: indicator.parentCode.map { "trong đó của \($0)" } ?? "")
            }
            if !rows.isEmpty { sections.append(Section(title: "\(section.number). \(section.nameVI) (\(section.level.rawValue))", rows: rows)) }
        }

        // Warnings of the saved figures, each with its explanation.
        let findings = saved.isEmpty ? [] : Validator.check(saved, lastYear: lastOwn.isEmpty ? nil : lastOwn, unitLevels: unit.levelSet,
                                                           catalogue: catalogue, rules: statistics.rules)
        let explanations = report.explanationMap
        let warnings = findings.filter { $0.severity == .warning }.map {
            Warning(key: $0.key, message: $0.messageVI, explanation: explanations[$0.key] ?? "")
        }

        // Totals of the subtree from the kept sums, last year as published and on today's tree.
        var seen = Set<String>()
        let shown: [String] = (form?.sections ?? []).flatMap(\.indicatorCodes).filter { seen.insert($0).inserted }
        let needed = Set(shown.flatMap { code in [code] + (catalogue[code]?.formula?.operands.map(\.code) ?? []) })
        let both = try await StatisticsStore.totals(of: [unitID], periods: [period.code] + (lastPeriod.map { [$0.code] } ?? []),
                                                    indicators: needed, groupedBy: .none, in: req.db)
        let now = both[period.code]?[unitID]?[""], before = lastPeriod.flatMap { both[$0.code]?[unitID]?[""] }
        var comparable: Figures?
        if let lastPeriod {
            comparable = try await DashboardStore.comparable(under: [unitID], today: req.today, periods: [lastPeriod.code], indicators: needed,
                                                             in: req.db)[lastPeriod.code]?[unitID]
        }
        let totals: [Total] = shown.compactMap { code in
            guard let indicator = catalogue[code] else { return nil }
            let value = now?.value(code, in: catalogue), last = before?.value(code, in: catalogue)
            let same = comparable.flatMap { $0.isEmpty ? nil : $0.value(code, in: catalogue) }
            guard value != nil || last != nil else { return nil }
            let change = value.flatMap { v in last.map { Change(current: v, previous: $0) } }
            return Total(code: code, name: indicator.nameVI, value: value.map { StatisticsText.value($0, of: indicator) } ?? "—",
                         lastYear: last.map { StatisticsText.value($0, of: indicator) } ?? "—",
                         change: change.flatMap { $0.roundedPercent }.map { ($0 >= 0 ? "+" : "") + VietnameseFormat.decimal($0) + "%" } ?? "",
                         comparable: same.map { StatisticsText.value($0, of: indicator) } ?? "—")
        }

        // Completeness of the schools and centres below: the counts kept, the late ones named.
        let window = try await StatisticsStore.window(for: period, form: form, in: req.db)
        let due = window?.due ?? period.first
        let progress = try await StatisticsStore.progress(under: unitID, period: period, due: due, today: req.today, in: req.db)
        var late: [Late]
        if unit.kind == "ministry" || unit.kind == "department" {
            // Thousands of schools below: the children with late reports under them are named, from kept counts.
            let children = try await UnitTree.children(of: unitID, on: period.first, counting: false, in: req.db)
            let standing = try await DashboardStore.progress(of: children, period: period, due: due, today: req.today, in: req.db)
            late = children.compactMap { child in
                guard let kept = standing[child.id], kept.late > 0 else { return nil }
                let status = kept.expected == 1 && (child.kind == "school" || child.kind == "centre")
                    ? kept.status?.nameVI ?? "Chưa có báo cáo"
                    : "\(VietnameseFormat.integer(kept.late)) muộn / \(VietnameseFormat.integer(kept.expected)) phải nộp"
                return Late(code: child.code, name: child.name, status: status, url: SiteURL.unitStatistics(child.code).url(.period(period)))
            }
        } else {
            late = try await StatisticsStore.lateReporters(under: unitID, period: period, due: due, today: req.today, limit: 200, in: req.db).map {
                Late(code: $0.code, name: $0.name, status: $0.status.flatMap(ReportStatus.init(rawValue:))?.nameVI ?? "Chưa có báo cáo",
                     url: SiteURL.unitStatistics($0.code).url(.period(period)))
            }
        }

        let year = period.schoolYear
        let periods = (0..<5).flatMap { back -> [Period] in
            let y = SchoolYear(startYear: year.startYear + 1 - back)
            return [Period.census(y), Period.yearEnd(y)]
        }.filter { $0.first <= req.today || $0 == period }
        let status = report.id == nil ? nil : report.reportStatus
        let own = actor == .ownOfficer || actor == .ownLeader
        return StatisticsPage(
            unitName: try await UnitTree.name(of: unit, on: period.first, in: req.db), unitURL: SiteURL.unit(unit.code).path,
            period: period.code, periodName: period.nameVI,
            periods: periods.map { Option(value: $0.code, name: "\($0.schoolYear.name) – \($0.kind == .census ? "đầu năm (30/9)" : "cuối năm (31/5)")",
                                          selected: $0 == period) },
            statusName: status?.nameVI ?? "Chưa có báo cáo", reason: status == .returned ? report.reason : nil,
            hasForm: !sections.isEmpty, canEdit: own && (status?.isEditable ?? true), canApprove: actor == .parentLeader && status == .submitted,
            canReopen: actor == .parentLeader && status == .approved,
            canImport: try await req.decide(.enterFigures, on: unit, period: period) == .allowed,
            unitFileURL: SiteURL.unitStatisticsFile(unit.code).url(.period(period)),
            belowFileURL: unit.kind == "school" || unit.kind == "centre" ? nil : SiteURL.unitStatisticsFile(unit.code).url(.period(period), .rowsBelow),
            importURL: SiteURL.unitStatisticsImport(unit.code).url(.period(period)),
            formURL: SiteURL.unitStatistics(unit.code).path, submitURL: SiteURL.unitStatisticsAction(unit.code, .submit).path,
            approveURL: SiteURL.unitStatisticsAction(unit.code, .approve).path, returnURL: SiteURL.unitStatisticsAction(unit.code, .return).path,
            reopenURL: SiteURL.unitStatisticsAction(unit.code, .reopen).path,
            sections: sections, warnings: warnings, totals: totals,
            expected: VietnameseFormat.integer(progress.expected), submitted: VietnameseFormat.integer(progress.submitted),
            approved: VietnameseFormat.integer(progress.approved), late: late, lateCount: VietnameseFormat.integer(progress.late),
            message: nil, error: nil)
    }
}
