import Foundation

/// A CSV file read into records that remember where they came from. RFC 4180: comma-separated, fields
/// optionally in double quotes, `""` for a quote inside quotes, line breaks allowed inside quotes, LF or
/// CRLF line ends, an optional UTF-8 byte-order mark. Empty lines are skipped.
struct CSVTable {
    struct Record {
        /// 1-based line where the record starts.
        var line: Int
        var fields: [String]
    }

    var file: String
    var header: [String]
    var records: [Record]

    init(file: String, text: String) throws(StatisticsDataError) {
        self.file = file
        var rows: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                rows.append(Record(line: recordLine, fields: fields.map { $0.precomposedStringWithCanonicalMapping }))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty else {
                    throw StatisticsDataError(file: file, line: line, column: fields.count + 1,
                                              message: "dấu ngoặc kép đứng giữa ô; hãy đặt cả ô trong ngoặc kép")
                }
                inQuotes = true
                fieldWasQuoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            } else if c == "\n" || c == "\r" {
                if c == "\r", i + 1 < chars.count, chars[i + 1] == "\n" { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        if inQuotes {
            throw StatisticsDataError(file: file, line: recordLine, column: fields.count + 1,
                                      message: "thiếu dấu ngoặc kép đóng ô")
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        guard let first = rows.first else {
            throw StatisticsDataError(file: file, line: 1, message: "tệp trống, thiếu dòng tiêu đề")
        }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        records = Array(rows.dropFirst())
        for record in records where record.fields.count != header.count {
            throw StatisticsDataError(file: file, line: record.line,
                                      message: "dòng có \(record.fields.count) cột, tiêu đề có \(header.count) cột")
        }
    }

    /// The 0-based indices of the named columns; a missing required column is an error on line 1.
    func columns(required: [String], optional: [String] = []) throws(StatisticsDataError) -> [String: Int] {
        var index: [String: Int] = [:]
        for name in required + optional {
            if let i = header.firstIndex(of: name) {
                index[name] = i
            } else if required.contains(name) {
                throw StatisticsDataError(file: file, line: 1, message: "thiếu cột “\(name)” trong dòng tiêu đề")
            }
        }
        return index
    }
}

/// One record with its column index, for reading fields by name and reporting faults by place.
struct CSVRow {
    var file: String
    var record: CSVTable.Record
    var columns: [String: Int]

    /// The trimmed field, "" when the column is absent (optional columns).
    subscript(_ name: String) -> String {
        guard let i = columns[name] else { return "" }
        return record.fields[i].trimmingCharacters(in: .whitespaces)
    }

    func error(_ name: String?, _ message: String) -> StatisticsDataError {
        let column = name.flatMap { columns[$0] }.map { $0 + 1 }
        return StatisticsDataError(file: file, line: record.line, column: column, columnName: column == nil ? nil : name,
                                   message: message)
    }

}

extension CSVTable {
    func rows(_ columns: [String: Int]) -> [CSVRow] {
        records.map { CSVRow(file: file, record: $0, columns: columns) }
    }
}
