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
