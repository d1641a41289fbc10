import Foundation
import NamHocDomain
import NamHocText

extension StaffImport {
    private enum Header {
        case fixed(Column)
        case yearly(YearlyColumn, SchoolYear)
    }

    /// Reads the table into people, or throws every fault at once, each by cell.
    static func parse(_ table: [[String]]) throws -> [Person] {
        let codeKey = key(Column.code.rawValue)
        guard let headerIndex = table.firstIndex(where: { $0.contains { key($0) == codeKey } }) else {
            throw AppError.importRejected([.init(row: 1, field: nil, message: "Không thấy dòng tiêu đề có cột “\(Column.code.rawValue)”.")])
        }
        var faults: [AppError.RowError] = []
        var headers: [Int: Header] = [:]
        let headerRow = headerIndex + 1
        for (column, text) in table[headerIndex].enumerated() where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            if let header = header(text) {
                headers[column] = header
            } else {
                faults.append(.init(row: headerRow, field: text, message: "Cột “\(text)” không rõ: dùng các cột của mẫu, cột theo năm ghi “Xếp loại 2024-2025”.",
                                    cell: StatisticsSheet.cellName(headerRow, column)))
            }
        }
        let present = Set(headers.values.compactMap { if case .fixed(let c) = $0 { c } else { nil } })
        for required in [Column.code, .name] where !present.contains(required) {
            faults.append(.init(row: headerRow, field: required.rawValue, message: "Thiếu cột “\(required.rawValue)”."))
        }
        guard faults.isEmpty else { throw AppError.importRejected(faults) }

