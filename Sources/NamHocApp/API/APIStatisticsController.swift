import Fluent
import Foundation
import NamHocDomain
import Vapor

/// Statistics for integrators: the catalogue, a unit's figures with last year's, the bulk save and the
/// report workflow. Units come checked from `UnitScopeMiddleware`; writes are checked again on the
/// period's tree.
enum APIStatisticsController {
    struct IndicatorItem: Content {
        var code: String
        var name: String
        var unit: String
        var kind: String
        var numerator: [String]?
        var denominator: [String]?
        var levels: [String]
        var breakdowns: [String]
        var parent: String?
        var confirmed: Bool
    }

    @Sendable static func indicators(req: Request) async throws -> [String: [IndicatorItem]] {
        let statistics = try await req.statistics()
        // The same strict `?year=` as every route (empty means none).
        let year = try QueryDay.parse(date: nil, year: req.query[String.self, at: "year"]).map { SchoolYear(startYear: $0.year) }
        let catalogue = year.map(statistics.catalogue.edition(for:)) ?? statistics.catalogue
        return ["indicators": catalogue.indicators.sorted { $0.code < $1.code }.map { indicator in
            IndicatorItem(code: indicator.code, name: indicator.nameVI, unit: indicator.unit, kind: indicator.kind.rawValue,
                          numerator: indicator.formula.map { $0.numerator.map(\.description) },
                          denominator: indicator.formula.map { $0.denominator.map(\.description) },
                          levels: indicator.levels.map(\.rawValue).sorted(), breakdowns: indicator.breakdowns.keys,
                          parent: indicator.parentCode, confirmed: indicator.confirmed)
        }]
    }

    struct Cell: Content {
        var value: Double?
        var lastYear: Double?
        var change: Double?
        var changePercent: Double?
        /// Last year's figure of the units that make the subtree today (only for `by=none`).
        var lastYearComparable: Double?
    }

    struct Row: Content {
        var key: [String: String]
        var values: [String: Cell]
    }

    struct CompletenessBody: Content {
        var expected: Int
        var submitted: Int
        var approved: Int
        /// How many are late (the page lists them by name).
        var late: Int
    }

    struct ValuesResponse: Content {
        var unit: APIUnitController.UnitSummary
        var period: String
        var status: String?
        var rows: [Row]
        var completeness: CompletenessBody
    }

