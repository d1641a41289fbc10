import Foundation
import NamHocOffice
import Vapor

/// Renders every error once: JSON for the API, a Vietnamese page for people. 5xx are logged as
/// critical; the client never sees the internals.
struct AppErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    struct Body: Content {
        struct Detail: Content {
            var code: String
            var message: String
            var field: String?
            var rows: [AppError.RowError]?
            /// Figures refused, by indicator.
            var errors: [AppError.IndicatorError]?
        }
        var error: Detail
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let appError = translate(error, request: request)
            let isAPI = request.url.path.hasPrefix("/api/") || request.url.path == SiteURL.healthz.path
            if !isAPI, case .unauthenticated = appError {
                return request.redirect(to: AuthController.loginURL(returningTo: request.url.path))
            }
            if isAPI {
                var errors: [AppError.IndicatorError]?
                if case .statisticsRejected(let list) = appError { errors = list }
                let body = Body(error: .init(code: appError.code, message: appError.messageVI, field: appError.field,
                                             rows: rows(of: appError), errors: errors))
                let response = Response(status: appError.status, headers: appError.headers)
                try response.content.encode(body)
                return response
            }
            return try await ErrorPage.render(appError, rows: rows(of: appError), on: request)
        }
    }

    private func rows(of error: AppError) -> [AppError.RowError]? {
        if case .importRejected(let rows) = error { return rows }
        return nil
    }

    private func translate(_ error: any Error, request: Request) -> AppError {
        switch error {
        case let appError as AppError:
            return appError
        case let officeError as OfficeError:
            return .office(officeError)
        case let decoding as DecodingError:
            return .invalidField(field: decoding.fieldName, message: "Dữ liệu gửi lên không hợp lệ (\(decoding.fieldName)).")
        case let abort as any AbortError where abort.status == .notFound:
            return .pageNotFound
        case let abort as any AbortError where abort.status == .unauthorized:
            return .unauthenticated
        case let abort as any AbortError where abort.status == .payloadTooLarge:
            return .payloadTooLarge
        case let abort as any AbortError where abort.status.code < 500:
            return .invalidField(field: "request", message: "Yêu cầu không hợp lệ: \(abort.reason)")
        default:
            request.logger.critical("Unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return .internalError
        }
    }
}

extension DecodingError {
    var fieldName: String {
        switch self {
        case .keyNotFound(let key, _): key.stringValue
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath.last?.stringValue ?? "body"
        @unknown default: "body"
        }
    }
}
