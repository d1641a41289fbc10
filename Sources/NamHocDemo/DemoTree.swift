import Foundation
import NamHocDomain

/// How much of the country the demo tree fills with schools.
public enum DemoScale: String, Sendable, CaseIterable {
    /// The whole real tree (34 departments, 3.321 communes), schools in one province only.
    case province
    /// Schools everywhere: ≈54.000 institutions.
    case national
}

/// A parent link valid for an interval; a unit's links are time-ordered and do not overlap.
public struct DemoParentLink: Sendable, Equatable {
    public var parentCode: String
    public var validity: Validity
    public init(parentCode: String, validity: Validity) {
        self.parentCode = parentCode
        self.validity = validity
    }
}

public struct DemoUnit: Sendable, Equatable {
    /// "BGD", "S01", "P01-03", "X00004", "X00004-01", "S01-001".
    public var code: String
    public var name: String
    public var kind: UnitKind
    /// Empty for administrative units.
    public var levels: Set<SchoolLevel>
    /// Set for institutions only.
    public var ownership: Ownership?
    public var validity: Validity
    public var parents: [DemoParentLink]
    /// Names the unit had before its current one, each over its days ("Sở GD&ĐT Bắc Giang" until
    /// 30/06/2025 for the department that is Bắc Ninh's from 01/07/2025).
    public var formerNames: [DemoFormerName] = []

    public init(code: String, name: String, kind: UnitKind, levels: Set<SchoolLevel> = [], ownership: Ownership? = nil,
                validity: Validity = .always, parents: [DemoParentLink] = []) {
        self.code = code
        self.name = name
        self.kind = kind
        self.levels = levels
        self.ownership = ownership
        self.validity = validity
        self.parents = parents
    }

    /// The parent's code on that day, nil for the root or a day no link covers.
    public func parentCode(on day: Day) -> String? {
        parents.first { $0.validity.contains(day) }?.parentCode
    }
}

public struct DemoFormerName: Sendable, Equatable {
    public var name: String
    public var validity: Validity
    public init(name: String, validity: Validity) {
        self.name = name
        self.validity = validity
    }
}

public struct DemoUserSpec: Sendable, Equatable {
    /// ASCII, easy to type from a printed sheet: "so01.chuyenvien".
    public var username: String
    /// A person's full name ("Nguyễn Thị Hương").
    public var displayName: String
    public var unitCode: String
    public var role: Role
    public init(username: String, displayName: String, unitCode: String, role: Role) {
        self.username = username
        self.displayName = displayName
        self.unitCode = unitCode
        self.role = role
    }
}

public struct DemoTree: Sendable {
    /// Every parent comes before its children, so units can be inserted in this order.
    public var units: [DemoUnit]
    public var users: [DemoUserSpec]
    public init(units: [DemoUnit], users: [DemoUserSpec]) {
        self.units = units
        self.users = users
    }

    /// Schools and centres.
    public var institutions: [DemoUnit] { units.filter { $0.kind.isInstitution } }
}

/// Builds a deterministic demo tree on the real provinces and communes: same inputs and seed, same tree.
///
/// History modelled (DOMAIN.md §3):
/// - the 34 departments exist throughout (each continues the host province's department, whose code it
///   keeps; its name is today's — a simplification: S24 was "Sở … Bắc Giang" before 2025);
/// - each absorbed province's department ("S02" Hà Giang) exists until 30/06/2025;
/// - communes exist from 01/07/2025, under their department;
/// - schools under a commune hang, until 30/06/2025, under a district office. There is no district data
///   in the reference files, so the offices are synthetic, named "Phòng GD&ĐT khu vực N (dữ liệu mẫu)",
///   one per 8 consecutive communes of a province (code "P01-03"), all under the host department — also
///   for communes that lay in an absorbed province (simplification: the files do not say which ones);
/// - upper-secondary schools and GDNN-GDTX centres hang under the department throughout;
/// - institutions are long-standing (no start date).
public enum DemoTreeBuilder {
    /// The day the two-level local government took effect.
    public static let reformDay = Day(year: 2025, month: 7, day: 1)!
    static let ministryCode = "BGD"
    static let communesPerOffice = 8

