import NamHocDomain
import NamHocOffice
import NamHocText
import Vapor

/// "Nhập từ Excel": an administrator uploads a unit list (XLSX or CSV) for their subtree. All or
/// nothing: a file with any fault writes nothing and the page lists every fault by row; "Chỉ kiểm tra"
/// runs the whole import and rolls it back, to show what it would do.
enum UnitImportController {
    static let maxUpload: ByteCount = "20mb"

    struct Model: Encodable {
        var unitName: String
        var unitURL: String
        var formURL: String
        var templateURL: String
        var columns: [Column]
        var filename: String?
        var summary: [String]?
        var checkedOnly: Bool
        var error: String?
        var faults: [Fault]?
        /// The faults as an Excel file inside the link itself (`data:`): nothing is kept on the server.
        var faultsFileURL: String?
    }

    /// One refused row as people read it: the column by its Vietnamese title.
    struct Fault: Encodable {
        var row: String
        var column: String
        var message: String

        init(_ error: AppError.RowError) {
            row = VietnameseFormat.integer(error.row)
            column = error.field.map { UnitColumn(rawValue: $0)?.labelVI ?? $0 } ?? ""
            message = error.message
        }
    }

    struct Column: Encodable { var label: String; var key: String; var required: Bool }

    @Sendable static func page(req: Request) async throws -> Response {
        try await render(req, Model.empty(for: try req.scopedUnit), status: .ok)
    }

    @Sendable static func upload(req: Request) async throws -> Response {
        try CSRFMiddleware.check(req)
        let unit = try req.scopedUnit, user = try req.requireUser()
        var model = Model.empty(for: unit)
        guard let upload = FileUpload.of(req) else {
            model.error = "Chưa chọn tệp, hoặc tệp rỗng."
            return try await render(req, model, status: .unprocessableEntity)
        }
        model.filename = upload.file.filename
        model.checkedOnly = upload.checkOnly != nil
        do {
            let rows = try TableFile.readRows(Data(buffer: upload.file.data), filename: upload.file.filename)
            let summary = try await UnitImport.run(rows, by: AuditActor(user), within: unit, today: req.today,
                                                   dryRun: model.checkedOnly, on: req.db)
            model.summary = lines(summary)
            return try await render(req, model, status: .ok)
        } catch let error as AppError {
            model.error = error.messageVI
            if case .importRejected(let rows) = error {
                model.faults = rows.map(Fault.init)
                model.faultsFileURL = try faultsFile(model.faults ?? [], filename: upload.file.filename)
            }
            return try await render(req, model, status: error.status)
        } catch let error as OfficeError {
            model.error = AppError.office(error).messageVI
            return try await render(req, model, status: .unprocessableEntity)
        }
    }

    static func faultsFile(_ faults: [Fault], filename: String) throws -> String {
        try Download.faultsLink(of: filename, header: ["Dòng", "Cột", "Lỗi"], rows: faults.map { [$0.row, $0.column, $0.message] },
                                widths: [8, 24, 90])
    }

    static func lines(_ s: UnitImport.Summary) -> [String] {
        [("đơn vị mới", s.created), ("đơn vị cập nhật tên, loại, cấp học hoặc hiệu lực", s.updated),
         ("đơn vị đổi cấp trên", s.moved), ("đơn vị không đổi", s.unchanged)]
            .map { "\(VietnameseFormat.integer($0.1)) \($0.0)" }
    }

    private static func render(_ req: Request, _ model: Model, status: HTTPStatus) async throws -> Response {
        try await req.render("import", title: "Nhập danh sách đơn vị – \(model.unitName)", model, status: status)
    }
}

extension UnitImportController.Model {
    static func empty(for unit: Unit) -> Self {
        .init(unitName: unit.name, unitURL: SiteURL.unit(unit.code).path, formURL: SiteURL.unitImport(unit.code).path,
              templateURL: SiteURL.unitExport(unit.code).url(.format("xlsx")),
              columns: UnitColumn.allCases.map { .init(label: $0.labelVI, key: $0.rawValue, required: [.code, .name, .kind].contains($0)) },
              filename: nil, summary: nil, checkedOnly: false, error: nil, faults: nil, faultsFileURL: nil)
    }
}
