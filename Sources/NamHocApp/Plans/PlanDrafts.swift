import Foundation
import NamHocDirective
import NamHocDomain
import Vapor

/// A plan as a client sends it to be created, and as a draft read from a directive proposes it.
struct NewPlanBody: Content {
    var schoolYear: String?
    var theme: String
    var cycle: ReportingCycle?
    var document: DocumentFields?
    var tasks: [TaskFields]

    struct DocumentFields: Content {
        var type: String?
        var symbol: String?
        var date: String?
        var issuingBody: String?
        var signer: String?
    }

    struct TaskFields: Content {
        var title: String
        var details: String?
        var deadline: String?
        var expectedResult: String?
        var leadUnit: String?
        var cooperatingUnits: String?
        var subtasks: [String]?
        var targets: [PlanService.NewTarget]?

        func content() throws -> TaskContent {
            TaskContent(title: title.trimmingCharacters(in: .whitespacesAndNewlines), details: details ?? "",
                        deadline: try deadline.flatMap { $0.isEmpty ? nil : try PlanDrafts.day($0, field: "deadline") },
                        expectedResult: expectedResult ?? "", leadUnit: leadUnit ?? "", cooperatingUnits: cooperatingUnits ?? "")
        }

        func newTask() throws -> PlanService.NewTask {
            PlanService.NewTask(content: try content(),
                                subtasks: (subtasks ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty },
                                targets: targets ?? [])
        }
    }

    func header() throws -> PlanService.Header {
        PlanService.Header(theme: theme, docType: document?.type ?? "", docSymbol: document?.symbol ?? "",
                           docDate: try document?.date.flatMap { $0.isEmpty ? nil : try PlanDrafts.day($0, field: "document.date") },
                           issuingBody: document?.issuingBody ?? "", signer: document?.signer ?? "", cycle: cycle ?? .quarter)
    }
}

/// What `POST …/plan/draft` answers: the text as read (spans index its Unicode scalars), the reader's draft
/// with every item's span, and the plan it proposes, ready to be corrected and sent to `POST …/plan`.
struct DraftResponse: Content {
    var text: String
    var draft: PlanDraft
    var plan: NewPlanBody
}

enum PlanDrafts {
    static let maxText = 1_000_000

    /// Reads a directive into a draft; nothing is saved.
    static func draft(_ text: String, year: SchoolYear, catalogue: IndicatorCatalogue) throws -> DraftResponse {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AppError.invalidField(field: "text", message: "Chưa có nội dung văn bản để đọc.")
        }
        guard text.unicodeScalars.count <= maxText else {
            throw AppError.invalidField(field: "text", message: "Văn bản dài quá 1.000.000 ký tự.")
        }
        let prepared = DirectiveReader.prepare(text)
        let draft = PlanDraft(reading: DirectiveReader().read(prepared), text: prepared)
        let planYear = draft.schoolYear.flatMap { SchoolYear($0.value) } ?? year
        let document = draft.document
        let plan = NewPlanBody(
            schoolYear: planYear.name, theme: draft.theme?.value ?? "", cycle: .quarter,
            document: .init(type: document?.type?.value, symbol: document?.symbol?.value,
                            date: document?.date.flatMap { Day(iso: $0.value)?.iso },
                            issuingBody: document?.issuingBody?.value, signer: document?.signer?.value ?? draft.issuer?.person),
            tasks: draft.tasks.map { task in
                NewPlanBody.TaskFields(
                    title: task.title, details: task.text == task.title ? "" : task.text,
                    deadline: task.deadline.flatMap { resolve($0.date, in: planYear)?.iso },
                    expectedResult: task.targets.isEmpty ? nil : task.targets.map { $0.span.text(in: prepared) }.joined(separator: "; "),
                    leadUnit: task.leadUnits.map(\.value).joined(separator: ", "),
                    cooperatingUnits: task.cooperatingUnits.map(\.value).joined(separator: ", "),
                    subtasks: task.subtasks.map(\.text),
                    targets: task.targets.compactMap { target(of: $0, text: prepared, catalogue: catalogue.edition(for: planYear)) })
            })
        return DraftResponse(text: prepared, draft: draft, plan: plan)
    }

    /// A target figure linked to the catalogue: "công nhận mới 130 trường …" or "tăng 5 %" is an increase on
    /// last year's figure; "đạt 95 %" is a figure to reach. Unlinked targets stay in the expected result.
    static func target(of figure: Figure, text: String, catalogue: IndicatorCatalogue) -> PlanService.NewTarget? {
        let words = figure.span.text(in: text)
        guard let indicator = TargetIndicator.match(generic: figure.indicator, words: words + " " + (figure.object ?? ""), in: catalogue),
              let amount = figure.change ?? figure.value else { return nil }
        let folded = TargetIndicator.fold(words)
        let increase = figure.change != nil || ["moi", "tang", "them"].contains { folded.contains($0) }
        return PlanService.NewTarget(indicator: indicator.code, kind: increase ? "increase" : "reach", value: abs(amount), note: words)
    }

    /// "2024-10-15" as it is; "--10-15" (no year written) within the school year.
    static func resolve(_ date: String, in year: SchoolYear) -> Day? {
        if let day = Day(iso: date) { return day }
        guard date.hasPrefix("--"), let month = Int(date.dropFirst(2).prefix(2)), let day = Int(date.suffix(2)) else { return nil }
        return Day(year: month >= 9 ? year.startYear : year.startYear + 1, month: month, day: day)
    }

    /// A date typed in a form or sent in JSON: "2025-03-31" or "31/03/2025".
    static func day(_ text: String, field: String) throws -> Day {
        guard let day = QueryDay.day(text.trimmingCharacters(in: .whitespaces)) else {
            throw AppError.invalidField(field: field, message: "Ngày \"\(text)\" không hợp lệ (dạng 31/03/2025 hoặc 2025-03-31).")
        }
        return day
    }
}
