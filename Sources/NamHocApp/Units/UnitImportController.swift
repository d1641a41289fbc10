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
        var outcome = UploadOutcome<Fault>()
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
        var model = Model.empty(for: unit), status: HTTPStatus
        (model.outcome, status) = try await UploadOutcome.of(req, fault: Fault.init, faultsFile: faultsFile) { data, filename, checkOnly in
            let rows = try TableFile.readRows(data, filename: filename)
            return lines(try await UnitImport.run(rows, by: AuditActor(user), within: unit, today: req.today, dryRun: checkOnly, on: req.db))
        }
        return try await render(req, model, status: status)
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
              columns: UnitColumn.allCases.map { .init(label: $0.labelVI, key: $0.rawValue, required: [.code, .name, .kind].contains($0)) })
    }
}
