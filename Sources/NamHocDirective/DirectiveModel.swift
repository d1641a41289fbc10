import Foundation

/// Where an item came from: `[start, end)` in Unicode scalars of the NFC text the reader worked on.
/// Scalars, not Characters or UTF-16 units, because they are stable across platforms and cheap to
/// index; JSON is a two-element array `[start, end]`.
public struct Span: Codable, Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public init(_ range: Range<Int>) {
        self.init(start: range.lowerBound, end: range.upperBound)
    }

    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        start = try c.decode(Int.self)
        end = try c.decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(start)
        try c.encode(end)
    }

    /// The words behind the item in `text` (the NFC text that was read).
    public func text(in text: String) -> String {
        let scalars = text.unicodeScalars
        guard start >= 0, end >= start, end <= scalars.count else { return "" }
        let a = scalars.index(scalars.startIndex, offsetBy: start)
        let b = scalars.index(a, offsetBy: end - start)
        return String(scalars[a..<b])
    }
}

/// A value and the span of text it was read from.
public struct Spanned<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var value: Value
    public var span: Span

    public init(_ value: Value, span: Span) {
        self.value = value
        self.span = span
    }
}

/// The identity of an official document (Nghị định 30/2020 layout), read from its header and
/// signature block. Every field carries its own span because the header columns are interleaved.
public struct DocumentIdentity: Codable, Sendable, Equatable {
    /// "Chỉ thị", "Kế hoạch", "Báo cáo" … (from the type line, else from the symbol).
    public var type: Spanned<String>?
    /// The abbreviation of the type as used in symbols: "CT", "KH", "BC".
    public var typeCode: String?
    public var number: Spanned<String>?
    /// "25/CT-UBND" — the document's own number; never listed among the references.
    public var symbol: Spanned<String>?
    /// "yyyy-MM-dd".
    public var date: Spanned<String>?
    /// The place of the dateline: "Hà Nội".
    public var place: Spanned<String>?
    /// The issuing body as printed: "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO".
    public var issuingBody: Spanned<String>?
    /// The line above the issuing body when it names the parent: "UBND TỈNH NINH BÌNH".
    public var parentBody: Spanned<String>?
    /// "Về nhiệm vụ trọng tâm năm học 2024-2025".
    public var title: Spanned<String>?
    public var signer: Spanned<String>?
    /// The signer's own title: "PHÓ CHỦ TỊCH", "HIỆU TRƯỞNG".
    public var signingTitle: Spanned<String>?
    /// The authority line when signing for someone: "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN".
    public var signingAuthority: Spanned<String>?
    /// From the first header line to the dateline (or the title).
    public var span: Span
}

/// Who issues or speaks: an office ("Thứ trưởng", "Chủ tịch UBND tỉnh Bắc Giang", "PHÓ CHỦ TỊCH")
/// and the person when named.
public struct Issuer: Codable, Sendable, Equatable {
    public var office: String?
    public var person: String?
    public var span: Span
}

/// A lettered or dashed item under a task.
public struct Subtask: Codable, Sendable, Equatable {
    /// "a", "b" … for "a)"; "-" or "+" for dashed items.
    public var label: String
    public var text: String
    public var span: Span
}

/// A key task (nhiệm vụ trọng tâm), in the order of the text. Not named `Task` so that it does not
/// shadow Swift concurrency's `Task` in this module and in importers.
public struct DirectiveTask: Codable, Sendable, Equatable {
    public var number: Int
    /// The marker as written: "Thứ nhất", "Một là", "1.", "" for paragraphs and series items.
    public var marker: String
    /// The heading sentence or first clause.
    public var title: String
    /// The whole item, subtasks included, without the marker.
    public var text: String
    public var subtasks: [Subtask]
    public var span: Span
}

/// A document cited in the text, listed once.
public struct Reference: Codable, Sendable, Equatable {
    /// "Nghị định", "Kế hoạch" … (as written, else from the symbol's abbreviation).
    public var type: String?
    public var typeCode: String?
    /// "98/2023/NĐ-CP" for the number part "98"; "29-NQ/TW" → "29".
    public var number: String?
    public var symbol: String
    /// "yyyy-MM-dd" when the citation dates it.
    public var date: String?
    /// "Chính phủ", "Bộ GD&ĐT" … when the citation names it ("… của Chính phủ").
    public var issuer: String?
    public var span: Span
}

