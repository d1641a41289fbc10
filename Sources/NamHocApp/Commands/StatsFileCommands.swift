import Fluent
import NamHocDomain
import NamHocOffice
import NamHocText
import Vapor

/// `namhoc stats export` / `namhoc stats import`: the statistics workbook of the web pages, on the
/// command line. The import runs as the server's administrator: it enters drafts on the units' behalf
/// (like staff of a unit above), all or nothing, and never submits.
extension StatsCommands {
    struct Export: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "unit", help: "Mã đơn vị") var unit: String?
            @Option(name: "period", help: "Kỳ báo cáo, ví dụ 2026-2027/census") var period: String?
            @Option(name: "output", help: "Tệp .xlsx ghi ra") var output: String?
            @Flag(name: "below", help: "Mỗi dòng một đơn vị báo cáo trực thuộc (thay cho biểu của chính đơn vị)") var below: Bool
        }
        var help: String { "Xuất biểu nhập số liệu (kèm số liệu đang lưu): --unit MÃ --period 2026-2027/census --output TỆP.xlsx [--below]" }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let code = signature.unit, let output = signature.output else { throw CommandFailure("Cần đủ --unit, --period và --output.") }
            let period = try StatsCommands.period(signature.period)
            let app = context.application
            try await CommandSupport.prepareDatabase(app)
            let unit = try await CommandSupport.unit(code, in: app.db)
            let statistics = try await app.statistics()
            let file = signature.below ? try await StatisticsFiles.unitsWorkbook(under: unit, period: period, statistics: statistics, in: app.db)
                : try await StatisticsFiles.unitWorkbook(unit, period: period, statistics: statistics, in: app.db)
            guard FileManager.default.createFile(atPath: output, contents: file.data) else { throw CommandFailure("Không ghi được tệp \"\(output)\".") }
            context.console.print("Đã xuất biểu \(period.nameVI) của \(unit.name) vào \(output).")
        }
    }

    struct Import: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "Tệp .xlsx đã điền") var file: String
            @Option(name: "unit", help: "Chỉ nhận các đơn vị thuộc đơn vị này (mặc định: cả cây)") var unit: String?
            @Flag(name: "check", help: "Chỉ kiểm tra, không ghi") var check: Bool
        }
        var help: String { "Nhập biểu số liệu đã điền (tất cả hoặc không ô nào; lưu thành bản nháp của từng đơn vị)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let data = try CommandSupport.contents(of: signature.file)
            let app = context.application
            try await CommandSupport.prepareDatabase(app)
            let file = try StatisticsFiles.read(data, filename: signature.file)
            let root = try await StatsCommands.root(signature.unit, of: file, in: app.db)
            let summary = try await StatisticsImport.run(file, under: root, expected: nil, by: .commandLine, statistics: try await app.statistics(),
                                                         today: app.clock.today, dryRun: signature.check, on: app.db)
            context.console.print((signature.check ? "Tệp hợp lệ, chưa ghi gì. " : "Đã nhập. ") + StatisticsFilesController.lines(summary).joined(separator: "; ") + ".")
        }
    }

    static func period(_ code: String?) throws -> Period {
        guard let period = code.flatMap(Period.init(reportingCode:)) else {
            throw CommandFailure("Kỳ báo cáo \"\(code ?? "")\" không hợp lệ (dạng 2026-2027/census hoặc 2026-2027/end).")
        }
        return period
    }

    /// The unit named by `--unit`, or the top of the tree above the file's first unit on the period's day.
    static func root(_ code: String?, of file: StatisticsSheet.Read, in db: any Database) async throws -> Unit {
        if let code { return try await CommandSupport.unit(code, in: db) }
        guard let period = file.period, let first = file.entries.first,
              let unit = try await Unit.query(on: db).filter(\.$code == first.code).first() else {
            throw AppError.importRejected(file.faults.isEmpty ? [.init(row: 1, field: nil, message: "Tệp không có số liệu nào.")] : file.faults)
        }
        guard let top = try await UnitTree.ancestry(of: unit.requireID(), on: period.first, in: db).last else { return unit }
        return try await Unit.find(top, on: db) ?? unit
    }
}

extension StatsCommands {
    /// `namhoc stats catalogue FILE`: an administrator extends the indicator catalogue from a CSV or XLSX
    /// file with the columns of indicators.csv (new codes placed with `form`, `level`, `section`; a known
    /// code from a later school year is a new version). Checked whole against the catalogue in force;
    /// applied for every process, recorded in the audit log.
    struct Catalogue: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "Tệp .csv hoặc .xlsx cùng cột với indicators.csv") var file: String
            @Flag(name: "check", help: "Chỉ kiểm tra, không áp dụng") var check: Bool
        }
        var help: String { "Bổ sung danh mục chỉ tiêu từ tệp (chỉ tiêu mới, hoặc phiên bản mới từ một năm học)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let data = try CommandSupport.contents(of: signature.file)
            let app = context.application
            try await CommandSupport.prepareDatabase(app)
            let rows = try TableFile.readRows(data, filename: signature.file)
            let csv = String(decoding: CSVFile.write(header: rows.first ?? [], rows: Array(rows.dropFirst())), as: UTF8.self)
            let name = URL(fileURLWithPath: signature.file).lastPathComponent
            let before = try await app.statistics()
            let after: IndicatorCatalogue
            do { after = try before.catalogue.extended(with: csv, file: name) } catch {
                throw CommandFailure("Tệp không được áp dụng: \(error.messageVI)")
            }
            let added = after.indicators.count - before.catalogue.indicators.count
            guard !signature.check else {
                context.console.print("Tệp hợp lệ, chưa áp dụng: \(added) phiên bản chỉ tiêu mới.")
                return
            }
            try await app.db.transaction { tx in
                try await tx.sql.raw("""
                    INSERT INTO stat_catalogue_files (id, applied_at, actor_name, file_name, content)
                    VALUES (\(bind: UUID()), \(bind: Date()), \(bind: AuditActor.commandLine.name), \(bind: name), \(bind: csv))
                    """).run()
                try await AuditLog.record(.entry(.extendCatalogue, .database, record: name, unitID: nil, before: nil,
                                                 after: ["indicators": after.indicators.suffix(added).map(\.code)]), by: .commandLine, on: tx)
            }
            context.console.print("Đã bổ sung danh mục chỉ tiêu: \(added) phiên bản mới (\(after.indicators.suffix(added).map(\.code).joined(separator: ", "))).")
        }
    }
}
