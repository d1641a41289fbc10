import Foundation

/// One spreadsheet cell as the application sees it.
public enum CellValue: Equatable, Sendable {
    case text(String)
    case integer(Int)
    case number(Double)
    /// A percentage in percent units: `.percent(72.6)` is shown as 72,6% and stored as 0.726.
    case percent(Double)
    /// A civil date (and time) in Vietnam time, UTC+7: the day shown is the day in Hà Nội.
    case date(Date)
    case bool(Bool)
    case empty
}

extension CellValue {
    /// A calendar day as a real Excel date (shown `dd/mm/yyyy`): midnight of that day in Vietnam time,
    /// so the cell holds a whole serial number and no time zone can move it to the day before.
    /// nil when the day does not exist (2025-02-30) or lies before 1900-03-01, which Excel's
    /// 1900 date system cannot show right.
    public static func day(year: Int, month: Int, day: Int) -> CellValue? {
        ExcelDate.day(year: year, month: month, day: day).map(CellValue.date)
    }

    /// A day written "yyyy-MM-dd" (as CSV files, the API and `TableFile.readRows` carry days) as a
    /// real date cell; nil when the text is not such a day.
    public static func isoDay(_ text: String) -> CellValue? {
        ExcelDate.parseISODay(text).flatMap { day(year: $0.year, month: $0.month, day: $0.day) }
    }

    /// `isoDay`, or what the text is when it is not a day: `.empty` for blank, `.text` otherwise
    /// (a value a user typed is never lost).
    public static func isoDayOrText(_ text: String) -> CellValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .empty }
        return isoDay(trimmed) ?? .text(text)
    }

    /// For a `.date`, its day in Vietnam time as "yyyy-MM-dd" (what `isoDay` reads); nil otherwise.
    public var isoDayString: String? {
        guard case .date(let date) = self else { return nil }
        return ExcelDate.isoDay(date)
    }
}

/// How a sheet is printed across the paper.
public enum PageOrientation: String, Sendable {
    case portrait, landscape
}

/// One sheet to write: optional merged title rows, a bold frozen header, then data rows.
public struct SheetSpec: Sendable {
    public var name: String
    /// Lines merged across all columns, bold, above the header (e.g. the form's title).
    public var titleRows: [String]
    public var header: [String]
    public var rows: [[CellValue]]
    /// Widths in Excel character units, by column; nil estimates them from the content.
    public var columnWidths: [Double]?
    public var freezeHeader: Bool
    /// Paper orientation when printed; nil chooses landscape when the columns are wider than a
    /// portrait A4 page holds (`SheetXML.landscapeWidth` characters), portrait otherwise.
    /// Either way the sheet is scaled to the page's width, on A4, with the title and header rows
    /// repeated on every page and "Trang n / N" in the footer.
    public var orientation: PageOrientation?

    public init(
        name: String,
        titleRows: [String] = [],
        header: [String],
        rows: [[CellValue]],
        columnWidths: [Double]? = nil,
        freezeHeader: Bool = true,
        orientation: PageOrientation? = nil
    ) {
        self.name = name
        self.titleRows = titleRows
        self.header = header
        self.rows = rows
        self.columnWidths = columnWidths
        self.freezeHeader = freezeHeader
        self.orientation = orientation
    }
}

/// Bounds that keep a hostile or accidental huge file from exhausting the server.
public struct XLSXReadLimits: Sendable {
    public var maxRows = 1_000_000
    public var maxColumns = 16_384
    /// Total bytes we agree to inflate from one file (all parts read together).
    public var maxUncompressedBytes = 1 << 30
    /// Largest uncompressed/compressed ratio accepted for big parts (zip-bomb guard).
    public var maxCompressionRatio = 200

    public init(
        maxRows: Int = 1_000_000,
        maxColumns: Int = 16_384,
        maxUncompressedBytes: Int = 1 << 30,
        maxCompressionRatio: Int = 200
    ) {
        self.maxRows = maxRows
        self.maxColumns = maxColumns
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
    }

    public static let `default` = XLSXReadLimits()
}

/// Serial day numbers as Excel stores dates, in Vietnam time (UTC+7, no daylight saving).
/// Using Vietnam time makes a date built at midnight in Hà Nội and one built at midnight UTC
/// land on the same day in the cell, which is what the user means by "05/09/2024".
enum ExcelDate {
    static let vietnamOffset: TimeInterval = 7 * 3600
    /// 1899-12-30T00:00 in Vietnam time; serial 1 = 1900-01-01 (Excel's 1900 leap-year bug
    /// makes serials below 61 one day off, which no school record needs).
    static let epoch1900 = Date(timeIntervalSince1970: -2_209_161_600 - vietnamOffset)
    static let epoch1904 = Date(timeIntervalSince1970: -2_082_844_800 - vietnamOffset)

    static func serial(_ date: Date) -> Double {
        // Round to the millisecond so a round trip gives back the same Date.
        let days = date.timeIntervalSince(epoch1900) / 86_400
        return (days * 86_400_000).rounded() / 86_400_000
    }

    static func date(serial: Double, date1904: Bool) -> Date {
        let seconds = (serial * 86_400 * 1000).rounded() / 1000
        return (date1904 ? epoch1904 : epoch1900).addingTimeInterval(seconds)
    }

    /// Midnight of a day in Vietnam time; nil for a day that does not exist or lies before
    /// 1900-03-01 (serials below 61 are off by Excel's 1900 leap-year bug) or after 9999.
    static func day(year: Int, month: Int, day: Int) -> Date? {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
              year > 1900 || month > 2 else { return nil }
        let calendar = vietnamCalendar
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        // The calendar rolls 2025-02-30 over to March: refuse it instead.
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return date
    }

    /// "yyyy-MM-dd" exactly (four-digit year, two-digit month and day); the parts, unchecked.
    static func parseISODay(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for b in bytes[range] {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                n = n * 10 + Int(b - 0x30)
            }
            return n
        }
        guard let y = number(0 ..< 4), let m = number(5 ..< 7), let d = number(8 ..< 10) else { return nil }
        return (y, m, d)
    }

    /// The day of a date in Vietnam time, "yyyy-MM-dd".
    static func isoDay(_ date: Date) -> String {
        let c = vietnamCalendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    static var vietnamCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: Int(vietnamOffset))!
        return calendar
    }

    /// True when the date carries a time of day worth showing: not midnight in Vietnam, nor
    /// midnight UTC (a date-only value built with a UTC calendar, still the right day here).
    static func hasTime(_ date: Date) -> Bool {
        let s = serial(date)
        let utcMidnight = date.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0
        return s != s.rounded(.down) && !utcMidnight
    }
}
