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

    public init(
        name: String,
        titleRows: [String] = [],
        header: [String],
        rows: [[CellValue]],
        columnWidths: [Double]? = nil,
        freezeHeader: Bool = true
    ) {
        self.name = name
        self.titleRows = titleRows
        self.header = header
        self.rows = rows
        self.columnWidths = columnWidths
        self.freezeHeader = freezeHeader
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
