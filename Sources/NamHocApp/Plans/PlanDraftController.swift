import Foundation
import NamHocDirective
import NamHocDomain
import NamHocOffice
import NamHocText
import Vapor

/// "Lập kế hoạch từ văn bản": the officer pastes or uploads a directive, NamHoc reads it into a draft shown
/// beside the text with the words each item came from highlighted; the officer corrects, merges, drops or
/// adds tasks, then confirms (`PlanController.save`). Nothing is saved before that.
enum PlanDraftController {
    static let maxUpload: ByteCount = "10mb"

    struct Model: Encodable {
        var unitName: String
        var planURL: String
        var draftURL: String
        var saveURL: String
        var year: String
        var text: String
        var segments: [Segment]
        var draft: Draft?
        var cycles: [PlanController.Option]
        var error: String?
    }

    /// A run of the text, highlighted when an item of the draft was read from it.
    struct Segment: Encodable {
        var text: String
        var mark: String?
        var anchor: String?
    }

    struct Draft: Encodable {
        var theme: String
        var docType: String
        var docSymbol: String
        var docDate: String
        var issuingBody: String
        var signer: String
        var notes: [String]?
        var tasks: [Row]
        /// Empty rows to add tasks the reader missed (or to split one).
        var blanks: [Int]
    }

    struct Row: Encodable {
        var index: Int
        var number: Int
        var anchor: String
        var title: String
        var details: String
        var deadline: String
        var expectedResult: String
        var leadUnit: String
        var cooperatingUnits: String
        var subtasks: String
        var targets: String
        var targetNames: [String]?
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let unit = try req.scopedUnit, year = try req.planYear
        return try await render(req, model(unit: unit, year: year), status: .ok)
    }

    /// `POST …/plan/draft`: pasted text (`text`) or an uploaded .txt/.docx (`file`).
    @Sendable static func read(req: Request) async throws -> Response {
        try CSRFMiddleware.check(req)
        let unit = try req.scopedUnit, year = try req.planYear
        var model = model(unit: unit, year: year)
        do {
            struct Form: Content {
                var text: String?
                var file: File?
            }
            let form = try req.content.decode(Form.self)
            var text = form.text ?? ""
            if let file = form.file, file.data.readableBytes > 0 {
                text = try DirectiveFile.text(Data(buffer: file.data), filename: file.filename)
            }
            let response = try PlanDrafts.draft(text, year: year, catalogue: try await req.statistics().catalogue)
            model.text = response.text
            model.segments = segments(of: response)
            model.draft = draft(response, catalogue: try await req.statistics().catalogue.edition(for: year))
            if let drafted = response.plan.schoolYear, drafted != year.name {
                let notes = model.draft?.notes ?? []
                model.draft?.notes = ["Văn bản nói về năm học \(drafted); kế hoạch sẽ được lưu vào năm học \(year.name) đang chọn (đổi năm học ở đầu trang nếu cần)."] + notes
            }
            return try await render(req, model, status: .ok)
        } catch let error as AppError {
            model.error = error.messageVI
            return try await render(req, model, status: error.status)
        }
    }

    private static func model(unit: Unit, year: SchoolYear) -> Model {
        Model(unitName: unit.name, planURL: SiteURL.unitPlan(unit.code).url(.year(year)), draftURL: SiteURL.unitPlanDraft(unit.code).url(.year(year)),
              saveURL: SiteURL.unitPlan(unit.code).url(.year(year)), year: year.name, text: "", segments: [], draft: nil,
              cycles: ReportingCycle.allCases.map { PlanController.Option(value: $0.rawValue, name: $0.nameVI, selected: $0 == .quarter) },
              error: nil)
    }

