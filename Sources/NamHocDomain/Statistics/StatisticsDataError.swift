import Foundation

/// A fault in a statistics data file (the indicator catalogue, the report forms, the validation rules),
/// located so an administrator can fix the file: "Dòng 12, cột 4 (kind): …".
///
/// `line` is the 1-based line of the file where the faulty record starts (the header is line 1);
/// `column` is the 1-based field number, nil when the fault concerns the whole record or file.
public struct StatisticsDataError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?
    public var columnName: String?
    /// What is wrong, in Vietnamese.
    public var message: String

    public init(file: String, line: Int, column: Int? = nil, columnName: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    /// "indicators.csv, dòng 12, cột 4 (kind): loại chỉ tiêu “tong” không hợp lệ …"
    public var messageVI: String {
        var place = "\(file), dòng \(line)"
        if let column {
            place += ", cột \(column)"
            if let columnName { place += " (\(columnName))" }
        }
        return "\(place): \(message)"
    }

    public var description: String { messageVI }
}
