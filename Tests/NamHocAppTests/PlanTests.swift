import Fluent
import Foundation
@testable import NamHocApp
import NamHocDirective
import NamHocDomain
import NamHocOffice
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// Plans through the API, on both engines: a directive read into a draft and saved, tasks cascaded two
    /// levels down, an upstream edit shown downstream, progress reports and their review, status by the
    /// clock, scope, evidence limits and the briefing report.
    @Suite struct PlanTests {
        typealias Client = StatisticsTests.Client
        static let year = "2026-2027"

        static func json(_ response: TestingHTTPResponse?) throws -> [String: Any] {
            let body = try #require(response?.body.string)
            return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        }

        /// S01's plan of 2026-2027 with two tasks, made through the API as an integrator would.
        static func departmentPlan(_ app: Application, _ so: Client) async throws -> [String] {
            let document: [String: any Sendable] = ["type": "Kế hoạch", "symbol": "123/KH-SGDĐT", "date": "2026-09-05"]
            let tasks: [[String: any Sendable]] = [
                ["title": "Nâng cao chất lượng giáo dục mũi nhọn", "deadline": "31/05/2027", "subtasks": ["Bồi dưỡng học sinh giỏi", "Tập huấn giáo viên"]],
                ["title": "Đẩy mạnh chuyển đổi số", "deadline": "2026-12-10"],
            ]
            let response = try await so.send(.POST, SiteURL.api(.unitPlan("S01")).path,
                                              ["schoolYear": year, "theme": "Đổi mới, sáng tạo", "document": document, "tasks": tasks]) { #expect($0.status == .created, "\($0.body.string)") }
            let saved = try #require(try json(response)["tasks"] as? [[String: Any]])
            #expect(saved.map { $0["label"] as? String } == ["1", "1.1", "1.2", "2"])
            return saved.filter { $0["parentID"] == nil }.compactMap { $0["id"] as? String }
        }

        @Test func a_task_cascades_two_levels_down_and_an_upstream_edit_shows_below() async throws {
            try await withApp { app, _ in
                // setup: the department's plan; its officer gives task 1 to the commune X001
                let so = try await StatisticsTests.client(app, "so01.chuyenvien"), xa = try await StatisticsTests.client(app, "xa001.chuyenvien")
                let t1 = try await StatisticsTests.client(app, "t1.chuyenvien")
                let ids = try await Self.departmentPlan(app, so)
                try await so.send(.POST, SiteURL.api(.unitPlanTaskStep("S01", ids[0], .assign)).path, ["units": ["X001", "X002"]]) {
                    #expect($0.status == .ok)
                    #expect((try? $0.content.get([String].self, at: "assigned")) == ["X001", "X002"])
                }
                // MUT: the commune adopts it (with its solutions) and gives it to T1, which adopts it
                let adopted = try await xa.send(.POST, SiteURL.api(.unitPlanAdopt("X001")).path, ["task": ids[0]]) { #expect($0.status == .created, "\($0.body.string)") }
                let communeTask = try #require(try Self.json(adopted)["id"] as? String)
                try await xa.send(.POST, SiteURL.api(.unitPlanAdopt("X001")).path, ["task": ids[0]]) { #expect($0.status == .conflict) }
                try await xa.send(.POST, SiteURL.api(.unitPlanAdopt("X001")).path, ["task": ids[1]]) { #expect($0.status == .unprocessableEntity) }
                try await xa.send(.POST, SiteURL.api(.unitPlanTaskStep("X001", communeTask, .assign)).path, ["units": ["T9"]]) {
                    #expect($0.status == .unprocessableEntity, "a school of another branch is not a child")
                }
                try await xa.send(.POST, SiteURL.api(.unitPlanTaskStep("X001", communeTask, .assign)).path, ["units": ["T1"]]) { #expect($0.status == .ok) }
                let school = try await t1.send(.POST, SiteURL.api(.unitPlanAdopt("T1")).path, ["task": communeTask]) { #expect($0.status == .created) }
                let schoolTask = try #require(try Self.json(school)["id"] as? String)
                // validate: the commune's plan holds the task and its two solutions, and the cascade shows every level
                let communePlan = try Self.json(try await xa.send(.GET, SiteURL.api(.unitPlan("X001")).path + "?year=\(Self.year)"))
                let communeTasks = try #require(communePlan["tasks"] as? [[String: Any]])
                #expect(communeTasks.map { $0["title"] as? String } == ["Nâng cao chất lượng giáo dục mũi nhọn", "Bồi dưỡng học sinh giỏi", "Tập huấn giáo viên"])
                #expect(communePlan["theme"] as? String == "Đổi mới, sáng tạo")
                let cascade = try Self.json(try await so.send(.GET, SiteURL.api(.unitPlanCascade("S01", ids[0])).path))
                let rows = try #require(cascade["rows"] as? [[String: Any]])
                #expect(rows.map { "\($0["depth"]!) \($0["unitCode"]!) \($0["adopted"]!)" } == ["0 S01 1", "1 X001 1", "2 T1 1", "1 X002 0"])

                // MUT: the department edits its task
                try await so.send(.PUT, SiteURL.api(.unitPlanTask("S01", ids[0])).path,
                                  ["title": "Nâng cao chất lượng giáo dục mũi nhọn và đại trà", "deadline": "30/04/2027"]) { #expect($0.status == .ok) }
                // validate: the commune sees what changed; the school's copy (adopted from the commune) does not
                let changed = try #require((try Self.json(try await xa.send(.GET, SiteURL.api(.unitPlan("X001")).path + "?year=\(Self.year)"))["tasks"] as? [[String: Any]])?.first)
                let changes = try #require((changed["source"] as? [String: Any])?["changes"] as? [[String: Any]])
                #expect(changes.map { $0["field"] as? String } == ["Tên nhiệm vụ", "Thời hạn"])
                #expect(changes.last?["before"] as? String == "31/05/2027" && changes.last?["after"] as? String == "30/04/2027")
                #expect(changed["title"] as? String == "Nâng cao chất lượng giáo dục mũi nhọn", "nothing is taken before the commune decides")
                // MUT: the commune takes the change; the school now sees the commune's edit
                try await xa.send(.POST, SiteURL.api(.unitPlanTaskStep("X001", communeTask, .sync)).path, ["take": true]) {
                    #expect($0.status == .ok)
                    #expect((try? $0.content.get(String.self, at: "title")) == "Nâng cao chất lượng giáo dục mũi nhọn và đại trà")
                }
                try await xa.send(.POST, SiteURL.api(.unitPlanTaskStep("X001", communeTask, .sync)).path, ["take": true]) { #expect($0.status == .conflict) }
                let schoolPlan = try Self.json(try await t1.send(.GET, SiteURL.api(.unitPlan("T1")).path + "?year=\(Self.year)"))
                let schoolChanges = try #require(((schoolPlan["tasks"] as? [[String: Any]])?.first?["source"] as? [String: Any])?["changes"] as? [[String: Any]])
                #expect(schoolChanges.count == 2)
                _ = schoolTask
                // every step audited
                let actions = try await AuditEntry.query(on: app.db).filter(\.$entity ~~ ["plan", "task"]).all().map(\.action)
                #expect(Set(actions) == ["create_plan", "assign_task", "adopt_task", "edit_task", "sync_task"])
            }
        }

        @Test func the_scope_holds_a_school_edits_nothing_above_and_a_sibling_sees_nothing() async throws {
            try await withApp { app, _ in
                // setup
                let so = try await StatisticsTests.client(app, "so01.chuyenvien"), t1 = try await StatisticsTests.client(app, "t1.chuyenvien")
                let so79 = try await StatisticsTests.client(app, "so79.chuyenvien"), viewer = try await StatisticsTests.client(app, "so01.xem")
                let ids = try await Self.departmentPlan(app, so)
                let edit: [String: any Sendable] = ["title": "Sửa trái phép"]
                // MUT + validate: the school cannot edit the department's task, through either path
                try await t1.send(.PUT, SiteURL.api(.unitPlanTask("S01", ids[0])).path, edit) { #expect($0.status == .notFound) }
                try await t1.send(.PUT, SiteURL.api(.unitPlanTask("T1", ids[0])).path, edit) {
                    #expect($0.status == .notFound)
                    #expect((try? $0.content.get(String.self, at: "error", "code")) == "not_found")
                }
                // another department sees nothing of S01's plan; a viewer reads it and writes nothing
                try await so79.send(.GET, SiteURL.api(.unitPlan("S01")).path + "?year=\(Self.year)") { #expect($0.status == .notFound) }
                try await so79.send(.GET, SiteURL.api(.unitPlanCascade("S01", ids[0])).path) { #expect($0.status == .notFound) }
                try await viewer.send(.GET, SiteURL.api(.unitPlan("S01")).path + "?year=\(Self.year)") { #expect($0.status == .ok) }
                try await viewer.send(.PUT, SiteURL.api(.unitPlanTask("S01", ids[0])).path, edit) { #expect($0.status == .forbidden) }
                let title = try await PlanTask.find(UUID(uuidString: ids[0]), on: app.db)?.title
                #expect(title == "Nâng cao chất lượng giáo dục mũi nhọn")
            }
        }

        @Test func reports_go_up_are_accepted_or_returned_and_the_clock_makes_tasks_overdue() async throws {
            try await withApp { app, _ in
                // setup: task 2 of S01 given to X001 and adopted; its deadline is 10/12/2026, today is 01/12/2026
                let so = try await StatisticsTests.client(app, "so01.chuyenvien"), xa = try await StatisticsTests.client(app, "xa001.chuyenvien")
                let soLeader = try await StatisticsTests.client(app, "so01.lanhdao"), xaLeader = try await StatisticsTests.client(app, "xa001.lanhdao")
                let ids = try await Self.departmentPlan(app, so)
                try await so.send(.POST, SiteURL.api(.unitPlanTaskStep("S01", ids[1], .assign)).path, ["units": ["X001"]])
                let copy = try #require(try Self.json(try await xa.send(.POST, SiteURL.api(.unitPlanAdopt("X001")).path, ["task": ids[1]]))["id"] as? String)
                func status(_ client: Client, _ code: String, _ id: String) async throws -> String? {
                    let tasks = try Self.json(try await client.send(.GET, SiteURL.api(.unitPlan(code)).path + "?year=\(Self.year)"))["tasks"] as? [[String: Any]]
                    return tasks?.first { $0["id"] as? String == id }?["status"] as? String
                }
                // validate: nine days before the deadline with nothing reported, the task is at risk
                #expect(try await status(xa, "X001", copy) == "at_risk")
                // MUT: the commune reports 90 % and submits; its own leader cannot accept it
                let report: [String: any Sendable] = ["period": "2026-Q4", "status": "in_progress", "percent": 90, "narrative": "Đã triển khai ở 12 trường",
                                                      "difficulties": "Thiếu thiết bị", "links": ["https://phuongbadinh.edu.vn/bao-cao"], "submit": true]
                try await xa.send(.PUT, SiteURL.api(.unitPlanTaskStep("X001", copy, .report)).path, report) {
                    #expect($0.status == .ok, "\($0.body.string)")
                    #expect((try? $0.content.get(String.self, at: "state")) == "submitted")
                }
                #expect(try await status(xa, "X001", copy) == "in_progress")
                try await xaLeader.send(.POST, SiteURL.api(.unitPlanTaskStep("X001", copy, .approve)).path, ["period": "2026-Q4"]) { #expect($0.status == .forbidden) }
                // the department's leader returns it without a reason (refused), then with one; then it is resubmitted and accepted
                try await soLeader.send(.POST, SiteURL.api(.unitPlanTaskStep("X001", copy, .return)).path, ["period": "2026-Q4"]) {
                    #expect($0.status == .unprocessableEntity)
                }
                try await soLeader.send(.POST, SiteURL.api(.unitPlanTaskStep("X001", copy, .return)).path, ["period": "2026-Q4", "comment": "Bổ sung số liệu"]) {
                    #expect((try? $0.content.get(String.self, at: "state")) == "returned")
                }
                try await xa.send(.PUT, SiteURL.api(.unitPlanTaskStep("X001", copy, .report)).path, report) { #expect($0.status == .ok) }
                try await xa.send(.PUT, SiteURL.api(.unitPlanTaskStep("X001", copy, .report)).path, report) {
                    #expect($0.status == .conflict, "a submitted report is not edited")
                }
                try await soLeader.send(.POST, SiteURL.api(.unitPlanTaskStep("X001", copy, .approve)).path, ["period": "2026-Q4"]) {
                    #expect((try? $0.content.get(String.self, at: "state")) == "approved")
                }
                // validate: the clock moves past the deadline: overdue until it is reported done
                app.clock = .fixed(testNow.addingTimeInterval(10 * 86_400))
                #expect(try await status(xa, "X001", copy) == "overdue")
                let done: [String: any Sendable] = ["period": "2026-Q4", "status": "done", "percent": 100]
                try await xa.send(.PUT, SiteURL.api(.unitPlanTaskStep("X001", copy, .report)).path, done) { #expect($0.status == .conflict, "accepted: locked") }
                try await xa.send(.PUT, SiteURL.api(.unitPlanTaskStep("X001", copy, .report)).path, ["period": "2026-12", "status": "done", "percent": 90]) {
                    #expect($0.status == .unprocessableEntity, "done means 100 %")
                }
                try await xa.send(.PUT, SiteURL.api(.unitPlanTaskStep("X001", copy, .report)).path, ["period": "2027-Q1", "status": "done", "percent": 100]) {
                    #expect($0.status == .unprocessableEntity, "a quarter to come")
                }
                try await xa.send(.PUT, SiteURL.api(.unitPlanTaskStep("X001", copy, .report)).path, ["period": "2026-12", "status": "done", "percent": 100]) {
                    #expect($0.status == .ok)
                }
                #expect(try await status(xa, "X001", copy) == "done")
                let steps = try await AuditEntry.query(on: app.db).filter(\.$entity == "progress").all().map(\.action)
                #expect(steps.sorted() == ["approve", "return", "save_progress", "submit", "submit"])
            }
        }

        @Test func evidence_is_checked_by_type_size_and_count() async throws {
            try await withApp { app, _ in
                // setup
                let so = try await StatisticsTests.client(app, "so01.chuyenvien")
                let ids = try await Self.departmentPlan(app, so)
                let task = try #require(try await PlanTask.find(UUID(uuidString: ids[0]), on: app.db))
                let unit = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "S01").first())
                let period = try #require(Period(code: "2026-Q4"))
                func save(links: [String] = [], files: [PlanProgress.Upload] = []) async throws -> TaskReport {
                    try await PlanProgress.save(.init(status: .inProgress, percent: 10), task: task, unit: unit, period: period, submit: false,
                                                actor: .ownOfficer, links: links, files: files, by: .commandLine, now: testNow, on: app.db)
                }
                let pdf = Data("%PDF-1.7\n".utf8) + Data(repeating: 0x20, count: 100)
                // MUT + validate: a PDF and a link are kept, with the file's size and checksum
                let report = try await save(links: ["https://so.hanoi.edu.vn/minh-chung"], files: [.init(name: "C:\\tai lieu\\bien-ban.pdf", data: pdf)])
                let kept = try await TaskEvidence.query(on: app.db).filter(\.$report.$id == report.requireID()).sort(\.$kind).all()
                #expect(kept.map(\.kind) == ["file", "link"])
                #expect(kept[0].name == "bien-ban.pdf" && kept[0].size == pdf.count && kept[0].sha256?.count == 64)
                // refused, and nothing added: a renamed executable, an oversized file, a javascript: link, an eleventh item
                let refused: [() async throws -> TaskReport] = [
                    { try await save(files: [.init(name: "bao-cao.pdf", data: Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 0]))]) },
                    { try await save(files: [.init(name: "anh.png", data: Data([0x89, 0x50, 0x4E, 0x47]) + Data(count: PlanProgress.maxFileSize))]) },
                    { try await save(links: ["javascript:alert(1)"]) },
                    { try await save(links: (1...9).map { "https://vi.du/\($0)" }) },
                ]
                for attempt in refused {
                    await #expect(throws: AppError.self) { _ = try await attempt() }
                }
                #expect(try await TaskEvidence.query(on: app.db).count() == 2)
                #expect(PlanProgress.contentType(of: "x.docx", data: Data([0x50, 0x4B, 0x03, 0x04])) != nil)
                #expect(PlanProgress.contentType(of: "x.exe", data: Data([0x50, 0x4B, 0x03, 0x04])) == nil)
            }
        }

        @Test func the_draft_of_a_directive_saves_nothing_and_becomes_the_plan_it_proposes() async throws {
            try await withApp { app, _ in
                // setup: the ministry's directive of seed 000
                let admin = try await StatisticsTests.client(app, "bo.lanhdao")
                let text = try String(contentsOf: SeedTexts.url("000_ef589262bdd8a3fd.txt"), encoding: .utf8)
                let before = try await PlanTask.query(on: app.db).count()
                // MUT
                let response = try await admin.send(.POST, SiteURL.api(.unitPlanDraft("BGD")).path, ["text": text]) { #expect($0.status == .ok) }
                // validate: seven tasks proposed, spans pointing into the returned text, nothing saved
                let draft = try Self.json(response)
                let plan = try #require(draft["plan"] as? [String: Any])
                let tasks = try #require(plan["tasks"] as? [[String: Any]])
                #expect(tasks.count == 7)
                #expect(plan["schoolYear"] as? String == "2023-2024")
                let read = try #require(draft["text"] as? String)
                let drafted = try #require((draft["draft"] as? [String: Any])?["tasks"] as? [[String: Any]])
                for (task, proposal) in zip(drafted, tasks) {
                    let span = try #require(task["span"] as? [Int])
                    let words = NamHocDirective.Span(start: span[0], end: span[1]).text(in: read)
                    #expect(words.contains(try #require(proposal["title"] as? String)))
                }
                #expect(try await PlanTask.query(on: app.db).count() == before)
                // MUT: the officer sends the proposal back
                let body = try #require(try JSONSerialization.jsonObject(with: JSONSerialization.data(withJSONObject: plan)) as? [String: any Sendable])
                try await admin.send(.POST, SiteURL.api(.unitPlan("BGD")).path, body) { #expect($0.status == .created, "\($0.body.string)") }
                #expect(try await PlanTask.query(on: app.db).filter(\.$parent.$id == nil).count() == 7)
                // an empty text is refused in Vietnamese
                try await admin.send(.POST, SiteURL.api(.unitPlanDraft("BGD")).path, ["text": "   "]) {
                    #expect($0.status == .unprocessableEntity)
                    #expect((try? $0.content.get(String.self, at: "error", "message")) == "Chưa có nội dung văn bản để đọc.")
                }
            }
        }

        @Test func the_briefing_report_reads_the_periods_reports_and_the_figures() async throws {
            try await withApp { app, _ in
                // setup: T2's start-of-year figures of two years (9 then 10 classes of 30), submitted in their windows
                let school = try await StatisticsTests.client(app, "t2.chuyenvien")
                app.clock = .fixed(StatisticsTests.inWindow.addingTimeInterval(-365 * 86_400))
                try await school.save("T2", StatisticsTests.primary(classes: 9, perClass: 30), period: "2025-2026/census")
                try await school.act(.submit, "T2", period: "2025-2026/census")
                app.clock = .fixed(StatisticsTests.inWindow)
                try await school.save("T2", StatisticsTests.primary(classes: 10, perClass: 30))
                try await school.act(.submit, "T2")
                app.clock = .fixed(testNow)
                // S01's plan; task 1 reported for 2026-Q4 with a difficulty, task 2 not reported
                let so = try await StatisticsTests.client(app, "so01.chuyenvien")
                let ids = try await Self.departmentPlan(app, so)
                try await so.send(.PUT, SiteURL.api(.unitPlanTaskStep("S01", ids[0], .report)).path,
                                  ["period": "2026-Q4", "status": "in_progress", "percent": 60, "narrative": "Đã tổ chức thi chọn đội tuyển.",
                                   "difficulties": "Thiếu kinh phí bồi dưỡng", "proposals": "Đề nghị Bộ bổ sung kinh phí"]) { #expect($0.status == .ok) }
                let statistics = try await app.statistics()
                let unit = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "S01").first())
                let plan = try #require(try await PlanStore.plan(of: unit.requireID(), year: SchoolYear(startYear: 2026), on: app.db))
                // MUT
                let sections = try await Briefing.sections(of: plan, unit: unit, period: try #require(Period(code: "2026-Q4")),
                                                           today: Day.today(now: testNow), statistics: statistics, on: app.db)
                // validate
                #expect(sections.map(\.heading) == ["KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ IV/2026", "SỐ LIỆU THỐNG KÊ", "KHÓ KHĂN, VƯỚNG MẮC",
                                                    "ĐỀ XUẤT, KIẾN NGHỊ", "NHIỆM VỤ TRỌNG TÂM KỲ TỚI"])
                let results = sections[0].text.split(separator: "\n").map(String.init)
                #expect(results[0] == "1. Nâng cao chất lượng giáo dục mũi nhọn: đang thực hiện, đạt 60 %. Đã tổ chức thi chọn đội tuyển.")
                #expect(results[1] == "2. Đẩy mạnh chuyển đổi số: có nguy cơ chậm; chưa có báo cáo Quý IV/2026.")
                let figures = sections[1].text.split(separator: "\n").map(String.init)
                #expect(figures.first == "Số liệu đầu năm học 2026-2027 (thời điểm 30/9):")
                #expect(figures.contains("- Số trường tiểu học: 1, bằng năm học trước."))
                #expect(figures.contains("- Số lớp tiểu học: 10, tăng 1 (+11,1 %) so với năm học trước."))
                #expect(figures.contains("- Số học sinh tiểu học: 300, tăng 30 (+11,1 %) so với năm học trước."))
                #expect(sections[2].text == "- Nâng cao chất lượng giáo dục mũi nhọn: Thiếu kinh phí bồi dưỡng")
                #expect(sections[3].text == "- Đề nghị Bộ bổ sung kinh phí")
                #expect(sections[4].text.contains("- Đẩy mạnh chuyển đổi số (thời hạn 10/12/2026)"))
                // the DOCX opens as a Word document in the official layout
                let docx = try Briefing.document(sections, unit: unit, parentName: "Bộ Giáo dục và Đào tạo", place: "Hà Nội",
                                                 period: try #require(Period(code: "2026-Q4")), signer: "Nguyễn Văn A", now: testNow)
                let paragraphs = try DOCXReader.paragraphs(docx)
                #expect(paragraphs.contains("BÁO CÁO"))
                #expect(paragraphs.contains { $0.contains("Thiếu kinh phí bồi dưỡng") })
                #expect(paragraphs.contains { $0.hasPrefix("Hà Nội, ngày 01 tháng 12 năm 2026") })
            }
        }
    }
}

/// The real directive texts of `../shared/seeds`, found from the test file upwards.
enum SeedTexts {
    static func url(_ name: String) throws -> URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("shared/seeds/\(name)")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            let fixture = dir.appendingPathComponent("Tests/NamHocDirectiveTests/Fixtures/directives/seed-\(name.prefix(3)).txt")
            if FileManager.default.fileExists(atPath: fixture.path) { return fixture }
            dir.deleteLastPathComponent()
        }
        throw AppError.notFound("no seed \(name)")
    }
}
