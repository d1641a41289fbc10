import Foundation

/// A cluster's criteria table (bảng tiêu chí chấm điểm) as data: criteria with maximum points, grouped,
/// some requiring evidence, some computed from the statistics and plans; bonus and penalty items; the
/// declared tie-breaks of the ranking. Tables differ by organiser and year, so nothing here is fixed.
public struct CriteriaTable: Codable, Sendable, Equatable {
    public var name: String
    public var criteria: [Criterion]
    /// Applied in order after the total: a group's points (e.g. the key tasks), then the votes.
    public var tieBreaks: [TieBreak]

    public init(name: String, criteria: [Criterion], tieBreaks: [TieBreak]) {
        self.name = name
        self.criteria = criteria
        self.tieBreaks = tieBreaks
    }

    public subscript(id: String) -> Criterion? { criteria.first { $0.id == id } }

    /// The example table NamHoc ships (`Resources/emulation/criteria/cum-thi-dua-mau.json`).
    public static func example() throws -> CriteriaTable {
        guard let url = Bundle.module.url(forResource: "cum-thi-dua-mau", withExtension: "json", subdirectory: "Resources/emulation/criteria")
            ?? Bundle.module.resourceURL?.appendingPathComponent("Resources/emulation/criteria/cum-thi-dua-mau.json") else {
            throw EmulationDataError(file: "cum-thi-dua-mau.json", message: "không tìm thấy bảng tiêu chí mẫu")
        }
        return try JSONDecoder().decode(CriteriaTable.self, from: Data(contentsOf: url))
    }

    /// The points regular criteria can give in all (bonus and penalty excluded).
    public var maximum: Double { criteria.filter { $0.kind == .regular }.map(\.maxPoints).reduce(0, +) }

    /// The total of a sheet: regular criteria and bonus items each at most their maximum, penalties taken
    /// off (each at most its maximum). A sheet is validated first (`faults`), so nothing is clamped silently.
    public func total(_ points: [String: Double]) -> Double {
        criteria.reduce(0) { sum, criterion in
            let given = min(max(points[criterion.id] ?? 0, 0), criterion.maxPoints)
            return criterion.kind == .penalty ? sum - given : sum + given
        }
    }

    /// The points of one group's criteria (for a tie-break on, e.g., the key tasks).
    public func total(_ points: [String: Double], group: String) -> Double {
        criteria.filter { $0.group == group && $0.kind == .regular }.reduce(0) { $0 + min(max(points[$1.id] ?? 0, 0), $1.maxPoints) }
    }

    /// What is wrong with a sheet, in Vietnamese: unknown criteria, points out of range, evidence missing.
    public func faults(_ points: [String: Double], evidence: [String: String], stage: ScoreStage) -> [String] {
        var faults: [String] = []
        for (id, value) in points.sorted(by: { $0.key < $1.key }) {
            guard let criterion = self[id] else { faults.append("Không có tiêu chí “\(id)”."); continue }
            if !value.isFinite || value < 0 || value > criterion.maxPoints {
                faults.append("\(criterion.name): \(value.pointsText) điểm, phải từ 0 đến \(criterion.maxPoints.pointsText).")
            }
            if stage == .selfScore, criterion.evidenceRequired, value > 0, (evidence[id] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                faults.append("\(criterion.name): cần minh chứng cho điểm tự chấm.")
            }
        }
        return faults
    }

    /// Points of a computed criterion: its maximum in proportion to what was met (targets by the approved
    /// figures, tasks done on time by the reports); nothing to meet gives nothing, not the maximum.
    public static func computed(met: Int, of count: Int, maxPoints: Double) -> Double {
        guard count > 0 else { return 0 }
        return (maxPoints * Double(min(met, count)) / Double(count) * 100).rounded() / 100
    }
}

public struct Criterion: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var maxPoints: Double
    public var kind: Kind
    public var group: String?
    public var evidenceRequired: Bool
    /// Filled by NamHoc from the statistics and plans instead of by the scorers.
    public var computed: Computed?

    public enum Kind: String, Codable, Sendable { case regular, bonus, penalty }

    public enum Computed: String, Codable, Sendable {
        /// Registered targets met according to the approved figures.
        case targetsMet
        /// Key tasks of the plan done by their deadline according to the accepted reports.
        case tasksOnTime
    }

    public init(id: String, name: String, maxPoints: Double, kind: Kind = .regular, group: String? = nil,
                evidenceRequired: Bool = false, computed: Computed? = nil) {
        self.id = id
        self.name = name
        self.maxPoints = maxPoints
        self.kind = kind
        self.group = group
        self.evidenceRequired = evidenceRequired
        self.computed = computed
    }

    enum CodingKeys: String, CodingKey { case id, name, maxPoints, kind, group, evidenceRequired, computed }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        maxPoints = try c.decode(Double.self, forKey: .maxPoints)
        guard maxPoints.isFinite, maxPoints > 0, maxPoints <= 10_000 else {
            throw DecodingError.dataCorruptedError(forKey: .maxPoints, in: c, debugDescription: "maxPoints must be within 0…10000")
        }
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .regular
        group = try c.decodeIfPresent(String.self, forKey: .group)
        evidenceRequired = try c.decodeIfPresent(Bool.self, forKey: .evidenceRequired) ?? false
        computed = try c.decodeIfPresent(Computed.self, forKey: .computed)
    }
}

