import Fluent
import Foundation
import NamHocDomain
import NamHocText
import SQLKit
import Vapor

/// `namhoc stats bench`: on the database given (the national demo for the figures in docs/PERFORMANCE.md),
/// one indicator of one period by child of the top unit read from the kept sums and summed on the fly
/// (equal, and how much faster), one school's report submitted and returned (every ancestor's sums
/// updated), and one province's Excel workbook imported. Medians of repeated runs, in the same process.
struct StatsBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "runs", help: "Số lần đo (mặc định 30)") var runs: Int?
        @Option(name: "indicator", help: "Chỉ tiêu (mặc định 2105)") var indicator: String?
    }
    var help: String { "Đo tốc độ đọc tổng đang lưu so với tính trực tiếp, và tốc độ nộp một báo cáo." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application, db = app.db, runs = max(3, signature.runs ?? 30), code = signature.indicator ?? "2105"
        try await CommandSupport.prepareDatabase(app)
        guard let period = try await StatisticsStore.periods(in: db).filter({ $0.kind == .census }).dropLast().last,
              let root = try await Unit.query(on: db).filter(\.$code == "BGD").first() else {
            throw CommandFailure("Cần cơ sở dữ liệu mẫu có số liệu (namhoc demo).")
        }
        let children = try await UnitTree.children(of: root.requireID(), on: period.first, counting: false, in: db).map(\.id)
        var kept: [UUID: Double] = [:], fly: [UUID: Double] = [:]
        let keptTime = try await Self.median(runs) {
            let totals = try await StatisticsStore.totals(of: children, periods: [period.code], indicators: [code], breakdowns: [""],
                                                          groupedBy: .none, in: db)[period.code] ?? [:]
            kept = totals.mapValues { $0[""]?[code] ?? 0 }
        }
        let flyTime = try await Self.median(max(3, runs / 5)) {
            let rows = try await db.sql.raw("""
                SELECT ancestor_id, SUM(value) AS value FROM (\(StatisticsStore.expectedSums(period, includingOwn: true))) e
                WHERE ancestor_id IN (\(binds: children)) AND indicator = \(bind: code) AND breakdown = ''
                GROUP BY ancestor_id
                """).all()
            fly = Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(column: "ancestor_id", as: UUID.self), try $0.decode(column: "value", as: Double.self)) })
        }
        let equal = kept.filter { $0.value != 0 } == fly.filter { $0.value != 0 }
        context.console.print("Kỳ \(period.code), chỉ tiêu \(code), \(children.count) đơn vị con của \(root.name):")
        context.console.print("  đọc tổng đang lưu: trung vị \(Self.ms(keptTime)); tính trực tiếp: \(Self.ms(flyTime)); "
                              + "nhanh hơn \(VietnameseFormat.decimal(flyTime / keptTime, fractionDigits: 0)) lần; kết quả \(equal ? "bằng nhau" : "KHÁC NHAU")")
        // One approved school of the period: returned and submitted again, each in its transaction.
        guard let row = try await db.sql.raw("""
            SELECT r.unit_id FROM stat_reports r JOIN units u ON u.id = r.unit_id
            WHERE r.period = \(bind: period.code) AND r.status = 'approved' AND u.kind = 'school' LIMIT 1
            """).first(), let school = try await Unit.find(try row.decode(column: "unit_id", as: UUID.self), on: db) else { return }
        let values = try await StatisticsStore.figures(of: school.requireID(), period: period.code, in: db).values.count
        let ancestors = try await UnitTree.ancestry(of: school.requireID(), on: period.first, in: db).count - 1  // the school itself keeps no sum
        var submit: [Double] = []
        for _ in 0..<runs {
            try await db.transaction { tx in try await StatisticsStore.count(school, period: period, sign: -1, in: tx) }
            let started = DispatchTime.now().uptimeNanoseconds
            try await db.transaction { tx in
                try await tx.sql.raw("UPDATE stat_reports SET status = 'submitted' WHERE unit_id = \(bind: school.requireID()) AND period = \(bind: period.code)").run()
                try await StatisticsStore.count(school, period: period, sign: 1, in: tx)
            }
            submit.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        try await db.sql.raw("UPDATE stat_reports SET status = 'approved' WHERE unit_id = \(bind: school.requireID()) AND period = \(bind: period.code)").run()
        context.console.print("  nộp một báo cáo (\(values) số liệu, \(ancestors) cấp cộng dồn): trung vị \(Self.ms(Self.middle(submit)))")
        let differences = try await StatisticsStore.differences(period, in: db).count
        context.console.print("  kiểm tra sau khi đo: \(differences == 0 ? "mọi tổng khớp" : "\(differences) chênh lệch")")
        try await Self.importWorkbook(of: children, period: period, app: app, context: context)
    }

    /// The workbook of the province with the most reporting units (every school one row, the figures of
    /// `period`), imported into a later year's empty period: parsed from its bytes, checked, written.
    /// Three runs, each into its own year, removed afterwards.
    static func importWorkbook(of provinces: [UUID], period: Period, app: Application, context: CommandContext) async throws {
        let db = app.db, statistics = try await app.statistics()
        var best: (UUID, Int)?
        for id in provinces {
            let count = try await StatisticsStore.progress(under: id, period: period, due: period.first, today: period.first, in: db).expected
            if count > (best?.1 ?? 0) { best = (id, count) }
        }
        guard let best, let province = try await Unit.find(best.0, on: db) else { return }
        let file = try await StatisticsFiles.unitsWorkbook(under: province, period: period, statistics: statistics, in: db)
        var times: [Double] = [], saved = 0, rows = 0
        for ahead in 2...4 {
            let target = Period.census(SchoolYear(startYear: period.schoolYear.startYear + ahead))
            try await StatisticsStore.setWindow(ReportingWindow(form: "", year: target.schoolYear, opens: app.clock.today, closes: target.first.next,
                                                                due: target.first.next), for: target, in: db)
            let started = DispatchTime.now().uptimeNanoseconds
            var read = try StatisticsFiles.read(file.data, filename: "bench.xlsx")
            read.period = target
            let summary = try await StatisticsImport.run(read, under: province, expected: nil, by: .commandLine, statistics: statistics,
                                                         today: app.clock.today, dryRun: false, on: db)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            saved = summary.saved.count
            rows = read.entries.count
            for table in ["stat_values", "stat_reports", "stat_windows"] {
                try await db.sql.raw("DELETE FROM \(ident: table) WHERE period = \(bind: target.code)").run()
            }
        }
        context.console.print("  nhập biểu Excel của \(province.name) (\(VietnameseFormat.integer(rows)) dòng, \(VietnameseFormat.integer(saved)) đơn vị được lưu, "
                              + "\(VietnameseFormat.decimal(Double(file.data.count) / 1_048_576, fractionDigits: 1)) MB): trung vị \(ms(middle(times)))")
    }

    static func median(_ runs: Int, _ body: () async throws -> Void) async throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let started = DispatchTime.now().uptimeNanoseconds
            try await body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        return middle(times)
    }

    static func middle(_ times: [Double]) -> Double { times.sorted()[times.count / 2] }
    static func ms(_ seconds: Double) -> String { VietnameseFormat.decimal(seconds * 1000, fractionDigits: 2) + " ms" }
}
