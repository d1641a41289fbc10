import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import NamHocOffice
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// The statistics workbook on both engines: downloaded, filled, uploaded back; all or nothing with every
    /// fault named by cell; entered on a unit's behalf by the units above, never submitted for it.
    @Suite struct StatisticsImportTests {
        static let period = StatisticsTests.period
        static let inWindow = StatisticsTests.inWindow

        /// The rows of a downloaded workbook, numbered as a spreadsheet shows them.
        static func rows(_ data: Data) throws -> [(Int, [CellValue])] {
            var rows: [(Int, [CellValue])] = []
            let reader = try XLSXReader(data: data)
            try reader.forEachRow(sheet: reader.sheetNames.first) { rows.append(($0, $1)) }
            return rows
        }

        /// The workbook written again with `set` applied: (row's first cell, column's header key) → value, as
        /// a person filling the file would leave it.
        static func filled(_ data: Data, _ set: [String: [String: CellValue]]) throws -> Data {
            let rows = try Self.rows(data)
            let headerIndex = try #require(rows.firstIndex { ["Mã ô", "Mã đơn vị"].contains(TableFile.string($0.1.first ?? .empty)) })
            let header = rows[headerIndex].1.map(TableFile.string)
            let byUnit = header[0] == "Mã đơn vị"
            let body = rows[(headerIndex + 1)...].map { _, cells -> [CellValue] in
                var cells = cells + Array(repeating: CellValue.empty, count: max(0, header.count - cells.count))
                let first = TableFile.string(cells[0])
                if byUnit {
                    for (key, value) in set[first] ?? [:] {
                        if let column = header.firstIndex(where: { $0.hasPrefix(key + " ") }) { cells[column] = value }
                    }
                } else if let value = set[""]?[first] {
                    cells[4] = value
                }
                return cells
            }
            let titles = rows[..<headerIndex].map { TableFile.string($0.1.first ?? .empty) }
            return try XLSXWriter.write([SheetSpec(name: "Số liệu", titleRows: titles, header: header, rows: Array(body))])
        }

        static func download(_ app: Application, _ session: BrowserSession, _ code: String, below: Bool) async throws -> Data {
            var data = Data()
            let url = SiteURL.unitStatisticsFile(code).url(.period(try #require(Period(code: period))), below ? .rowsBelow : nil)
            try await session.get(app, url) { res in
                #expect(res.status == .ok, "\(res.body.string.prefix(300))")
                #expect(res.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                data = Data(buffer: res.body)
            }
            return data
        }

        static func upload(_ app: Application, _ session: BrowserSession, _ code: String, _ data: Data, checkOnly: Bool = false,
                           _ check: (TestingHTTPResponse) throws -> Void) async throws {
            try await app.testing().test(.POST, SiteURL.unitStatisticsImport(code).url(.period(try #require(Period(code: period)))), beforeRequest: { req in
                req.headers.cookie = ["namhoc_session": .init(string: session.cookie)]
                try req.content.encode(AppTests.UnitUploadTests.Form(csrf: session.csrf, file: File(data: ByteBuffer(data: data), filename: "so-lieu.xlsx"),
                                              checkOnly: checkOnly ? "1" : nil), as: .formData)
            }, afterResponse: check)
        }

        static func cells(_ values: [String: Double]) -> [String: CellValue] { values.mapValues { .integer(Int($0)) } }

        static func figures(_ app: Application, _ code: String) async throws -> Figures {
            let unit = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == code).first())
            return try await StatisticsStore.figures(of: unit.requireID(), period: period, in: app.db)
        }

        @Test func a_commune_fills_its_schools_rows_offline_and_they_become_drafts_the_schools_submit() async throws {
            try await withApp { app, _ in
                // setup: the ward's officer downloads the workbook of its schools
                app.clock = .fixed(Self.inWindow)
                let ward = try await BrowserSession.signIn(app, as: "xa001.chuyenvien")
                let template = try await Self.download(app, ward, "X001", below: true)
                let rows = try Self.rows(template)
                #expect(rows.contains { TableFile.string($0.1.first ?? .empty) == "T1" } && rows.contains { TableFile.string($0.1.first ?? .empty) == "T2" })
                #expect(!rows.contains { TableFile.string($0.1.first ?? .empty) == "T9" })
                let primary = StatisticsTests.primary(classes: 10, perClass: 30)
                let file = try Self.filled(template, ["T2": Self.cells(primary)])
                // MUT: checked first, nothing written
                try await Self.upload(app, ward, "X001", file, checkOnly: true) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                    #expect(res.body.string.contains("hợp lệ. Chưa ghi gì"))
                }
                #expect(try await Self.figures(app, "T2").isEmpty)
                // MUT: imported
                try await Self.upload(app, ward, "X001", file) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                    #expect(res.body.string.contains("1 đơn vị được lưu số liệu (bản nháp)"))
                }
                // validate: T2's draft holds exactly the figures, audited as the ward's officer; the sums do not move
                #expect(try await Self.figures(app, "T2") == Figures(primary.reduce(into: [:]) { $0[FigureKey(parsing: $1.key)!] = $1.value }))
                let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "import_figures").first())
                #expect(entry.record == "T2 \(Self.period)" && entry.actorID != nil)
                let ministry = try await StatisticsTests.client(app, "admin")
                #expect(try await ministry.values("X001", "2105").rows[0].values["2105"]?.value == nil)
                // the ward cannot submit for the school; the school does, and it counts at once
                try await StatisticsTests.client(app, "xa001.chuyenvien").act(.submit, "T2", status: .forbidden)
                try await StatisticsTests.client(app, "t2.chuyenvien").act(.submit, "T2")
                #expect(try await ministry.values("S01", "2105").rows[0].values["2105"]?.value == 300)
                // the export, imported back unchanged, changes nothing (the submitted row is left alone)
                let export = try await Self.download(app, ward, "X001", below: true)
                try await Self.upload(app, ward, "X001", export) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                    #expect(res.body.string.contains("0 đơn vị được lưu"))
                }
                #expect(try await StatisticsTests.verify(app) == 0)
            }
        }

        @Test func a_file_with_any_fault_writes_nothing_and_names_every_cell() async throws {
            try await withApp { app, _ in
                // setup: T1 already has a submitted report
                app.clock = .fixed(Self.inWindow)
                let province = try await BrowserSession.signIn(app, as: "so01.chuyenvien")
                let template = try await Self.download(app, province, "S01", below: true)
                var primary = Self.cells(StatisticsTests.primary(classes: 10, perClass: 30))
                primary["2105"] = .integer(-5)            // negative count (and the grades no longer add up)
                primary["2102"] = .text("mười")           // not a number
                let auditBefore = try await AuditEntry.query(on: app.db).count()
                let valuesBefore = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM stat_values").first(decoding: Count.self)?.n
                let file = try Self.filled(template, ["T2": primary, "T1": ["2105": .integer(12)]])
                // MUT
                var page = ""
                try await Self.upload(app, province, "S01", file) { res in
                    #expect(res.status == .unprocessableEntity)
                    page = res.body.string
                }
                // validate: every fault by cell and unit, in Vietnamese; nothing written
                #expect(page.contains("không phải là số"))
                #expect(page.contains("không báo cáo ô 2105"))   // a primary cell in the lower-secondary school's row
                #expect(page.contains("là số âm"))
                #expect(page.range(of: #"<td>[A-Z]+\d+</td><td>T2</td>"#, options: .regularExpression) != nil)
                #expect(page.contains("Không có dòng nào được ghi"))
                #expect(try await Self.figures(app, "T2").isEmpty)
                #expect(try await AuditEntry.query(on: app.db).count() == auditBefore)
                #expect(try await app.db.sql.raw("SELECT COUNT(*) AS n FROM stat_values").first(decoding: Count.self)?.n == valuesBefore)
            }
        }

        struct Count: Decodable { var n: Int }

        @Test func the_one_unit_workbook_round_trips_and_rows_outside_the_scope_are_refused() async throws {
            try await withApp { app, _ in
                // setup
                app.clock = .fixed(Self.inWindow)
                let school = try await BrowserSession.signIn(app, as: "t2.chuyenvien")
                let template = try await Self.download(app, school, "T2", below: false)
                #expect(try Self.rows(template).contains { TableFile.string($0.1.first ?? .empty) == "2105.nu" })
                let primary = StatisticsTests.primary(classes: 8, perClass: 35)
                // MUT: the school's own file
                try await Self.upload(app, school, "T2", try Self.filled(template, ["": Self.cells(primary)])) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                }
                // validate
                #expect(try await Self.figures(app, "T2").values.count == primary.count)
                // MUT + validate: the workbook of another school, uploaded on T2's page, is refused as unknown
                let other = try await BrowserSession.signIn(app, as: "xa001.chuyenvien")
                let wardFile = try Self.filled(try await Self.download(app, other, "X001", below: true), ["T1": ["3105": .integer(320)]])
                try await Self.upload(app, school, "T2", wardFile) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.body.string.contains("Không tìm thấy đơn vị mã T1 trong phạm vi"))
                }
                // a viewer and another branch cannot open the upload at all
                let viewer = try await BrowserSession.signIn(app, as: "t1.xem")
                try await Self.upload(app, viewer, "T1", template) { res in #expect(res.status == .forbidden) }
                let outsider = try await BrowserSession.signIn(app, as: "so79.chuyenvien")
                try await Self.upload(app, outsider, "T2", template) { res in #expect(res.status == .notFound) }
            }
        }

        @Test func the_command_line_imports_as_the_unit_above_and_a_file_of_another_period_is_refused() async throws {
            try await withApp { app, _ in
                // setup: the one-unit workbook of T2 filled
                app.clock = .fixed(Self.inWindow)
                let statistics = try await app.statistics()
                let period = try #require(Period(code: Self.period))
                let t2 = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "T2").first())
                let template = try await StatisticsFiles.unitWorkbook(t2, period: period, statistics: statistics, in: app.db)
                let file = StatisticsSheet.read(try Self.rows(try Self.filled(template.data, ["": Self.cells(StatisticsTests.primary(classes: 5, perClass: 30))])))
                #expect(file.period == period && file.faults.isEmpty && file.entries.first?.code == "T2")
                // MUT + validate: a page of another period refuses the file
                await #expect(throws: AppError.self) {
                    try await StatisticsImport.run(file, under: t2, expected: Period(code: "2025-2026/census"), by: .commandLine,
                                                   statistics: statistics, today: app.clock.today, dryRun: false, on: app.db)
                }
                // MUT: the command line's import, under the root found above the file's unit
                let root = try await StatsCommands.root(nil, of: file, in: app.db)
                let summary = try await StatisticsImport.run(file, under: root, expected: nil, by: .commandLine, statistics: statistics,
                                                             today: app.clock.today, dryRun: false, on: app.db)
                // validate
                #expect(root.code == "BGD")
                // a subtree too large for one file is refused, in Vietnamese, before anything is built
                await #expect(throws: AppError.self) {
                    try await StatisticsFiles.unitsWorkbook(under: root, period: period, statistics: statistics, maxRows: 3, in: app.db)
                }
                #expect(summary.saved == ["T2"])
                #expect(try await Self.figures(app, "T2")["2105"] == 150)
                let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "import_figures").first())
                #expect(entry.actorName == AuditActor.commandLine.name)
            }
        }

        @Test func a_catalogue_file_applied_by_one_process_is_served_by_every_process_at_its_next_request() async throws {
            try await withApp { app, _ in
                // setup: the catalogue served once (cached), then a file applied straight in the database, as another process would
                app.clock = .fixed(Self.inWindow)
                let client = try await StatisticsTests.client(app, "t2.chuyenvien")
                func codes() async throws -> [String] {
                    let response = try await client.send(.GET, SiteURL.api(.indicators).path)
                    let body = try response?.content.decode([String: [APIStatisticsController.IndicatorItem]].self)
                    return try #require(body?["indicators"]).map(\.code)
                }
                #expect(try await !codes().contains("2190"))
                let csv = "code,name_vi,unit,kind,unit_kinds,levels,parts,from_year,confirmed,form,level,section\n"
                    + "2190,Số học sinh tiểu học học 2 buổi/ngày,người,count,school,TH,nu,2026-2027,true,dau-nam,TH,III\n"
                try await app.db.sql.raw("""
                    INSERT INTO stat_catalogue_files (id, applied_at, actor_name, file_name, content)
                    VALUES (\(bind: UUID()), \(bind: Date()), 'test', 'bo-sung.csv', \(bind: csv))
                    """).run()
                // MUT + validate: the API lists it, and the school enters it on its form
                #expect(try await codes().contains("2190"))
                var values = StatisticsTests.primary(classes: 10, perClass: 30)
                values["2190"] = 120
                values["2190.nu"] = 60
                try await client.save("T2", values)
                values["2190.nu"] = 130
                try await client.save("T2", values, status: .unprocessableEntity)
            }
        }

        @Test func the_bulk_api_enters_many_units_with_the_same_checks_and_names_each_fault_by_unit_and_cell() async throws {
            try await withApp { app, _ in
                // setup
                app.clock = .fixed(Self.inWindow)
                let ward = try await StatisticsTests.client(app, "xa001.chuyenvien")
                let primary = StatisticsTests.primary(classes: 10, perClass: 30)
                let path = SiteURL.api(.unitValuesBulk("X001")).path
                // MUT: a cell that is not on the lower-secondary school's form refuses the whole body
                try await ward.send(.POST, path, ["period": Self.period, "units": ["T2": primary, "T1": ["2105": 12]]]) { res in
                    // validate
                    #expect(res.status == .unprocessableEntity)
                    let rows = try res.content.get([AppError.RowError].self, at: "error", "rows")
                    #expect(rows.count == 1 && rows[0].unit == "T1" && rows[0].cell == "2105", "\(rows)")
                }
                #expect(try await Self.figures(app, "T2").isEmpty)
                // MUT: a clean body is saved as T2's draft
                try await ward.send(.POST, path, ["period": Self.period, "units": ["T2": primary]]) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                    let saved = try res.content.get([String].self, at: "saved")
                    #expect(saved == ["T2"])
                }
                #expect(try await Self.figures(app, "T2")["2105"] == 300)
                // a body past the API's usual 16 KB is taken (a province's schools are megabytes): 600 unknown codes, each named
                let many = Dictionary(uniqueKeysWithValues: (1...600).map { ("KHONG-CO-\($0)", ["2105": 1.0, "2102": 1.0]) })
                try await ward.send(.POST, path, ["period": Self.period, "units": many]) { res in
                    #expect(res.status == .unprocessableEntity)
                    let rows = try res.content.get([AppError.RowError].self, at: "error", "rows")
                    #expect(rows.count == 600)
                }
                // a viewer may not; another branch does not see the unit
                try await StatisticsTests.client(app, "t1.xem").send(.POST, SiteURL.api(.unitValuesBulk("T1")).path,
                                                                    ["period": Self.period, "units": [String: [String: Double]]()]) { res in
                    #expect(res.status == .forbidden)
                }
                try await StatisticsTests.client(app, "so79.chuyenvien").send(.POST, path, ["period": Self.period, "units": ["T2": primary]]) { res in
                    #expect(res.status == .notFound)
                }
            }
        }
    }
}

