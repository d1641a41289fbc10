import Foundation
import NamHocDomain

/// One kept sum: the counted values of one cell reported by the units of one level set and ownership
/// below `ancestorCode`, on the tree of the period's day.
public struct DemoSum: Sendable, Equatable {
    public var ancestorCode: String
    public var period: String
    public var key: FigureKey
    /// `SchoolLevel.encode` of the reporting units' levels ("" for a commune).
    public var levels: String
    /// The reporting units' ownership raw value, "" where they have none.
    public var ownership: String
    public var value: Double
    /// How many reports the sum holds.
    public var reports: Int
}

/// The kept sums of the demo's reports, computed from the generator's own figures: what
/// `StatisticsStore.expectedSums` computes by SQL (every counted report in the sum of every ancestor on
/// the period's day, its unit excluded), at a fraction of the cost on the national demo, where the SQL
/// expands 15 million values over three ancestors each. The app's tests prove both equal.
public struct DemoSums {
    private let units: [String: DemoUnit]
    private var ancestries: [String: [String]] = [:]
    // Interned keys: 46 million additions on the national demo go through one integer-keyed dictionary.
    private var ancestorIndex: [String: Int] = [:], ancestorCodes: [String] = []
    private var cellIndex: [FigureKey: Int] = [:], cells: [FigureKey] = []
    private var groupIndex: [Group: Int] = [:], groups: [Group] = []
    private var periodIndex: [String: Int] = [:], periods: [String] = []
    private var sums: [UInt64: (value: Double, reports: Int)] = [:]

    public init(tree: DemoTree) {
        units = Dictionary(tree.units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Counts a report in its ancestors' sums when its status counts in the roll-up.
    public mutating func add(_ report: DemoReport) {
        guard report.status.countsInRollUp, let unit = units[report.unitCode], let period = Period(code: report.period) else { return }
        let levels = SchoolLevel.encode(unit.levels), ownership = unit.ownership?.rawValue ?? ""
        let ancestors = ancestry(of: unit.code, period: period).map { Self.intern($0, &ancestorIndex, &ancestorCodes) }
        guard !ancestors.isEmpty else { return }
        let periodKey = UInt64(Self.intern(report.period, &periodIndex, &periods))
        let groupKey = UInt64(Self.intern(Group(levels: levels, ownership: ownership), &groupIndex, &groups))
        for (key, value) in report.values {
            let cell = UInt64(Self.intern(key, &cellIndex, &cells))
            for ancestor in ancestors {
                let packed = UInt64(ancestor) << 36 | periodKey << 28 | cell << 12 | groupKey
                sums[packed, default: (0, 0)].value += value
                sums[packed, default: (0, 0)].reports += 1
            }
        }
    }

    /// Every sum, in no particular order.
    public var rows: [DemoSum] {
        sums.map { packed, sum in
            let group = groups[Int(packed & 0xFFF)]
            return DemoSum(ancestorCode: ancestorCodes[Int(packed >> 36)], period: periods[Int(packed >> 28 & 0xFF)],
                           key: cells[Int(packed >> 12 & 0xFFFF)], levels: group.levels, ownership: group.ownership,
                           value: sum.value, reports: sum.reports)
        }
    }

    /// The unit's ancestors on the period's day, nearest first.
    private mutating func ancestry(of code: String, period: Period) -> [String] {
        let cacheKey = "\(code) \(period.code)"
        if let known = ancestries[cacheKey] { return known }
        var path: [String] = [], current = code
        while path.count < 16, let link = units[current]?.parents.first(where: { $0.validity.contains(period.first) }) {
            path.append(link.parentCode)
            current = link.parentCode
        }
        ancestries[cacheKey] = path
        return path
    }

    private static func intern<Key: Hashable>(_ key: Key, _ index: inout [Key: Int], _ list: inout [Key]) -> Int {
        if let known = index[key] { return known }
        index[key] = list.count
        list.append(key)
        return list.count - 1
    }

    /// The reporting units' levels and ownership a sum is split by.
    private struct Group: Hashable {
        var levels: String
        var ownership: String
    }
}