    @Sendable static func values(req: Request) async throws -> ValuesResponse {
        let unit = try req.scopedUnit, statistics = try await req.statistics()
        let period = try req.statisticsPeriod(req.query[String.self, at: "period"])
        let grouping = try StatisticsStore.Grouping(rawValue: req.query[String.self, at: "by"] ?? "none").orThrow(
            AppError.invalidField(field: "by", message: "Cách nhóm không hợp lệ: none, children, level hoặc ownership."))
        // Last year's figure of today's subtree is summed on the fly (it is not kept): asked for, not given by default.
        let withComparable = try ["true": true, "false": false, nil: false][req.query[String.self, at: "comparable"]].orThrow(
            AppError.invalidField(field: "comparable", message: "Tham số comparable chỉ nhận true hoặc false."))
        let catalogue = statistics.catalogue.edition(for: period.schoolYear)
        let requested = (req.query[String.self, at: "indicators"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let unknown = requested.filter { catalogue[$0] == nil }
        guard unknown.isEmpty else {
            throw AppError.invalidField(field: "indicators", message: "Không có chỉ tiêu \(unknown.joined(separator: ", ")) trong năm học \(period.schoolYear.name).")
        }
        let shown = requested.isEmpty ? catalogue.indicators.map(\.code).sorted() : requested
        // A ratio is read from its summed operands, never from summed ratios.
        let cells = Set(shown.flatMap(catalogue.cellsRead(by:)))
        let needed = Set(cells.map(\.code))
        let unitID = try unit.requireID()
        var groups: [(key: [String: String], id: UUID, group: String)] = []
        switch grouping {
        case .children:
            for child in try await UnitTree.children(of: unitID, on: period.first, counting: false, in: req.db) {
                groups.append((["unit": child.code, "name": child.name], child.id, ""))
            }
        case .none, .level, .ownership:
            groups = [(["unit": unit.code], unitID, "")]
        }
        let ids = groups.map(\.id)
        let lastPeriod = StatisticsService.lastYearPeriod(period)
        let both = try await StatisticsStore.totals(of: ids, periods: [period.code] + (lastPeriod.map { [$0.code] } ?? []),
                                                    indicators: needed, breakdowns: Set(cells.map { $0.breakdown ?? "" }), groupedBy: grouping, in: req.db)
        let now = both[period.code] ?? [:], before = lastPeriod.flatMap { both[$0.code] } ?? [:]
        var comparable: Figures?
        if let lastPeriod {
            if grouping == .none && withComparable {
                comparable = try await StatisticsStore.comparableTotals(under: unitID, today: req.today, period: lastPeriod.code,
                                                                        indicators: needed, in: req.db)
            }
        }
        var rows: [Row] = []
        for group in groups {
            let keys: [String] = switch grouping {
            case .level, .ownership: Set((now[group.id] ?? [:]).keys).union((before[group.id] ?? [:]).keys).sorted()
            case .none, .children: [""]
            }
            for key in keys {
                let current = now[group.id]?[key] ?? Figures(), previous = before[group.id]?[key] ?? Figures()
                var rowKey = group.key
                if grouping == .level { rowKey["levels"] = key }
                if grouping == .ownership { rowKey["ownership"] = key.isEmpty ? "none" : key }
                rows.append(Row(key: rowKey, values: Dictionary(uniqueKeysWithValues: shown.map { code in
                    let value = current.isEmpty ? nil : current.value(code, in: catalogue)
                    let last = previous.isEmpty ? nil : previous.value(code, in: catalogue)
                    let change = value.flatMap { v in last.map { Change(current: v, previous: $0) } }
                    return (code, Cell(value: value, lastYear: last, change: change?.absolute, changePercent: change?.roundedPercent,
                                       lastYearComparable: comparable.flatMap { $0.isEmpty ? nil : $0.value(code, in: catalogue) }))
                })))
            }
        }
        let standing = try await StatisticsStore.standing(of: unitID, period: period, form: statistics.form(for: period), today: req.today, in: req.db)
        let progress = standing.progress
        return ValuesResponse(unit: .init(code: unit.code, name: standing.formerName ?? unit.name, kind: unit.kind),
                              period: period.code, status: standing.status?.rawValue, rows: rows,
                              completeness: .init(expected: progress.expected, submitted: progress.submitted,
                                                  approved: progress.approved, late: progress.late))
    }

    struct SaveBody: Content {
        var period: String
        var values: [String: Double]
        var explanations: [String: String]?
    }

    struct SaveResponse: Content {
        var status: String
        var warnings: [AppError.IndicatorError]
    }

    /// `PUT …/values`: the draft, all or nothing.
    @Sendable static func save(req: Request) async throws -> SaveResponse {
        let unit = try req.scopedUnit, body = try req.content.decode(SaveBody.self)
        let period = try req.statisticsPeriod(body.period)
        var figures: [FigureKey: Double] = [:]
        var faults: [AppError.IndicatorError] = []
        for (text, value) in body.values {
            guard let key = FigureKey(parsing: text) else {
                faults.append(.init(indicator: text, message: "Mã ô \"\(text)\" không hợp lệ (dạng 2105 hoặc 2105.nu)."))
                continue
            }
            figures[key] = value
        }
        guard faults.isEmpty else { throw AppError.statisticsRejected(faults) }
        let saved = try await req.saveFigures(Figures(figures), explanations: body.explanations ?? [:], of: unit, period: period)
        return SaveResponse(status: saved.status.rawValue, warnings: saved.findings.filter { $0.severity == .warning }.map(AppError.IndicatorError.init))
    }

    /// A province's schools in one body are ≈ 1–3 MB of JSON; the default limit (16 KB) is for the rest.
    static let maxBulk: ByteCount = "20mb"

    struct BulkBody: Content {
        var period: String
        /// Unit code → cell → value: every cell of each unit's draft.
        var units: [String: [String: Double]]
        var checkOnly: Bool?
    }

    struct BulkResponse: Content {
        var period: String
        var saved: [String]
        var unchanged: Int
        var withWarnings: [String]
        var checkedOnly: Bool
    }

    /// `POST …/values/bulk`: the drafts of many units of the subtree at once, as the Excel workbook does:
    /// all or nothing, every fault by unit and cell (`import_rejected`, `rows`).
    @Sendable static func bulk(req: Request) async throws -> BulkResponse {
        let unit = try req.scopedUnit, body = try req.content.decode(BulkBody.self)
        let period = try req.statisticsPeriod(body.period)
        var faults: [AppError.RowError] = []
        let entries = body.units.sorted { $0.key < $1.key }.enumerated().map { index, unit in
            var entry = StatisticsSheet.Entry(code: unit.key, row: index + 1)
            for (text, value) in unit.value {
                guard let key = FigureKey(parsing: text) else {
                    faults.append(.init(row: index + 1, field: nil, message: "Mã ô \"\(text)\" không hợp lệ (dạng 2105 hoặc 2105.nu).", cell: text, unit: unit.key))
                    continue
                }
                entry.values[key] = value
                entry.cells[key] = key.description
            }
            return entry
        }
        let summary = try await StatisticsImport.run(StatisticsSheet.Read(period: period, entries: entries, faults: faults), under: unit,
                                                     expected: nil, by: .person(try req.requireUser()), statistics: try await req.statistics(),
                                                     today: req.today, dryRun: body.checkOnly ?? false, on: req.db)
        return BulkResponse(period: period.code, saved: summary.saved, unchanged: summary.unchanged, withWarnings: summary.withWarnings,
                            checkedOnly: body.checkOnly ?? false)
    }

    struct ActionBody: Content {
        var period: String
        var reason: String?
    }

    /// `POST …/reports/{submit|approve|return|reopen}`.
    static func act(_ action: ReportAction) -> @Sendable (Request) async throws -> [String: String] {
        { req in
            let unit = try req.scopedUnit, body = try req.content.decode(ActionBody.self)
            let period = try req.statisticsPeriod(body.period)
            let status = try await req.takeReportStep(action, of: unit, period: period, reason: body.reason)
            return ["status": status.rawValue, "period": period.code, "unit": unit.code]
        }
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let value = self else { throw error() }
        return value
    }
}
