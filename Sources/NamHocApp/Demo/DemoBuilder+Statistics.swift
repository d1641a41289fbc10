import Fluent
import Foundation
import NamHocDemo
import NamHocDomain
import SQLKit

extension DemoBuilder {
    /// Five school years of start-of-year reports for every school and commune of the demo tree, and the
    /// kept sums of each period computed from the generator's figures (the tests prove them equal to the
    /// SQL reference), all written in bulk in the order of the tables' keys. The current year's window is
    /// kept open for a while after the demo is built, so a person can walk the flow school → commune → province.
    static func writeStatistics(tree: DemoTree, ids: [String: UUID], seed: UInt64, today: Day,
                                on db: any Database) async throws -> (reports: Int, values: Int) {
        let statistics = try await StatisticsCatalogueCache().statistics(on: db)
        let currentYear = SchoolYear.containing(today)
        var pending: [DemoReport] = []
        DemoFigures.forEachReport(tree: tree, catalogue: statistics.catalogue, currentYear: currentYear, seed: seed) { pending.append($0) }
        // Rows sorted by the keys they are stored under (the unit's id as text, then the period) are
        // appended to the tables' trees instead of splitting their pages at random.
        let idText = ids.mapValues(\.uuidString)
        pending.sort { (idText[$0.unitCode] ?? "", $0.period) < (idText[$1.unitCode] ?? "", $1.period) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var reportRows = BulkInsert(into: StatReport.schema, columns: [("id", .uuid), ("unit_id", .uuid), ("period", .text), ("status", .text),
                                                                      ("explanations", .text), ("submitted_at", .date), ("approved_at", .date),
                                                                      ("updated_at", .date)], on: db)
        let now = Date()
        for report in pending {
            guard let unitID = ids[report.unitCode], let period = Period(code: report.period) else { continue }
            // Reports counted were submitted before the due day (31/10); approvals a week later.
            let submitted = report.status.countsInRollUp || report.status == .returned
                ? instant(period.first.next.next.next.next.next) : nil
            let approved = report.status == .approved ? instant(Day(year: period.first.year, month: 10, day: 20)!) : nil
            let explanations = report.explanations.isEmpty ? nil
                : (try? encoder.encode(report.explanations)).map { String(decoding: $0, as: UTF8.self) }
            try await reportRows.append(.uuid(UUID()), .uuid(unitID), .text(report.period), .text(report.status.rawValue), .text(explanations),
                                        .date(submitted), .date(approved), .date(now))
        }
        try await reportRows.finish()
        var valueRows = StatisticsStore.valueRows(on: db)
        var sums = DemoSums(tree: tree)
        for report in pending {
            guard let unitID = ids[report.unitCode] else { continue }
            for (key, value) in report.values {
                try await valueRows.append(.uuid(unitID), .text(report.period), .text(key.code), .text(key.breakdown ?? ""), .double(value))
            }
            sums.add(report)
        }
        try await valueRows.finish()
        var sumRows = BulkInsert(into: StatisticsStore.sums, columns: [("ancestor_id", .uuid), ("period", .text), ("indicator", .text),
                                                                      ("breakdown", .text), ("levels", .text), ("ownership", .text),
                                                                      ("value", .double), ("reports", .integer)], on: db)
        // By ancestor, in the order of their ids as stored: a unit's few thousand sums go into the same pages whatever their order.
        let rank = Dictionary(uniqueKeysWithValues: idText.sorted { $0.value < $1.value }.enumerated().map { ($1.key, $0) })
        let rows = sums.rows
        for index in rows.indices.map({ (rank[rows[$0].ancestorCode] ?? 0, $0) }).sorted(by: <).map(\.1) {
            let sum = rows[index]
            guard let ancestorID = ids[sum.ancestorCode] else { continue }
            try await sumRows.append(.uuid(ancestorID), .text(sum.period), .text(sum.key.code), .text(sum.key.breakdown ?? ""),
                                     .text(sum.levels), .text(sum.ownership), .double(sum.value), .integer(sum.reports))
        }
        try await sumRows.finish()
        // The default window of the current census closes on 31/10: the demo keeps it open 60 days more.
        if let form = statistics.catalogue.form(ReportForm.startOfYear) {
            let period = Period.census(currentYear), window = form.defaultWindow(currentYear)
            var closes = today
            for _ in 0..<60 { closes = closes.next }
            closes = max(closes, window.closes)
            try await StatisticsStore.setWindow(ReportingWindow(form: form.code, year: currentYear, opens: window.opens, closes: closes,
                                                                due: window.due), for: period, in: db)
        }
        return (reportRows.written, valueRows.written)
    }

    static func instant(_ day: Day) -> Date {
        var components = DateComponents(year: day.year, month: day.month, day: day.day, hour: 9)
        components.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        return Calendar(identifier: .gregorian).date(from: components) ?? Date()
    }
}
