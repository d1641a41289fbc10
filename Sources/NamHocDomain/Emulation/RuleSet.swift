import Foundation

/// The titles and awards of one legal basis, each rule citing its article. Rule sets are data
/// (`Resources/emulation/*.json`, or added by an administrator); a year is judged under the set in force
/// on the day it is considered — the end of the school year in education (TT 29/2023 Đ6) — unless the
/// administrator assigns another.
public struct RuleSet: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    /// The texts this set reads, e.g. "Luật 06/2022/QH15; Nghị định 98/2023/NĐ-CP; Thông tư 29/2023/TT-BGDĐT".
    public var basis: String
    public var from: Day
    public var to: Day?
    public var awards: [AwardRules]

    public init(id: String, name: String, basis: String, from: Day, to: Day? = nil, awards: [AwardRules]) {
        self.id = id
        self.name = name
        self.basis = basis
        self.from = from
        self.to = to
        self.awards = awards
    }

    public func rules(for award: Award) -> AwardRules? { awards.first { $0.award == award } }

    public func isInForce(on day: Day) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }

    /// Rules not read in the text itself (third-party paraphrase, or not found): shown as unconfirmed.
    public var unconfirmed: [(award: Award, rule: Rule)] {
        awards.flatMap { award in award.rules.filter { !$0.confirmed }.map { (award.award, $0) } }
    }

    enum CodingKeys: String, CodingKey { case id, name, basis, from, to, awards }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        basis = try c.decode(String.self, forKey: .basis)
        guard let from = try c.decodeDayIfPresent(.from) else {
            throw DecodingError.keyNotFound(CodingKeys.from, .init(codingPath: c.codingPath, debugDescription: "a rule set needs the day it comes into force"))
        }
        self.from = from
        to = try c.decodeDayIfPresent(.to)
        awards = try c.decode([AwardRules].self, forKey: .awards)
        if let to, to < from {
            throw DecodingError.dataCorruptedError(forKey: .to, in: c, debugDescription: "ends before it starts")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(basis, forKey: .basis)
        try c.encode(from.iso, forKey: .from)
        try c.encodeIfPresent(to?.iso, forKey: .to)
        try c.encode(awards, forKey: .awards)
    }
}

public struct AwardRules: Codable, Sendable, Equatable {
    public var award: Award
    /// Who decides, e.g. "Thủ trưởng cơ quan, đơn vị" (shown on proposals).
    public var awardedBy: String
    public var article: String
    /// Years one award covers when its decision states no period (CSTĐ cấp bộ, tỉnh: 3): "two consecutive"
    /// of such an award means two back-to-back periods, not two years.
    public var cycle: Int
    public var rules: [Rule]

    public init(award: Award, awardedBy: String, article: String, cycle: Int = 1, rules: [Rule]) {
        self.award = award
        self.awardedBy = awardedBy
        self.article = article
        self.cycle = cycle
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey { case award, awardedBy, article, cycle, rules }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        award = try c.decode(Award.self, forKey: .award)
        awardedBy = try c.decode(String.self, forKey: .awardedBy)
        article = try c.decode(String.self, forKey: .article)
        cycle = max(1, try c.decodeIfPresent(Int.self, forKey: .cycle) ?? 1)
        rules = try c.decode([Rule].self, forKey: .rules)
    }
}

public struct Rule: Codable, Sendable, Equatable {
    public var id: String
    /// What the rule requires, in Vietnamese, as the explanation states it.
    public var text: String
    public var article: String
    /// Read in the legal text or an official answer quoting it; false = shown as unconfirmed.
    public var confirmed: Bool
    public var condition: Condition
}

/// The rule sets NamHoc ships and the choice of the set for a year.
public struct RuleBook: Sendable {
    public var sets: [RuleSet]

    public init(sets: [RuleSet]) { self.sets = sets.sorted { $0.from < $1.from } }

    public subscript(id: String) -> RuleSet? { sets.first { $0.id == id } }

    /// The set in force on the day the year is considered (31/05 of its second calendar year).
    public func inForce(for year: SchoolYear) -> RuleSet? {
        sets.last { $0.isInForce(on: year.yearEndDate) }
    }

    /// The sets of `Resources/emulation/`.
    public static func bundled() throws -> RuleBook {
        guard let folder = Bundle.module.url(forResource: "emulation", withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.resourceURL?.appendingPathComponent("Resources/emulation") else {
            throw EmulationDataError(file: "emulation", message: "không tìm thấy bộ quy tắc thi đua kèm theo")
        }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        return RuleBook(sets: try files.map { try RuleSet.parse(try Data(contentsOf: $0), file: $0.lastPathComponent) })
    }
}

extension RuleSet {
    /// Reads a rule set file, with an error naming the file and what is wrong in Vietnamese.
    public static func parse(_ data: Data, file: String) throws -> RuleSet {
        do {
            return try JSONDecoder().decode(RuleSet.self, from: data)
        } catch let error as DecodingError {
            throw EmulationDataError(file: file, message: "bộ quy tắc không hợp lệ: \(error.plainDescription)")
        }
    }
}

public struct EmulationDataError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let message: String
    public var description: String { "\(file): \(message)" }
}

extension DecodingError {
    /// Where and what, without Swift's type names.
    var plainDescription: String {
        func path(_ context: Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch self {
        case .keyNotFound(let key, let context): return "thiếu trường \(key.stringValue) tại \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(self)"
        }
    }
}
