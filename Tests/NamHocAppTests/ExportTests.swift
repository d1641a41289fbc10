import Foundation
@testable import NamHocApp
import NamHocOffice
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// "Xuất Excel" on every list page: the link is on the page, and the file holds the page's lines.
    @Suite struct ExportTests {
        /// The page's "Xuất Excel" link, unescaped.
        static func excelLink(in html: String) throws -> String {
            let pattern = try #require(html.range(of: #"href="[^"]*">Xuất Excel<"#, options: .regularExpression))
            return String(html[pattern].dropFirst(6).dropLast(13)).replacingOccurrences(of: "&amp;", with: "&")
        }

        /// Rows of one sheet of a downloaded workbook, with the response checked to be an attachment.
        static func sheet(_ res: TestingHTTPResponse, _ name: String? = nil) throws -> [[CellValue]] {
            #expect(res.status == .ok, "\(res.body.string.prefix(300))")
            #expect(res.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(res.headers.first(name: .contentDisposition)?.hasPrefix("attachment; filename=") == true)
            var rows: [[CellValue]] = []
            try XLSXReader(data: Data(buffer: res.body)).forEachRow(sheet: name) { _, cells in rows.append(cells) }
            return rows
        }

        /// Codes in the first column of a page's table, in order.
        static func pageCodes(_ html: String, among codes: [String]) -> [String] {
            codes.compactMap { code in html.range(of: #"<td class="hide-sm">\#(code)</td>"#).map { (code, $0.lowerBound) } }
                .sorted { $0.1 < $1.1 }.map(\.0)
        }

        @Test func search_results_and_children_lists_export_what_the_page_lists() async throws {
            try await withApp { app, _ in
                // setup: the department's administrator and the codes the pages may list
                let session = try await BrowserSession.signIn(app, as: "so01.quantri")
                let all = ["T1", "T2", "T3", "T9", "X001", "X002", "X791"]
                for (path, expected) in [("/units?q=truong", ["T3", "T1", "T2"]), ("/units", ["X001", "X002"])] {
                    var link = ""
                    // MUT: the page
                    try await session.get(app, path) { res in
                        // validate: its lines, and its link to the file
                        #expect(Self.pageCodes(res.body.string, among: all) == expected)
                        link = try Self.excelLink(in: res.body.string)
                    }
                    #expect(link.contains("format=xlsx"))
                    // MUT: the file
                    try await session.get(app, link) { res in
                        // validate: the page's lines
                        let rows = try Self.sheet(res)
                        #expect(rows[1].first == .text("Mã đơn vị"))
                        #expect(rows.dropFirst(2).map { $0.first } == expected.map { .text($0) })
                        if path == "/units" { // the children list carries how many units each has, as numbers
                            #expect(rows.dropFirst(2).map { $0.last } == [.integer(2), .integer(1)])
                        } else {
                            #expect(rows[2].last == .text("Phường Đống Đa"))
                        }
                    }
                }
            }
        }

        @Test func unit_file_has_its_schools_by_kind_sheet_with_numbers() async throws {
            try await withApp { app, _ in
                // setup: the department's leader
                let session = try await BrowserSession.signIn(app, as: "so01.lanhdao")
                // MUT
                try await session.get(app, SiteURL.unitExport("S01").path + "?format=xlsx") { res in
                    // validate
                    let counts = try Self.sheet(res, "Trường theo loại")
                    #expect(counts[1] == [.text("Loại"), .text("Công lập"), .text("Ngoài công lập"), .text("Tổng")])
                    #expect(counts.dropFirst(2).map { $0.first } == [.text("Trường Mầm non"), .text("Trường Tiểu học"),
                                                                     .text("Trường Trung học cơ sở"), .text("Tổng cộng")])
                    #expect(counts.last == [.text("Tổng cộng"), .integer(2), .integer(1), .integer(3)])
                }
            }
        }

        @Test func users_and_audit_export_every_line_within_scope() async throws {
            try await withApp { app, _ in
                // setup: the department's administrator and the users page's link
                let session = try await BrowserSession.signIn(app, as: "so01.quantri")
                var link = ""
                try await session.get(app, SiteURL.unitUsers("S01").path) { res in link = try Self.excelLink(in: res.body.string) }
                // MUT: the users file
                try await session.get(app, link) { res in
                    // validate
                    let rows = try Self.sheet(res)
                    #expect(rows.dropFirst(2).map { $0.first } == ["so01.chuyenvien", "so01.lanhdao", "so01.quantri", "so01.xem"].map { .text($0) })
                    #expect(rows[2][2] == .text("Chuyên viên"))
                    #expect(rows[2].last == .text("Đang hoạt động"))
                }
                // setup: the audit page's lines and link
                var pageLines = 0
                try await session.get(app, SiteURL.audit.path) { res in
                    pageLines = res.body.string.components(separatedBy: "<tr><td class=\"lines").count - 1
                    link = try Self.excelLink(in: res.body.string)
                }
                // MUT: the audit file
                try await session.get(app, link) { res in
                    // validate
                    let rows = try Self.sheet(res)
                    #expect(pageLines > 0 && rows.count - 2 == pageLines)
                    #expect(rows.dropFirst(2).allSatisfy { if case .date = $0.first { true } else { false } })
                    // T9 belongs to S79: its entries are outside S01's log.
                    #expect(!rows.contains { $0.contains(.text("Đơn vị T9")) })
                    #expect(rows.contains { $0.contains(.text("Đơn vị T1")) })
                }
            }
        }

        @Test func a_file_is_refused_exactly_like_its_page() async throws {
            try await withApp { app, _ in
                // setup: a school officer
                let officer = try await BrowserSession.signIn(app, as: "t1.chuyenvien")
                // MUT + validate: each file is refused as its page is
                try await officer.get(app, SiteURL.unitUsers("T1").path + "?format=xlsx") { #expect($0.status == .forbidden) }
                try await officer.get(app, SiteURL.audit.path + "?format=xlsx") { #expect($0.status == .forbidden) }
                try await officer.get(app, SiteURL.unitUsers("S01").path + "?format=xlsx") { #expect($0.status == .notFound) }
                try await officer.get(app, SiteURL.unitExport("T2").path + "?format=xlsx") { #expect($0.status == .notFound) }
                try await officer.get(app, SiteURL.unitExport("T1").path + "?format=pdf") { #expect($0.status == .unprocessableEntity) }
            }
        }
    }
}

extension AppTests.ExportTests {
    @Test func a_search_file_is_named_for_the_search_and_unit_files_carry_real_dates() async throws {
        try await withApp { app, _ in
            // setup
            let session = try await BrowserSession.signIn(app, as: "so01.quantri")
            // MUT: a search's file, the children list's file and the unit file
            var names: [String] = []
            for path in [SiteURL.units.url(.search("Nguyễn Trãi"), .format("xlsx")), SiteURL.units.url(.format("xlsx")),
                         SiteURL.unitExport("S01").url(.format("xlsx"))] {
                try await session.get(app, path) { res in names.append(res.headers.first(name: .contentDisposition) ?? "") }
            }
            // validate: three different names
            #expect(names[0].contains("timkiem-S01-nguyen-trai-"))
            #expect(names[1].contains("tructhuoc-S01-"))
            #expect(names[2].contains("donvi-S01-"))
            #expect(Set(names).count == 3)
            // the unit file writes validity days as dates, not as text
            try await session.get(app, SiteURL.unitExport("S01").url(.format("xlsx"))) { res in
                let rows = try Self.sheet(res)
                let t1 = try #require(rows.first { $0.first == .text("T1") })
                #expect(t1[UnitColumn.parentFrom.index].isoDayString == "2025-07-01")
            }
        }
    }
}

@Suite struct PagingTests {
    @Test func a_long_list_is_cut_into_pages_with_links() {
        // setup: Hà Nội's 333 children
        let children = Array(1...333)
        // MUT
        let (lines, paging) = Paging.slice(children, page: 7) { "/units/S01?page=\($0)" }
        let (first, firstPaging) = Paging.slice(children, page: 0) { "/units/S01?page=\($0)" }
        let (_, beyond) = Paging.slice(children, page: 99) { "/units/S01?page=\($0)" }
        // validate
        #expect(lines == Array(301...333))
        #expect(paging.summary == "Trang 7/7 · dòng 301–333 trong 333")
        #expect(paging.previousURL == "/units/S01?page=6" && paging.nextURL == nil)
        #expect(first.count == 50 && firstPaging.previousURL == nil && firstPaging.nextURL == "/units/S01?page=2")
        #expect(beyond.page == 7)
        #expect(Paging.slice([1, 2], page: 1) { "\($0)" }.1.summary == "")
    }
}