    /// - Parameters:
    ///   - provinces, communes: the reference files, parsed; communes of a province not in `provinces`
    ///     are left out.
    ///   - scale: `.national` puts schools in every commune, `.province` only in `province`'s.
    ///   - seed: the same seed gives the same tree, unit for unit.
    ///   - province: the province with schools at province scale, and the one the demo users work in at
    ///     both scales. An unknown code gives a tree without schools and only the ministry's users.
    public static func build(provinces: [ProvinceRecord], communes: [CommuneRecord], scale: DemoScale,
                             seed: UInt64, province: String = "01") -> DemoTree {
        let before = Validity(to: reformDay.previous)
        let after = Validity(from: reformDay)
        let provinceCodes = Set(provinces.map(\.code))
        let communesByProvince = Dictionary(grouping: communes.filter { provinceCodes.contains($0.provinceCode) },
                                            by: \.provinceCode)
        let plan = DemoPlan(provinces: provinces, communesByProvince: communesByProvince, seed: seed)

        var units: [DemoUnit] = [DemoUnit(code: ministryCode, name: "Bộ Giáo dục và Đào tạo", kind: .ministry)]
        units.reserveCapacity(scale == .national ? 60_000 : 6_000)
        let toMinistry = [DemoParentLink(parentCode: ministryCode, validity: .always)]
        for p in provinces {
            var department = DemoUnit(code: "S" + p.code, name: DemoNames.department(p.name), kind: .department, parents: toMinistry)
            // The new province keeps the code of the old one hosting its capital, whose department kept its
            // own name until the reform (Kiên Giang's is An Giang's from 01/07/2025).
            if let host = p.mergedFrom.first(where: { $0.code == p.code }), host.name != p.name {
                department.formerNames = [DemoFormerName(name: DemoNames.department(host.name), validity: before)]
            }
            units.append(department)
        }
        for p in provinces {
            for former in p.absorbed where !provinceCodes.contains(former.code) {
                units.append(DemoUnit(code: "S" + former.code, name: DemoNames.department(former.name),
                                      kind: .department, validity: before,
                                      parents: [DemoParentLink(parentCode: ministryCode, validity: before)]))
            }
        }

        var schoolsByCommune: [String: [DemoSchoolRef]] = [:]
        for p in provinces {
            let department = "S" + p.code
            let list = communesByProvince[p.code] ?? []
            let offices = (list.count + communesPerOffice - 1) / communesPerOffice
            for n in 0..<offices {
                units.append(DemoUnit(code: officeCode(p.code, n), name: "Phòng GD&ĐT khu vực \(n + 1) (dữ liệu mẫu)",
                                      kind: .districtOffice, validity: before,
                                      parents: [DemoParentLink(parentCode: department, validity: before)]))
            }
            for c in list {
                units.append(DemoUnit(code: "X" + c.code, name: c.name, kind: .commune, validity: after,
                                      parents: [DemoParentLink(parentCode: department, validity: after)]))
            }
            guard scale == .national || p.code == province else { continue }

            // The department's own institutions, names unique within the province.
            var namer = DemoNamer(random: SeededRandom(seed: seed, stream: "names/S" + p.code))
            var random = SeededRandom(seed: seed, stream: "schools/S" + p.code)
            let placeNames = list.map { trimmedProperName($0) }
            var number = 0
            for category in DemoCategory.allCases where category.underDepartment {
                for _ in 0..<plan.count(province: p.code, category) {
                    number += 1
                    let nonPublic = random.chance(category.nonPublicShare)
                    let prefix = category.prefix(nonPublic: nonPublic, random: &random)
                    let pool = category == .centre ? placeNames : DemoNames.figures + placeNames
                    units.append(DemoUnit(
                        code: "\(department)-\(padded(number, 3))",
                        name: namer.name(prefix: prefix, pool: pool.isEmpty ? DemoNames.figures : pool),
                        kind: category.kind, levels: category.levels, ownership: nonPublic ? .nonPublic : .public,
                        parents: [DemoParentLink(parentCode: department, validity: .always)]))
                }
            }

            // The communes' schools, names unique within the commune.
            for (index, c) in list.enumerated() {
                var namer = DemoNamer(random: SeededRandom(seed: seed, stream: "names/X" + c.code))
                var random = SeededRandom(seed: seed, stream: "schools/X" + c.code)
                let parents = [DemoParentLink(parentCode: officeCode(p.code, index / communesPerOffice), validity: before),
                               DemoParentLink(parentCode: "X" + c.code, validity: after)]
                let own = trimmedProperName(c)
                var number = 0
                var codes: [DemoSchoolRef] = []
                for category in DemoCategory.allCases where !category.underDepartment {
                    let pool = category.levels == [.preschool] ? DemoNames.preschool : DemoNames.figures
                    var offerOwnName = category.takesCommuneName && random.chance(0.7)
                    for _ in 0..<plan.count(commune: c.code, category) {
                        number += 1
                        let nonPublic = random.chance(category.nonPublicShare)
                        let prefix = category.prefix(nonPublic: nonPublic, random: &random)
                        // The commune's name goes to its first public school of the kind.
                        let preferred = offerOwnName && !nonPublic ? own : nil
                        if preferred != nil { offerOwnName = false }
                        let code = "X\(c.code)-\(padded(number, 2))"
                        codes.append(DemoSchoolRef(code: code, levels: category.levels, isPublic: !nonPublic))
                        units.append(DemoUnit(
                            code: code, name: namer.name(prefix: prefix, preferred: preferred, pool: pool),
                            kind: category.kind, levels: category.levels, ownership: nonPublic ? .nonPublic : .public,
                            parents: parents))
                    }
                }
                schoolsByCommune[c.code] = codes
            }
        }

        let users = demoUsers(provinces: provinces, communesByProvince: communesByProvince,
                              schoolsByCommune: schoolsByCommune, seed: seed, province: province)
        return DemoTree(units: units, users: users)
    }

    static func officeCode(_ province: String, _ index: Int) -> String {
        "P\(province)-\(padded(index + 1, 2))"
    }

    /// Zero-padded decimal: `padded(7, 3)` is "007"; wider numbers keep all their digits.
    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// "Ba Đình" for "Phường Ba Đình"; "Móng Cái" for "Phường Móng Cái 2", whose number would read oddly in
    /// a school's name.
    static func trimmedProperName(_ commune: CommuneRecord) -> String {
        var name = commune.properName
        while let last = name.last, last.isNumber || last == " " { name.removeLast() }
        return name.isEmpty ? commune.properName : name
    }
}
