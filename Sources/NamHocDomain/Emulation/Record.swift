import Foundation

/// What the rule engine knows of a person: ratings, titles and awards decided (with the decision they came
/// from), initiatives and research, discipline. Only what the rules need — no personal data beyond it.
public struct PersonRecord: Codable, Sendable, Equatable {
    public var recruitedOn: Day?
    /// Took part in the emulation movement of the year (đăng ký thi đua); true unless stated.
    public var joinedEmulation: Bool
    public var ratings: [SchoolYear: Rating]
    public var titles: [AwardRecord]
    public var initiatives: [Work]
    public var disciplines: [Discipline]
    /// A disciplinary review, an investigation or a complaint is under way: no award meanwhile.
    public var pendingReview: Bool
    /// Years worked in the sector (before taking off years under discipline, which the engine does) and, of
    /// them, in especially disadvantaged areas (Kỷ niệm chương).
    public var sectorYears: Int?
    public var disadvantagedYears: Int?

    public init(recruitedOn: Day? = nil, joinedEmulation: Bool = true, ratings: [SchoolYear: Rating] = [:],
                titles: [AwardRecord] = [], initiatives: [Work] = [], disciplines: [Discipline] = [],
                pendingReview: Bool = false, sectorYears: Int? = nil, disadvantagedYears: Int? = nil) {
        self.recruitedOn = recruitedOn
        self.joinedEmulation = joinedEmulation
        self.ratings = ratings
        self.titles = titles
        self.initiatives = initiatives
        self.disciplines = disciplines
        self.pendingReview = pendingReview
        self.sectorYears = sectorYears
        self.disadvantagedYears = disadvantagedYears
    }

    enum CodingKeys: String, CodingKey {
        case recruitedOn, joinedEmulation, ratings, titles, initiatives, disciplines, pendingReview
        case sectorYears, disadvantagedYears
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        recruitedOn = try c.decodeDayIfPresent(.recruitedOn)
        joinedEmulation = try c.decodeIfPresent(Bool.self, forKey: .joinedEmulation) ?? true
        let named = try c.decodeIfPresent([String: Rating].self, forKey: .ratings) ?? [:]
        var ratings: [SchoolYear: Rating] = [:]
        for (name, rating) in named {
            guard let year = SchoolYear(name) else {
                throw DecodingError.dataCorruptedError(forKey: .ratings, in: c, debugDescription: "not a school year: \(name)")
            }
            ratings[year] = rating
        }
        self.ratings = ratings
        titles = try c.decodeIfPresent([AwardRecord].self, forKey: .titles) ?? []
        initiatives = try c.decodeIfPresent([Work].self, forKey: .initiatives) ?? []
        disciplines = try c.decodeIfPresent([Discipline].self, forKey: .disciplines) ?? []
        pendingReview = try c.decodeIfPresent(Bool.self, forKey: .pendingReview) ?? false
        sectorYears = try c.decodeBounded(.sectorYears, 0...100)
        disadvantagedYears = try c.decodeBounded(.disadvantagedYears, 0...100)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(recruitedOn?.iso, forKey: .recruitedOn)
        try c.encode(joinedEmulation, forKey: .joinedEmulation)
        try c.encode(Dictionary(uniqueKeysWithValues: ratings.map { ($0.key.name, $0.value) }), forKey: .ratings)
        try c.encode(titles, forKey: .titles)
        try c.encode(initiatives, forKey: .initiatives)
        try c.encode(disciplines, forKey: .disciplines)
        try c.encode(pendingReview, forKey: .pendingReview)
        try c.encodeIfPresent(sectorYears, forKey: .sectorYears)
        try c.encodeIfPresent(disadvantagedYears, forKey: .disadvantagedYears)
    }
}

/// A title or award decided for a year, with the decision that gave it. `periodFrom…periodTo` is the period
/// of achievement the decision states (several years for a Bằng khen): the next award of the same form
/// counts only years after it (NĐ 98/2023 Đ30 k9; NĐ 152/2025 Đ33 k7).
public struct AwardRecord: Codable, Sendable, Equatable {
    public var year: SchoolYear
    public var title: Award
    public var decision: String?
    public var decidedOn: Day?
    public var periodFrom: SchoolYear?
    public var periodTo: SchoolYear?
    /// The initiatives or research the award was based on: they are not counted again for another award.
    public var initiatives: [String]

    public init(year: SchoolYear, title: Award, decision: String? = nil, decidedOn: Day? = nil,
                periodFrom: SchoolYear? = nil, periodTo: SchoolYear? = nil, initiatives: [String] = []) {
        self.year = year
        self.title = title
        self.decision = decision
        self.decidedOn = decidedOn
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.initiatives = initiatives
    }

    enum CodingKeys: String, CodingKey { case year, title, decision, decidedOn, periodFrom, periodTo, initiatives }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        year = try c.decode(SchoolYear.self, forKey: .year)
        title = try c.decode(Award.self, forKey: .title)
        decision = try c.decodeIfPresent(String.self, forKey: .decision)
        decidedOn = try c.decodeDayIfPresent(.decidedOn)
        periodFrom = try c.decodeIfPresent(SchoolYear.self, forKey: .periodFrom)
        periodTo = try c.decodeIfPresent(SchoolYear.self, forKey: .periodTo)
        initiatives = try c.decodeIfPresent([String].self, forKey: .initiatives) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(decision, forKey: .decision)
        try c.encodeIfPresent(decidedOn?.iso, forKey: .decidedOn)
        try c.encodeIfPresent(periodFrom, forKey: .periodFrom)
        try c.encodeIfPresent(periodTo, forKey: .periodTo)
        try c.encode(initiatives, forKey: .initiatives)
    }

    /// "CSTĐCS 2022-2023 (QĐ 12/QĐ-SGDĐT ngày 15/07/2023)": how an explanation cites it.
    public var citation: String {
        var text = "\(title.vietnamese) \(year.name)"
        if let decision {
            text += " (QĐ \(decision)\(decidedOn.map { " ngày \($0.vietnamese)" } ?? ""))"
        }
        return text
    }
}