public enum TieBreak: Codable, Sendable, Equatable {
    /// More points on this group's criteria ranks first.
    case group(String)
    /// More votes of the cluster (bình xét) ranks first.
    case votes

    enum CodingKeys: String, CodingKey { case kind, group }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "group": self = .group(try c.decode(String.self, forKey: .group))
        case "votes": self = .votes
        case let other: throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown tie-break \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .group(let group): try c.encode("group", forKey: .kind); try c.encode(group, forKey: .group)
        case .votes: try c.encode("votes", forKey: .kind)
        }
    }
}

/// Self-score with evidence → cross-score by the cluster → final score by the organiser, in that order.
public enum ScoreStage: String, Codable, Sendable, CaseIterable, Comparable {
    case selfScore = "self"
    case cross
    case final

    public static func < (a: ScoreStage, b: ScoreStage) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    public var vietnamese: String {
        switch self {
        case .selfScore: "Tự chấm"
        case .cross: "Chấm chéo"
        case .final: "Điểm chính thức"
        }
    }

    /// The stage a member's scoring may take next given the stages it already has: a stage opens when the
    /// one before it is done for that member; a stage already done is not redone once the next has begun.
    public static func refusal(of stage: ScoreStage, done: Set<ScoreStage>) -> String? {
        switch stage {
        case .selfScore:
            return done.contains(.cross) || done.contains(.final) ? "Đã chấm chéo: không sửa điểm tự chấm." : nil
        case .cross:
            if !done.contains(.selfScore) { return "Chưa tự chấm: chưa chấm chéo được." }
            return done.contains(.final) ? "Đã có điểm chính thức: không sửa điểm chấm chéo." : nil
        case .final:
            return done.contains(.cross) ? nil : "Chưa chấm chéo: chưa chấm điểm chính thức được."
        }
    }
}

/// The ranking of a cluster's members by their final totals and the declared tie-breaks. Members still
/// equal after every tie-break share a rank (1, 2, 2, 4), and the ranking says so.
public enum Ranking {
    public struct Entry: Sendable, Equatable {
        public var member: String
        public var total: Double
        public var groups: [String: Double]
        public var votes: Int

        public init(member: String, total: Double, groups: [String: Double] = [:], votes: Int = 0) {
            self.member = member
            self.total = total
            self.groups = groups
            self.votes = votes
        }
    }

    public struct Row: Sendable, Equatable {
        public var rank: Int
        public var entry: Entry
        /// The tie-break that separated it from the member just above (nil: the total did, or nothing did).
        public var decidedBy: String?
        public var tied: Bool
    }

    public static func rank(_ entries: [Entry], tieBreaks: [TieBreak]) -> [Row] {
        func keys(_ e: Entry) -> [Double] {
            [e.total] + tieBreaks.map { tie in
                switch tie {
                case .group(let group): e.groups[group] ?? 0
                case .votes: Double(e.votes)
                }
            }
        }
        let sorted = entries.sorted { a, b in
            let (ka, kb) = (keys(a), keys(b))
            return ka != kb ? ka.lexicographicallyPrecedes(kb, by: >) : a.member < b.member
        }
        var rows: [Row] = []
        for (index, entry) in sorted.enumerated() {
            guard let previous = rows.last else { rows.append(Row(rank: 1, entry: entry, decidedBy: nil, tied: false)); continue }
            let (ka, kb) = (keys(previous.entry), keys(entry))
            if ka == kb {
                rows[rows.count - 1].tied = true
                rows.append(Row(rank: previous.rank, entry: entry, decidedBy: nil, tied: true))
            } else {
                let first = zip(ka, kb).enumerated().first { $0.element.0 != $0.element.1 }!.offset
                let by = first == 0 ? nil : tieBreaks[first - 1].vietnamese
                rows.append(Row(rank: index + 1, entry: entry, decidedBy: by, tied: false))
            }
        }
        return rows
    }
}

extension TieBreak {
    public var vietnamese: String {
        switch self {
        case .group(let group): "điểm nhóm “\(group)”"
        case .votes: "số phiếu bình xét"
        }
    }
}

extension Double {
    /// "12,5", "100": points as Vietnamese write them.
    public var pointsText: String {
        let rounded = (self * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded).replacingOccurrences(of: ".", with: ",")
    }
}
