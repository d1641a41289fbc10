import Fluent
import NamHocDomain
import NamHocText
import Vapor

/// `namhoc stats verify|rebuild|window|export|import|bench`: the kept sums checked against their
/// on-the-fly reference, recomputed, the reporting windows of a period, the statistics workbook.
struct StatsCommands: AsyncCommandGroup {
    var help: String { "Số liệu thống kê: kiểm tra và tính lại tổng, thời hạn nhận báo cáo, xuất và nhập biểu Excel." }
    var commands: [String: any AnyAsyncCommand] { ["verify": Verify(), "rebuild": Rebuild(), "window": Window(), "bench": StatsBenchCommand(),
                                                    "export": Export(), "import": Import(), "catalogue": Catalogue()] }

    struct Verify: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Tính lại mọi tổng theo cây của từng kỳ và so với tổng đang lưu; báo mọi chênh lệch." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await CommandSupport.prepareDatabase(app)
            var total = 0
            let statistics = try await app.statistics()
            for period in try await StatisticsStore.periods(in: app.db) {
                let differences = try await StatisticsStore.differences(period, in: app.db)
                let due = try await StatisticsStore.window(for: period, form: statistics.form(for: period), in: app.db)?.due ?? period.first
                let progress = try await StatisticsStore.progressDifferences(period, due: due, in: app.db)
                total += differences.count + progress.count
                context.console.print("\(period.code): \(differences.isEmpty ? "tổng khớp" : "\(differences.count) tổng chênh lệch"), "
                                      + "\(progress.isEmpty ? "tiến độ khớp" : "\(progress.count) đơn vị sai tiến độ nộp báo cáo")")
                for (key, kept, expected) in differences.prefix(20) {
                    context.console.print("  \(key): đang lưu \(kept.map { VietnameseFormat.decimal($0, fractionDigits: 0) } ?? "—"), "
                                          + "tính lại \(expected.map { VietnameseFormat.decimal($0, fractionDigits: 0) } ?? "—")")
                }
            }
            guard total == 0 else { throw CommandFailure("Có \(total) chỗ không khớp. Chạy \"namhoc stats rebuild\" để tính lại.") }
            context.console.print("Mọi tổng đều khớp.")
        }
    }

    struct Rebuild: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Tính lại mọi tổng đang lưu từ số liệu đã nộp." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await CommandSupport.prepareDatabase(app)
            try await app.db.transaction { try await StatisticsStore.rebuildAll(in: $0) }
            context.console.print("Đã tính lại tổng của mọi kỳ.")
        }
    }

    struct Window: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "period", help: "Kỳ báo cáo, ví dụ 2026-2027/census") var period: String?
            @Option(name: "opens", help: "Ngày mở (yyyy-MM-dd hoặc dd/MM/yyyy)") var opens: String?
            @Option(name: "closes", help: "Ngày đóng") var closes: String?
            @Option(name: "due", help: "Hạn nộp (mặc định: ngày đóng)") var due: String?
        }
        var help: String { "Đặt thời hạn nhận báo cáo của một kỳ: --period 2026-2027/census --opens 30/09/2026 --closes 31/10/2026" }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard signature.period != nil, let opensText = signature.opens, let closesText = signature.closes else {
                throw CommandFailure("Cần đủ --period, --opens và --closes.")
            }
            let period = try StatsCommands.period(signature.period)
            guard let opens = QueryDay.day(opensText), let closes = QueryDay.day(closesText), opens <= closes,
                  let due = signature.due.map(QueryDay.day) ?? closes else {
                throw CommandFailure("Ngày không hợp lệ: cần ngày mở ≤ ngày đóng, dạng 30/09/2026 hoặc 2026-09-30.")
            }
            let app = context.application
            try await CommandSupport.prepareDatabase(app)
            let window = ReportingWindow(form: "", year: period.schoolYear, opens: opens, closes: closes, due: due)
            try await StatisticsStore.setWindow(window, for: period, in: app.db)
            context.console.print("Kỳ \(period.nameVI): nhận báo cáo từ \(opens.vietnamese) đến \(closes.vietnamese), hạn nộp \(due.vietnamese).")
        }
    }
}
