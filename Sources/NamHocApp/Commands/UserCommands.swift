import Fluent
import NamHocDomain
import Vapor

/// `namhoc user add|reset-password`.
struct UserCommands: AsyncCommandGroup {
    var help: String { "Quản lý người dùng." }
    var commands: [String: any AnyAsyncCommand] { ["add": AddUser(), "reset-password": ResetPassword()] }

    struct AddUser: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "username", help: "Tên đăng nhập") var username: String?
            @Option(name: "password", help: "Mật khẩu (ít nhất 8 ký tự)") var password: String?
            @Option(name: "unit", help: "Mã đơn vị") var unit: String?
            @Option(name: "role", help: "admin | leader | officer | viewer") var role: String?
            @Option(name: "name", help: "Họ và tên (mặc định: tên đăng nhập)") var name: String?
        }
        var help: String { "Thêm người dùng: --username U --password P --unit MÃ --role admin|leader|officer|viewer" }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let username = signature.username, let password = signature.password,
                  let unitCode = signature.unit, let roleText = signature.role else {
                throw CommandFailure("Cần đủ --username, --password, --unit và --role.")
            }
            guard let role = Role(rawValue: roleText) else {
                throw CommandFailure("Vai trò \"\(roleText)\" không hợp lệ: admin, leader, officer hoặc viewer.")
            }
            let app = context.application
            try await CommandSupport.prepareDatabase(app)
            let unit = try await CommandSupport.unit(unitCode, in: app.db)
            let user = try await UserService.create(username: username, displayName: signature.name ?? username, password: password,
                                                    unit: unit, role: role, by: .commandLine, hasher: app.password.async, on: app.db)
            context.console.print("Đã tạo người dùng \(user.username) (\(role.nameVI)) tại \(unit.name).")
        }
    }

    struct ResetPassword: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "username", help: "Tên đăng nhập") var username: String?
            @Option(name: "password", help: "Mật khẩu mới (ít nhất 8 ký tự)") var password: String?
        }
        var help: String { "Đặt lại mật khẩu: --username U --password P" }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let username = signature.username, let password = signature.password else {
                throw CommandFailure("Cần đủ --username và --password.")
            }
            let app = context.application
            try await CommandSupport.prepareDatabase(app)
            guard let user = try await User.query(on: app.db).filter(\.$username == username.lowercased()).first() else {
                throw AppError.userNotFound(username)
            }
            try await UserService.setPassword(of: user, to: password, by: .commandLine, hasher: app.password.async, on: app.db)
            context.console.print("Đã đặt lại mật khẩu cho \(user.username).")
        }
    }
}