        var people: [Person] = []
        var seen: [String: Int] = [:]
        for index in (headerIndex + 1)..<table.count {
            let cells = table[index]
            guard cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
            let row = index + 1
            var person = Person(row: row, code: "", name: "", position: "", pendingReview: false)
            var worksOfYear: [SchoolYear: Int] = [:]
            for (column, header) in headers.sorted(by: { $0.key < $1.key }) {
                let text = column < cells.count ? cells[column].trimmingCharacters(in: .whitespacesAndNewlines) : ""
                func fail(_ message: String) {
                    faults.append(.init(row: row, field: table[headerIndex][column], message: message, cell: StatisticsSheet.cellName(row, column)))
                }
                switch header {
                case .fixed(.code):
                    if text.isEmpty || text.count > 40 { fail("Cần mã cán bộ (tối đa 40 ký tự).") }
                    else if let first = seen[text] { fail("Mã cán bộ “\(text)” lặp lại (đã có ở dòng \(first)).") }
                    else { seen[text] = row; person.code = text }
                case .fixed(.name):
                    if text.isEmpty || text.count > 120 { fail("Cần họ và tên (tối đa 120 ký tự).") } else { person.name = VietnameseText.normalize(text) }
                case .fixed(.position):
                    if text.count > 120 { fail("Chức vụ quá dài (tối đa 120 ký tự).") } else { person.position = VietnameseText.normalize(text) }
                case .fixed(.recruited):
                    guard !text.isEmpty else { break }
                    if let day = QueryDay.day(text) { person.recruitedOn = day } else { fail("Ngày “\(text)” không hợp lệ (dạng 01/09/2020).") }
                case .fixed(.sectorYears), .fixed(.disadvantagedYears):
                    guard !text.isEmpty else { break }
                    guard let years = Int(text), (0...60).contains(years) else { fail("Số năm “\(text)” phải là số nguyên từ 0 đến 60."); break }
                    if case .fixed(.sectorYears) = header { person.sectorYears = years } else { person.disadvantagedYears = years }
                case .fixed(.pendingReview):
                    switch key(text) {
                    case "", "0", "khong", "false": person.pendingReview = false
                    case "x", "1", "co", "true": person.pendingReview = true
                    default: fail("Ghi “có” hoặc để trống.")
                    }
                case .yearly(.rating, let year):
                    guard !text.isEmpty else { break }
                    if let rating = rating(text) { person.ratings[year] = rating }
                    else { fail("Xếp loại “\(text)” không rõ: HTXSNV, HTTNV, HTNV hoặc KHTNV.") }
                case .yearly(.titles, let year):
                    for item in list(text) {
                        if let award = award(item), !award.isCollective { person.titles.append((year, award, "")) }
                        else { fail("Danh hiệu “\(item)” không rõ: ví dụ LĐTT, CSTĐCS, CSTĐ cấp tỉnh, Bằng khen cấp tỉnh.") }
                    }
                case .yearly(.decision, let year):
                    guard !text.isEmpty else { break }
                    if text.count > 60 { fail("Số quyết định quá dài (tối đa 60 ký tự)."); break }
                    person.titles = person.titles.map { $0.0 == year ? ($0.0, $0.1, text) : $0 }
                case .yearly(.works, let year):
                    for item in list(text) {
                        guard let work = work(item, year: year, number: (worksOfYear[year] ?? 0) + 1) else {
                            fail("Sáng kiến “\(item)” không rõ: ghi phạm vi công nhận (cơ sở, tỉnh, toàn quốc), có thể thêm “đề tài” và “: tên”."); continue
                        }
                        worksOfYear[year, default: 0] += 1
                        person.works.append(work)
                    }
                case .yearly(.discipline, let year):
                    guard !text.isEmpty else { break }
                    if let discipline = discipline(text, year: year) { person.disciplines.append(discipline) }
                    else { fail("Kỷ luật “\(text)” không rõ: khiển trách, cảnh cáo, hạ bậc lương, cách chức, buộc thôi việc (có thể thêm “đến 30/06/2025”).") }
                }
            }
            people.append(person)
        }
        // A decision number belongs to a title: the same row must name the title.
        for (column, header) in headers {
            guard case .yearly(.decision, let year) = header else { continue }
            for person in people where !(column < table[person.row - 1].count && table[person.row - 1][column].trimmingCharacters(in: .whitespaces).isEmpty)
                && !person.titles.contains(where: { $0.0 == year }) {
                faults.append(.init(row: person.row, field: table[headerIndex][column], message: "Có số quyết định nhưng không có danh hiệu năm \(year.name).",
                                    cell: StatisticsSheet.cellName(person.row, column)))
            }
        }
        if people.isEmpty { faults.append(.init(row: headerRow + 1, field: nil, message: "Tệp không có cán bộ nào dưới dòng tiêu đề.")) }
        guard faults.isEmpty else { throw AppError.importRejected(faults.sorted { ($0.row, $0.cell ?? "") < ($1.row, $1.cell ?? "") }) }
        return people
    }

    private static func key(_ text: String) -> String { VietnameseText.searchKey(text) }

    private static func header(_ text: String) -> Header? {
        let k = key(text)
        if let column = Column.allCases.first(where: { key($0.rawValue) == k }) { return .fixed(column) }
        guard let space = k.lastIndex(of: " "), let year = SchoolYear(String(k[k.index(after: space)...])) else { return nil }
        let kind = String(k[..<space])
        return YearlyColumn.allCases.first { key($0.rawValue) == kind }.map { .yearly($0, year) }
    }

    private static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func rating(_ text: String) -> Rating? {
        let k = key(text).replacingOccurrences(of: " nhiem vu", with: "")
        if let rating = Rating(rawValue: k.uppercased()) { return rating }
        switch k {
        case "hoan thanh xuat sac", "xuat sac": return .htxsnv
        case "hoan thanh tot", "tot": return .httnv
        case "hoan thanh": return .htnv
        case "khong hoan thanh": return .khtnv
        default: return nil
        }
    }

    /// A title as people write it: its code, its full name, or the usual abbreviations.
    static func award(_ text: String) -> Award? {
        let k = key(text).replacingOccurrences(of: "_", with: " ")
        if let award = Award.allCases.first(where: { key($0.rawValue.replacingOccurrences(of: "_", with: " ")) == k || key($0.vietnamese) == k }) {
            return award
        }
        let words: [String: Award] = [
            "cstd co so": .cstdcs, "cstd cap bo": .cstdBo, "cstd cap tinh": .cstdBo, "cstd cap nganh": .cstdBo,
            "chien si thi dua cap bo": .cstdBo, "chien si thi dua cap tinh": .cstdBo, "cstd toan quoc": .cstdToanQuoc,
            "bang khen cap bo": .bangKhenBo, "bang khen cap tinh": .bangKhenBo, "bang khen bo": .bangKhenBo, "bang khen tinh": .bangKhenBo,
            "bang khen cua bo truong": .bangKhenBo, "bang khen ubnd tinh": .bangKhenBo, "bang khen thu tuong": .bangKhenThuTuong,
            "bang khen cua thu tuong": .bangKhenThuTuong, "bang khen thu tuong chinh phu": .bangKhenThuTuong,
            "ky niem chuong": .kyNiemChuong, "ky niem chuong vi su nghiep giao duc": .kyNiemChuong,
        ]
        return words[k]
    }

    /// "cơ sở", "đề tài tỉnh: Tên đề tài": the scope it was recognised at, research or not, a name.
    static func work(_ text: String, year: SchoolYear, number: Int) -> Work? {
        let parts = text.split(separator: ":", maxSplits: 1)
        var k = key(String(parts[0]))
        var kind = WorkKind.initiative
        for prefix in ["de tai ", "sang kien "] where k.hasPrefix(prefix) {
            kind = prefix == "de tai " ? .research : .initiative
            k.removeFirst(prefix.count)
        }
        if k.hasPrefix("cap ") { k.removeFirst(4) }
        let scopes: [String: WorkScope] = ["co so": .base, "tinh": .province, "bo": .province, "nganh": .province, "bo nganh tinh": .province,
                                           "toan quoc": .national]
        guard let scope = scopes[k] else { return nil }
        let name = parts.count > 1 ? VietnameseText.normalize(parts[1].trimmingCharacters(in: .whitespaces)) : nil
        return Work(id: "\(kind == .research ? "ĐT" : "SK")-\(year.startYear)-\(number)", year: year, kind: kind, scope: scope,
                    name: name?.isEmpty == false ? name : nil)
    }

    static func discipline(_ text: String, year: SchoolYear) -> Discipline? {
        let lowered = VietnameseText.normalize(text).lowercased()
        let pieces = lowered.components(separatedBy: " đến ")
        guard let form = DisciplineForm.allCases.first(where: { key($0.vietnamese) == key(pieces[0]) }) else { return nil }
        guard pieces.count > 1 else { return Discipline(year: year, form: form) }
        guard pieces.count == 2, let day = QueryDay.day(pieces[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        return Discipline(year: year, form: form, endsOn: day)
    }
}
