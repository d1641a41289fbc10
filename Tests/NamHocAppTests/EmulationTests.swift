import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import NamHocOffice
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// Emulation on both engines: the staff file all or nothing with faults by cell, proposals checked by the
    /// engine, decisions only by the authority above, decided awards feeding the next checks, and scope.
    @Suite struct EmulationTests {
        typealias S = StatisticsTests

        /// Three people of T1 with two years behind the year 2025-2026.
        static let file = [
            ["Mã cán bộ", "Họ và tên", "Chức vụ", "Ngày tuyển dụng", "Xếp loại 2024-2025", "Danh hiệu 2024-2025", "Số quyết định 2024-2025",
             "Sáng kiến 2024-2025", "Xếp loại 2025-2026", "Sáng kiến 2025-2026", "Kỷ luật 2025-2026"],
            ["A1", "Nguyễn Văn An", "Giáo viên", "01/09/2015", "HTTNV", "CSTĐCS", "7/QĐ-PGDĐT", "", "HTTNV", "cơ sở: Lớp học đảo ngược", ""],
            ["A2", "Trần Thị Bình", "Giáo viên", "2026-01-15", "", "", "", "", "HTTNV", "", ""],
            ["A3", "Lê Văn Cường", "Tổ trưởng", "01/09/2010", "HTXSNV", "Lao động tiên tiến", "", "tỉnh", "HTTNV", "", "khiển trách"],
        ]

        static func importFile(_ app: Application, _ table: [[String]], code: String = "T1") async throws -> StaffImport.Summary {
            let unit = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == code).first())
            return try await StaffImport.run(table, unitID: try unit.requireID(), by: .commandLine, dryRun: false, on: app.db)
        }

        static func staffCount(_ app: Application) async throws -> Int {
            struct Row: Decodable { var n: Int }
            return try await app.db.sql.raw("SELECT COUNT(*) AS n FROM staff").first(decoding: Row.self)?.n ?? -1
        }

        @Test func a_staff_file_with_faults_writes_nothing_and_names_every_cell() async throws {
            try await withApp { app, _ in
                var bad = Self.file
                bad[1][4] = "giỏi"                 // E2: not a rating
                bad[2][0] = "A1"                   // A3: the same code twice
                bad[3][9] = "cấp huyện"            // J4: no such scope
                bad[3][3] = "31/02/2020"           // D4: no such day
                bad[0].append("Ghi chú")           // L1: an unknown column
                do {
                    _ = try await Self.importFile(app, bad)
                    Issue.record("a faulty file was accepted")
                } catch let AppError.importRejected(rows) {
                    #expect(Set(rows.compactMap(\.cell)) == ["L1"], "the header is checked first: \(rows)")
                }
                bad[0].removeLast()
                do {
                    _ = try await Self.importFile(app, bad)
                    Issue.record("a faulty file was accepted")
                } catch let AppError.importRejected(rows) {
                    #expect(Set(rows.compactMap(\.cell)) == ["E2", "A3", "J4", "D4"], "\(rows)")
                    #expect(rows.allSatisfy { !$0.message.isEmpty && $0.message == $0.message.precomposedStringWithCanonicalMapping })
                }
                #expect(try await Self.staffCount(app) == 0, "nothing written")
                let summary = try await Self.importFile(app, Self.file)
                #expect(summary.created == 3 && summary.updated == 0)
                #expect(try await Self.importFile(app, Self.file).updated == 3, "the same file again updates, it does not duplicate")
                #expect(try await Self.staffCount(app) == 3)
            }
        }

        @Test func a_proposal_is_judged_and_only_the_authority_above_decides_and_the_decision_counts_later() async throws {
            try await withApp { app, _ in
                _ = try await Self.importFile(app, Self.file)
                let school = try await S.client(app, "t1.chuyenvien"), viewer = try await S.client(app, "t1.xem")
                let commune = try await S.client(app, "xa001.lanhdao"), stranger = try await S.client(app, "so79.chuyenvien")
                let path = SiteURL.api(.unitEmulationProposals("T1")).path
                // A2 was recruited less than six months before 31/05/2026; A3 was disciplined in the year.
                for (code, rule) in [("A2", "Tuyển dụng dưới 06 tháng"), ("A3", "Không bị kỷ luật")] {
                    try await school.send(.POST, path, ["staff": code, "award": "LDTT", "year": "2025-2026"]) { res in
                        #expect(res.status == .unprocessableEntity && res.body.string.contains(rule), "\(code): \(res.body.string)")
                    }
                }
                try await viewer.send(.POST, path, ["staff": "A1", "award": "CSTDCS", "year": "2025-2026"]) { res in
                    #expect(res.status == .forbidden)
                }
                try await stranger.send(.GET, SiteURL.api(.unitEmulation("T1")).path + "?year=2025-2026") { res in
                    #expect(res.status == .notFound, "another province does not see T1's staff")
                }
                // A1: HTTNV with an initiative this year: CSTĐCS, resting on that initiative.
                var proposalID = ""
                try await school.send(.POST, path, ["staff": "A1", "award": "CSTDCS", "year": "2025-2026"]) { res in
                    #expect(res.status == .created, "\(res.body.string)")
                    proposalID = try res.content.decode(EmulationYear.Proposal.self).id.uuidString
                }
                try await school.send(.POST, path, ["staff": "A1", "award": "CSTDCS", "year": "2025-2026"]) { res in
                    #expect(res.status == .conflict, "proposed twice")
                }
                let decision = SiteURL.api(.unitEmulationDecision("T1", proposalID)).path
                let body: [String: any Sendable] = ["decision": "15/QĐ-UBND", "decidedOn": "2026-07-10", "signer": "Chủ tịch UBND phường", "year": "2025-2026"]
                try await school.send(.POST, decision, body) { res in #expect(res.status == .forbidden, "the school does not decide its own awards") }
                try await commune.send(.POST, decision, body.merging(["decidedOn": "2027-01-01"]) { $1 }) { res in
                    #expect(res.status == .unprocessableEntity, "a decision dated after today")
                }
                try await commune.send(.POST, decision, body) { res in #expect(res.status == .ok, "\(res.body.string)") }
                try await commune.send(.POST, decision, body) { res in #expect(res.status == .conflict, "decided twice") }
                // validate: the decision is on the record with the initiative it used, and a later check sees both
                let response = try await school.send(.GET, SiteURL.api(.unitEmulation("T1")).path + "?year=2025-2026")
                let unit = try #require(try response?.content.decode(APIEmulationController.UnitResponse.self))
                let a1 = try #require(unit.staff.first { $0.code == "A1" })
                let decided = try #require(a1.record.titles.first { $0.year == SchoolYear("2025-2026") && $0.title == .cstdcs })
                #expect(decided.decision == "15/QĐ-UBND" && decided.initiatives == ["SK-2025-1"])
                let bangKhen = try #require(a1.verdicts.first { $0.award == .bangKhenBo })
                #expect(!bangKhen.eligible)
                let facts = bangKhen.checks.flatMap { $0.parts.flatMap(\.facts) }
                #expect(facts.contains { $0.contains("SK-2025-1") && $0.contains("15/QĐ-UBND") }, "the used initiative is named with its decision")
                #expect(facts.contains { $0.contains("7/QĐ-PGDĐT") }, "the imported 2024-2025 CSTĐCS counts in the chain")
                let entries = try await AuditEntry.query(on: app.db).filter(\.$entity == "proposal").all()
                #expect(Set(entries.map(\.action)) == ["propose", "decide_award"])
            }
        }

        @Test func the_eligibility_api_judges_a_record_sent_whole_and_refuses_bad_input_precisely() async throws {
            try await withApp { app, _ in
                let client = try await S.client(app, "t2.chuyenvien")
                let path = SiteURL.api(.emulationEligibility).path
                let unit: [String: any Sendable] = ["rating": "HTTNV", "members": 9, "ldtt": 6]
                let response = try await client.send(.POST, path, ["award": "TTLDTT", "year": "2024-2025", "collective": unit]) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                }
                let verdict = try #require(try response?.content.decode(Verdict.self))
                #expect(!verdict.eligible && verdict.ruleSet == "nd98-2023")
                #expect(verdict.failed.first?.facts.first?.contains("6/9") == true)
                try await client.send(.POST, path, ["award": "TTLDTT", "year": "2024-2025"]) { res in
                    #expect(res.status == .unprocessableEntity && res.body.string.contains("person"))
                }
                try await client.send(.POST, path, ["award": "LDTT", "year": "2022-2023", "person": [String: String]()]) { res in
                    #expect(res.status == .unprocessableEntity && res.body.string.contains("2022-2023"), "no rule set before 2024")
                }
                try await client.send(.POST, path, ["award": "NOBEL", "year": "2024-2025", "person": [String: String]()]) { res in
                    #expect(res.status == .unprocessableEntity || res.status == .badRequest)
                }
            }
        }

        @Test func an_administrator_adds_a_rule_set_and_assigns_it_to_a_year_without_code() async throws {
            try await withApp { app, _ in
                var set = try #require(try RuleBook.bundled()["nd152-2025"])
                set.id = "tinh-2026"
                set.name = "Quy định của tỉnh 2026"
                set.awards = set.awards.map { award in
                    var award = award
                    award.rules = award.rules.map { rule in
                        var rule = rule
                        if rule.id == "ldtt-recruited" { rule.condition = .recruited(monthsAtLeast: 12) }
                        return rule
                    }
                    return award
                }
                _ = try await EmulationStore.add(try JSONEncoder().encode(set), file: "tinh-2026.json", by: .commandLine, on: app.db)
                try await EmulationStore.assign("tinh-2026", to: SchoolYear("2025-2026")!, by: .commandLine, on: app.db)
                _ = try await Self.importFile(app, Self.file)
                let unit = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "T1").first())
                let year = try await EmulationYear.load(unitID: try unit.requireID(), year: SchoolYear("2025-2026")!, on: app.db)
                #expect(year.ruleSet.id == "tinh-2026")
                // A1 was recruited in 2015: still fine. A new rule set would bite on someone recruited 8 months before.
                var record = year.records[try #require(year.staff.first { $0.code == "A1" }).id]!
                record.recruitedOn = Day(iso: "2025-09-30")
                let verdict = Eligibility(ruleSet: year.ruleSet).judge(.ldtt, year: year.year, candidate: .person(record))
                #expect(verdict.failed.map(\.rule) == ["ldtt-recruited"])
                await #expect(throws: AppError.self) {
                    _ = try await EmulationStore.add(Data("{\"id\":\"x\"}".utf8), file: "x.json", by: .commandLine, on: app.db)
                }
            }
        }
    }
}

