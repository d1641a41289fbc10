import Foundation

/// One condition of a rule, as data. The kinds are the shapes the criteria of the law take; the numbers,
/// titles and scopes are parameters, so a new legal basis is a new rule set, not new code.
public indirect enum Condition: Sendable, Equatable {
    /// This year's own rating (the person's, or the unit's for a collective title) at least this grade.
    case rating(atLeast: Rating)
    /// Recruited at least this many months before the year is considered.
    case recruited(monthsAtLeast: Int)
    case joinedEmulation
    /// Holds the award this year, or qualifies for it under the same rule set (proposed together).
    case holds(Award)
    /// Initiatives / research of this year.
    case works(WorkRequirement)
    /// The award held in `count` consecutive years ending this year, none already counted for the award
    /// considered, with the works required within those years.
    case consecutiveTitles(Award, count: Int, works: WorkRequirement?)
    /// Rated at least this grade in `count` consecutive years ending this year, with the works required.
    case consecutiveRatings(atLeast: Rating, count: Int, works: WorkRequirement?)
    /// After a prior award: `years` consecutive years rated at least `atLeast` up to this year, holding
    /// `title` at least `titleCount` times in them (Bằng khen của Thủ tướng, Luật Đ73 k1 b).
    case after(Award, years: Int, atLeast: Rating, title: Award, titleCount: Int)
    /// No discipline in the year nor in force when the year is considered.
    case noDiscipline
    case noPendingReview
    /// A collective's members of a kind are at least `percent` % of its members (rounded as stated).
    case share(Member, percent: Int, rounding: Rounding)
    case count(Member, atLeast: Int?, atMost: Int?)
    case flag(CollectiveFlag)
    /// Proposals of this award are capped at `percent` % of a base (rounded as stated).
    case cap(percent: Int, rounding: Rounding, base: String)
    /// Years in the sector (Kỷ niệm chương): `years`, or `reducedYears` with `disadvantagedAtLeast` of them
    /// in especially disadvantaged areas.
    case service(years: Int, reducedYears: Int, disadvantagedAtLeast: Int)
    /// Given once in a lifetime.
    case once
    case anyOf([Condition])
    case allOf([Condition])
}

public struct WorkRequirement: Codable, Sendable, Equatable {
    public var count: Int
    public var kinds: [WorkKind]
    /// The count must be reached by works of one kind (two initiatives, or two research topics — not one
    /// of each: Luật Đ74 k1 d).
    public var sameKind: Bool
    public var minScope: WorkScope
    /// Works an award of these kinds was based on do not count again.
    public var notUsedFor: [Award]

    public init(count: Int = 1, kinds: [WorkKind] = WorkKind.allCases, sameKind: Bool = false,
                minScope: WorkScope = .base, notUsedFor: [Award] = []) {
        self.count = count
        self.kinds = kinds
        self.sameKind = sameKind
        self.minScope = minScope
        self.notUsedFor = notUsedFor
    }

    enum CodingKeys: String, CodingKey { case count, kinds, sameKind, minScope, notUsedFor }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decodeIfPresent(Int.self, forKey: .count) ?? 1
        kinds = try c.decodeIfPresent([WorkKind].self, forKey: .kinds) ?? WorkKind.allCases
        sameKind = try c.decodeIfPresent(Bool.self, forKey: .sameKind) ?? false
        minScope = try c.decodeIfPresent(WorkScope.self, forKey: .minScope) ?? .base
        notUsedFor = try c.decodeIfPresent([Award].self, forKey: .notUsedFor) ?? []
    }
}

public enum Member: String, Codable, Sendable {
    case ldtt, cstdcs, khtnv, warningOrAbove

    public var vietnamese: String {
        switch self {
        case .ldtt: "đạt Lao động tiên tiến"
        case .cstdcs: "đạt Chiến sĩ thi đua cơ sở"
        case .khtnv: "không hoàn thành nhiệm vụ"
        case .warningOrAbove: "bị kỷ luật từ cảnh cáo trở lên"
        }
    }
}

public enum CollectiveFlag: String, Codable, Sendable {
    case unity, emulationActive, leadsCluster

    public var vietnamese: String {
        switch self {
        case .unity: "nội bộ đoàn kết"
        case .emulationActive: "phong trào thi đua thiết thực, hiệu quả"
        case .leadsCluster: "dẫn đầu cụm, khối thi đua"
        }
    }
}

/// No legal text states a rounding: "at most X % of N" reads as ⌊X·N⌋, "at least X %" as ⌈X·N⌉; each rule
/// set says which it uses and the explanation shows it.
public enum Rounding: String, Codable, Sendable {
    case floor, ceil

    /// `percent` % of `base`, rounded, in whole numbers (no floating point at the boundary: 70 % of 10 is 7).
    public func apply(percent: Int, of base: Int) -> Int {
        let product = percent * base
        switch self {
        case .floor: return product / 100
        case .ceil: return (product + 99) / 100
        }
    }

    public var vietnamese: String { self == .floor ? "làm tròn xuống" : "làm tròn lên" }
}

private extension KeyedDecodingContainer where Key == Condition.Keys {
    /// A share in whole percent, required, 0…100.
    func percent() throws -> Int {
        guard let value = try decodeBounded(.percent, 0...100) else {
            throw DecodingError.keyNotFound(Key.percent, .init(codingPath: codingPath, debugDescription: "percent is required"))
        }
        return value
    }
}

