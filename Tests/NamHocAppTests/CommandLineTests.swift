import Foundation
import Testing

/// The `namhoc` binary as an administrator meets it: Vietnamese help, one Vietnamese line per error on
/// standard error, exit code 1 on misuse.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// The binary `swift build` put beside the test bundle.
    static var binary: URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("namhoc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    static func run(_ arguments: [String]) throws -> Run {
        let binary = try #require(binary, "the namhoc binary is built by `swift build --build-tests`")
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("namhoc-cli-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) } }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments.map { $0 == "DB" ? database : $0 }
        var environment = ProcessInfo.processInfo.environment
        environment["NAMHOC_DATABASE_URL"] = nil
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile(), errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   errors: String(decoding: errors, as: UTF8.self))
    }

    @Test func help_lists_namhoc_commands_in_vietnamese() throws {
        // MUT
        let run = try Self.run(["--help"])
        // validate
        #expect(run.status == 0)
        #expect(run.output.contains("Các lệnh:") && run.output.contains("read-directive"))
        #expect(!run.output.contains("routes") && !run.output.contains("boot"))
    }

    @Test(arguments: [
        (["khong-co-lenh", "--db", "DB"], "Không có lệnh"),
        (["user", "add", "--db", "DB"], "Cần đủ --username"),
        (["user", "add", "--username", "a", "--password", "12345678", "--unit", "X", "--role", "vua", "--db", "DB"], "Vai trò"),
        (["units", "import", "/khong/co/tep.csv", "--db", "DB"], "Lỗi:"),
        (["units", "export", "--format", "pdf", "--db", "DB"], "không được hỗ trợ"),
        (["units", "export", "--khong-co", "--db", "DB"], "Không hiểu tham số"),
        (["migrate", "--db", "postgres://khong-co@127.0.0.1:1/namhoc"], "cơ sở dữ liệu"),
    ])
    func misuse_gets_one_vietnamese_line_and_exit_code_1(arguments: [String], expected: String) throws {
        // MUT
        let run = try Self.run(arguments)
        // validate
        #expect(run.status == 1, "\(arguments)")
        #expect(run.errors.contains(expected), "\(arguments): \(run.errors)")
        let lines = run.errors.split(separator: "\n").filter { $0.hasPrefix("Lỗi") }
        #expect(lines.count == 1, "printed once: \(run.errors)")
        for english in ["Unknown command", "Missing required", "Input not recognized", "PSQLError", "error:"] {
            #expect(!run.errors.contains(english), "\(arguments): \(run.errors)")
        }
    }

    @Test func read_directive_on_a_file_that_is_no_directive_fails() throws {
        // setup: binary bytes
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rac-\(UUID().uuidString).txt")
        try Data((0..<4_000).map { UInt8(($0 * 7_919 + 13) % 256) }).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // MUT
        let run = try Self.run(["read-directive", file.path])
        // validate
        #expect(run.status == 1)
        #expect(run.errors.contains("không phải văn bản"))
    }
}

extension CommandLineTests {
    @Test func read_directive_on_a_text_that_is_no_directive_fails() throws {
        // setup: a plain text with nothing of a directive
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("thu-\(UUID().uuidString).txt")
        try Data("Chào bạn, hẹn gặp lại nhé.\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // MUT
        let run = try Self.run(["read-directive", file.path])
        // validate
        #expect(run.status == 1)
        #expect(run.errors.contains("Không tìm thấy nội dung văn bản chỉ đạo"))
    }
}

extension CommandLineTests {
    static func tempFile(_ name: String, _ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)")
        try Data(text.utf8).write(to: file)
        return file
    }

    @Test func an_administrator_extends_the_catalogue_from_a_file_and_a_faulty_file_changes_nothing() throws {
        // setup
        let header = "code,name_vi,unit,kind,unit_kinds,levels,parts,from_year,confirmed,form,level,section\n"
        let good = try Self.tempFile("bo-sung.csv", header + "2190,Số học sinh tiểu học học 2 buổi/ngày,người,count,school,TH,nu,2026-2027,true,dau-nam,TH,III\n")
        let bad = try Self.tempFile("loi.csv", header + "2190,Số học sinh học 2 buổi,người,count,school,TH,,2026-2027,true,dau-nam,TH,XX\n")
        defer { for file in [good, bad] { try? FileManager.default.removeItem(at: file) } }
        // MUT
        let applied = try Self.run(["stats", "catalogue", good.path, "--db", "DB"])
        let refused = try Self.run(["stats", "catalogue", bad.path, "--db", "DB"])
        // validate
        #expect(applied.status == 0, "\(applied.errors)")
        #expect(applied.output.contains("Đã bổ sung danh mục chỉ tiêu: 1 phiên bản mới (2190)"))
        #expect(refused.status == 1)
        #expect(refused.errors.contains("dòng 2") && refused.errors.contains("không có phần “TH XX”"), "\(refused.errors)")
    }

    @Test func an_administrator_checks_a_record_and_lists_unconfirmed_rules_from_the_command_line() throws {
        // setup: a school with nine members, six of them LĐTT: 70 % of 9 rounded up is 7
        let unit = #"{"award": "TTLDTT", "year": "2024-2025", "collective": {"rating": "HTTNV", "members": 9, "ldtt": 6}}"#
        let file = try Self.tempFile("tap-the.json", unit)
        let broken = try Self.tempFile("hong.json", #"{"award": "TTLDTT", "year": "2024-2025"}"#)
        defer { for f in [file, broken] { try? FileManager.default.removeItem(at: f) } }
        // MUT
        let check = try Self.run(["emulation", "check", file.path, "--db", "DB"])
        let rules = try Self.run(["emulation", "rules", "--unconfirmed", "--db", "DB"])
        let refused = try Self.run(["emulation", "check", broken.path, "--db", "DB"])
        // validate
        #expect(check.status == 0, "\(check.errors)")
        #expect(check.output.contains("CHƯA ĐỦ ĐIỀU KIỆN") && check.output.contains("6/9 thành viên") && check.output.contains("= 7 (làm tròn lên)"),
                "\(check.output)")
        #expect(rules.status == 0 && rules.output.contains("? cstdcs-achievement") && !rules.output.contains("✓ "), "\(rules.output)")
        #expect(refused.status == 1 && refused.errors.contains("person"), "\(refused.errors)")
    }
}
