import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import NamHocOffice
import Testing
import Vapor

extension AppTests {
    @Suite struct UnitImportTests {
        @Test func a_bad_file_writes_nothing_and_reports_every_row() async throws {
            try await withApp { app, _ in
                // setup
                let before = try await Unit.query(on: app.db).count()
                let csv = """
                    code,name,kind,parent_code,levels,ownership,valid_from,valid_to,parent_from
                    T10,Trường Tiểu học Láng Thượng,school,X002,TH,public,,,
                    T11,Trường THCS Cầu Giấy,truong,X002,THCS,,,,
                    T12,Trường THCS Dịch Vọng,school,X999,THCS,,,,
                    T10,Trường trùng mã,school,X002,TH,,,,
                    T13,Trường có ngày sai,school,X002,XYZ,,31/13/2024,,
                    """
                // MUT
                let rows = try TableFile.readRows(Data(csv.utf8), filename: "x.csv")
                await #expect { try await UnitImport.run(rows, by: .commandLine, on: app.db) } throws: { error in
                    guard case AppError.importRejected(let errors) = error else { return false }
                    // validate
                    let lines = Set(errors.map(\.row))
                    return lines == [3, 4, 5, 6] && errors.contains { $0.field == "kind" } && errors.contains { $0.field == "parent_code" }
                        && errors.contains { $0.field == "levels" } && errors.contains { $0.field == "valid_from" }
                }
                // validate: nothing written
                let value1 = try await Unit.query(on: app.db).count()
                #expect(value1 == before)
            }
        }

        @Test func a_missing_required_column_is_reported() async throws {
            try await withApp(seed: false) { app, _ in
                // setup: a header without the name column
                let rows = [["code", "ten"], ["A", "B"]]
                // MUT + validate
                await #expect(throws: AppError.self) { try await UnitImport.run(rows, by: .commandLine, on: app.db) }
            }
        }

        @Test func cycles_are_refused() async throws {
            try await withApp(seed: false) { app, _ in
                // setup: A under B, B under A
                let rows = [["code", "name", "kind", "parent_code"], ["A", "Đơn vị A", "commune", "B"], ["B", "Đơn vị B", "commune", "A"]]
                // MUT + validate
                await #expect(throws: AppError.self) { try await UnitImport.run(rows, by: .commandLine, on: app.db) }
                // validate: nothing written
                let value2 = try await Unit.query(on: app.db).count()
                #expect(value2 == 0)
            }
        }

        @Test func export_then_import_gives_the_same_tree() async throws {
            try await withApp { app, _ in
                // setup: today's tree, exported to a CSV file
                let exported = try await UnitExport.rows(under: nil, on: .today(), in: app.db)
                #expect(exported.count == 10) // today's tree: S02 and P02 closed at the reform
                let file = try UnitFiles.export(exported, format: "csv", title: "", display: try await UnitDisplay.load(on: app.db))
                // MUT: imported into an empty database
                try await withApp(seed: false) { fresh, _ in
                    let summary = try await UnitImport.run(try TableFile.readRows(file.data, filename: "units.csv"), by: .commandLine, on: fresh.db)
                    // validate
                    #expect(summary.created == 10)
                    let value3 = try await UnitExport.rows(under: nil, on: .today(), in: fresh.db)
                    #expect(value3 == exported)
                }
            }
        }

        @Test func xlsx_export_speaks_vietnamese_and_reads_back_unchanged() async throws {
            try await withApp { app, _ in
                // setup: today's tree
                let exported = try await UnitExport.rows(under: nil, on: .today(), in: app.db)
                // MUT: exported to Excel and read back
                let file = try UnitFiles.export(exported, format: "xlsx", title: "Danh sách đơn vị", display: try await UnitDisplay.load(on: app.db))
                let rows = try TableFile.readRows(file.data, filename: "units.xlsx")
                // validate
                #expect(rows[0] == ["Danh sách đơn vị"] && rows[1].first == "Mã đơn vị")
                #expect(rows.dropFirst(2).map { [$0[0], $0[1], $0[3]] } == exported.map { [$0[0], $0[1], $0[3]] })
                // kinds and ownership by their Vietnamese names, not their codes
                let t3 = try #require(rows.first { $0.first == "T3" })
                #expect(t3[2] == "Trường học" && t3[5] == "Ngoài công lập")
                // importing it again changes nothing
                // MUT: imported again
                let summary = try await UnitImport.run(rows, by: .commandLine, on: app.db)
                // validate
                #expect(summary.unchanged == exported.count)
            }
        }

        @Test func faults_name_the_row_as_the_sheet_numbers_it() async throws {
            try await withApp { app, _ in
                // setup: NamHoc's own layout, a title above the header; the bad row is row 4 of the sheet
                let rows = [["Danh sách đơn vị"], UnitColumn.allCases.map(\.labelVI),
                            ["T5", "Trường Tiểu học Mới", "Trường học", "X001", "TH", "công lập", "", "", ""],
                            ["T6", "Trường Sai", "trường", "X001", "TH", "", "", "", ""]]
                // MUT / validate
                do {
                    _ = try await UnitImport.run(rows, by: .commandLine, on: app.db)
                    Issue.record("a bad row was accepted")
                } catch AppError.importRejected(let errors) {
                    #expect(errors.map(\.row) == [4])
                    #expect(errors.first?.message.contains("Trường học: school") == true)
                }
                // validate: nothing written
                #expect(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "T5").first() == nil)
            }
        }

        @Test func moving_a_unit_needs_the_day_it_moves() async throws {
            try await withApp { app, _ in
                // setup: T2 moved to X002 without the day it moves
                let move = [["code", "name", "kind", "parent_code", "levels"], ["T2", "Trường Tiểu học Kim Liên", "school", "X002", "TH"]]
                // MUT + validate: refused
                await #expect(throws: AppError.self) { try await UnitImport.run(move, by: .commandLine, on: app.db) }
                // setup: the same move, from 01/09/2026
                let dated = [["code", "name", "kind", "parent_code", "levels", "parent_from"], ["T2", "Trường Tiểu học Kim Liên", "school", "X002", "TH", "01/09/2026"]]
                // MUT
                let summary = try await UnitImport.run(dated, by: .commandLine, on: app.db)
                // validate
                #expect(summary.moved == 1)
                let t2 = try #require(try await Unit.query(on: app.db).filter(\.$code == "T2").first())
                let value4 = try await UnitTree.parent(of: t2.requireID(), on: Day(iso: "2026-08-31")!, in: app.db)?.code
                #expect(value4 == "X001")
                let value5 = try await UnitTree.parent(of: t2.requireID(), on: Day(iso: "2026-09-01")!, in: app.db)?.code
                #expect(value5 == "X002")
            }
        }
    }
}
