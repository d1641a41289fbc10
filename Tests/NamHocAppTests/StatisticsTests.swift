import Fluent
import Foundation
@testable import NamHocApp
import NamHocDemo
import NamHocDomain
import NamHocOffice
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// Statistics through the API on both engines: drafts, the workflow, the kept sums of every ancestor,
    /// ratios of sums, history across the 2025 reform, and the sums proven against their reference.
    @Suite struct StatisticsTests {
        /// 15/10/2026, 10:00 in Vietnam: the start-of-year window of 2026-2027 is open (30/09–31/10).
        static let inWindow = Date(timeIntervalSince1970: 1_792_033_200)
        static let period = "2026-2027/census"

        /// A primary school's start-of-year figures: `classes` classes of `perClass` pupils, 1,5 teachers a class.
        static func primary(classes: Int, perClass: Int) -> [String: Double] {
            let pupils = Double(classes * perClass), c = Double(classes)
            var values: [String: Double] = ["2101": 1, "2101.cong_lap": 1, "2102": c, "2102.cong_lap": c, "2105": pupils,
                                            "2105.cong_lap": pupils, "2105.nu": (pupils / 2).rounded(.down),
                                            "8201": (c * 1.5).rounded(), "8201.cong_lap": (c * 1.5).rounded(), "2104": c * 2, "2104.cong_lap": c * 2,
                                            "2103": c, "2103.cong_lap": c, "2103.kien_co": c]
            // Grades 1–5: the classes and pupils spread evenly, the rest in grade 1, so the cells add up.
            for (code, total) in [("2102", classes), ("2105", classes * perClass)] {
                for grade in 1...5 { values["\(code).k\(grade)"] = Double(total / 5 + (grade == 1 ? total % 5 : 0)) }
            }
            return values
        }

        /// A public lower-secondary school (THCS, grades 6–9) with the same classes and pupils in every grade.
        static func lowerSecondary(classesPerGrade: Int, perClass: Int, teachers: Int, rooms: Int) -> [String: Double] {
            let classes = Double(classesPerGrade * 4), pupils = Double(classesPerGrade * perClass * 4)
            var values: [String: Double] = ["3101": 1, "3101.cong_lap": 1, "3102": classes, "3102.cong_lap": classes, "3105": pupils,
                                            "3105.cong_lap": pupils, "3106": Double(teachers), "3106.cong_lap": Double(teachers),
                                            "3104": Double(rooms), "3104.cong_lap": Double(rooms)]
            for grade in 6...9 {
                values["3102.k\(grade)"] = Double(classesPerGrade)
                values["3105.k\(grade)"] = Double(classesPerGrade * perClass)
            }
            return values
        }

        struct Client {
            let app: Application
            let token: String

            @discardableResult
            func send(_ method: HTTPMethod, _ path: String, _ body: [String: any Sendable]? = nil,
                      _ check: (TestingHTTPResponse) throws -> Void = { _ in }) async throws -> TestingHTTPResponse? {
                var response: TestingHTTPResponse?
                try await app.testing().test(method, path, beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                    if let body {
                        req.headers.contentType = .json
                        req.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
                    }
                }, afterResponse: { res in
                    response = res
                    try check(res)
                })
                return response
            }

            func save(_ code: String, _ values: [String: Double], explanations: [String: String] = [:], period: String = StatisticsTests.period,
                      status: HTTPStatus = .ok) async throws {
                try await send(.PUT, SiteURL.api(.unitValues(code)).path, ["period": period, "values": values, "explanations": explanations]) { res in
                    #expect(res.status == status, "save \(code): \(res.body.string)")
                }
            }

            func act(_ action: ReportAction, _ code: String, reason: String? = nil, period: String = StatisticsTests.period,
                     status: HTTPStatus = .ok) async throws {
                var body: [String: any Sendable] = ["period": period]
                if let reason { body["reason"] = reason }
                try await send(.POST, SiteURL.api(.unitReport(code, action)).path, body) { res in
                    #expect(res.status == status, "\(action) \(code): \(res.body.string)")
                }
            }

            /// `value` of each indicator for the unit (nil where nothing is counted).
            func values(_ code: String, _ indicators: String, by: String = "none", period: String = StatisticsTests.period, extra: String = "")
                async throws -> APIStatisticsController.ValuesResponse {
                let response = try await send(.GET, SiteURL.api(.unitValues(code)).path + "?period=\(period)&indicators=\(indicators)&by=\(by)\(extra)") { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                }
                return try #require(try response?.content.decode(APIStatisticsController.ValuesResponse.self))
            }
        }

        static func client(_ app: Application, _ username: String) async throws -> Client {
            Client(app: app, token: try await apiToken(app, username))
        }

        static func verify(_ app: Application) async throws -> Int {
            var count = 0
            let statistics = try await app.statistics()
            for period in try await StatisticsStore.periods(in: app.db) {
                count += try await StatisticsStore.differences(period, in: app.db).count
                let due = try await StatisticsStore.window(for: period, form: statistics.form(for: period), in: app.db)?.due ?? period.first
                count += try await StatisticsStore.progressDifferences(period, due: due, in: app.db).count
            }
            return count
        }

        @Test func a_submitted_report_counts_in_every_ancestor_at_once_and_leaves_when_returned() async throws {
            try await withApp { app, _ in
                // setup
                app.clock = .fixed(Self.inWindow)
                let school = try await Self.client(app, "t2.chuyenvien"), ward = try await Self.client(app, "xa001.lanhdao")
                let ministry = try await Self.client(app, "admin")
                // MUT: a draft does not count
                try await school.save("T2", Self.primary(classes: 10, perClass: 30))
                // validate
                #expect(try await ministry.values("BGD", "2105").rows[0].values["2105"]?.value == nil)
                // MUT: submitted, it counts at the school, the ward, the province and the nation
                try await school.act(.submit, "T2")
                for code in ["T2", "X001", "S01", "BGD"] {
                    let row = try await ministry.values(code, "2105,2102,2106b").rows[0].values
                    #expect(row["2105"]?.value == 300, "\(code)")
                    #expect(row["2106b"]?.value == 30, "\(code): pupils per class from the summed parts")
                }
                #expect(try await ministry.values("S79", "2105").rows[0].values["2105"]?.value == nil)
                let completeness = try await ministry.values("X001", "2105").completeness
                #expect(completeness.expected == 2 && completeness.submitted == 1 && completeness.approved == 0)
                // MUT: the ward returns it with a reason
                try await ward.act(.return, "T2", status: .unprocessableEntity)  // no reason: refused
                try await ward.act(.return, "T2", reason: "Số học sinh khối 1 chưa khớp sổ")
                // validate: gone from every total, in the same transaction
                for code in ["T2", "X001", "S01", "BGD"] {
                    #expect(try await ministry.values(code, "2105").rows[0].values["2105"]?.value == nil, "\(code)")
                }
                #expect(try await Self.verify(app) == 0)
                // and it comes back when corrected and submitted again, then approved
                try await school.save("T2", Self.primary(classes: 10, perClass: 31))
                try await school.act(.submit, "T2")
                try await ward.act(.approve, "T2")
                #expect(try await ministry.values("S01", "2105").rows[0].values["2105"]?.value == 310)
                #expect(try await Self.verify(app) == 0)
                // every step is in the audit log, readable: the status change and the cells that changed
                let admin = try await BrowserSession.signIn(app, as: "so01.quantri")
                try await admin.get(app, SiteURL.audit.path) { res in
                    let page = res.body.string
                    #expect(page.contains("Nộp báo cáo") && page.contains("Trả lại báo cáo") && page.contains("Duyệt báo cáo"))
                    #expect(page.contains("Trạng thái báo cáo: Đã nộp → Đã duyệt"))
                    #expect(page.contains("Số liệu: 2105: 300 → 310"))
                    #expect(page.contains("Lý do: Số học sinh khối 1 chưa khớp sổ"))
                }
            }
        }

        @Test func a_province_ratio_is_the_ratio_of_summed_parts_not_the_mean_of_ratios() async throws {
            try await withApp { app, _ in
                // setup: a second primary school in another ward of the province
                let add = """
                    code,name,kind,parent_code,levels,ownership,valid_from,valid_to,parent_from
                    T4,Trường Tiểu học Đống Đa,school,X002,TH,public,,,2025-07-01
                    """
                _ = try await UnitImport.run(try TableFile.readRows(Data(add.utf8), filename: "t4.csv"), by: .commandLine, on: app.db)
                let t4 = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "T4").first())
                _ = try await UserService.create(username: "t4.chuyenvien", displayName: "Lê Văn Bốn", password: Fixture.password, unit: t4,
                                                 role: .officer, by: .commandLine, hasher: app.password.async, on: app.db)
                app.clock = .fixed(Self.inWindow)
                // MUT: 2 classes of 34 and 30 classes of 10
                for (user, code, classes, perClass) in [("t2.chuyenvien", "T2", 2, 34), ("t4.chuyenvien", "T4", 30, 10)] {
                    let school = try await Self.client(app, user)
                    try await school.save(code, Self.primary(classes: classes, perClass: perClass))
                    try await school.act(.submit, code)
                }
                // validate: 368 pupils ÷ 32 classes = 11,5 — not (34 + 10) / 2 = 22
                let province = try await Self.client(app, "so01.lanhdao")
                let total = try await province.values("S01", "2106b").rows[0].values["2106b"]?.value
                #expect(total == 11.5)
                let byChild = try await province.values("S01", "2106b", by: "children").rows
                #expect(byChild.first { $0.key["unit"] == "X001" }?.values["2106b"]?.value == 34)
                #expect(byChild.first { $0.key["unit"] == "X002" }?.values["2106b"]?.value == 10)
                let byOwnership = try await province.values("S01", "2105", by: "ownership").rows
                #expect(byOwnership.map { $0.key["ownership"] } == ["public"] && byOwnership[0].values["2105"]?.value == 368)
            }
        }

        @Test func hard_errors_block_saving_and_name_the_figures() async throws {
            try await withApp { app, _ in
                // setup: grades that do not add up to the total, and a negative count
                app.clock = .fixed(Self.inWindow)
                let school = try await Self.client(app, "t2.chuyenvien")
                var values = Self.primary(classes: 10, perClass: 30)
                values["2105.k1"] = 10
                values["2103"] = -1
                // MUT
                let response = try await school.send(.PUT, SiteURL.api(.unitValues("T2")).path,
                                                     ["period": Self.period, "values": values]) { res in #expect(res.status == .unprocessableEntity) }
                // validate: every fault named in Vietnamese, nothing stored
                let body = try #require(response?.body.string)
                #expect(body.contains("validation_failed") && body.contains("Số học sinh tiểu học") && body.contains("không được âm"))
                let stored = try await StatisticsStore.figures(of: try #require(try await NamHocApp.Unit.query(on: app.db)
                    .filter(\.$code == "T2").first()).requireID(), period: Self.period, in: app.db)
                #expect(stored.isEmpty)
                // an unknown cell is refused too
                try await school.save("T2", ["3105": 10], status: .unprocessableEntity)
            }
        }

        @Test func a_warning_needs_a_written_explanation_to_submit() async throws {
            try await withApp { app, _ in
                // setup: 40 pupils a class, above the primary cap of 35
                app.clock = .fixed(Self.inWindow)
                let school = try await Self.client(app, "t2.chuyenvien")
                let crowded = Self.primary(classes: 10, perClass: 40)
                // MUT: saved as a draft, with its warning
                let saved = try await school.send(.PUT, SiteURL.api(.unitValues("T2")).path, ["period": Self.period, "values": crowded])
                // validate
                let body = try #require(saved?.body.string)
                #expect(body.contains("CLS_MAX_TH") || body.contains("35"))
                try await school.act(.submit, "T2", status: .conflict)
                // MUT: explained, it goes
                try await school.save("T2", crowded, explanations: ["CLS_MAX_TH:2106b": "Trường thiếu phòng học trong năm xây dựng."])
                try await school.act(.submit, "T2")
            }
        }

        @Test func completeness_is_kept_and_counts_late_as_the_domain_rule_does() async throws {
            try await withApp { app, _ in
                // setup: T2 submits on time; T1 submits, is returned, and resubmits after the due day (31/10)
                app.clock = .fixed(Self.inWindow)
                let ward = try await Self.client(app, "xa001.lanhdao"), ministry = try await Self.client(app, "admin")
                try await Self.client(app, "t2.chuyenvien").save("T2", Self.primary(classes: 10, perClass: 30))
                try await Self.client(app, "t2.chuyenvien").act(.submit, "T2")
                let t1 = try await Self.client(app, "t1.chuyenvien")
                let thcs = Self.lowerSecondary(classesPerGrade: 1, perClass: 40, teachers: 8, rooms: 10)
                try await t1.save("T1", thcs)
                try await t1.act(.submit, "T1")
                try await ward.act(.return, "T1", reason: "Thiếu số giáo viên")
                #expect(try await ministry.values("X001", "3105").completeness.submitted == 1)
                let fifthOfNovember = Date(timeIntervalSince1970: 1_793_847_600)  // 05/11/2026 10:00 in Vietnam
                app.clock = .fixed(fifthOfNovember)
                try await t1.save("T1", thcs)
                try await t1.act(.submit, "T1")
                // MUT
                let kept = try await ministry.values("X001", "3105").completeness
                // validate: against the domain's rule over the same reports
                let due = try #require(Day(iso: "2026-10-31"))
                let rule = Completeness(children: [.init(code: "T1", status: .submitted, submittedOn: Day.in(fifthOfNovember)),
                                                   .init(code: "T2", status: .submitted, submittedOn: Day.in(Self.inWindow))],
                                        due: due, today: Day.in(fifthOfNovember)!)
                #expect(kept.expected == rule.expected && kept.submitted == rule.submitted && kept.approved == rule.approved)
                #expect(kept.late == rule.late.count && rule.late == ["T1"])
                let page = try await BrowserSession.signIn(app, as: "xa001.lanhdao")
                try await page.get(app, SiteURL.unitStatistics("X001").url(.period(try #require(Period(code: Self.period))))) { res in
                    #expect(res.body.string.contains("/units/T1/statistics") && !res.body.string.contains("/units/T2/statistics"))
                }
                #expect(try await Self.verify(app) == 0)
            }
        }

        @Test func the_workflow_belongs_to_the_unit_and_the_leader_directly_above() async throws {
            try await withApp { app, _ in
                // setup: T1's report submitted by its officer
                app.clock = .fixed(Self.inWindow)
                let officer = try await Self.client(app, "t1.chuyenvien")
                let thcs = Self.lowerSecondary(classesPerGrade: 2, perClass: 40, teachers: 15, rooms: 20)
                try await officer.save("T1", thcs)
                try await officer.act(.submit, "T1")
                // MUT + validate: the school's leader cannot approve its own report
                try await Self.client(app, "t1.lanhdao").act(.approve, "T1", status: .forbidden)
                // the province's leader is not the unit directly above
                try await Self.client(app, "so01.lanhdao").act(.approve, "T1", status: .forbidden)
                // a viewer writes nothing; another branch does not see it
                try await Self.client(app, "t1.xem").save("T1", thcs, status: .forbidden)
                try await Self.client(app, "so79.chuyenvien").act(.approve, "T1", status: .notFound)
                // the ward's leader approves; only it can reopen, with a reason
                try await Self.client(app, "xa001.lanhdao").act(.approve, "T1")
                try await officer.save("T1", thcs, status: .conflict)
                try await Self.client(app, "xa001.lanhdao").act(.reopen, "T1", reason: "Bổ sung số giáo viên hợp đồng")
                #expect(try await Self.verify(app) == 0)
                let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == "report").all().map(\.action)
                #expect(audit.contains("submit") && audit.contains("approve") && audit.contains("reopen"))
            }
        }

        @Test func figures_follow_the_tree_of_their_period_across_the_2025_reform() async throws {
            try await withApp { app, _ in
                // setup: the preschool T3 was under the district office P02 (Hà Giang) in 2024, under the ward X002
                // (Hà Nội) since 01/07/2025; one report each year
                let t3 = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "T3").first())
                _ = try await UserService.create(username: "t3.chuyenvien", displayName: "Đỗ Thị Ba", password: Fixture.password, unit: t3,
                                                 role: .officer, by: .commandLine, hasher: app.password.async, on: app.db)
                let preschool: [String: Double] = ["1201": 1, "1201.ngoai_cong_lap": 1, "1202": 4, "1202.ngoai_cong_lap": 4,
                                                   "1205": 100, "1205.ngoai_cong_lap": 100]
                for (year, instant) in [("2024-2025", 1_728_961_200.0), ("2025-2026", 1_760_497_200.0)] {  // 15/10 of each year
                    app.clock = .fixed(Date(timeIntervalSince1970: instant))
                    let school = try await Self.client(app, "t3.chuyenvien")
                    // MUT
                    try await school.save("T3", preschool.mapValues { year == "2024-2025" ? $0 : ($0 * 1.1).rounded() },
                                          period: "\(year)/census")
                    try await school.act(.submit, "T3", period: "\(year)/census")
                }
                // validate: 2024-2025 counts in the former office and province, 2025-2026 in the ward and Hà Nội
                app.clock = .fixed(testNow)
                let ministry = try await Self.client(app, "admin")
                func pupils(_ code: String, _ year: String) async throws -> Double? {
                    try await ministry.values(code, "1205", period: "\(year)/census").rows[0].values["1205"]?.value
                }
                #expect(try await pupils("P02", "2024-2025") == 100)
                #expect(try await pupils("S02", "2024-2025") == 100)
                #expect(try await pupils("S01", "2024-2025") == nil)
                #expect(try await pupils("X002", "2025-2026") == 110)
                #expect(try await pupils("S01", "2025-2026") == 110)
                // comparable: Hà Nội's last year as published is nothing; on today's tree it holds T3's 100
                let hanoi = try await ministry.values("S01", "1205", period: "2025-2026/census", extra: "&comparable=true").rows[0].values["1205"]
                #expect(hanoi?.lastYear == nil)
                #expect(hanoi?.lastYearComparable == 100)
                #expect(try await ministry.values("S01", "1205", period: "2025-2026/census").rows[0].values["1205"]?.lastYearComparable == nil)
                #expect(try await Self.verify(app) == 0)
            }
        }

        @Test func the_kept_sums_stay_exact_through_random_writes_returns_and_tree_moves() async throws {
            try await withApp { app, _ in
                // setup: three primary schools in two wards
                let add = """
                    code,name,kind,parent_code,levels,ownership,valid_from,valid_to,parent_from
                    T4,Trường Tiểu học Láng Thượng,school,X002,TH,public,,,2025-07-01
                    T5,Trường Tiểu học Thành Công,school,X001,TH,non_public,,,2025-07-01
                    """
                _ = try await UnitImport.run(try TableFile.readRows(Data(add.utf8), filename: "add.csv"), by: .commandLine, on: app.db)
                for code in ["T4", "T5"] {
                    let unit = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == code).first())
                    _ = try await UserService.create(username: "\(code.lowercased()).chuyenvien", displayName: "Cán bộ \(code)", password: Fixture.password,
                                                     unit: unit, role: .officer, by: .commandLine, hasher: app.password.async, on: app.db)
                }
                app.clock = .fixed(Self.inWindow)
                var generator = SeededRandom(seed: 20_261_015)
                let schools = ["T2": "X001", "T4": "X002", "T5": "X001"]
                var submitted: Set<String> = []
                for step in 0..<24 {
                    // MUT: a random school submits or is returned; now and then a school changes ward
                    let code = schools.keys.sorted()[Int(generator.next() % 3)]
                    let school = try await Self.client(app, "\(code.lowercased()).chuyenvien")
                    if submitted.contains(code) {
                        let parent = try await UnitTree.parent(of: try #require(try await NamHocApp.Unit.query(on: app.db)
                            .filter(\.$code == code).first()).requireID(), on: Day.today(now: Self.inWindow), in: app.db)
                        let leader = parent?.code == "X001" ? "xa001.lanhdao" : nil
                        if let leader {
                            try await Self.client(app, leader).act(.return, code, reason: "Kiểm tra lại lần \(step)")
                            submitted.remove(code)
                        }
                    } else {
                        var values = Self.primary(classes: 5 + Int(generator.next() % 20), perClass: 20 + Int(generator.next() % 15))
                        if code == "T5" { values = values.reduce(into: [:]) { $0[$1.key.replacingOccurrences(of: "cong_lap", with: "ngoai_cong_lap")] = $1.value } }
                        try await school.save(code, values)
                        try await school.act(.submit, code)
                        submitted.insert(code)
                    }
                    if step % 8 == 7 {
                        let target = step % 16 == 7 ? "X002" : "X001"
                        let move = """
                            code,name,kind,parent_code,levels,ownership,valid_from,valid_to,parent_from
                            T5,Trường Tiểu học Thành Công,school,\(target),TH,non_public,,,2026-09-\(10 + step / 8)
                            """
                        _ = try await UnitImport.run(try TableFile.readRows(Data(move.utf8), filename: "move.csv"), by: .commandLine,
                                                     today: Day.today(now: Self.inWindow), on: app.db)
                    }
                    // validate: the kept sums equal the on-the-fly reference after every step
                    #expect(try await Self.verify(app) == 0, "step \(step)")
                }
                #expect(!submitted.isEmpty)
            }
        }
    }
}

extension AppTests.StatisticsTests {
    @Test func the_school_year_is_chosen_once_and_frames_every_page() async throws {
        try await withApp { app, _ in
            // setup
            let session = try await BrowserSession.signIn(app, as: "xa001.lanhdao")
            try await session.get(app, SiteURL.home.path) { res in
                #expect(res.body.string.contains("<title>Trang chủ · Năm học 2026-2027 · NamHoc</title>"))
            }
            // MUT: 2025-2026 chosen in the header
            try await session.post(app, SiteURL.schoolYear.path, form: ["year": "2025-2026", "back": "/units/X001"]) { res in
                #expect(res.status == .seeOther && res.headers.first(name: .location) == "/units/X001")
            }
            // validate: remembered, in every title, and the statistics page opens on that year
            try await session.get(app, SiteURL.units.path) { res in #expect(res.body.string.contains("· Năm học 2025-2026 ·")) }
            try await session.get(app, SiteURL.unitStatistics("X001").path) { res in
                #expect(res.body.string.contains("Thời điểm 30/09/2025"))
            }
            try await session.post(app, SiteURL.schoolYear.path, form: ["year": "năm ngoái"]) { res in
                #expect(res.status == .unprocessableEntity)
            }
        }
    }
}
