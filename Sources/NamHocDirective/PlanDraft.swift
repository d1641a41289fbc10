import Foundation
import NamHocText

/// A draft plan made from a directive's reading: what an officer would otherwise retype — the theme, the
/// document's identity, the key tasks with their sub-tasks, and per task the targets, deadlines and units
/// named inside it. Each item keeps the span it came from, so the page shows it beside the highlighted
/// words. Nothing here is saved: the officer accepts, corrects, merges, splits or drops, then confirms.
public struct PlanDraft: Codable, Sendable, Equatable {
    public var schoolYear: Spanned<String>?
    public var theme: Spanned<String>?
    public var document: DocumentIdentity?
    public var issuer: Issuer?
    public var tasks: [Task]
    /// What the officer should check before saving, each with where it is in the text.
    public var notes: [Note]

    public struct Task: Codable, Sendable, Equatable {
        public var number: Int
        public var title: String
        public var text: String
        public var span: Span
        public var subtasks: [Subtask]
        /// Figures marked as targets inside the task ("công nhận mới 130 trường chuẩn quốc gia").
        public var targets: [Figure]
        /// The last date with "trước", "đến", "hoàn thành" read inside the task, else the last date.
        public var deadline: DateMention?
        /// Units named after "chủ trì" inside the task.
        public var leadUnits: [Spanned<String>]
        /// Units named after "phối hợp" inside the task.
        public var cooperatingUnits: [Spanned<String>]
    }

    public struct Note: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case countDiffers, noTasks, noSchoolYear }
        public var kind: Kind
        public var message: String
        public var spans: [Span]
    }

    public init(reading: DirectiveReading, text: String) {
        let prepared = DirectiveReader.prepare(text)
        schoolYear = reading.schoolYear
        theme = reading.theme
        document = reading.document
        issuer = reading.issuer
        tasks = reading.tasks.map { task in
            let inside = { (span: Span) in span.start >= task.span.start && span.end <= task.span.end }
            let dates = reading.dates.filter { inside($0.span) }
            let units = reading.units.filter { inside($0.span) }
            return Task(number: task.number, title: task.title, text: task.text, span: task.span, subtasks: task.subtasks,
                        targets: reading.figures.filter { $0.target && inside($0.span) },
                        deadline: dates.last(where: { $0.relation == "before" || $0.relation == "until" }) ?? dates.last,
                        leadUnits: PlanDraft.units(units, after: "chu tri", in: prepared),
                        cooperatingUnits: PlanDraft.units(units, after: "phoi hop", in: prepared))
        }
        notes = []
        if let announced = reading.announcedTaskCount, announced.value != tasks.count {
            notes.append(Note(kind: .countDiffers,
                              message: "Văn bản nêu \(announced.value) nhiệm vụ nhưng đọc được \(tasks.count) nhiệm vụ: hãy kiểm tra, gộp hoặc tách cho khớp.",
                              spans: [announced.span] + tasks.map(\.span)))
        }
        if tasks.isEmpty {
            notes.append(Note(kind: .noTasks, message: "Không tìm thấy nhiệm vụ nào trong văn bản: hãy thêm nhiệm vụ bằng tay.", spans: []))
        }
        if schoolYear == nil {
            notes.append(Note(kind: .noSchoolYear, message: "Văn bản không nêu năm học: kế hoạch sẽ thuộc năm học đang chọn.", spans: []))
        }
    }

    /// Units named as lead (`chủ trì`) or cooperating (`phối hợp`) within their sentence: a unit is the kind
    /// of the last of the two words before it ("chủ trì, phối hợp với Y": Y cooperates), or lead when
    /// "chủ trì" follows it ("X chủ trì, phối hợp với Y": X leads).
    static func units(_ units: [NamedUnit], after words: String, in text: String) -> [Spanned<String>] {
        let scalars = Array(text.unicodeScalars)
        func folded(_ range: Range<Int>) -> String {
            let clamped = max(0, range.lowerBound)..<min(scalars.count, max(range.lowerBound, range.upperBound))
            return VietnameseText.searchKey(String(String.UnicodeScalarView(scalars[clamped])))
        }
        return units.filter { unit in
            let before = folded((unit.span.start - 60)..<unit.span.start)
            let sentence = before.split(whereSeparator: { ".;\n".contains($0) }).last.map(String.init) ?? ""
            let lastLead = sentence.range(of: "chu tri", options: .backwards)?.lowerBound
            let lastCooperating = sentence.range(of: "phoi hop", options: .backwards)?.lowerBound
            let kindBefore: String? = switch (lastLead, lastCooperating) {
            case let (lead?, cooperating?): lead > cooperating ? "chu tri" : "phoi hop"
            case (.some, nil): "chu tri"
            case (nil, .some): "phoi hop"
            case (nil, nil): nil
            }
            let after = folded(unit.span.end..<(unit.span.end + 12)).trimmingCharacters(in: .whitespaces)
            let leadsAfter = after.hasPrefix("chu tri") || after.hasPrefix("(chu tri") || after.hasPrefix("la don vi chu tri")
            return words == "chu tri" ? (leadsAfter || kindBefore == "chu tri") : (!leadsAfter && kindBefore == "phoi hop")
        }.map { Spanned($0.name, span: $0.span) }
    }
}