    private static func draft(_ response: DraftResponse, catalogue: IndicatorCatalogue) -> Draft {
        let plan = response.plan, encoder = JSONEncoder()
        var notes = response.draft.notes.map(\.message)
        let skipped = response.draft.tasks.flatMap(\.targets).count - plan.tasks.flatMap { $0.targets ?? [] }.count
        if skipped > 0 {
            notes.append("\(skipped) chỉ tiêu chưa gắn được với danh mục thống kê (văn bản không nêu rõ cấp học): đã ghi vào “Kết quả cần đạt”.")
        }
        return Draft(
            theme: plan.theme, docType: plan.document?.type ?? "", docSymbol: plan.document?.symbol ?? "",
            docDate: plan.document?.date.flatMap(Day.init(iso:))?.vietnamese ?? "", issuingBody: plan.document?.issuingBody ?? "",
            signer: plan.document?.signer ?? "", notes: notes.nonEmpty,
            tasks: plan.tasks.enumerated().map { index, task in
                Row(index: index, number: index + 1, anchor: "task-\(index + 1)", title: task.title, details: task.details ?? "",
                    deadline: task.deadline.flatMap(Day.init(iso:))?.vietnamese ?? "", expectedResult: task.expectedResult ?? "",
                    leadUnit: task.leadUnit ?? "", cooperatingUnits: task.cooperatingUnits ?? "", subtasks: (task.subtasks ?? []).joined(separator: "\n"),
                    targets: (task.targets ?? []).isEmpty ? "" : String(decoding: (try? encoder.encode(task.targets ?? [])) ?? Data(), as: UTF8.self),
                    targetNames: (task.targets ?? []).map { target in
                        "\(catalogue[target.indicator]?.nameVI ?? target.indicator): \(target.kind == "increase" ? "tăng " : "đạt ")\(VietnameseFormat.decimal(target.value))"
                    }.nonEmpty)
            },
            blanks: Array(plan.tasks.count..<(plan.tasks.count + 3)))
    }

    /// The text cut at the spans of the draft's theme and tasks, each marked run anchored for its row.
    static func segments(of response: DraftResponse) -> [Segment] {
        var marks: [(span: Span, kind: String, anchor: String?)] = response.draft.tasks.enumerated().map { ($0.element.span, "task", "task-\($0.offset + 1)") }
        if let theme = response.draft.theme { marks.append((theme.span, "theme", nil)) }
        marks.sort { $0.span.start < $1.span.start }
        let scalars = Array(response.text.unicodeScalars)
        func text(_ a: Int, _ b: Int) -> String { String(String.UnicodeScalarView(scalars[max(0, a)..<min(b, scalars.count)])) }
        var result: [Segment] = [], position = 0
        for mark in marks where mark.span.start >= position && mark.span.end <= scalars.count {
            if mark.span.start > position { result.append(Segment(text: text(position, mark.span.start))) }
            result.append(Segment(text: text(mark.span.start, mark.span.end), mark: mark.kind, anchor: mark.anchor))
            position = mark.span.end
        }
        if position < scalars.count { result.append(Segment(text: text(position, scalars.count))) }
        return result
    }

    private static func render(_ req: Request, _ model: Model, status: HTTPStatus) async throws -> Response {
        try await req.render("plan-draft", title: "Lập kế hoạch từ văn bản – \(model.unitName)", model, status: status)
    }
}

/// The text of an uploaded directive: .docx paragraphs, or a .txt in any encoding the reader takes.
enum DirectiveFile {
    static func text(_ data: Data, filename: String) throws -> String {
        let text: String
        if filename.lowercased().hasSuffix(".docx") || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do { text = try DOCXReader.paragraphs(data).joined(separator: "\n") } catch let error as OfficeError { throw AppError.office(error) }
        } else {
            text = VietnameseDecoder.decode(data).text
        }
        // Binary data decodes into control and replacement characters; a text has almost none.
        let scalars = text.unicodeScalars
        let noise = scalars.filter { $0 == "\u{FFFD}" || ($0.properties.generalCategory == .control && !"\n\r\t".unicodeScalars.contains($0)) }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, noise.count * 100 <= scalars.count else {
            throw AppError.invalidField(field: "file", message: "Tệp \"\(filename)\" không phải văn bản (.txt hoặc .docx): không đọc được nội dung.")
        }
        return text
    }
}
