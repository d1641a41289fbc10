import Fluent
import Foundation
import NamHocDomain
import NamHocOffice
import Vapor

/// `namhoc emulation rules|check|import-staff|add-rules|assign`: the emulation pages and API on the command
/// line (writes audited as "namhoc (dòng lệnh)").
struct EmulationCommands: AsyncCommandGroup {
    var help: String { "Thi đua, khen thưởng: bộ quy tắc, xét điều kiện một hồ sơ, nhập hồ sơ cán bộ, thêm bộ quy tắc, chọn bộ quy tắc cho năm học." }
    var commands: [String: any AnyAsyncCommand] {
        ["rules": Rules(), "check": Check(), "import-staff": ImportStaff(), "add-rules": AddRules(), "assign": Assign()]
    }

    struct Rules: AsyncCommand {
        struct Signature: CommandSignature {
            @Flag(name: "unconfirmed", help: "Chỉ in các quy tắc chưa kiểm chứng") var unconfirmed: Bool
        }
        var help: String { "In các bộ quy tắc, mỗi quy tắc với điều khoản căn cứ; --unconfirmed: chỉ những quy tắc chưa kiểm chứng." }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await CommandSupport.prepareDatabase(context.application)
            for set in try await EmulationStore.book(on: context.application.db).sets {
                context.console.print("\(set.id): \(set.name) — hiệu lực từ \(set.from.vietnamese)\(set.to.map { " đến \($0.vietnamese)" } ?? "")")
                for award in set.awards {
                    let rules = award.rules.filter { !signature.unconfirmed || !$0.confirmed }
                    guard !rules.isEmpty else { continue }
                    context.console.print("  \(award.award.vietnamese) (\(award.article)):")
                    for rule in rules {
                        context.console.print("    \(rule.confirmed ? "✓" : "?") \(rule.id): \(rule.text) [\(rule.article)]")
                    }
                }
            }
        }
    }

    struct Check: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "Tệp JSON như thân của POST /api/v1/emulation/eligibility") var file: String
            @Flag(name: "json", help: "In kết quả dạng JSON") var json: Bool
        }
        var help: String { "Xét điều kiện một hồ sơ (cá nhân hoặc tập thể) và in từng quy tắc với căn cứ; không ghi gì." }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await CommandSupport.prepareDatabase(context.application)
            let data = try CommandSupport.contents(of: signature.file)
            let body: APIEmulationController.EligibilityRequest
            do { body = try JSONDecoder().decode(APIEmulationController.EligibilityRequest.self, from: data) } catch {
                throw CommandFailure("Tệp \(signature.file) không hợp lệ: \(error)")
            }
            let db = context.application.db
            let set = try await EmulationStore.ruleSet(body.ruleSet, for: body.year, on: db)
            guard let candidate = body.person.map(Eligibility.Candidate.person) ?? body.collective.map(Eligibility.Candidate.collective) else {
                throw CommandFailure("Tệp cần \"person\" hoặc \"collective\".")
            }
            let verdict = Eligibility(ruleSet: set).judge(body.award, year: body.year, candidate: candidate, cap: body.cap)
            if signature.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try encoder.encode(verdict) + Data("\n".utf8))
                return
            }
            context.console.print("\(body.award.vietnamese), năm học \(body.year.name), theo \(set.name): "
                                  + (verdict.eligible ? "ĐỦ ĐIỀU KIỆN" : "CHƯA ĐỦ ĐIỀU KIỆN"))
            for check in verdict.checks { print(check, depth: 1, console: context.console) }
        }

        private func print(_ check: NamHocDomain.Check, depth: Int, console: any Console) {
            let pad = String(repeating: "  ", count: depth)
            console.print("\(pad)\(check.passed ? "✓" : "✗") \(check.text)\(check.article.isEmpty ? "" : " [\(check.article)]")\(check.confirmed ? "" : " (chưa kiểm chứng)")")
            for fact in check.facts { console.print("\(pad)    – \(fact)") }
            for part in check.parts { print(part, depth: depth + 2, console: console) }
        }
    }

    struct ImportStaff: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "Tệp .xlsx hoặc .csv, mỗi dòng một cán bộ") var file: String
            @Option(name: "unit", help: "Mã đơn vị") var unit: String?
            @Flag(name: "check", help: "Chỉ kiểm tra, chưa ghi") var check: Bool
        }
        var help: String { "Nhập hồ sơ thi đua của cán bộ một đơn vị (tất cả hoặc không, lỗi theo ô): --unit MÃ TỆP" }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await CommandSupport.prepareDatabase(context.application)
            guard let code = signature.unit else { throw CommandFailure("Cần --unit (mã đơn vị).") }
            let data = try CommandSupport.contents(of: signature.file)
            let app = context.application
            let unit = try await CommandSupport.unit(code, in: app.db)
            // A refused file's faults are printed by cell by the commands' error printer.
            let summary = try await StaffImport.run(try TableFile.readRows(data, filename: signature.file), unitID: try unit.requireID(),
                                                    by: .commandLine, dryRun: signature.check, on: app.db)
            context.console.print("\(signature.check ? "Tệp hợp lệ, chưa ghi" : "Đã nhập"): \(summary.created) cán bộ mới, \(summary.updated) cán bộ cập nhật.")
        }
    }

    struct AddRules: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "Tệp JSON của bộ quy tắc (dạng như Resources/emulation/*.json)") var file: String
        }
        var help: String { "Thêm (hoặc thay) một bộ quy tắc cho căn cứ pháp lý mới, không cần sửa mã." }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await CommandSupport.prepareDatabase(context.application)
            let data = try CommandSupport.contents(of: signature.file)
            let set = try await EmulationStore.add(data, file: signature.file, by: .commandLine, on: context.application.db)
            context.console.print("Đã thêm bộ quy tắc \(set.id): \(set.name) (\(set.unconfirmed.count) quy tắc chưa kiểm chứng).")
        }
    }

    struct Assign: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "year", help: "Năm học, ví dụ 2026-2027") var year: String?
            @Option(name: "rule-set", help: "Mã bộ quy tắc, ví dụ nd152-2025") var ruleSet: String?
        }
        var help: String { "Chọn bộ quy tắc xét cho một năm học (mặc định: bộ có hiệu lực vào cuối năm học)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await CommandSupport.prepareDatabase(context.application)
            guard let text = signature.year, let year = SchoolYear(text) else { throw CommandFailure("Cần --year dạng 2026-2027.") }
            guard let id = signature.ruleSet else { throw CommandFailure("Cần --rule-set (xem namhoc emulation rules).") }
            try await EmulationStore.assign(id, to: year, by: .commandLine, on: context.application.db)
            context.console.print("Năm học \(year.name) xét theo bộ quy tắc \(id).")
        }
    }
}
