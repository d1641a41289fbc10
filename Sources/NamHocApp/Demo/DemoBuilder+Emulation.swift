import Fluent
import Foundation
import NamHocDemo
import NamHocDomain

/// The demo's emulation records: twelve staff of the first demo school with four years of ratings, titles
/// and initiatives, entered the way a school enters them (the staff file through `StaffImport`), so that
/// prerequisites bite in the year just ended: a chain of three CSTĐCS, a gap year, a recent recruit, a
/// discipline, two consecutive HTXSNV years with two initiatives.
extension DemoBuilder {
    static func writeEmulation(tree: DemoTree, today: Day, on db: any Database) async throws -> Int {
        guard let code = tree.users.first(where: { $0.username == "truong1.chuyenvien" })?.unitCode,
              let school = try await Unit.query(on: db).filter(\.$code == code).first() else { return 0 }
        let table = emulationTable(ending: SchoolYear.containing(today).previous)
        return try await StaffImport.run(table, unitID: try school.requireID(), by: .commandLine, dryRun: false, on: db).created
    }

    /// Four years ending with `last` (the year just ended, not yet decided).
    static func emulationTable(ending last: SchoolYear) -> [[String]] {
        let years = (0..<4).reversed().map { SchoolYear(startYear: last.startYear - $0) }
        let header = StaffImport.Column.allCases.map(\.rawValue)
            + years.flatMap { y in StaffImport.YearlyColumn.allCases.map { "\($0.rawValue) \(y.name)" } }
        // Per person: fixed columns, then per year (rating, titles, works, discipline); decisions are numbered by year.
        typealias Year = (rating: String, titles: String, works: String, discipline: String)
        func person(_ code: String, _ name: String, _ position: String, recruited: String = "01/09/2012", sector: String = "14",
                    _ yearly: [Year]) -> [String] {
            [code, name, position, recruited, sector, "0", ""] + zip(years, yearly).flatMap { year, y in
                let decided = year < last && !y.titles.isEmpty
                return [y.rating, decided ? y.titles : "", decided ? "\(40 + year.startYear % 100)/QĐ-PGDĐT" : "", y.works, y.discipline]
            }
        }
        let ldtt: Year = ("HTTNV", "LĐTT", "", "")
        let rows: [[String]] = [
            person("GV001", "Nguyễn Thị Mai", "Hiệu trưởng", [("HTXSNV", "CSTĐCS", "", ""), ("HTXSNV", "CSTĐCS", "tỉnh: Chuyển đổi số trong quản lý", ""),
                                                               ("HTXSNV", "CSTĐCS", "", ""), ("HTXSNV", "", "", "")]),
            person("GV002", "Trần Văn Hùng", "Giáo viên", [ldtt, ldtt, ("HTTNV", "LĐTT", "cơ sở: Dạy học theo dự án", ""), ("HTTNV", "", "cơ sở: Thư viện số lớp học", "")]),
            person("GV003", "Lê Thị Hoa", "Tổ trưởng chuyên môn", [("HTXSNV", "CSTĐCS", "", ""), ("HTNV", "", "", ""),
                                                                     ("HTXSNV", "CSTĐCS", "", ""), ("HTXSNV", "", "tỉnh: Ngân hàng câu hỏi", "")]),
            person("GV004", "Phạm Minh Tuấn", "Giáo viên", recruited: "15/01/\(last.startYear + 1)", sector: "0",
                   [("", "", "", ""), ("", "", "", ""), ("", "", "", ""), ("HTTNV", "", "", "")]),
            person("GV005", "Hoàng Thị Lan", "Giáo viên", [ldtt, ldtt, ldtt, ("HTTNV", "", "", "khiển trách")]),
            person("GV006", "Vũ Đức Thắng", "Phó hiệu trưởng", [ldtt, ldtt, ("HTXSNV", "LĐTT", "cơ sở: Sổ điểm điện tử", ""),
                                                                 ("HTXSNV", "", "cơ sở: Hội giảng trực tuyến", "")]),
            person("GV007", "Đặng Thị Thu", "Giáo viên", recruited: "01/09/2004", sector: "22", [ldtt, ldtt, ldtt, ("HTTNV", "", "", "")]),
            person("GV008", "Bùi Văn Nam", "Giáo viên", [ldtt, ldtt, ldtt, ("HTTNV", "", "", "")]),
            person("GV009", "Đỗ Thị Hạnh", "Giáo viên", [ldtt, ("HTNV", "", "", ""), ldtt, ("HTTNV", "", "", "")]),
            person("GV010", "Ngô Văn Bình", "Nhân viên", [("HTNV", "", "", ""), ("HTNV", "", "", ""), ("HTNV", "", "", ""), ("KHTNV", "", "", "")]),
            person("GV011", "Dương Thị Yến", "Giáo viên", [ldtt, ldtt, ("HTXSNV", "CSTĐCS", "cơ sở: Trò chơi học toán", ""), ("HTXSNV", "", "cơ sở: Góc học tập xanh", "")]),
            person("GV012", "Lý Văn Phúc", "Giáo viên", [ldtt, ldtt, ldtt, ("HTTNV", "", "", "")]),
        ]
        return [header] + rows
    }
}

