import Foundation

/// What a unit's plan says of one key task. A unit that adopts a task of its parent's plan copies this,
/// and remembers the revision it copied: when the parent edits the task later, the unit sees what changed
/// (`changes(to:)`) and decides whether to take it.
public struct TaskContent: Codable, Equatable, Sendable {
    public var title: String
    public var details: String
    public var deadline: Day?
    public var expectedResult: String
    public var leadUnit: String
    public var cooperatingUnits: String

    public init(title: String, details: String = "", deadline: Day? = nil, expectedResult: String = "",
                leadUnit: String = "", cooperatingUnits: String = "") {
        self.title = title
        self.details = details
        self.deadline = deadline
        self.expectedResult = expectedResult
        self.leadUnit = leadUnit
        self.cooperatingUnits = cooperatingUnits
    }

    /// One field that differs, named as the page shows it.
    public struct Change: Codable, Equatable, Sendable {
        public var field: String
        public var before: String
        public var after: String

        public init(field: String, before: String, after: String) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    /// The fields of `newer` that differ from these, in the order the task page lists them.
    public func changes(to newer: TaskContent) -> [Change] {
        let fields: [(String, String, String)] = [
            ("Tên nhiệm vụ", title, newer.title),
            ("Nội dung, giải pháp", details, newer.details),
            ("Thời hạn", deadline?.vietnamese ?? "", newer.deadline?.vietnamese ?? ""),
            ("Kết quả cần đạt", expectedResult, newer.expectedResult),
            ("Đơn vị chủ trì", leadUnit, newer.leadUnit),
            ("Đơn vị phối hợp", cooperatingUnits, newer.cooperatingUnits),
        ]
        return fields.filter { $0.1 != $0.2 }.map { Change(field: $0.0, before: $0.1, after: $0.2) }
    }

    /// Refuses what a plan cannot hold: an empty title, over-long text.
    public func problems() -> [String] {
        var found: [String] = []
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { found.append("Nhiệm vụ cần có tên.") }
        if title.count > 500 { found.append("Tên nhiệm vụ dài quá 500 ký tự.") }
        for (name, text) in [("Nội dung", details), ("Kết quả cần đạt", expectedResult)] where text.count > 20_000 {
            found.append("\(name) dài quá 20.000 ký tự.")
        }
        return found
    }
}