extension AppTests.EmulationTests {
    /// The unit as a collective: its members counted from the staff records, its rating given by the unit above,
    /// the cluster's vote making it the leading unit, the flag proposed and decided.
    @Test func a_collective_is_judged_from_its_staff_rated_from_above_and_leads_its_cluster_through_the_vote() async throws {
        try await withApp { app, _ in
            _ = try await Self.importFile(app, Self.file)
            // The commune rates T1 for 2025-2026; the school may not rate itself.
            for (username, status) in [("t1.chuyenvien", HTTPStatus.forbidden), ("xa001.lanhdao", .seeOther)] {
                let s = try await BrowserSession.signIn(app, as: username)
                try await app.testing().test(.POST, SiteURL.unitEmulationRating("T1").url(.year(SchoolYear("2025-2026")!)), beforeRequest: { req in
                    req.headers.cookie = ["namhoc_session": .init(string: s.cookie)]
                    try req.content.encode(["rating": "HTXSNV", "csrf": s.csrf], as: .urlEncodedForm)
                }, afterResponse: { res in #expect(res.status == status, "\(username): \(res.body.string.prefix(200))") })
            }
            let unit = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "T1").first())
            var collective = try await CollectiveYear.load(try await EmulationYear.load(unitID: try unit.requireID(), year: SchoolYear("2025-2026")!,
                                                                                        on: app.db), on: app.db)
            // A1 qualifies for LĐTT and CSTĐCS; A2 (recruited 2026) and A3 (disciplined) do not: 1 of 3 is below 70 %.
            #expect(collective.rating == .htxsnv)
            #expect(collective.record.members == 3 && collective.record.ldtt == 1 && collective.record.cstdcs == 1)
            #expect(collective.verdict(.ttldxs).failed.map(\.rule) == ["ttldxs-share"])
            #expect(collective.verdict(.coBo).failed.map(\.rule) == ["cobo-lead"], "not leading a cluster")
            await #expect(throws: AppError.self) { try await collective.propose(.coBo, by: .commandLine, on: app.db) }
            // T1 leads a cluster of X001's schools through the vote.
            let organiser = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "X001").first())
            let id = try await ClusterService.create(.init(name: "Cụm trường", year: SchoolYear("2025-2026")!, kind: "cluster", members: ["T1", "T2"],
                                                           head: "T1", deputy: nil, agreement: "Giao ước", table: try CriteriaTable.example()),
                                                     organiser: organiser, by: .commandLine, on: app.db)
            for stage in ScoreStage.allCases {
                for (target, scorer) in [("T1", "T2"), ("T2", "T1")] {
                    let cluster = try await EmulationCluster.load(id, on: app.db)
                    let by = stage == .final ? organiser.id! : try cluster.member(stage == .selfScore ? target : scorer).id
                    try await ClusterService.score(cluster, target: try cluster.member(target), stage: stage, scorer: by, points: ["D1": 9], evidence: [:],
                                                   computed: [:], by: .commandLine, on: app.db)
                }
            }
            try await ClusterService.vote(try await EmulationCluster.load(id, on: app.db), votes: ["T1": 2], leads: ["T1"], by: .commandLine, on: app.db)
            collective = try await CollectiveYear.load(collective.year, on: app.db)
            #expect(collective.leadsCluster && collective.verdict(.coBo).eligible)
            try await collective.propose(.coBo, by: .commandLine, on: app.db)
            collective = try await CollectiveYear.load(collective.year, on: app.db)
            let proposal = try #require(collective.proposals.first)
            try await collective.decide(proposal.id, .init(decision: "9/QĐ-UBND", decidedOn: "2026-08-01", signer: "Chủ tịch"), today: Day(iso: "2026-12-01")!,
                                        by: .commandLine, on: app.db)
            #expect(try await CollectiveYear.load(collective.year, on: app.db).proposals.first?.decision == "9/QĐ-UBND")
        }
    }
}
