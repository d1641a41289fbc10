import Foundation
import NamHocDomain
import NamHocOffice
import Vapor

/// The one error type of NamHoc. Each case carries its context and is translated once for people
/// (`messageVI`) and once for the API (`code` + `field`).
enum AppError: Error, Sendable {
    case unauthenticated
    case invalidCredentials
    case tooManyAttempts(seconds: Int)
    /// The account may not act (deactivated, or its unit closed); the message says why.
    case accountStopped(String)
    case csrfTokenInvalid
    case forbidden
    case unitNotFound(String)
    case userNotFound(String)
    case pageNotFound
    /// Something of a visible unit that does not exist (a plan not made yet, a task of another plan).
    case notFound(String)
    case invalidField(field: String, message: String)
    case conflict(field: String, message: String)
    case importRejected([RowError])
    /// Figures refused whole: every cell at fault, by indicator.
    case statisticsRejected([IndicatorError])
    /// A workflow step refused (wrong status, window closed, warnings unexplained, no reason given, not
    /// the unit's to take), with the status it answers.
    case workflowRefused(String, status: HTTPResponseStatus)
    case payloadTooLarge
    case office(OfficeError)
    case internalError

    /// One refused figure: the indicator ("2105" or "2105.nu") and why, in Vietnamese.
    struct IndicatorError: Codable, Sendable, Equatable {
        var indicator: String
        var message: String
        /// For a warning: the key its written explanation goes under when the report is submitted.
        var key: String?
    }

    /// One refused row of an import: all-or-nothing, so every fault is reported at once.
    struct RowError: Codable, Sendable, Equatable {
        /// 1-based, counting the header row as row 1, as a spreadsheet shows it.
        var row: Int
        var field: String?
        var message: String
        /// The spreadsheet cell ("F7") when the fault is in one cell.
        var cell: String? = nil
        /// The unit the row is about, when the file has one row (or one sheet) a unit.
        var unit: String? = nil
    }

    var status: HTTPResponseStatus {
        switch self {
        case .unauthenticated, .invalidCredentials, .accountStopped: .unauthorized
        case .tooManyAttempts: .tooManyRequests
        case .csrfTokenInvalid, .forbidden: .forbidden
        case .unitNotFound, .userNotFound, .pageNotFound, .notFound: .notFound
        case .invalidField, .importRejected, .office, .statisticsRejected: .unprocessableEntity
        case .workflowRefused(_, let status): status
        case .conflict: .conflict
        case .payloadTooLarge: .payloadTooLarge
        case .internalError: .internalServerError
        }
    }

    var code: String {
        switch self {
        case .unauthenticated: "unauthenticated"
        case .invalidCredentials: "invalid_credentials"
        case .tooManyAttempts: "too_many_attempts"
        case .accountStopped: "account_stopped"
        case .csrfTokenInvalid: "csrf_token_invalid"
        case .forbidden: "forbidden"
        case .unitNotFound: "unit_not_found"
        case .userNotFound: "user_not_found"
        case .pageNotFound, .notFound: "not_found"
        case .invalidField: "invalid_field"
        case .conflict: "conflict"
        case .importRejected: "import_rejected"
        case .statisticsRejected: "validation_failed"
        case .workflowRefused: "workflow_refused"
        case .payloadTooLarge: "payload_too_large"
        case .office(let error): error.code
        case .internalError: "internal_error"
        }
    }

    var field: String? {
        switch self {
        case .invalidField(let field, _), .conflict(let field, _): field
        case .unitNotFound: "code"
        case .userNotFound: "username"
        case .invalidCredentials: "password"
        case .csrfTokenInvalid: "csrf"
        default: nil
        }
    }

    var messageVI: String {
        switch self {
        case .unauthenticated: "Vui lòng đăng nhập."
        case .invalidCredentials: "Tên đăng nhập hoặc mật khẩu không đúng."
        case .tooManyAttempts(let seconds):
            "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau \(max(1, (seconds + 59) / 60)) phút."
        case .accountStopped(let message): message
        case .csrfTokenInvalid: "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang."
        case .forbidden: "Bạn không có quyền thực hiện thao tác này."
        case .unitNotFound: "Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn."
        case .userNotFound(let name): "Không tìm thấy người dùng \"\(name)\"."
        case .pageNotFound: "Không tìm thấy trang."
        case .notFound(let message): message
        case .invalidField(_, let message), .conflict(_, let message): message
        case .importRejected(let rows):
            "Tệp không được nhập: \(rows.count) lỗi. Không có dòng nào được ghi."
        case .statisticsRejected(let errors):
            "Số liệu chưa được lưu: \(errors.count) lỗi. " + errors.prefix(3).map(\.message).joined(separator: " ")
        case .workflowRefused(let message, _): message
        case .payloadTooLarge: "Tệp hoặc dữ liệu gửi lên quá lớn (tệp nhập tối đa 20 MB)."
        case .office(let error): error.messageVI
        case .internalError: "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau."
        }
    }
}

extension AppError {
    /// A workflow step refused (statistics reports, progress reports): 403 when the actor may not, 422
    /// without a required reason, 409 when the report's state does not allow it.
    static func refused(_ refusal: WorkflowRefusal, message: String? = nil) -> AppError {
        let status: HTTPResponseStatus = switch refusal {
        case .notPermitted: .forbidden
        case .reasonRequired: .unprocessableEntity
        default: .conflict
        }
        return .workflowRefused(message ?? refusal.messageVI, status: status)
    }
}

extension AppError: AbortError {
    var reason: String { messageVI }

    /// Headers every answer of this error carries, page or API: `Retry-After` on every 429.
    var headers: HTTPHeaders {
        if case .tooManyAttempts(let seconds) = self { return ["Retry-After": String(seconds)] }
        return [:]
    }
}

extension AppError: CustomStringConvertible {
    var description: String { "\(code): \(messageVI)" }
}
