import Fluent
import Foundation
import NamHocDomain
import Vapor

/// `namhoc plan draft|create|show`: a directive read into a draft plan, saved as a unit's plan, and a
/// plan printed — the plan pages and API on the command line (audited as "namhoc (dòng lệnh)").
struct PlanCommands: AsyncCommandGroup {
    var help: String { "Kế hoạch năm học: đọc văn bản chỉ đạo thành bản nháp, lưu thành kế hoạch của đơn vị, xem kế hoạch, báo cáo giao ban." }
    var commands: [String: any AnyAsyncCommand] { ["draft": Draft(), "create": Create(), "show": Show(), "briefing": BriefingReport()] }

    struct Draft: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "Tệp .txt (mọi bảng mã) hoặc .docx") var file: String
            @Option(name: "year", help: "Năm học khi văn bản không nêu, ví dụ 2025-2026") var year: String?
        }
        var help: String { "In bản nháp kế hoạch (JSON, như POST /api/v1/units/{code}/plan/draft); không ghi gì." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let response = try await PlanCommands.draft(signature.file, year: signature.year, app: context.application)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(response) + Data("\n".utf8))
        }
    }

    struct Create: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "Tệp .txt hoặc .docx của văn bản chỉ đạo") var file: String
            @Option(name: "unit", help: "Mã đơn vị của kế hoạch") var unit: String?
            @Option(name: "year", help: "Năm học khi văn bản không nêu") var year: String?
        }
        var help: String { "Lập kế hoạch của đơn vị từ văn bản chỉ đạo, đúng như bản nháp đề xuất: --unit MÃ TỆP" }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let code = signature.unit else { throw CommandFailure("Cần --unit (mã đơn vị của kế hoạch).") }
            let app = context.application
            let response = try await PlanCommands.draft(signature.file, year: signature.year, app: app)
            let unit = try await CommandSupport.unit(code, in: app.db)
            let year = response.plan.schoolYear.flatMap { SchoolYear($0) } ?? SchoolYear.containing(app.clock.today)
            do {
                let plan = try await PlanService.create(unit: unit, year: year, header: try response.plan.header(),
                                                        tasks: try response.plan.tasks.map { try $0.newTask() },
                                                        catalogue: try await app.statistics().catalogue.edition(for: year), by: .commandLine, on: app.db)
                let count = try await PlanTask.query(on: app.db).filter(\.$plan.$id == plan.requireID()).filter(\.$parent.$id == nil).count()
                context.console.print("Đã lập kế hoạch năm học \(year.name) của \(unit.name): \(count) nhiệm vụ trọng tâm.")
                for note in response.draft.notes { context.console.print("Lưu ý: \(note.message)") }
            } catch let error as AppError {
                throw CommandFailure(error.messageVI)
            }
        }
    }

    struct Show: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "unit", help: "Mã đơn vị") var unit: String?
            @Option(name: "year", help: "Năm học, ví dụ 2025-2026 (mặc định năm học hiện tại)") var year: String?
        }
        var help: String { "In kế hoạch của đơn vị: nhiệm vụ, thời hạn, tình trạng." }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let code = signature.unit else { throw CommandFailure("Cần --unit (mã đơn vị).") }
            let app = context.application
            let (unit, plan, year) = try await PlanCommands.plan(of: code, year: signature.year, app: app)
            let body = try await PlanView.body(of: plan, unit: unit, today: app.clock.today, statistics: try await app.statistics(), on: app.db)
            context.console.print("Kế hoạch năm học \(year.name) – \(unit.name)" + (body.theme.isEmpty ? "" : ": “\(body.theme)”"))
            for task in body.tasks {
                context.console.print("\(task.parentID == nil ? "" : "    ")\(task.label). \(task.title) — \(task.statusName)"
                                      + (task.deadlineVI.map { ", thời hạn \($0)" } ?? ""))
            }
        }
    }

    struct BriefingReport: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "unit", help: "Mã đơn vị") var unit: String?
            @Option(name: "period", help: "Kỳ báo cáo, ví dụ 2026-Q4, 2026-11 hoặc 2026-2027/HK1") var period: String?
            @Option(name: "year", help: "Năm học của kế hoạch (mặc định năm học hiện tại)") var year: String?
            @Option(name: "output", help: "Tệp .docx ghi ra") var output: String?
        }
        var help: String { "Lập báo cáo giao ban của đơn vị cho một kỳ (DOCX, thể thức Nghị định 30/2020): --unit MÃ --period 2026-Q4 --output TỆP.docx" }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let code = signature.unit, let output = signature.output else { throw CommandFailure("Cần đủ --unit, --period và --output.") }
            guard let period = signature.period.flatMap(Period.init(code:)), [.quarter, .month, .semester].contains(period.kind) else {
                throw CommandFailure("Kỳ báo cáo \"\(signature.period ?? "")\" không hợp lệ: dạng 2026-Q4 (quý), 2026-11 (tháng) hoặc 2026-2027/HK1 (học kỳ).")
            }
            let app = context.application
            let (unit, plan, _) = try await PlanCommands.plan(of: code, year: signature.year, app: app)
            let sections = try await Briefing.sections(of: plan, unit: unit, period: period, today: app.clock.today, statistics: try await app.statistics(),
                                                       on: app.db)
            let path = try await UnitTree.path(to: unit.requireID(), on: app.clock.today, in: app.db)
            let data = try Briefing.document(sections, unit: unit, parentName: path.dropLast().last?.name, place: Briefing.place(onPath: path),
                                             period: period, signer: unit.headName ?? "", now: app.clock.now())
            guard FileManager.default.createFile(atPath: output, contents: data) else { throw CommandFailure("Không ghi được tệp \"\(output)\".") }
            context.console.print("Đã lập báo cáo giao ban \(period.nameVI) của \(unit.name) vào \(output).")
        }
    }

    /// The unit's plan of `year` (the current school year when not given), or a Vietnamese refusal.
    static func plan(of code: String, year text: String?, app: Application) async throws -> (Unit, Plan, SchoolYear) {
        try await CommandSupport.prepareDatabase(app)
        let unit = try await CommandSupport.unit(code, in: app.db)
        let year = try self.year(text) ?? SchoolYear.containing(app.clock.today)
        guard let plan = try await PlanStore.plan(of: unit.requireID(), year: year, on: app.db) else {
            throw CommandFailure("\(unit.name) chưa có kế hoạch năm học \(year.name).")
        }
        return (unit, plan, year)
    }

    static func year(_ text: String?) throws -> SchoolYear? {
        guard let text else { return nil }
        guard let year = SchoolYear(text) else { throw CommandFailure("Năm học \"\(text)\" không hợp lệ (dạng 2025-2026).") }
        return year
    }

    static func draft(_ file: String, year: String?, app: Application) async throws -> DraftResponse {
        let data = try CommandSupport.contents(of: file)
        try await CommandSupport.prepareDatabase(app)
        do {
            return try PlanDrafts.draft(try DirectiveFile.text(data, filename: file),
                                        year: try self.year(year) ?? SchoolYear.containing(app.clock.today),
                                        catalogue: try await app.statistics().catalogue)
        } catch let error as AppError {
            throw CommandFailure(error.messageVI)
        }
    }
}
