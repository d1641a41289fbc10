import NamHocOffice
import Vapor

/// A file sent from an upload form ("Nhập từ Excel"), with the form's "Chỉ kiểm tra, chưa ghi" box.
struct FileUpload: Content {
    var file: File
    var checkOnly: String?

    /// The upload of the request, or nil when no file (or an empty one) was chosen.
    static func of(_ req: Request) -> FileUpload? {
        guard let upload = try? req.content.decode(FileUpload.self), upload.file.data.readableBytes > 0 else { return nil }
        return upload
    }
}

extension Download {
    /// The faults of a refused file as an Excel file inside a link (`data:`): nothing is kept on the server.
    static func faultsLink(of filename: String, header: [String], rows: [[String]], widths: [Double]) throws -> String {
        let sheet = SheetSpec(name: "Lỗi", titleRows: ["Lỗi khi nhập tệp “\(filename)”"], header: header,
                              rows: rows.map { $0.map(CellValue.text) }, columnWidths: widths)
        let file = try Download.xlsx([sheet])
        return "data:\(file.contentType);base64,\(file.data.base64EncodedString())"
    }
}

/// What an upload page shows after a file: its name, whether it was only checked, and either the summary
/// or the error with every fault (also as an Excel file inside the link itself).
struct UploadOutcome<Fault: Encodable>: Encodable {
    var filename: String?
    var checkedOnly = false
    var summary: [String]?
    var error: String?
    var faults: [Fault]?
    var faultsFileURL: String?

    /// Reads the request's file and runs `apply(data, filename, checkOnly)`, which returns the summary's
    /// lines; a refused file gives its faults as `fault` shows them. The status is the page's answer.
    static func of(_ req: Request, fault: (AppError.RowError) -> Fault, faultsFile: ([Fault], String) throws -> String,
                   apply: (Data, String, Bool) async throws -> [String]) async throws -> (UploadOutcome, HTTPStatus) {
        var outcome = UploadOutcome()
        guard let upload = FileUpload.of(req) else {
            outcome.error = "Chưa chọn tệp, hoặc tệp rỗng."
            return (outcome, .unprocessableEntity)
        }
        outcome.filename = upload.file.filename
        outcome.checkedOnly = upload.checkOnly != nil
        do {
            outcome.summary = try await apply(Data(buffer: upload.file.data), upload.file.filename, outcome.checkedOnly)
            return (outcome, .ok)
        } catch let error as AppError {
            outcome.error = error.messageVI
            if case .importRejected(let rows) = error {
                let faults = rows.map(fault)
                outcome.faults = faults
                outcome.faultsFileURL = try faultsFile(faults, upload.file.filename)
            }
            return (outcome, error.status)
        } catch let error as OfficeError {
            outcome.error = AppError.office(error).messageVI
            return (outcome, .unprocessableEntity)
        }
    }
}
