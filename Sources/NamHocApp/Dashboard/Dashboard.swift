import Crypto
import Fluent
import Foundation
import NamHocDomain
import Vapor

/// What a unit's dashboard (trung tâm điều hành) shows, as numbers: the API's JSON, formatted by the page.
/// Everything is read from kept rows — sums and completeness per ancestor and period, figures on today's
/// tree once summed (`DashboardStore.comparable`) — and indexed lookups; nothing walks the subtree on
/// the default basis.
struct DashboardBody: Content {
    /// Whose tree the figures follow: the period's (as published) or today's (after the 2025 reform, last
    /// year's figures of the units that make the unit today).
    enum Basis: String, Content, CaseIterable {
        case period, today

        var nameVI: String { self == .period ? "Theo địa giới tại kỳ báo cáo (số đã công bố)" : "Theo địa giới hiện nay (so sánh được)" }
    }

    struct UnitRef: Content { var code: String; var name: String; var kind: String }
    /// A headline figure of all levels together, with last year's on the same basis.
    struct Figure: Content {
        var measure: String
        var name: String
        var value: Double?
        var lastYear: Double?
        /// Percent against last year, nil without a base.
        var change: Double?
    }
    struct Level: Content {
        var level: String
        var name: String
        /// By measure (`Headline.Measure`), where the level has a figure.
        var values: [String: Double]
        var lastYear: [String: Double]
    }
    /// A column of the heat table: a ratio or rate of one level.
    struct Column: Content {
        var level: String
        var measure: String
        var code: String
        var name: String
        /// The norm or target the colours measure against ("≤ 35", "2,25 ± 25 %", "chỉ tiêu 60").
        var reference: String?
    }
    struct Cell: Content {
        var value: Double?
        /// `NormDistance` of the value, nil where nothing is judged.
        var standing: String?
    }
    struct Child: Content {
        var code: String
        var name: String
        var kind: String
        /// Pupils, teachers, classes, schools of all levels (`Headline.Measure` counts).
        var totals: [String: Double]
        /// One per column, in column order.
        var cells: [Cell]
        /// For a school or centre: its own report's status; otherwise the kept completeness below it.
        var reportStatus: String?
        var expected: Int
        var submitted: Int
        var approved: Int
        var late: Int
    }
    struct TrendPoint: Content {
        var period: String
        var schoolYear: String
        var totals: [String: Double]
    }
    struct Completeness: Content {
        var expected: Int
        var submitted: Int
        var approved: Int
        var late: Int
        var due: String?
        /// The children with late reports below them (or late themselves), most late first.
        var lateUnits: [LateUnit]
    }
    struct LateUnit: Content { var code: String; var name: String; var late: Int; var expected: Int }
    struct Tasks: Content {
        var total: Int
        /// By `TaskStatus` raw value.
        var counts: [String: Int]
        var overdue: [TaskRef]
    }
    struct TaskRef: Content { var id: UUID; var label: String; var title: String; var deadline: String?; var status: String }

    var unit: UnitRef
    var period: String
    var periodName: String
    var basis: Basis
    var generatedAt: Date
    /// Changes whenever a figure shown changes: the wall screen reloads when it does.
    var stamp: String
    var headline: [Figure]
    var levels: [Level]
    var columns: [Column]
    var children: [Child]
    var trend: [TrendPoint]
    var completeness: Completeness
    var tasks: Tasks?
    var targets: [PlanBody.TargetBody]
}

enum Dashboard {
    /// The ratios and rates of the heat table, in this order, for each level that has them.
    static let heatMeasures: [Headline.Measure] = [.pupilsPerClass, .teachersPerClass, .standardShare, .enrolment]
    static let trendYears = 5

