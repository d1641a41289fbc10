import Foundation
import NamHocDemo
import NamHocDomain
import Testing

/// Trees built once per process: the national one is the expensive part of this suite.
private enum Trees {
    static func build(_ scale: DemoScale, seed: UInt64 = 42, province: String = "01") throws -> DemoTree {
        try DemoTreeBuilder.build(provinces: ReferenceFixtures.provinces(), communes: ReferenceFixtures.communes(),
                                  scale: scale, seed: seed, province: province)
    }
    private static let cachedNational = Result { try build(.national) }
    private static let cachedHanoi = Result { try build(.province) }
    static func national() throws -> DemoTree { try cachedNational.get() }
    static func hanoi() throws -> DemoTree { try cachedHanoi.get() }
}

private let before = Day(iso: "2024-10-01")!
private let after = Day(iso: "2025-10-01")!

/// MOET's count of single-level schools by level (DOMAIN.md §4). Independent preschool groups and classes
/// ("Nhóm trẻ …", "Lớp mẫu giáo …") are institutions but not "Trường", so they are not in the 15.256.
private func schoolCounts(_ tree: DemoTree) -> [SchoolLevel: Int] {
    var counts: [SchoolLevel: Int] = [:]
    for unit in tree.units where unit.kind == .school && unit.levels.count == 1 && unit.name.hasPrefix("Trường") {
        counts[unit.levels.first!, default: 0] += 1
    }
    return counts
}

@Suite struct DemoTreeTests {
    @Test func national_scale_has_about_54000_institutions() throws {
        // MUT
        let count = try Trees.national().institutions.count
        // validate
        #expect(abs(count - 54_000) <= 2_700, "\(count) institutions")
    }

    @Test func national_scale_matches_moet_counts_per_level_within_10_percent() throws {
        // MUT: the national tree's schools by level
        let counts = schoolCounts(try Trees.national())
        // validate: each within 10 percent of MOET's figure
        let expected: [SchoolLevel: Int] = [.preschool: 15_256, .primary: 12_166, .lowerSecondary: 10_753, .upperSecondary: 2_981]
        for (level, figure) in expected {
            let actual = counts[level, default: 0]
            #expect(Double(abs(actual - figure)) <= 0.1 * Double(figure), "\(level): \(actual), MOET \(figure)")
        }
        // validate: the continuing-education centres
        let centres = try Trees.national().units.filter { $0.kind == .centre }
        #expect(!centres.isEmpty && centres.allSatisfy { $0.levels == [.continuing] && $0.name.hasPrefix("Trung tâm GDNN-GDTX ") })
    }

    @Test func same_seed_gives_the_same_tree() throws {
        // MUT: two trees from the same seed
        let a = try Trees.build(.province, seed: 7), b = try Trees.build(.province, seed: 7)
        // validate
        #expect(a.units == b.units)
        #expect(a.users == b.users)
    }

    @Test func different_seed_gives_different_names_and_counts() throws {
        // MUT: trees from two seeds
        let a = try Trees.build(.province, seed: 1), b = try Trees.build(.province, seed: 2)
        // validate
        #expect(a.institutions.map(\.name) != b.institutions.map(\.name))
        let perCommune = { (tree: DemoTree) in
            Dictionary(grouping: tree.institutions, by: { $0.parents.last!.parentCode }).mapValues(\.count)
        }
        #expect(perCommune(a) != perCommune(b))
    }

    @Test func province_scale_keeps_the_whole_real_tree_but_schools_only_in_the_province() throws {
        // MUT
        let tree = try Trees.hanoi()
        // validate
        #expect(tree.units.filter { $0.kind == .commune }.count == 3321)
        #expect(tree.units.filter { $0.kind == .department && $0.validity.contains(after) }.count == 34)
        let hanoiCommunes = Set(try ReferenceFixtures.communes().filter { $0.provinceCode == "01" }.map { "X" + $0.code })
        let institutions = tree.institutions
        #expect(institutions.count > 1_000)
        for unit in institutions {
            let parent = unit.parentCode(on: after)!
            #expect(parent == "S01" || hanoiCommunes.contains(parent), "\(unit.code) under \(parent)")
        }
    }

