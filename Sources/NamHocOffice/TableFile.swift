import Foundation

/// Imports that only need strings: the first sheet of an .xlsx, or a .csv.
public enum TableFile {
    /// Rows as strings: numbers plainly (12, not 12.0; 0.3, not 0.30000000000000004),
    /// percentages in percent units (72.6), dates yyyy-MM-dd, booleans TRUE/FALSE.
    /// Rows missing from a sheet come back empty so indexes match Excel's row numbers.
    public static func readRows(_ data: Data, filename: String?) throws -> [[String]] {
        let ext = filename.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
        let isZip = data.starts(with: [0x50, 0x4B, 0x03, 0x04])
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw OfficeError.unsupportedFormat(".xls (Excel 97-2003)") }
        if isZip || ext == "xlsx" || ext == "xlsm" {
            if ext == "ods" { throw OfficeError.unsupportedFormat(".ods") }
            return try readXLSX(data)
        }
        if ["xls", "ods", "docx", "doc", "pdf"].contains(ext) { throw OfficeError.unsupportedFormat(".\(ext)") }
        return try CSVFile.read(data)
    }

    private static func readXLSX(_ data: Data) throws -> [[String]] {
        let reader = try XLSXReader(data: data)
        var rows: [[String]] = []
        try reader.forEachRow { number, cells in
            while rows.count < number - 1 { rows.append([]) }
            rows.append(cells.map(string))
        }
        return rows
    }

    /// One cell as `readRows` writes it.
    public static func string(_ value: CellValue) -> String {
        switch value {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .number(let d), .percent(let d): return plain(d)
        case .date(let date): return ExcelDate.isoDay(date)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .empty: return ""
        }
    }

    /// 15 significant digits, as Excel shows them, without a trailing ".0".
    static func plain(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        var s = String(format: "%.15g", d)
        if s.contains("e") { return s }
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}
