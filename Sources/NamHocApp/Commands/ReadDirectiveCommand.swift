import Foundation
import NamHocDirective
import NamHocOffice
import NamHocText
import Vapor

/// `namhoc read-directive FILE [--json]`: the directive reader on a .txt (any encoding) or .docx file.
struct ReadDirectiveCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Tệp .txt (UTF-8, UTF-16, TCVN3, VNI) hoặc .docx") var file: String
        @Flag(name: "json", help: "In kết quả dạng JSON") var json: Bool
    }

    var help: String { "Đọc văn bản chỉ đạo: chủ đề, nhiệm vụ, chỉ tiêu, văn bản dẫn chiếu…" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let data = try CommandSupport.contents(of: signature.file)
        let text: String
        do {
            text = try DirectiveFile.text(data, filename: signature.file)
        } catch let error as AppError {
            throw CommandFailure(error.messageVI)
        }
        let reader = DirectiveReader()
        let reading = reader.read(text)
        // A file that is not a directive (or not text at all) says so instead of printing nothing.
        guard reading.document != nil || reading.theme != nil || !reading.tasks.isEmpty || !reading.references.isEmpty
                || !reading.figures.isEmpty || !reading.movements.isEmpty else {
            throw CommandFailure("Không tìm thấy nội dung văn bản chỉ đạo nào trong tệp \"\(signature.file)\" (không có số hiệu, chủ đề, nhiệm vụ, chỉ tiêu hay văn bản dẫn chiếu). Tệp có phải văn bản .txt hoặc .docx không?")
        }
        if signature.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(reading))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            context.console.print(summaryVI(reading))
        }
    }
}
