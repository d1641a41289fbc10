import Fluent
import NamHocDomain
import NamHocOffice
import Vapor

/// What every NamHoc command shares: migrations are applied before it runs (a new database file
/// just works), and errors are printed in Vietnamese, not as stack traces.
enum CommandSupport {
    static func prepareDatabase(_ app: Application) async throws {
        try await app.autoMigrate()
        if case .sqlite = app.namhocConfig.database {
            // WAL is a property of the file: readers go on while one writer commits.
            _ = try await app.db.sql.raw("PRAGMA journal_mode=WAL").all()
        }
    }

    /// The bytes of a file named on the command line, or the Vietnamese line saying it cannot be read.
    static func contents(of path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("Không đọc được tệp \"\(path)\".") }
        return data
    }

    /// The unit with this code, or `unit_not_found`.
    static func unit(_ code: String, in db: any Database) async throws -> Unit {
        guard let unit = try await Unit.query(on: db).filter(\.$code == code).first() else { throw AppError.unitNotFound(code) }
        return unit
    }

    static func message(for error: any Error) -> String {
        switch error {
        case let appError as AppError:
            if case .importRejected(let rows) = appError {
                return ([appError.messageVI] + rows.prefix(50).map { "  \($0.cell.map { "Ô \($0)" } ?? "Dòng \($0.row)")\($0.field.map { " [\($0)]" } ?? "")\($0.unit.map { " (\($0))" } ?? ""): \($0.message)" }
                        + (rows.count > 50 ? ["  … và \(rows.count - 50) lỗi khác"] : []))
                    .joined(separator: "\n")
            }
            return appError.messageVI
        case let commandError as CommandError:
            return message(for: commandError)
        case let officeError as OfficeError:
            return officeError.messageVI
        case let failure as CommandFailure:
            return failure.description
        case let config as AppConfig.ConfigError:
            return config.description
        case let rules as EmulationDataError:
            return rules.description
        default:
            // Database drivers describe their errors in English and some hide the detail on purpose.
            // Database drivers describe their errors in English: say what it means, in Vietnamese.
            let detail = String(reflecting: error)
            if detail.contains("PSQLError") || detail.contains("PostgresNIO") || detail.contains("NIOConnectionError") {
                let reason = detail.contains("Connection refused") ? "máy chủ từ chối kết nối (sai địa chỉ, cổng, hoặc PostgreSQL chưa chạy)"
                    : detail.contains("28P01") || detail.contains("28000") ? "sai tên người dùng hoặc mật khẩu"
                    : detail.contains("3D000") ? "cơ sở dữ liệu không tồn tại"
                    : detail.contains("connectionError") ? "không kết nối được máy chủ"
                    : "máy chủ trả lời lỗi (chạy lại với --log debug để xem chi tiết)"
                return "Không dùng được cơ sở dữ liệu PostgreSQL: \(reason). Kiểm tra --db hoặc NAMHOC_DATABASE_URL."
            }
            if detail.contains("SQLite") {
                return "Lỗi cơ sở dữ liệu SQLite: tệp có đúng là cơ sở dữ liệu NamHoc và có quyền ghi không? (chạy lại với --log debug để xem chi tiết)"
            }
            return "Lỗi không xác định (chạy lại với --log debug để xem chi tiết)."
        }
    }

    static func message(for error: CommandError) -> String {
        switch error {
        case .missingCommand:
            return "Thiếu lệnh. Gõ \"namhoc --help\" để xem các lệnh."
        case .unknownCommand(let command, _):
            return "Không có lệnh \"\(command)\". Gõ \"namhoc --help\" để xem các lệnh."
        case .missingRequiredArgument(let argument):
            return "Thiếu tham số bắt buộc: \(argument)."
        case .invalidArgumentType(let argument, _), .invalidOptionType(let argument, _):
            return "Giá trị của \(argument) không hợp lệ."
        case .unknownInput(let input):
            return "Không hiểu tham số \"\(input)\". Gõ \"namhoc <lệnh> --help\" để xem các tham số của lệnh."
        }
    }

    /// `namhoc --help`: the commands NamHoc has, in Vietnamese (ConsoleKit's own help is in English).
    static let helpVI = """
        NamHoc — hệ thống quản lý năm học.

        Cách dùng: namhoc <lệnh> [tham số] [--db TỆP_SQLITE | --db postgres://…]

        Các lệnh:
          serve            Chạy máy chủ web và API (--host 127.0.0.1 --port 8080). Dừng bằng Ctrl+C.
          migrate          Cập nhật cấu trúc cơ sở dữ liệu.
          demo             Tạo dữ liệu mẫu (--scale province|national, --password, --seed, --province, --reset, --serve).
          user add         Thêm người dùng (--username, --password, --unit, --role admin|leader|officer|viewer, --name).
          user reset-password  Đặt lại mật khẩu (--username, --password).
          units import     Nhập danh sách đơn vị từ tệp .csv hoặc .xlsx (tất cả hoặc không).
          units export     Xuất danh sách đơn vị (--format csv|xlsx, --output, --date).
          read-directive   Đọc văn bản chỉ đạo (.txt, .docx) thành chủ đề, nhiệm vụ, chỉ tiêu (--json).
          stats verify     Tính lại mọi tổng thống kê theo cây của từng kỳ và so với tổng đang lưu.
          stats rebuild    Tính lại mọi tổng thống kê đang lưu.
          stats window     Đặt thời hạn nhận báo cáo của một kỳ (--period, --opens, --closes, --due).
          stats export     Xuất biểu nhập số liệu Excel kèm số liệu đang lưu (--unit, --period, --output, --below).
          stats import     Nhập biểu số liệu đã điền (tất cả hoặc không; --unit, --check).
          stats catalogue  Bổ sung danh mục chỉ tiêu từ tệp .csv/.xlsx (chỉ tiêu mới, phiên bản mới; --check).
          plan             Kế hoạch năm học: draft, create, show, briefing.
          emulation rules  In các bộ quy tắc thi đua, khen thưởng (--unconfirmed: quy tắc chưa kiểm chứng).
          emulation check  Xét điều kiện một hồ sơ cá nhân hoặc tập thể từ tệp JSON (--json).
          emulation import-staff  Nhập hồ sơ thi đua của cán bộ (--unit, --check; tất cả hoặc không).
          emulation add-rules / assign  Thêm bộ quy tắc cho căn cứ mới; chọn bộ quy tắc cho năm học (--year, --rule-set).

        Mọi lệnh nhận --db (mặc định namhoc.sqlite) hoặc biến môi trường NAMHOC_DATABASE_URL.
        Xem tham số của một lệnh: namhoc <lệnh> --help
        """
}

/// A command failure the user caused: printed as is, exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func registerCommands(_ app: Application) {
    // Only NamHoc's own commands: Vapor's (routes, boot) and Fluent's migrate speak English.
    app.asyncCommands = AsyncCommands()
    app.commands = Commands()
    app.asyncCommands.use(NamHocServeCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(UserCommands(), as: "user")
    app.asyncCommands.use(UnitsCommands(), as: "units")
    app.asyncCommands.use(ReadDirectiveCommand(), as: "read-directive")
    app.asyncCommands.use(StatsCommands(), as: "stats")
    app.asyncCommands.use(PlanCommands(), as: "plan")
    app.asyncCommands.use(EmulationCommands(), as: "emulation")
}
