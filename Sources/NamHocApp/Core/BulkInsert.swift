import Fluent
import Foundation
import SQLKit

/// Many rows written with one bound parameter per statement: the rows travel as one JSON array of
/// arrays that the engine unpacks itself (`json_each` on SQLite, `json_array_elements` on PostgreSQL).
/// Binding every value one by one is what limited a bulk write: the national demo's 15,5 million values
/// took 137 s bound one by one (`SQLDatabase.insertRows`), ≈ 38 s this way on SQLite.
/// Rows are sent every `rowsPerStatement`, so the text held in memory stays a few megabytes. One writer
/// at a time on a connection: a statement may still be running until `finish()` returns.
struct BulkInsert {
    enum Kind { case uuid, text, double, integer, date }

    enum Cell {
        case uuid(UUID)
        case text(String?)
        case double(Double)
        case integer(Int)
        case date(Date?)
    }

    private let db: any Database
    private let statement: (String) -> SQLQueryString
    private let rowsPerStatement: Int
    /// The JSON text being gathered, as UTF-8 bytes (a `String` appended to 50.000 times a statement
    /// spent more time than SQLite's parsing of it).
    private var json: [UInt8] = []
    private var pending = 0
    private var inFlight: Task<Void, any Error>?
    private(set) var written = 0

    init(into table: String, columns: [(String, Kind)], on db: any Database, rowsPerStatement: Int = 50_000) {
        self.db = db
        self.rowsPerStatement = rowsPerStatement
        let names = columns.map(\.0).joined(separator: ", ")
        let postgres = db.isPostgres
        let extracted = columns.enumerated().map { index, column in
            postgres ? Self.postgresCell("e->>\(index)", column.1) : "json_extract(e.value, '$[\(index)]')"
        }.joined(separator: ", ")
        let (source, cast) = postgres ? ("json_array_elements", "::json") : ("json_each", "")
        statement = { text in
            "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) SELECT \(unsafeRaw: extracted) FROM \(unsafeRaw: source)(\(bind: text)\(unsafeRaw: cast)) AS e"
        }
    }

    private static func postgresCell(_ text: String, _ kind: Kind) -> String {
        switch kind {
        case .uuid: "(\(text))::uuid"
        case .text: text
        case .double: "(\(text))::double precision"
        case .integer: "(\(text))::bigint"
        case .date: "to_timestamp((\(text))::double precision)"
        }
    }

    /// Adds a row (its cells in the order of the columns); sends the rows gathered when there are enough.
    mutating func append(_ cells: Cell...) async throws {
        json.append(pending > 0 ? UInt8(ascii: ",") : UInt8(ascii: "["))
        json.append(UInt8(ascii: "["))
        for (index, cell) in cells.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            switch cell {
            case .uuid(let id): Self.append(id, to: &json)
            case .text(let text): if let text { Self.appendQuoted(text, to: &json) } else { json.append(contentsOf: "null".utf8) }
            case .double(let value): Self.append(value, to: &json)
            case .integer(let value): json.append(contentsOf: String(value).utf8)
            case .date(let date): if let date { Self.append(date.timeIntervalSince1970, to: &json) } else { json.append(contentsOf: "null".utf8) }
            }
        }
        json.append(UInt8(ascii: "]"))
        pending += 1
        if pending >= rowsPerStatement { try await flush() }
    }

    /// Sends what is left and waits for every statement. Call it once after the last row.
    mutating func finish() async throws {
        try await flush()
        try await inFlight?.value
        inFlight = nil
    }

    /// Starts the statement of the rows gathered, after the previous one has ended: the engine writes
    /// one batch while the caller gathers the next (two cores, both busy).
    private mutating func flush() async throws {
        guard pending > 0 else { return }
        json.append(UInt8(ascii: "]"))
        try await inFlight?.value
        let query = statement(String(decoding: json, as: UTF8.self)), db = self.db
        inFlight = Task {
            try await db.sql.raw(query).run()
        }
        written += pending
        json.removeAll(keepingCapacity: true)
        pending = 0
    }

    private static func appendQuoted(_ text: String, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): json.append(UInt8(ascii: "\\")); json.append(byte)
            case ..<0x20: json.append(contentsOf: "\\u00".utf8); json.append(hex[Int(byte >> 4)]); json.append(hex[Int(byte & 0xF)])
            default: json.append(byte)
            }
        }
        json.append(UInt8(ascii: "\""))
    }

    /// A whole number as digits ("12", not "12.0"); engines read both as the same double.
    private static func append(_ value: Double, to json: inout [UInt8]) {
        if !value.isFinite {
            json.append(contentsOf: "null".utf8)
        } else if value == value.rounded(), abs(value) < 1e15 {
            json.append(contentsOf: String(Int64(value)).utf8)
        } else {
            json.append(contentsOf: value.description.utf8)
        }
    }

    /// A UUID as Foundation spells it (upper-case hex, as SQLite stores bound UUIDs), without the
    /// formatted printing `uuidString` goes through on Linux.
    private static func append(_ id: UUID, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        withUnsafeBytes(of: id.uuid) { bytes in
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { json.append(UInt8(ascii: "-")) }
                json.append(hex[Int(byte >> 4)])
                json.append(hex[Int(byte & 0xF)])
            }
        }
        json.append(UInt8(ascii: "\""))
    }

    private static let hex = Array("0123456789ABCDEF".utf8)
}