    @Test func province_scale_builds_exactly_the_national_schools_of_that_province() throws {
        // MUT: the province tree's institutions
        let local = try Trees.hanoi().institutions
        // validate: the national tree's institutions in that province, the same
        let hanoiCommunes = Set(try ReferenceFixtures.communes().filter { $0.provinceCode == "01" }.map { "X" + $0.code })
        let national = try Trees.national().institutions.filter {
            let parent = $0.parentCode(on: after)!
            return parent == "S01" || hanoiCommunes.contains(parent)
        }
        #expect(local == national)
    }

    @Test func another_province_can_be_chosen() throws {
        // MUT
        let tree = try Trees.build(.province, province: "79")
        // validate
        #expect(tree.institutions.allSatisfy { $0.code.hasPrefix("S79-") || $0.parentCode(on: after)?.hasPrefix("X") == true })
        #expect(tree.institutions.contains { $0.code.hasPrefix("S79-") })
        #expect(tree.users.contains { $0.username == "so79.quantri" && $0.unitCode == "S79" })
        #expect(tree.users.contains { $0.username == "so01.chuyenvien" && $0.unitCode == "S01" })
    }

    @Test(arguments: [DemoScale.province, .national])
    func every_parent_exists_and_comes_first(scale: DemoScale) throws {
        // MUT
        let tree = scale == .national ? try Trees.national() : try Trees.hanoi()
        // validate
        var seen: [String: DemoUnit] = [:]
        for unit in tree.units {
            for link in unit.parents {
                let parent = seen[link.parentCode]
                #expect(parent != nil, "\(unit.code): parent \(link.parentCode) missing or later")
                // A link may only point at a parent that exists for the whole link.
                if let parent, let from = link.validity.from { #expect(parent.validity.contains(from)) }
                if let parent, let to = link.validity.to { #expect(parent.validity.contains(to)) }
            }
            #expect(seen.updateValue(unit, forKey: unit.code) == nil, "duplicate code \(unit.code)")
        }
        #expect(tree.units.first?.code == "BGD" && tree.units.first?.parents == [])
    }

    @Test func parent_links_are_ordered_and_do_not_overlap() throws {
        // MUT + validate
        for unit in try Trees.national().units {
            for (a, b) in zip(unit.parents, unit.parents.dropFirst()) {
                guard let end = a.validity.to, let start = b.validity.from else {
                    Issue.record("\(unit.code): open link followed by another")
                    continue
                }
                #expect(end < start, "\(unit.code): \(a) overlaps \(b)")
            }
        }
    }

    @Test func every_school_has_a_parent_before_and_after_the_reform() throws {
        // MUT
        let units = try Trees.national().units
        // validate
        let kinds = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0.kind) })
        for unit in units where unit.kind.isInstitution {
            let old = try #require(unit.parentCode(on: before)), new = try #require(unit.parentCode(on: after))
            if unit.levels.contains(.upperSecondary) || unit.kind == .centre {
                #expect(old == new && kinds[new] == .department)
            } else {
                #expect(kinds[old] == .districtOffice && kinds[new] == .commune)
            }
        }
    }

    @Test func reform_history_of_departments_and_communes() throws {
        // MUT
        let units = try Trees.hanoi().units
        // validate
        let byCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
        let haGiang = try #require(byCode["S02"])
        #expect(haGiang.name == "Sở Giáo dục và Đào tạo Hà Giang")
        #expect(haGiang.validity == Validity(to: Day(iso: "2025-06-30")!))
        #expect(byCode["S08"]?.validity == .always)
        #expect(byCode["S79"]?.name == "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh")
        #expect(byCode["S01"]?.name == "Sở Giáo dục và Đào tạo Hà Nội")
        // 63 old provinces: 34 kept their code, 29 departments closed.
        #expect(units.filter { $0.kind == .department }.count == 63)
        let baDinh = try #require(byCode["X00004"])
        #expect(baDinh.name == "Phường Ba Đình" && baDinh.validity.from == DemoTreeBuilder.reformDay)
        #expect(baDinh.parentCode(on: after) == "S01" && baDinh.parentCode(on: before) == nil)
        let office = try #require(byCode["P01-01"])
        #expect(office.kind == .districtOffice && office.name == "Phòng GD&ĐT khu vực 1 (dữ liệu mẫu)")
        #expect(office.parentCode(on: before) == "S01" && !office.validity.contains(after))
    }

    @Test func names_are_unique_within_a_commune_and_upper_secondary_within_a_province() throws {
        // setup
        var seen = Set<String>()
        // MUT + validate
        for unit in try Trees.national().institutions {
            let scope = unit.parentCode(on: after)!
            #expect(seen.insert(scope + "|" + unit.name).inserted, "\(unit.name) twice in \(scope)")
        }
    }

    @Test func institutions_are_named_and_typed_by_their_levels() throws {
        // MUT + validate: each institution's name and type, by its levels
        for unit in try Trees.national().institutions {
            #expect(unit.validity == .always && unit.ownership != nil)
            let label: String
            switch unit.levels {
            case [.preschool]: label = unit.ownership == .nonPublic ? "tư thục" : "Trường Mầm non "
            case [.primary]: label = "Trường Tiểu học "
            case [.lowerSecondary]: label = "Trường THCS "
            case [.upperSecondary]: label = "Trường THPT "
            case [.primary, .lowerSecondary]: label = "Trường TH&THCS "
            case [.continuing]: label = "Trung tâm GDNN-GDTX "
            default: label = "Trường " + SchoolLevel.label(unit.levels) + " "
            }
            #expect(unit.name.contains(label), "\(unit.name) for \(SchoolLevel.label(unit.levels))")
            #expect(unit.name == unit.name.precomposedStringWithCanonicalMapping)
        }
        // validate: the non-public ones say so
        let nonPublic = try Trees.national().institutions.filter { $0.ownership == .nonPublic }
        #expect(nonPublic.count > 10_000 && nonPublic.allSatisfy { $0.name.contains("tư thục") })
    }

    @Test func demo_users_cover_every_level_and_point_at_existing_units() throws {
        // MUT + validate: the province tree and the national tree
        for tree in [try Trees.hanoi(), try Trees.national()] {
            let byCode = Dictionary(uniqueKeysWithValues: tree.units.map { ($0.code, $0) })
            let users = Dictionary(uniqueKeysWithValues: tree.users.map { ($0.username, $0) })
            #expect(users.count == tree.users.count)
            for user in tree.users {
                #expect(byCode[user.unitCode] != nil, "\(user.username) at \(user.unitCode)")
                #expect(user.username.allSatisfy { $0.isASCII })
                #expect(user.displayName.split(separator: " ").count == 3)
            }
            #expect(users["admin"]?.unitCode == "BGD" && users["admin"]?.role == .admin)
            #expect(users["bo.lanhdao"]?.role == .leader)
            #expect(users["so01.quantri"]?.role == .admin && users["so01.xem"]?.role == .viewer)
            #expect(users["so79.chuyenvien"]?.unitCode == "S79")
            let commune = try #require(tree.users.first { $0.username.hasPrefix("xa") && $0.role == .leader })
            #expect(commune.username == "xa00004.lanhdao" && commune.unitCode == "X00004")
            let school1 = try #require(users["truong1.chuyenvien"]), school2 = try #require(users["truong2.chuyenvien"])
            #expect(school1.unitCode != school2.unitCode && users["truong1.xem"]?.unitCode == school1.unitCode)
            for school in [school1, school2] {
                #expect(byCode[school.unitCode]?.parentCode(on: after) == "X00004")
            }
        }
    }

    @Test func seeded_random_is_splitmix64() {
        // Reference values of SplitMix64 for seed 0 (Vigna's splitmix64.c).
        // setup
        var random = SeededRandom(seed: 0)
        // MUT + validate
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        // setup: a second source, drawn within bounds
        var bounded = SeededRandom(seed: 1)
        // MUT + validate
        for _ in 0..<1_000 { #expect((0..<7).contains(bounded.nextInt(below: 7))) }
        // MUT + validate: FNV-1a of the empty string
        #expect(SeededRandom.fnv1a("") == 0xCBF2_9CE4_8422_2325)
    }
}
