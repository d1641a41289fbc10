import Fluent
import NamHocDemo
import NamHocDomain
import NamHocText
import Vapor

/// `namhoc demo [--scale province|national] [--password P] [--seed N] [--province MÃ] [--reset] [--serve]`.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "province (mặc định: mọi tỉnh, xã; trường của một tỉnh) hoặc national (≈54.000 trường)") var scale: String?
        @Option(name: "password", help: "Mật khẩu của mọi người dùng mẫu (mặc định namhoc2025)") var password: String?
        @Option(name: "seed", help: "Hạt giống ngẫu nhiên (mặc định 1): cùng hạt giống, cùng dữ liệu") var seed: String?
        @Option(name: "province", help: "Mã tỉnh có trường mẫu ở quy mô province (mặc định 01, Hà Nội)") var province: String?
        @Flag(name: "reset", help: "Xoá toàn bộ dữ liệu hiện có rồi tạo lại") var reset: Bool
        @Flag(name: "serve", help: "Chạy máy chủ web sau khi tạo dữ liệu") var serve: Bool
        @Option(name: "host", help: "Địa chỉ lắng nghe khi --serve (mặc định 127.0.0.1)") var host: String?
        @Option(name: "port", help: "Cổng khi --serve (mặc định 8080)") var port: Int?
    }

    static let defaultPassword = "namhoc2025"

    var help: String { "Tạo cơ sở dữ liệu mẫu từ 34 tỉnh và 3.321 xã thật, với trường học giả lập." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let scale = DemoScale(rawValue: signature.scale ?? "province") else {
            throw CommandFailure("Quy mô \"\(signature.scale ?? "")\" không hợp lệ: province hoặc national.")
        }
        guard let seed = UInt64(signature.seed ?? "1") else { throw CommandFailure("--seed cần một số nguyên không âm.") }
        let password = signature.password ?? Self.defaultPassword
        try UserService.validatePassword(password)

        if signature.reset { try await app.autoRevert() }
        try await CommandSupport.prepareDatabase(app)
        let hasData = try await Unit.query(on: app.db).count() > 0
        if hasData && !signature.reset {
            guard signature.serve else {
                throw CommandFailure("Cơ sở dữ liệu đã có dữ liệu. Dùng --reset để xoá và tạo lại dữ liệu mẫu.")
            }
            context.console.print("Cơ sở dữ liệu đã có dữ liệu: giữ nguyên (dùng --reset để tạo lại dữ liệu mẫu).")
        } else {
            let started = Date()
            let result = try await DemoBuilder.build(scale: scale, seed: seed, province: signature.province ?? "01",
                                                     password: password, today: app.clock.today, hasher: app.password.async, on: app.db)
            let seconds = Date().timeIntervalSince(started)
            context.console.print("Đã tạo dữ liệu mẫu (\(scale.rawValue), seed \(seed)) trong \(VietnameseFormat.decimal(seconds, fractionDigits: 1)) giây: "
                + "\(VietnameseFormat.integer(result.units)) đơn vị, trong đó \(VietnameseFormat.integer(result.institutions)) trường và trung tâm; "
                + "\(VietnameseFormat.integer(result.reports)) báo cáo thống kê (5 năm học), \(VietnameseFormat.integer(result.values)) số liệu.")
            context.console.print("Kế hoạch năm học 2023-2024 và năm học hiện tại của Bộ (đọc từ văn bản chỉ đạo), Sở, xã và trường mẫu: "
                + "\(VietnameseFormat.integer(result.progressReports)) báo cáo tiến độ.")
            context.console.print("")
            context.console.print("Người dùng mẫu (mật khẩu: \(password)):")
            for user in result.users {
                let padded = user.username.padding(toLength: 24, withPad: " ", startingAt: 0)
                context.console.print("  \(padded) \(user.role.nameVI.padding(toLength: 12, withPad: " ", startingAt: 0)) \(user.unitCode)")
            }
        }
        if signature.serve {
            try await NamHocServeCommand.serve(context: context, host: signature.host ?? "127.0.0.1", port: signature.port ?? 8080)
        }
    }
}