/// A number with what it counts, its change and whether it is a target.
public struct Figure: Codable, Sendable, Equatable {
    /// nil when the text only gives a change ("giảm 12 trường").
    public var value: Double?
    /// "%" for percentages, nil for counts.
    public var unit: String?
    /// The counted object as written: "lớp", "trường đạt chuẩn quốc gia", "tỷ lệ huy động trẻ 5 tuổi ra lớp".
    public var object: String?
    /// Catalogue code (docs/DIRECTIVE_READER.md): SCHOOLS, CLASSES, PUPILS, TEACHERS, CLASSROOMS …
    public var indicator: String?
    /// Signed change against the previous period: "tăng 1.919 lớp" → +1919, "giảm 12 trường" → −12.
    public var change: Double?
    /// True for aims ("phấn đấu 90% …", "công nhận mới 130 trường …", items of a CHỈ TIÊU section).
    public var target: Bool
    public var span: Span
}

/// A calendar date named in the text (not the dateline, not a citation's date).
public struct DateMention: Codable, Sendable, Equatable {
    /// ISO 8601 "yyyy-MM-dd", or "--MM-dd" when the text gives no year ("Ngày 16/1").
    public var date: String
    /// "before" (trước ngày), "from" (từ ngày), "until" (đến ngày), "after" (sau ngày), or nil.
    public var relation: String?
    public var span: Span
}

/// A period: "quý I/2024", "học kỳ I", "giai đoạn 2021 - 2025", "tháng 5/2024".
public struct PeriodMention: Codable, Sendable, Equatable {
    /// "quarter", "semester", "stage", "month".
    public var kind: String
    /// Canonical label: "quý I/2024", "học kỳ II", "giai đoạn 2021-2025", "tháng 5/2024".
    public var label: String
    public var number: Int?
    public var year: Int?
    public var fromYear: Int?
    public var toYear: Int?
    public var span: Span
}

/// A province or commune of the gazetteer, listed once (first mention).
public struct Place: Codable, Sendable, Equatable {
    /// Gazetteer name: "Hà Nội", "Xã Tân Yên", "Phường Kim Liên"; a pre-2025 province by its old name.
    public var name: String
    /// "province", "formerProvince", "commune", "ward", "specialZone".
    public var kind: String
    /// GSO code (of the 2025 province or commune) when unambiguous.
    public var code: String?
    /// The 2025 province it belongs to (for communes and former provinces).
    public var province: String?
    public var span: Span
}

/// An education unit or public body named in the text, listed once.
public struct NamedUnit: Codable, Sendable, Equatable {
    /// As written: "Trường THCS Nguyễn Trãi", "Sở Giáo dục và Đào tạo Hà Nội".
    public var name: String
    /// "school", "department", "ministry", "committee", "office", "centre", "cluster", "party", "government", "body".
    public var kind: String
    public var span: Span
}

/// Everything the reader proposes for one text.
public struct DirectiveReading: Codable, Sendable, Equatable {
    public var document: DocumentIdentity?
    public var schoolYear: Spanned<String>?
    public var theme: Spanned<String>?
    public var issuer: Issuer?
    public var announcedTaskCount: Spanned<Int>?
    public var tasks: [DirectiveTask]
    public var references: [Reference]
    public var figures: [Figure]
    public var dates: [DateMention]
    public var periods: [PeriodMention]
    public var places: [Place]
    public var units: [NamedUnit]
    public var movements: [Spanned<String>]

    private enum CodingKeys: String, CodingKey {
        case document, schoolYear, theme, issuer, announcedTaskCount, tasks, references, figures, dates, periods, places, units, movements
    }

    /// Absent values are written as `null` so that every field name is always in the JSON.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(document, forKey: .document)
        try c.encode(schoolYear, forKey: .schoolYear)
        try c.encode(theme, forKey: .theme)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(announcedTaskCount, forKey: .announcedTaskCount)
        try c.encode(tasks, forKey: .tasks)
        try c.encode(references, forKey: .references)
        try c.encode(figures, forKey: .figures)
        try c.encode(dates, forKey: .dates)
        try c.encode(periods, forKey: .periods)
        try c.encode(places, forKey: .places)
        try c.encode(units, forKey: .units)
        try c.encode(movements, forKey: .movements)
    }

    public init() {
        tasks = []
        references = []
        figures = []
        dates = []
        periods = []
        places = []
        units = []
        movements = []
    }
}
