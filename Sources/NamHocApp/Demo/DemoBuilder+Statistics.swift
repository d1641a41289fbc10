import Fluent
import Foundation
import NamHocDemo
import NamHocDomain
import SQLKit

extension DemoBuilder {
    /// Five school years of start-of-year reports for every school and commune of the demo tree, written in
    /// bulk, then the kept sums of each period computed once by SQL. The current year's window is kept open
    /// for a while after the demo is built, so a person can walk the flow school → commune → province.
    static func writeStatistics(tree: DemoTree, ids: [String: UUID], seed: UInt64, today: Day,
                                on db: any Database) async throws -> (reports: Int, values: Int) {
        let statistics = try await StatisticsCatalogueCache().statistics(on: db)
        let currentYear = SchoolYear.containing(today)
        var reportRows: [[any Encodable & Sendable]] = [], valueRows: [[any Encodable & Sendable]] = []
        var reports = 0, values = 0
        func flush(force: Bool) async throws {
            guard force || valueRows.count >= 60_000 else { return }
            try await db.sql.insertRows(into: StatReport.schema, columns: ["id", "unit_id", "period", "status", "explanations", "submitted_at",
                                                                         "approved_at", "updated_at"], rows: reportRows)
            try await db.sql.insertRows(into: StatisticsStore.values, columns: ["unit_id", "period", "indicator", "breakdown", "value"],
                                        rows: valueRows)
            reportRows.removeAll(keepingCapacity: true)
            valueRows.removeAll(keepingCapacity: true)
        }
        var pending: [DemoReport] = []
        DemoFigures.forEachReport(tree: tree, catalogue: statistics.catalogue, currentYear: currentYear, seed: seed) { pending.append($0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for report in pending {
            guard let unitID = ids[report.unitCode], let period = Period(code: report.period) else { continue }
            // Reports counted were submitted before the due day (31/10); approvals a week later.
            let submitted = report.status.countsInRollUp || report.status == .returned
                ? instant(period.first.next.next.next.next.next) : nil
            let approved = report.status == .approved ? instant(Day(year: period.first.year, month: 10, day: 20)!) : nil
            let explanations = report.explanations.isEmpty ? nil
                : (try? encoder.encode(report.explanations)).map { String(decoding: $0, as: UTF8.self) }
            reportRows.append([UUID(), unitID, report.period, report.status.rawValue, explanations, submitted, approved, Date()])
            for (key, value) in report.values { valueRows.append([unitID, report.period, key.code, key.breakdown ?? "", value]) }
            reports += 1
            values += report.values.count
            try await flush(force: false)
        }
        try await flush(force: true)
        for period in try await StatisticsStore.periods(in: db) { try await StatisticsStore.rebuild(period, in: db) }
        // The default window of the current census closes on 31/10: the demo keeps it open 60 days more.
        if let form = statistics.catalogue.form(ReportForm.startOfYear) {
            let period = Period.census(currentYear), window = form.defaultWindow(currentYear)
            var closes = today
            for _ in 0..<60 { closes = closes.next }
            closes = max(closes, window.closes)
            try await StatisticsStore.setWindow(ReportingWindow(form: form.code, year: currentYear, opens: window.opens, closes: closes,
                                                                due: window.due), for: period, in: db)
        }
        return (reports, values)
    }

    private static func instant(_ day: Day) -> Date {
        var components = DateComponents(year: day.year, month: day.month, day: day.day, hour: 9)
        components.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        return Calendar(identifier: .gregorian).date(from: components) ?? Date()
    }
}