extension Condition: Codable {
    fileprivate enum Keys: String, CodingKey {
        case kind, atLeast, atMost, months, award, title, count, works, years, titleCount, member, percent
        case rounding, flag, base, reducedYears, disadvantagedAtLeast, of
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "rating": self = .rating(atLeast: try c.decode(Rating.self, forKey: .atLeast))
        case "recruited": self = .recruited(monthsAtLeast: try c.decode(Int.self, forKey: .months))
        case "joinedEmulation": self = .joinedEmulation
        case "holds": self = .holds(try c.decode(Award.self, forKey: .award))
        case "works": self = .works(try c.decode(WorkRequirement.self, forKey: .works))
        case "consecutiveTitles":
            self = .consecutiveTitles(try c.decode(Award.self, forKey: .award), count: try c.decode(Int.self, forKey: .count),
                                      works: try c.decodeIfPresent(WorkRequirement.self, forKey: .works))
        case "consecutiveRatings":
            self = .consecutiveRatings(atLeast: try c.decode(Rating.self, forKey: .atLeast), count: try c.decode(Int.self, forKey: .count),
                                       works: try c.decodeIfPresent(WorkRequirement.self, forKey: .works))
        case "after":
            self = .after(try c.decode(Award.self, forKey: .award), years: try c.decode(Int.self, forKey: .years),
                          atLeast: try c.decode(Rating.self, forKey: .atLeast), title: try c.decode(Award.self, forKey: .title),
                          titleCount: try c.decode(Int.self, forKey: .titleCount))
        case "noDiscipline": self = .noDiscipline
        case "noPendingReview": self = .noPendingReview
        case "share":
            self = .share(try c.decode(Member.self, forKey: .member), percent: try c.percent(),
                          rounding: try c.decode(Rounding.self, forKey: .rounding))
        case "count":
            self = .count(try c.decode(Member.self, forKey: .member), atLeast: try c.decodeIfPresent(Int.self, forKey: .atLeast),
                          atMost: try c.decodeIfPresent(Int.self, forKey: .atMost))
        case "flag": self = .flag(try c.decode(CollectiveFlag.self, forKey: .flag))
        case "cap":
            self = .cap(percent: try c.percent(), rounding: try c.decode(Rounding.self, forKey: .rounding),
                        base: try c.decode(String.self, forKey: .base))
        case "service":
            self = .service(years: try c.decode(Int.self, forKey: .years), reducedYears: try c.decode(Int.self, forKey: .reducedYears),
                            disadvantagedAtLeast: try c.decode(Int.self, forKey: .disadvantagedAtLeast))
        case "once": self = .once
        case "anyOf": self = .anyOf(try c.decode([Condition].self, forKey: .of))
        case "allOf": self = .allOf(try c.decode([Condition].self, forKey: .of))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown condition kind: \(kind)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .rating(let atLeast): try c.encode("rating", forKey: .kind); try c.encode(atLeast, forKey: .atLeast)
        case .recruited(let months): try c.encode("recruited", forKey: .kind); try c.encode(months, forKey: .months)
        case .joinedEmulation: try c.encode("joinedEmulation", forKey: .kind)
        case .holds(let award): try c.encode("holds", forKey: .kind); try c.encode(award, forKey: .award)
        case .works(let works): try c.encode("works", forKey: .kind); try c.encode(works, forKey: .works)
        case .consecutiveTitles(let award, let count, let works):
            try c.encode("consecutiveTitles", forKey: .kind); try c.encode(award, forKey: .award)
            try c.encode(count, forKey: .count); try c.encodeIfPresent(works, forKey: .works)
        case .consecutiveRatings(let atLeast, let count, let works):
            try c.encode("consecutiveRatings", forKey: .kind); try c.encode(atLeast, forKey: .atLeast)
            try c.encode(count, forKey: .count); try c.encodeIfPresent(works, forKey: .works)
        case .after(let award, let years, let atLeast, let title, let titleCount):
            try c.encode("after", forKey: .kind); try c.encode(award, forKey: .award); try c.encode(years, forKey: .years)
            try c.encode(atLeast, forKey: .atLeast); try c.encode(title, forKey: .title); try c.encode(titleCount, forKey: .titleCount)
        case .noDiscipline: try c.encode("noDiscipline", forKey: .kind)
        case .noPendingReview: try c.encode("noPendingReview", forKey: .kind)
        case .share(let member, let percent, let rounding):
            try c.encode("share", forKey: .kind); try c.encode(member, forKey: .member)
            try c.encode(percent, forKey: .percent); try c.encode(rounding, forKey: .rounding)
        case .count(let member, let atLeast, let atMost):
            try c.encode("count", forKey: .kind); try c.encode(member, forKey: .member)
            try c.encodeIfPresent(atLeast, forKey: .atLeast); try c.encodeIfPresent(atMost, forKey: .atMost)
        case .flag(let flag): try c.encode("flag", forKey: .kind); try c.encode(flag, forKey: .flag)
        case .cap(let percent, let rounding, let base):
            try c.encode("cap", forKey: .kind); try c.encode(percent, forKey: .percent)
            try c.encode(rounding, forKey: .rounding); try c.encode(base, forKey: .base)
        case .service(let years, let reducedYears, let disadvantaged):
            try c.encode("service", forKey: .kind); try c.encode(years, forKey: .years)
            try c.encode(reducedYears, forKey: .reducedYears); try c.encode(disadvantaged, forKey: .disadvantagedAtLeast)
        case .once: try c.encode("once", forKey: .kind)
        case .anyOf(let parts): try c.encode("anyOf", forKey: .kind); try c.encode(parts, forKey: .of)
        case .allOf(let parts): try c.encode("allOf", forKey: .kind); try c.encode(parts, forKey: .of)
        }
    }
}
