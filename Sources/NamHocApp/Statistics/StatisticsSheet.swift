import Foundation
import NamHocDomain
import NamHocOffice
import NamHocText

/// The statistics workbook: the template NamHoc makes and reads back. Two layouts share one reader:
/// - one unit ("Mã ô" header): its form as the paper has it, one row a cell, last year's figure beside;
/// - the units below a parent ("Mã đơn vị" header): one row a reporting unit, one column a cell.
/// The period is written above the header and read back from there, so a file cannot land in another
/// period by mistake. An export is the same file with the figures saved so far.
enum StatisticsSheet {
    static let sheetName = "Số liệu"
    static let cellHeader = ["Mã ô", "Chỉ tiêu", "Đơn vị tính", "Năm trước", "Số liệu"]
    static let unitHeader = ["Mã đơn vị", "Tên đơn vị", "Đơn vị cấp trên", "Trạng thái"]

    /// One cell of a form, as a column (units layout) or a row (one-unit layout).
    struct Cell: Sendable {
        var key: FigureKey
        var label: String
        var unit: String
        /// The form section it opens, if it is the first cell of one (one-unit layout).
        var section: String?
    }

    /// A unit's row of the units layout.
    struct UnitRow: Sendable {
        var code: String
        var name: String
        var parent: String
        var status: String
        /// The cells the unit reports; the others are left blank and must stay blank.
        var reported: Set<FigureKey>
        var figures: Figures
    }

    // MARK: - Writing

    static func unitSheet(unitName: String, unitCode: String, period: Period, cells: [Cell], figures: Figures, lastYear: Figures) -> SheetSpec {
        var rows: [[CellValue]] = []
        for cell in cells {
            if let section = cell.section { rows.append([.empty, .text(section), .empty, .empty, .empty]) }
            rows.append([.text(cell.key.description), .text(cell.label), .text(cell.unit), number(lastYear.values[cell.key]),
                         number(figures.values[cell.key])])
        }
        return SheetSpec(name: sheetName, titleRows: titles(period, "Đơn vị: \(unitName) — Mã đơn vị: \(unitCode)"),
                         header: cellHeader, rows: rows, columnWidths: [18, 64, 12, 12, 12], orientation: .portrait)
    }

    static func unitsSheet(parentName: String, period: Period, cells: [Cell], units: [UnitRow]) -> SheetSpec {
        let rows = units.map { unit -> [CellValue] in
            [.text(unit.code), .text(unit.name), .text(unit.parent), .text(unit.status)]
                + cells.map { unit.reported.contains($0.key) ? number(unit.figures.values[$0.key]) : .empty }
        }
        return SheetSpec(name: sheetName, titleRows: titles(period, "Các đơn vị báo cáo thuộc \(parentName) — mỗi dòng một đơn vị, ô không thuộc biểu của đơn vị để trống"),
                         header: unitHeader + cells.map { "\($0.key.description) \($0.label)" },
                         rows: rows, columnWidths: [12, 36, 28, 12] + cells.map { _ in 16 }, orientation: .landscape)
    }

    private static func titles(_ period: Period, _ second: String) -> [String] {
        ["Biểu nhập số liệu thống kê \(period.nameVI) — Kỳ báo cáo: \(period.code)", second,
         "Chỉ điền số ở cột số liệu; không sửa mã ô, mã đơn vị, kỳ báo cáo. Nhập lại tệp trên NamHoc: có lỗi thì không ô nào được ghi."]
    }

    private static func number(_ value: Double?) -> CellValue {
        guard let value else { return .empty }
        return value == value.rounded() && abs(value) < 1e15 ? .integer(Int(value)) : .number(value)
    }

    // MARK: - Reading

    /// A unit's figures as read from the file, each with the cell it came from.
    struct Entry: Sendable {
        var code: String
        var row: Int
        var values: [FigureKey: Double] = [:]
        /// Where each value came from: a spreadsheet cell ("E14"), or the cell's key in a JSON body.
        var cells: [FigureKey: String] = [:]
        /// The cell naming the unit ("A7"), if the entry came from a sheet.
        var unitCell: String?
    }

