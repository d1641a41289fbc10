import Vapor

/// `namhoc serve [--host 127.0.0.1] [--port 8080]`: migrates, then serves and prints the URL.
/// Serving itself (signals, graceful shutdown) is Vapor's own serve command.
struct NamHocServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "host", help: "Địa chỉ lắng nghe (mặc định 127.0.0.1)") var host: String?
        @Option(name: "port", help: "Cổng (mặc định 8080)") var port: Int?
    }

    var help: String { "Chạy máy chủ web NamHoc." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await CommandSupport.prepareDatabase(context.application)
        try await Self.serve(context: context, host: signature.host ?? "127.0.0.1", port: signature.port ?? 8080)
    }

    static func serve(context: CommandContext, host: String, port: Int) async throws {
        var serveContext = context
        serveContext.input = CommandInput(arguments: ["namhoc", "--hostname", host, "--port", String(port)])
        try await context.console.run(context.application.servers.asyncCommand, with: serveContext)
        context.console.print("NamHoc đang chạy tại http://\(host):\(port)/ (Ctrl+C để dừng)")
    }
}

struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Cập nhật lược đồ cơ sở dữ liệu." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await CommandSupport.prepareDatabase(context.application)
        context.console.print("Đã cập nhật cơ sở dữ liệu.")
    }
}