/// The demo's clusters: "Cụm thi đua số 1" of the ministry (the five centrally-run cities' departments, as
/// they stood) run from registration to the vote in 2023-2024, the same cluster of today's merged
/// departments registered and self-scored in 2025-2026, and a cluster of primary schools of the demo
/// department. Every step goes through `ClusterService`, as the pages do.
extension DemoBuilder {
    static func writeClusters(tree: DemoTree, today: Day, statistics: StatisticsCatalogue, on db: any Database) async throws -> Int {
        let codes = ["S01", "S31", "S48", "S79", "S92"]
        let wanted = codes + ["BGD"]
        let units = try await Unit.query(on: db).filter(\.$code ~~ wanted).all()
        guard let ministry = units.first(where: { $0.code == "BGD" }), units.count == codes.count + 1 else { return 0 }
        var count = 0
        let table = try CriteriaTable.example()
        let agreement = "Các Sở Giáo dục và Đào tạo thành viên Cụm thi đua số 1 giao ước thực hiện thắng lợi nhiệm vụ năm học, "
            + "hoàn thành các chỉ tiêu đã đăng ký, thực hiện nghiêm chế độ báo cáo và phối hợp chặt chẽ trong cụm."
        for year in [SchoolYear(startYear: 2023), SchoolYear(startYear: 2025)] where year.startYear < SchoolYear.containing(today).startYear {
            let id = try await ClusterService.create(
                .init(name: "Cụm thi đua số 1", year: year, kind: "cluster", members: codes, head: year.startYear == 2023 ? "S79" : "S01",
                      deputy: year.startYear == 2023 ? "S01" : "S31", agreement: agreement, table: table),
                organiser: ministry, by: .commandLine, on: db)
            try await walk(id, year: year, full: year.startYear == 2023, statistics: statistics, today: today, on: db)
            count += 1
        }
        // A cluster of primary schools under the demo department, after the reform.
        let schools = tree.units.filter { $0.kind == .school && $0.levels.contains(.primary) && $0.parentCode(on: today)?.hasPrefix("X") == true }
            .prefix(4).map(\.code)
        if let department = try await Unit.query(on: db).filter(\.$code == "S01").first(), schools.count == 4 {
            let year = SchoolYear.containing(today).previous
            let id = try await ClusterService.create(
                .init(name: "Cụm trường tiểu học số 1", year: year, kind: "cluster", members: Array(schools), head: schools.first, deputy: schools.last,
                      agreement: agreement.replacingOccurrences(of: "Các Sở Giáo dục và Đào tạo thành viên Cụm thi đua số 1", with: "Các trường thành viên"),
                      table: table),
                organiser: department, by: .commandLine, on: db)
            try await walk(id, year: year, full: true, statistics: statistics, today: today, on: db)
            count += 1
        }
        return count
    }