    struct Read: Sendable {
        var period: Period?
        var entries: [Entry]
        var faults: [AppError.RowError]
    }

    /// Reads either layout from the rows of the first sheet (1-based row numbers).
    static func read(_ rows: [(Int, [CellValue])]) -> Read {
        var period: Period?, unitCode: String?
        for (_, cells) in rows {
            guard let first = cells.first.map(text), !isHeader(first) else { break }
            for cell in cells.map(text) {
                if period == nil, let match = cell.firstMatch(of: /Kỳ báo cáo:\s*(\d{4}-\d{4}\/(census|end))/) { period = Period(code: String(match.1)) }
                if unitCode == nil, let match = cell.firstMatch(of: /Mã đơn vị:\s*(\S+)/) { unitCode = String(match.1) }
            }
        }
        var faults: [AppError.RowError] = []
        if period == nil {
            faults.append(.init(row: 1, field: nil, message: "Không thấy kỳ báo cáo (dòng “Kỳ báo cáo: 2024-2025/census” ở đầu biểu). Hãy dùng biểu mẫu NamHoc tạo."))
        }
        guard let headerIndex = rows.firstIndex(where: { $0.1.first.map(text).map(isHeader) ?? false }) else {
            faults.append(.init(row: 1, field: nil, message: "Không thấy dòng tiêu đề (“Mã ô” hoặc “Mã đơn vị” ở cột A). Hãy dùng biểu mẫu NamHoc tạo."))
            return Read(period: period, entries: [], faults: faults)
        }
        let (headerRow, header) = rows[headerIndex]
        let body = rows[(headerIndex + 1)...]
        if clean(text(header[0])) == cellHeader[0] {
            guard let unitCode else {
                faults.append(.init(row: 1, field: nil, message: "Không thấy mã đơn vị (dòng “Mã đơn vị: …” ở đầu biểu)."))
                return Read(period: period, entries: [], faults: faults)
            }
            let valueColumn = header.firstIndex { clean(text($0)) == cellHeader[4] } ?? 4
            let (entry, entryFaults) = readCells(body, unit: unitCode, valueColumn: valueColumn, startRow: headerRow + 1)
            return Read(period: period, entries: entry.values.isEmpty ? [] : [entry], faults: faults + entryFaults)
        }
        let (entries, unitFaults) = readUnits(header, headerRow: headerRow, body: body)
        return Read(period: period, entries: entries, faults: faults + unitFaults)
    }

    private static func readCells(_ body: ArraySlice<(Int, [CellValue])>, unit: String, valueColumn: Int,
                                  startRow: Int) -> (Entry, [AppError.RowError]) {
        var entry = Entry(code: unit, row: startRow, unitCell: "A\(startRow)"), faults: [AppError.RowError] = []
        for (row, cells) in body {
            let keyText = clean(cells.first.map(text) ?? "")
            let value = valueColumn < cells.count ? cells[valueColumn] : .empty
            guard !keyText.isEmpty else {
                if value != .empty { faults.append(fault(row, valueColumn, unit, "Có số liệu nhưng thiếu mã ô ở cột A.")) }
                continue
            }
            guard let key = cellKey(keyText) else { faults.append(fault(row, 0, unit, "“\(keyText)” không phải mã ô.")); continue }
            guard entry.cells[key] == nil else { faults.append(fault(row, 0, unit, "Mã ô \(key) lặp lại (đã có ở ô \(entry.cells[key]!)).")); continue }
            switch number(value) {
            case .none: continue
            case .failure(let message): faults.append(fault(row, valueColumn, unit, message))
            case .success(let number):
                entry.values[key] = number
                entry.cells[key] = cellName(row, valueColumn)
            }
        }
        return (entry, faults)
    }

