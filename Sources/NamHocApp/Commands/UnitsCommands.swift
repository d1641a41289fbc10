import Fluent
import NamHocDomain
import NamHocOffice
import Vapor

/// `namhoc units import FILE` / `namhoc units export [--format csv|xlsx] [--output FILE] [--date D]`.
struct UnitsCommands: AsyncCommandGroup {
    var help: String { "Nhập, xuất danh sách đơn vị." }
    var commands: [String: any AnyAsyncCommand] { ["import": Import(), "export": Export()] }

    struct Import: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "Tệp .csv hoặc .xlsx") var file: String
        }
        var help: String { "Nhập danh sách đơn vị từ CSV hoặc XLSX (tất cả hoặc không dòng nào)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let data = try CommandSupport.contents(of: signature.file)
            try await CommandSupport.prepareDatabase(app)
            let rows = try TableFile.readRows(data, filename: signature.file)
            let summary = try await UnitImport.run(rows, by: .commandLine, on: app.db)
            context.console.print("Đã nhập: \(summary.created) đơn vị mới, \(summary.updated) cập nhật, \(summary.moved) đổi cấp trên, \(summary.unchanged) không đổi.")
        }
    }

    struct Export: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "format", help: "csv (mặc định) hoặc xlsx") var format: String?
            @Option(name: "output", help: "Tệp ghi ra (mặc định: đầu ra chuẩn, chỉ với csv)") var output: String?
            @Option(name: "date", help: "Cây đơn vị tại ngày (yyyy-MM-dd hoặc dd/MM/yyyy; mặc định hôm nay)") var date: String?
        }
        var help: String { "Xuất danh sách đơn vị (CSV UTF-8 ra đầu ra chuẩn, hoặc --format xlsx --output TỆP)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let format = signature.format ?? "csv"
            guard format == "csv" || format == "xlsx" else { throw CommandFailure("Định dạng \"\(format)\" không được hỗ trợ: csv hoặc xlsx.") }
            if format == "xlsx" && signature.output == nil { throw CommandFailure("Xuất XLSX cần --output TỆP.") }
            var day = Day.today()
            if let text = signature.date {
                guard let parsed = DayText.parse(text) else { throw CommandFailure("Ngày \"\(text)\" không hợp lệ.") }
                day = parsed
            }
            try await CommandSupport.prepareDatabase(app)
            let rows = try await UnitExport.rows(under: nil, on: day, in: app.db)
            let file = try UnitFiles.export(rows, format: format, title: "Danh sách đơn vị ngày \(day.vietnamese)",
                                            display: try await UnitDisplay.load(on: app.db))
            if let output = signature.output {
                guard FileManager.default.createFile(atPath: output, contents: file.data) else {
                    throw CommandFailure("Không ghi được tệp \"\(output)\".")
                }
                context.console.print("Đã xuất \(rows.count) đơn vị vào \(output).")
            } else {
                FileHandle.standardOutput.write(file.data)
            }
        }
    }
}