/// The reader of the workbook, without a database.
@Suite struct StatisticsSheetTests {
    @Test func numbers_are_read_as_people_type_them() {
        func read(_ cell: CellValue) -> Double? { if case .success(let value) = StatisticsSheet.number(cell) { return value }; return nil }
        #expect(read(.integer(512)) == 512)
        #expect(read(.text("1.234")) == 1234)
        #expect(read(.text(" 12,5 ")) == 12.5)
        #expect(read(.text("1234.5")) == 1234.5)
        #expect(read(.text("1.234.567")) == 1_234_567)
        #expect(read(.text("mười")) == nil)
        if case .none = StatisticsSheet.number(.text("  ")) {} else { Issue.record("blank is no figure") }
        if case .failure = StatisticsSheet.number(.percent(12)) {} else { Issue.record("a percentage is refused") }
    }

    @Test func columns_are_named_as_a_spreadsheet_names_them() {
        #expect(StatisticsSheet.columnName(0) == "A")
        #expect(StatisticsSheet.columnName(25) == "Z")
        #expect(StatisticsSheet.columnName(26) == "AA")
        #expect(StatisticsSheet.columnName(701) == "ZZ")
        #expect(StatisticsSheet.columnName(702) == "AAA")
    }

    @Test func a_file_without_period_or_header_or_with_repeated_rows_is_refused_by_cell() {
        // setup
        let noHeader = StatisticsSheet.read([(1, [.text("Danh sách")]), (2, [.text("T1"), .integer(3)])])
        let rows: [(Int, [CellValue])] = [
            (1, [.text("Biểu nhập — Kỳ báo cáo: 2026-2027/census")]),
            (2, [.text("Mã đơn vị"), .text("Tên đơn vị"), .text("Đơn vị cấp trên"), .text("Trạng thái"), .text("2105 Học sinh"), .text("ghi chú")]),
            (3, [.text("T2"), .empty, .empty, .empty, .integer(300)]),
            (4, [.text("T2"), .empty, .empty, .empty, .integer(301)]),
            (5, [.empty, .empty, .empty, .empty, .integer(7)]),
        ]
        // MUT
        let read = StatisticsSheet.read(rows)
        // validate
        #expect(noHeader.faults.count == 2)
        #expect(read.period == Period(code: "2026-2027/census"))
        #expect(read.entries.map(\.code) == ["T2"] && read.entries[0].values[FigureKey("2105")] == 300 && read.entries[0].cells[FigureKey("2105")] == "E3")
        #expect(read.faults.map(\.cell) == ["F2", "A4", "A5"])
    }
}