    static func body(of unit: Unit, period: Period, basis: DashboardBody.Basis, today: Day, now: Date, statistics: StatisticsCatalogue,
                     on db: any Database) async throws -> DashboardBody {
        let unitID = try unit.requireID()
        let catalogue = statistics.catalogue.edition(for: period.schoolYear)
        let cells = Set(Headline.codes.flatMap(catalogue.cellsRead(by:)))
        let indicators = Set(cells.map(\.code)), breakdowns = Set(cells.map { $0.breakdown ?? "" })
        let last = StatisticsService.lastYearPeriod(period)
        let trendPeriods = (0..<trendYears).reversed().compactMap { back -> Period? in
            back == 0 ? period : Period(code: period.code.replacingOccurrences(of: period.schoolYear.name,
                                                                               with: SchoolYear(startYear: period.schoolYear.startYear - back).name))
        }
        let day = basis == .period ? period.first : today
        let children = try await UnitTree.children(of: unitID, on: day, counting: false, in: db)
        let childIDs = children.map(\.id)

        // The unit's figures over the years, and its children's of the period, on the basis chosen.
        var own: [String: Figures] = [:], childFigures: [UUID: Figures] = [:]
        let periods = Array(Set(trendPeriods.map(\.code) + (last.map { [$0.code] } ?? [])))
        switch basis {
        case .period:
            let totals = try await StatisticsStore.totals(of: [unitID], periods: periods, indicators: indicators, breakdowns: breakdowns,
                                                          groupedBy: .none, in: db)
            own = totals.compactMapValues { $0[unitID]?[""] }
            let below = try await StatisticsStore.totals(of: childIDs, periods: [period.code], indicators: indicators, breakdowns: breakdowns,
                                                         groupedBy: .none, in: db)
            childFigures = below[period.code]?.compactMapValues { $0[""] } ?? [:]
        case .today:
            own = try await DashboardStore.comparable(under: [unitID], today: today, periods: periods, indicators: indicators, in: db)
                .compactMapValues { $0[unitID] }
            childFigures = try await DashboardStore.comparable(under: childIDs, today: today, periods: [period.code], indicators: indicators,
                                                               in: db)[period.code] ?? [:]
        }
        let now_ = own[period.code] ?? Figures(), before = last.flatMap { own[$0.code] }

        // Headline and levels.
        let measures = Headline.Measure.allCases.filter(\.isCount)
        let headline = measures.map { measure in
            let value = Headline.total(measure, in: now_, catalogue: catalogue)
            let lastYear = before.flatMap { Headline.total(measure, in: $0, catalogue: catalogue) }
            return DashboardBody.Figure(measure: measure.rawValue, name: measure.nameVI, value: value, lastYear: lastYear,
                                        change: value.flatMap { v in lastYear.flatMap { Change(current: v, previous: $0).percent } })
        }
        func values(_ level: HeadlineLevel, _ figures: Figures?) -> [String: Double] {
            guard let figures else { return [:] }
            var result: [String: Double] = [:]
            for (measure, code) in level.codes { result[measure.rawValue] = figures.value(code, in: catalogue) }
            return result
        }
        let levels = Headline.levels.map {
            DashboardBody.Level(level: $0.level.rawValue, name: $0.level.nameVI, values: values($0, now_), lastYear: values($0, before))
        }.filter { !$0.values.isEmpty || !$0.lastYear.isEmpty }

        // The plan of the year: tasks by status, the overdue ones, targets against the figures.
        var tasks: DashboardBody.Tasks?, targets: [PlanBody.TargetBody] = []
        if let plan = try await PlanStore.plan(of: unitID, year: period.schoolYear, on: db) {
            let planBody = try await PlanView.body(of: plan, unit: unit, today: today, statistics: statistics, on: db)
            tasks = DashboardBody.Tasks(
                total: planBody.tasks.count,
                counts: Dictionary(grouping: planBody.tasks, by: \.status).mapValues(\.count),
                overdue: planBody.tasks.filter { $0.status == TaskStatus.overdue.rawValue }.map {
                    .init(id: $0.id, label: $0.label, title: $0.title, deadline: $0.deadline, status: $0.status)
                })
            targets = planBody.tasks.flatMap(\.targets)
        }

        // The heat table: columns where the unit has a figure, judged against a norm or a target to reach.
        let reach = Dictionary(targets.filter { $0.kind == "reach" }.map { ($0.indicator, $0.value) }, uniquingKeysWith: max)
        let columns: [DashboardBody.Column] = Headline.levels.flatMap { level in
            heatMeasures.compactMap { measure -> DashboardBody.Column? in
                guard let code = level.code(measure), now_.value(code, in: catalogue) != nil || childFigures.values.contains(where: { $0.value(code, in: catalogue) != nil })
                else { return nil }
                return DashboardBody.Column(level: level.level.rawValue, measure: measure.rawValue, code: code,
                                            name: "\(measure.nameVI) \(level.level.rawValue)", reference: reference(code, rules: statistics.rules, target: reach[code]))
            }
        }
        func cell(_ column: DashboardBody.Column, _ figures: Figures?) -> DashboardBody.Cell {
            guard let value = figures?.value(column.code, in: catalogue) else { return .init(value: nil, standing: nil) }
            let standing = NormDistance.judge(value, code: column.code, rules: statistics.rules)?.0
                ?? reach[column.code].map { NormDistance.judge(value, target: $0) }
            return .init(value: value, standing: standing?.rawValue)
        }

        // Completeness: kept counts below the unit and below each child; a school child's own report.
        let form = statistics.form(for: period)
        let window = try await StatisticsStore.window(for: period, form: form, in: db)
        let due = window?.due ?? period.first
        let progress = try await StatisticsStore.progress(under: unitID, period: period, due: due, today: today, in: db)
        let standing = try await DashboardStore.progress(of: children, period: period, due: due, today: today, in: db)
        let rows: [DashboardBody.Child] = children.map { child in
            let figures = childFigures[child.id], kept = standing[child.id] ?? .init()
            let totals = Dictionary(uniqueKeysWithValues: measures.compactMap { m in figures.flatMap { Headline.total(m, in: $0, catalogue: catalogue) }.map { (m.rawValue, $0) } })
            return DashboardBody.Child(code: child.code, name: child.name, kind: child.kind, totals: totals, cells: columns.map { cell($0, figures) },
                                       reportStatus: kept.status?.rawValue, expected: kept.expected, submitted: kept.submitted,
                                       approved: kept.approved, late: kept.late)
        }
        let lateUnits = rows.filter { $0.late > 0 }.sorted { ($0.late, $1.code) > ($1.late, $0.code) }
            .map { DashboardBody.LateUnit(code: $0.code, name: $0.name, late: $0.late, expected: $0.expected) }

        var body = DashboardBody(
            unit: .init(code: unit.code, name: try await UnitTree.name(of: unit, on: day, in: db), kind: unit.kind),
            period: period.code, periodName: period.nameVI, basis: basis, generatedAt: Date(timeIntervalSince1970: 0), stamp: "",
            headline: headline, levels: levels, columns: columns, children: rows,
            trend: trendPeriods.map { p in
                .init(period: p.code, schoolYear: p.schoolYear.name,
                      totals: Dictionary(uniqueKeysWithValues: measures.compactMap { m in own[p.code].flatMap { Headline.total(m, in: $0, catalogue: catalogue) }.map { (m.rawValue, $0) } }))
            },
            completeness: .init(expected: progress.expected, submitted: progress.submitted, approved: progress.approved, late: progress.late,
                                due: window?.due.iso, lateUnits: lateUnits),
            tasks: tasks, targets: targets)
        body.stamp = try stamp(of: body)
        body.generatedAt = now
        return body
    }

    /// A digest of everything shown (the time it was made left out): equal digests, equal screens.
    static func stamp(of body: DashboardBody) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let digest = SHA256.hash(data: try encoder.encode(body))
        return digest.prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    /// The words of the norm or target a column is coloured against.
    static func reference(_ code: String, rules: [ValidationRule], target: Double?) -> String? {
        for rule in rules where rule.indicatorCodes.contains(code) {
            guard let norm = rule.threshold else { continue }
            switch rule.check {
            case .ratioMax: return "≤ \(StatisticsText.number(norm, decimals: 2))"
            case .ratioBand: return "\(StatisticsText.number(norm, decimals: 2)) ± \(StatisticsText.number((rule.tolerance ?? 0.25) * 100, decimals: 0)) %"
            default: continue
            }
        }
        return target.map { "chỉ tiêu \(StatisticsText.number($0, decimals: 1))" }
    }
}
