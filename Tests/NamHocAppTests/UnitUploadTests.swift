import Fluent
import Foundation
@testable import NamHocApp
import NamHocOffice
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// "Nhập từ Excel" in the browser: all or nothing, within the administrator's subtree.
    @Suite struct UnitUploadTests {
        struct Form: Content {
            var csrf: String?
            var file: File
            var checkOnly: String?
        }

        static let header = "code,name,kind,parent_code,levels,ownership,valid_from,valid_to,parent_from"

        /// Uploads `csv` (or the bytes given) as a browser would; returns status and page.
        static func upload(_ app: Application, _ session: BrowserSession, to code: String, csv: String? = nil, data: Data? = nil,
                           filename: String = "donvi.csv", checkOnly: Bool = false, csrf: Bool = true) async throws -> (HTTPStatus, String) {
            var result: (HTTPStatus, String) = (.ok, "")
            let bytes = data ?? Data((csv ?? "").utf8)
            try await app.testing().test(.POST, SiteURL.unitImport(code).path, beforeRequest: { req in
                req.headers.cookie = ["namhoc_session": .init(string: session.cookie)]
                let form = Form(csrf: csrf ? session.csrf : nil, file: File(data: ByteBuffer(data: bytes), filename: filename),
                                checkOnly: checkOnly ? "1" : nil)
                try req.content.encode(form, as: .formData)
            }, afterResponse: { res in result = (res.status, res.body.string) })
            return result
        }

        static func unit(_ app: Application, _ code: String) async throws -> NamHocApp.Unit? {
            try await NamHocApp.Unit.query(on: app.db).filter(\.$code == code).first()
        }

        @Test func an_admin_imports_an_xlsx_into_their_subtree_and_it_is_audited() async throws {
            try await withApp { app, _ in
                let session = try await BrowserSession.signIn(app, as: "so01.quantri")
                // setup: a new school under X002 and a renamed T1, as people fill in the Excel sheet
                let sheet = SheetSpec(name: "Đơn vị", titleRows: ["Danh sách"], header: UnitColumn.allCases.map(\.labelVI), rows: [
                    ["T4", "Trường Tiểu học Đống Đa", "school", "X002", "TH", "công lập", "", "", ""],
                    ["T1", "Trường THCS Nguyễn Trãi (mới)", "school", "X001", "THCS", "công lập", "", "", "2025-07-01"],
                ].map { $0.map(CellValue.text) })
                let xlsx = try XLSXWriter.write([sheet])
                // MUT: check only, then for real
                let (checkStatus, checkPage) = try await Self.upload(app, session, to: "S01", data: xlsx, filename: "donvi.xlsx", checkOnly: true)
                let afterCheck = try await Self.unit(app, "T4")
                let (status, page) = try await Self.upload(app, session, to: "S01", data: xlsx, filename: "donvi.xlsx")
                // validate
                #expect(checkStatus == .ok && checkPage.contains("Chưa ghi gì") && checkPage.contains("1 đơn vị mới"))
                #expect(afterCheck == nil)
                #expect(status == .ok && page.contains("Đã nhập tệp") && page.contains("1 đơn vị mới")
                        && page.contains("1 đơn vị cập nhật"))
                #expect(try await Self.unit(app, "T4")?.name == "Trường Tiểu học Đống Đa")
                #expect(try await Self.unit(app, "T1")?.name == "Trường THCS Nguyễn Trãi (mới)")
                let entries = try await AuditEntry.query(on: app.db).filter(\.$record == "T4").all()
                #expect(entries.map(\.actorName) == ["so01.quantri"])
            }
        }

        @Test func rows_outside_the_subtree_are_refused_and_nothing_is_written() async throws {
            try await withApp { app, _ in
                // setup: the department's administrator and a file with faults of every kind
                let session = try await BrowserSession.signIn(app, as: "so01.quantri")
                let csv = """
                    \(Self.header)
                    T2,Trường Tiểu học Kim Liên (đổi tên),school,X001,TH,public,,,
                    T9,Trường THPT Lê Quý Đôn,school,X791,THPT,public,,,
                    T5,Trường mới ở nơi khác,school,X791,TH,public,,,
                    T6,Trường không cấp trên,school,,TH,public,,,
                    S01,Sở Giáo dục và Đào tạo Hà Nội,department,S79,,,,,
                    T7,Trường sai loại,truong_hoc,X001,TH,,,,
                    """
                // MUT
                let (status, page) = try await Self.upload(app, session, to: "S01", csv: csv)
                // validate: every fault by row, columns by their Vietnamese titles; the valid rename of T2 not written either
                #expect(status == .unprocessableEntity)
                #expect(page.contains("Không có dòng nào được ghi"))
                #expect(page.contains("Mã &quot;T9&quot; đã được dùng cho một đơn vị ngoài phạm vi quản lý của bạn."))
                #expect(page.contains("Đơn vị cấp trên &quot;X791&quot; nằm ngoài phạm vi quản lý của bạn."))
                #expect(page.contains("Thiếu mã đơn vị cấp trên"))
                #expect(page.contains("Không thể đổi cấp trên của Sở Giáo dục và Đào tạo Hà Nội"))
                #expect(page.contains("Loại đơn vị &quot;truong_hoc&quot; không có trong danh mục")) // with the scope faults, at once
                for line in [3, 4, 5, 6, 7] { #expect(page.contains(#"<td class="num">\#(line)</td>"#)) }
                #expect(!page.contains(#"<td class="num">2</td>"#))
                #expect(page.contains("<td>Mã đơn vị cấp trên</td>") && !page.contains("<td>parent_code</td>"))
                // the faults table has its Excel file, carried in the link
                let link = try ExportTests.excelLink(in: page)
                let prefix = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,"
                #expect(link.hasPrefix(prefix))
                let file = try #require(Data(base64Encoded: String(link.dropFirst(prefix.count))))
                let faultRows = try TableFile.readRows(file, filename: "loi.xlsx")
                #expect(faultRows[1] == ["Dòng", "Cột", "Lỗi"])
                #expect(faultRows.dropFirst(2).map(\.first) == ["3", "4", "5", "6", "7"])
                #expect(try await Self.unit(app, "T2")?.name == "Trường Tiểu học Kim Liên")
                #expect(try await Self.unit(app, "T5") == nil)
            }
        }

        @Test func bad_files_and_bad_rows_get_vietnamese_errors() async throws {
            try await withApp { app, _ in
                // setup: the department's administrator
                let session = try await BrowserSession.signIn(app, as: "so01.quantri")
                // MUT: a file that is not a workbook
                let (zipStatus, zipPage) = try await Self.upload(app, session, to: "S01", data: Data("không phải zip".utf8), filename: "a.xlsx")
                // validate
                #expect(zipStatus == .unprocessableEntity && zipPage.contains("Tệp “a.xlsx”"))
                // MUT: a row of an unknown kind
                let (rowStatus, rowPage) = try await Self.upload(app, session, to: "S01", csv: "\(Self.header)\nT7,Trường,truong_hoc,X001,TH,,,,")
                // validate
                #expect(rowStatus == .unprocessableEntity && rowPage.contains("Loại đơn vị &quot;truong_hoc&quot; không có trong danh mục"))
                // MUT: no file at all
                let (emptyStatus, emptyPage) = try await Self.upload(app, session, to: "S01", data: Data())
                // validate
                #expect(emptyStatus == .unprocessableEntity && emptyPage.contains("Chưa chọn tệp"))
            }
        }

        @Test func a_real_server_streams_a_large_file_in_and_refuses_one_over_the_limit() async throws {
            try await withApp { app, _ in
                let session = try await BrowserSession.signIn(app, as: "so01.quantri")
                // setup: 3.000 new schools (~200 KB, streamed by the server, unlike a small form) and a file over 20 MB
                let rows = (1...3_000).map { "N\($0),Trường Mầm non số \($0),school,X001,MN,ngoài công lập,,," }
                let large = Data((["code,name,kind,parent_code,levels,ownership,valid_from,valid_to,parent_from"] + rows)
                    .joined(separator: "\n").utf8)
                let tooLarge = Data(repeating: 0x41, count: 21 * 1024 * 1024)
                var statuses: [HTTPStatus] = []
                var tooLargePage = ""
                // MUT: both files, to a running server
                for (data, check) in [(large, true), (tooLarge, false)] {
                    try await app.testing(method: .running(hostname: "127.0.0.1", port: 0)).test(.POST, SiteURL.unitImport("S01").path, beforeRequest: { req in
                        req.headers.cookie = ["namhoc_session": .init(string: session.cookie)]
                        try req.content.encode(Form(csrf: session.csrf, file: File(data: ByteBuffer(data: data), filename: "lon.csv"),
                                                    checkOnly: check ? "1" : nil), as: .formData)
                    }, afterResponse: { res in
                        statuses.append(res.status)
                        if !check { tooLargePage = res.body.string }
                    })
                }
                // validate
                #expect(statuses == [.ok, .payloadTooLarge])
                #expect(tooLargePage.contains("quá lớn"))
            }
        }

        @Test func only_administrators_with_the_form_token_may_upload() async throws {
            try await withApp { app, _ in
                // setup: a file with one new school
                let csv = "\(Self.header)\nT8,Trường Mầm non Mới,school,X001,MN,,,,"
                let admin = try await BrowserSession.signIn(app, as: "so01.quantri")
                // MUT + validate: without the form token
                let (noToken, _) = try await Self.upload(app, admin, to: "S01", csv: csv, csrf: false)
                #expect(noToken == .forbidden)
                // MUT + validate: a leader, not an administrator
                let leader = try await BrowserSession.signIn(app, as: "so01.lanhdao")
                let (notAdmin, _) = try await Self.upload(app, leader, to: "S01", csv: csv)
                #expect(notAdmin == .forbidden)
                // MUT + validate: a department outside the subtree
                let (outside, _) = try await Self.upload(app, admin, to: "S79", csv: csv)
                #expect(outside == .notFound)
                // MUT + validate: the import page
                try await leader.get(app, SiteURL.unitImport("S01").path) { #expect($0.status == .forbidden) }
                try await admin.get(app, SiteURL.unitImport("S01").path) { res in
                    #expect(res.status == .ok && res.body.string.contains(#"enctype="multipart/form-data""#))
                }
                // validate: nothing written
                #expect(try await Self.unit(app, "T8") == nil)
            }
        }
    }
}