    /// Registration and signatures, self-scores; with `full`, the cross-scores, the organiser's final scores and the vote.
    private static func walk(_ id: UUID, year: SchoolYear, full: Bool, statistics: StatisticsCatalogue, today: Day, on db: any Database) async throws {
        var cluster = try await EmulationCluster.load(id, on: db)
        let catalogue = statistics.catalogue.edition(for: year)
        for (index, member) in cluster.members.enumerated() {
            try await ClusterService.register(cluster, member: member, award: index == 0 ? "CO_BO" : "TTLDXS",
                                              models: "Mô hình \(index + 1): chuyển đổi số trong quản lý và dạy học",
                                              targets: [.init(indicator: "2106b", value: 35)].filter { catalogue[$0.indicator] != nil },
                                              catalogue: catalogue, by: .commandLine, on: db)
            cluster = try await EmulationCluster.load(id, on: db)
            try await ClusterService.sign(cluster, member: member, signer: "Thủ trưởng \(member.name)", by: .commandLine, on: db)
        }
        cluster = try await EmulationCluster.load(id, on: db)
        // Points that differ by member, so the ranking has a tie to break (members 1 and 2 tie on the total).
        func sheet(_ index: Int, _ shift: Double) -> [String: Double] {
            let spread: [Double] = [0, 1, 1, 3, 4, 5]
            let d = spread[index % spread.count]
            return ["A1": 33 - d + shift, "C1": 13 + (index == 2 ? 1 : 0), "D1": 9, "E1": 9 - (index == 2 ? 1 : 0), "T1": index == 0 ? 2 : 0,
                    "P1": index == 4 ? 2 : 0]
        }
        let evidence = ["A1": "Báo cáo tổng kết năm học", "C1": "Quyết định công nhận sáng kiến", "T1": "Quyết định khen thưởng"]
        for (index, member) in cluster.members.enumerated() {
            let computed = try await ClusterService.computed(cluster, for: member, statistics: statistics, today: today, on: db).points
            try await ClusterService.score(cluster, target: member, stage: .selfScore, scorer: member.id, points: sheet(index, 1), evidence: evidence,
                                           computed: computed, by: .commandLine, on: db)
        }
        guard full else { return }
        cluster = try await EmulationCluster.load(id, on: db)
        for (index, member) in cluster.members.enumerated() {
            let scorer = cluster.members[(index + 1) % cluster.members.count]
            let computed = try await ClusterService.computed(cluster, for: member, statistics: statistics, today: today, on: db).points
            try await ClusterService.score(cluster, target: member, stage: .cross, scorer: scorer.id, points: sheet(index, 0), evidence: [:],
                                           computed: computed, by: .commandLine, on: db)
        }
        cluster = try await EmulationCluster.load(id, on: db)
        for (index, member) in cluster.members.enumerated() {
            let computed = try await ClusterService.computed(cluster, for: member, statistics: statistics, today: today, on: db).points
            try await ClusterService.score(cluster, target: member, stage: .final, scorer: cluster.row.organiserId, points: sheet(index, 0),
                                           evidence: [:], computed: computed, by: .commandLine, on: db)
        }
        cluster = try await EmulationCluster.load(id, on: db)
        let leader = cluster.ranking.first?.entry.member ?? cluster.members[0].code
        try await ClusterService.vote(cluster, votes: Dictionary(uniqueKeysWithValues: cluster.members.enumerated().map { ($1.code, $1.code == leader ? 5 : $0 % 3) }),
                                      leads: [leader], by: .commandLine, on: db)
        // The leading unit, rated by the organiser, is proposed for the organiser's flag, which is decided.
        guard let unit = try await Unit.query(on: db).filter(\.$code == leader).first() else { return }
        try await CollectiveYear.rate(unit, year: year, rating: .htxsnv, by: .commandLine, on: db)
        let collective = try await CollectiveYear.load(try await EmulationYear.load(unitID: try unit.requireID(), year: year, on: db), on: db)
        let flag: Award = cluster.organiser.code == "BGD" ? .coBo : .ttldxs
        guard collective.verdict(flag).eligible else { return }
        try await collective.propose(flag, by: .commandLine, on: db)
        let proposed = try await CollectiveYear.load(collective.year, on: db)
        if let proposal = proposed.proposals.first {
            try await proposed.decide(proposal.id, .init(decision: "\(1000 + year.startYear % 100)/QĐ-BGDĐT", decidedOn: year.end.addingMonths(-1)?.iso ?? year.end.iso,
                                                       signer: "Bộ trưởng Bộ Giáo dục và Đào tạo"), today: today, by: .commandLine, on: db)
        }
    }
}