    private static func readUnits(_ header: [CellValue], headerRow: Int,
                                  body: ArraySlice<(Int, [CellValue])>) -> ([Entry], [AppError.RowError]) {
        var faults: [AppError.RowError] = [], keys: [Int: FigureKey] = [:], seen: [FigureKey: Int] = [:]
        for (column, cell) in header.enumerated() where column >= unitHeader.count {
            let title = clean(text(cell))
            guard !title.isEmpty else { continue }
            let token = String(title.prefix { !$0.isWhitespace })
            guard let key = cellKey(token) else {
                faults.append(fault(headerRow, column, nil, "Tiêu đề cột “\(title)” không bắt đầu bằng mã ô (ví dụ “2105.nu”)."))
                continue
            }
            if let other = seen[key] { faults.append(fault(headerRow, column, nil, "Mã ô \(key) lặp lại (đã có ở cột \(columnName(other)))."))
            } else { seen[key] = column; keys[column] = key }
        }
        var entries: [Entry] = [], rowOf: [String: Int] = [:]
        for (row, cells) in body {
            let code = clean(cells.first.map(text) ?? "")
            var entry = Entry(code: code, row: row, unitCell: "A\(row)")
            for (column, cell) in cells.enumerated() where column >= unitHeader.count {
                switch number(cell) {
                case .none: continue
                case .failure(let message): faults.append(fault(row, column, code, message))
                case .success(let value):
                    guard let key = keys[column] else {
                        faults.append(fault(row, column, code, "Cột \(columnName(column)) không có mã ô ở dòng tiêu đề."))
                        continue
                    }
                    entry.values[key] = value
                    entry.cells[key] = cellName(row, column)
                }
            }
            if code.isEmpty {
                if !entry.values.isEmpty { faults.append(fault(row, 0, nil, "Có số liệu nhưng thiếu mã đơn vị ở cột A.")) }
                continue
            }
            if let first = rowOf[code] {
                faults.append(fault(row, 0, code, "Đơn vị \(code) đã có ở dòng \(first)."))
                continue
            }
            rowOf[code] = row
            entries.append(entry)
        }
        return (entries, faults)
    }

    // MARK: - Cells

    enum Number { case none, failure(String), success(Double) }

    /// A figure as typed: a number cell, or text in Vietnamese ("1.234", "12,5") or plain ("1234.5") form.
    static func number(_ cell: CellValue) -> Number {
        switch cell {
        case .empty: return .none
        case .integer(let value): return .success(Double(value))
        case .number(let value): return value.isFinite ? .success(value) : .failure("Ô chứa giá trị không phải số.")
        case .text(let raw):
            let text = raw.filter { !$0.isWhitespace }
            if text.isEmpty { return .none }
            if text.wholeMatch(of: /-?\d{1,3}(\.\d{3})+(,\d+)?/) != nil,
               let value = Double(text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")) { return .success(value) }
            if text.wholeMatch(of: /-?\d+(,\d+)?/) != nil, let value = Double(text.replacingOccurrences(of: ",", with: ".")) { return .success(value) }
            if text.wholeMatch(of: /-?\d+(\.\d+)?/) != nil, let value = Double(text) { return .success(value) }
            return .failure("“\(raw)” không phải là số.")
        case .percent, .date, .bool:
            return .failure("Ô phải là một số (không phải ngày, phần trăm hay đúng/sai).")
        }
    }

    static func fault(_ row: Int, _ column: Int, _ unit: String?, _ message: String) -> AppError.RowError {
        AppError.RowError(row: row, field: nil, message: message, cell: cellName(row, column), unit: unit)
    }

    /// "A", …, "Z", "AA", …: the column as a spreadsheet names it.
    static func columnName(_ index: Int) -> String {
        var name = "", n = index + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// A cell's key as the file writes it: an indicator code (it starts with a digit) and maybe a breakdown.
    private static func cellKey(_ text: String) -> FigureKey? {
        guard text.first?.isNumber == true else { return nil }
        return FigureKey(parsing: text)
    }

    static func cellName(_ row: Int, _ column: Int) -> String { "\(columnName(column))\(row)" }

    private static func text(_ cell: CellValue) -> String { TableFile.string(cell) }
    private static func clean(_ text: String) -> String { VietnameseText.normalize(text).trimmingCharacters(in: .whitespacesAndNewlines) }
    private static func isHeader(_ text: String) -> Bool { [cellHeader[0], unitHeader[0]].contains(clean(text)) }
}
