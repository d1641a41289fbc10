import Foundation
import NamHocDomain

extension DemoTreeBuilder {
    /// Accounts for trying the demo: each role at the ministry, at one department, at one commune and two
    /// of its schools, plus an officer of a second department so access rules have another branch.
    static func demoUsers(provinces: [ProvinceRecord], communesByProvince: [String: [CommuneRecord]],
                          schoolsByCommune: [String: [DemoSchoolRef]], seed: UInt64,
                          province: String) -> [DemoUserSpec] {
        var random = SeededRandom(seed: seed, stream: "users")
        var users: [DemoUserSpec] = []
        func add(_ username: String, _ unit: String, _ role: Role) {
            users.append(DemoUserSpec(username: username, displayName: DemoNames.person(&random), unitCode: unit, role: role))
        }
        add("admin", ministryCode, .admin)
        add("bo.lanhdao", ministryCode, .leader)
        let codes = Set(provinces.map(\.code))
        guard codes.contains(province) else { return users }
        let so = "so" + province, department = "S" + province
        add(so + ".quantri", department, .admin)
        add(so + ".lanhdao", department, .leader)
        add(so + ".chuyenvien", department, .officer)
        add(so + ".xem", department, .viewer)

        if let commune = (communesByProvince[province] ?? []).first(where: { (schoolsByCommune[$0.code]?.count ?? 0) >= 2 }) {
            add("xa\(commune.code).lanhdao", "X" + commune.code, .leader)
            add("xa\(commune.code).chuyenvien", "X" + commune.code, .officer)
            // Prefer a public primary and lower-secondary school: what officers report on most.
            let schools = schoolsByCommune[commune.code]!
            let primary = schools.first { $0.levels == [.primary] && $0.isPublic }?.code
            let lower = schools.first { $0.levels == [.lowerSecondary] && $0.isPublic }?.code
            let chosen = if let primary, let lower { [primary, lower] } else { schools.prefix(2).map(\.code) }
            add("truong1.chuyenvien", chosen[0], .officer)
            add("truong1.xem", chosen[0], .viewer)
            add("truong2.chuyenvien", chosen[1], .officer)
        }
        let second = province == "79" ? "01" : "79"
        if codes.contains(second) { add("so\(second).chuyenvien", "S" + second, .officer) }
        return users
    }
}

/// What the user list needs to know of a commune's schools.
struct DemoSchoolRef {
    var code: String
    var levels: Set<SchoolLevel>
    var isPublic: Bool
}