/// An initiative (sáng kiến) or research topic (đề tài) recognised in a year at a scope.
public struct Work: Codable, Sendable, Equatable {
    public var id: String
    public var year: SchoolYear
    public var kind: WorkKind
    public var scope: WorkScope
    public var name: String?

    public init(id: String, year: SchoolYear, kind: WorkKind = .initiative, scope: WorkScope = .base, name: String? = nil) {
        self.id = id
        self.year = year
        self.kind = kind
        self.scope = scope
        self.name = name
    }

    public var citation: String {
        "\(kind.vietnamese) \(name.map { "«\($0)» " } ?? "")\(id) (\(scope.vietnamese), \(year.name))"
    }
}

public struct Discipline: Codable, Sendable, Equatable {
    public var year: SchoolYear
    public var form: DisciplineForm
    public var endsOn: Day?

    public init(year: SchoolYear, form: DisciplineForm, endsOn: Day? = nil) {
        self.year = year
        self.form = form
        self.endsOn = endsOn
    }

    enum CodingKeys: String, CodingKey { case year, form, endsOn }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        year = try c.decode(SchoolYear.self, forKey: .year)
        form = try c.decode(DisciplineForm.self, forKey: .form)
        endsOn = try c.decodeDayIfPresent(.endsOn)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(form, forKey: .form)
        try c.encodeIfPresent(endsOn?.iso, forKey: .endsOn)
    }
}

/// What the rules of a collective title need of a unit in the year considered.
public struct CollectiveRecord: Codable, Sendable, Equatable {
    public var rating: Rating?
    public var members: Int
    /// Members holding LĐTT / CSTĐCS this year, rated KHTNV, disciplined at cảnh cáo or above.
    public var ldtt: Int
    public var cstdcs: Int
    public var khtnv: Int
    public var warningOrAbove: Int
    public var unity: Bool
    public var emulationActive: Bool
    /// Voted the leading unit (dẫn đầu) of its cluster or block this year.
    public var leadsCluster: Bool

    public init(rating: Rating?, members: Int, ldtt: Int = 0, cstdcs: Int = 0, khtnv: Int = 0, warningOrAbove: Int = 0,
                unity: Bool = true, emulationActive: Bool = true, leadsCluster: Bool = false) {
        self.rating = rating
        self.members = members
        self.ldtt = ldtt
        self.cstdcs = cstdcs
        self.khtnv = khtnv
        self.warningOrAbove = warningOrAbove
        self.unity = unity
        self.emulationActive = emulationActive
        self.leadsCluster = leadsCluster
    }

    /// Counts a record may hold: a unit of a million members is already not a unit (and products stay in Int).
    static let counts = 0...1_000_000

    enum CodingKeys: String, CodingKey {
        case rating, members, ldtt, cstdcs, khtnv, warningOrAbove, unity, emulationActive, leadsCluster
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rating = try c.decodeIfPresent(Rating.self, forKey: .rating)
        guard let members = try c.decodeBounded(.members, Self.counts) else {
            throw DecodingError.keyNotFound(CodingKeys.members, .init(codingPath: c.codingPath, debugDescription: "members is required"))
        }
        self.members = members
        ldtt = try c.decodeBounded(.ldtt, Self.counts) ?? 0
        cstdcs = try c.decodeBounded(.cstdcs, Self.counts) ?? 0
        khtnv = try c.decodeBounded(.khtnv, Self.counts) ?? 0
        warningOrAbove = try c.decodeBounded(.warningOrAbove, Self.counts) ?? 0
        unity = try c.decodeIfPresent(Bool.self, forKey: .unity) ?? true
        emulationActive = try c.decodeIfPresent(Bool.self, forKey: .emulationActive) ?? true
        leadsCluster = try c.decodeIfPresent(Bool.self, forKey: .leadsCluster) ?? false
    }
}

/// For a capped award: the base the share is taken of and how many are already proposed.
public struct CapContext: Codable, Sendable, Equatable {
    public var base: Int
    public var alreadyProposed: Int

    public init(base: Int, alreadyProposed: Int) {
        self.base = base
        self.alreadyProposed = alreadyProposed
    }

    enum CodingKeys: String, CodingKey { case base, alreadyProposed }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        base = try c.decodeBounded(.base, CollectiveRecord.counts) ?? 0
        alreadyProposed = try c.decodeBounded(.alreadyProposed, CollectiveRecord.counts) ?? 0
    }
}

extension KeyedDecodingContainer {
    /// An integer within `range`, or a decoding error naming the field.
    func decodeBounded(_ key: Key, _ range: ClosedRange<Int>) throws -> Int? {
        guard let value = try decodeIfPresent(Int.self, forKey: key) else { return nil }
        guard range.contains(value) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(key.stringValue) must be within \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    /// An ISO day written as text ("2024-03-01"), as people and the database write it.
    func decodeDayIfPresent(_ key: Key) throws -> Day? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a day (yyyy-MM-dd): \(text)")
        }
        return day
    }
}
