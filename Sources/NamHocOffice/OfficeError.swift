import Foundation

/// Everything that can go wrong reading or writing an office file.
/// Cases carry the context a person needs to fix the file; `messageVI` is what we show them,
/// `code` is the stable identifier the API returns.
public enum OfficeError: Error, Equatable, Sendable {
    /// The bytes are not a ZIP archive (not an .xlsx/.docx, or a damaged one).
    case notAZip
    /// A part the format requires is absent, e.g. `xl/workbook.xml`.
    case missingPart(String)
    /// A part is not well-formed XML (or uses features we refuse, such as DOCTYPE).
    case malformedXML(part: String, detail: String)
    /// The file expands (or would expand) past this many bytes, or compresses suspiciously well.
    case tooLarge(limit: Int)
    /// A sheet has more rows than allowed.
    case tooManyRows(limit: Int)
    /// A sheet has more columns than allowed.
    case tooManyColumns(limit: Int)
    /// Text that is not valid UTF-8 (or otherwise unreadable) where UTF-8 is required.
    case invalidText(String)
    /// A format we do not read, e.g. the old binary .xls.
    case unsupportedFormat(String)
    /// No sheet with this name in the workbook.
    case sheetNotFound(String)
}

extension OfficeError: LocalizedError {
    /// A clear Vietnamese message for the person who uploaded the file.
    public var messageVI: String {
        switch self {
        case .notAZip:
            return "Tệp không phải là tệp Excel (.xlsx) hoặc Word (.docx) hợp lệ, hoặc tệp đã bị hỏng."
        case .missingPart(let part):
            return "Tệp bị thiếu thành phần bắt buộc (\(part)). Hãy mở tệp bằng Excel/Word và lưu lại."
        case .malformedXML(let part, let detail):
            return "Nội dung tệp bị lỗi cấu trúc ở phần \(part) (\(detail)). Hãy mở tệp bằng Excel/Word và lưu lại."
        case .tooLarge(let limit):
            return "Tệp quá lớn khi giải nén (giới hạn \(Self.formatBytes(limit))). Hãy chia nhỏ tệp."
        case .tooManyRows(let limit):
            return "Trang tính có quá nhiều dòng (tối đa \(Self.formatCount(limit)) dòng). Hãy chia nhỏ tệp."
        case .tooManyColumns(let limit):
            return "Trang tính có quá nhiều cột (tối đa \(Self.formatCount(limit)) cột)."
        case .invalidText(let detail):
            return "Tệp chứa văn bản không đọc được (\(detail)). Hãy lưu tệp với bảng mã Unicode (UTF-8)."
        case .unsupportedFormat(let format):
            return "Định dạng \(format) chưa được hỗ trợ. Hãy lưu tệp dưới dạng .xlsx hoặc .csv."
        case .sheetNotFound(let name):
            return "Không tìm thấy trang tính \"\(name)\" trong tệp."
        }
    }

    /// Stable snake_case identifier for API clients.
    public var code: String {
        switch self {
        case .notAZip: return "not_a_zip"
        case .missingPart: return "missing_part"
        case .malformedXML: return "malformed_xml"
        case .tooLarge: return "too_large"
        case .tooManyRows: return "too_many_rows"
        case .tooManyColumns: return "too_many_columns"
        case .invalidText: return "invalid_text"
        case .unsupportedFormat: return "unsupported_format"
        case .sheetNotFound: return "sheet_not_found"
        }
    }

    public var errorDescription: String? { messageVI }

    /// 2.222.246 — Vietnamese grouping, written by hand so it does not depend on the server locale.
    static func formatCount(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    static func formatBytes(_ n: Int) -> String {
        if n >= 1 << 20 { return "\(formatCount(n >> 20)) MB" }
        if n >= 1 << 10 { return "\(formatCount(n >> 10)) KB" }
        return "\(formatCount(n)) byte"
    }
}
