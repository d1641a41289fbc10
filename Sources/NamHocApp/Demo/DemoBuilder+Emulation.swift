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
