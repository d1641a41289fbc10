import Foundation

/// A pre-2025 province absorbed into (or hosting) a new one: "02 Hà Giang".
public struct FormerProvince: Sendable, Hashable, Codable {
    /// Its GSO code ("02").
    public var code: String
    /// Its name ("Hà Giang").
    public var name: String
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// One of the 34 provinces from 01/07/2025 (provinces-2025.csv).
public struct ProvinceRecord: Sendable, Hashable, Codable {
    /// GSO code, kept from the old province that hosts the capital ("08").
    public var code: String
    /// Short name, as the CSV writes it ("Tuyên Quang", "Hà Nội", "Hồ Chí Minh").
    public var name: String
    /// "tỉnh" or "thành phố".
    public var kind: String
    /// The old provinces merged into it, the host included ("08 Tuyên Quang; 02 Hà Giang").
    public var mergedFrom: [FormerProvince]

    public init(code: String, name: String, kind: String, mergedFrom: [FormerProvince]) {
        self.code = code
        self.name = name
        self.kind = kind
        self.mergedFrom = mergedFrom
    }

    /// The absorbed old provinces: `mergedFrom` without the host, whose code the new province keeps.
    public var absorbed: [FormerProvince] { mergedFrom.filter { $0.code != code } }

    /// True for a centrally-run city (thành phố trực thuộc trung ương).
    public var isCity: Bool { kind == "thành phố" }
}

/// One of the 3.321 communes, wards and special zones (communes-2025.csv).
public struct CommuneRecord: Sendable, Hashable, Codable {
    public var provinceCode: String
    /// GSO code, five digits ("00004").
    public var code: String
    /// Full name with its kind ("Phường Ba Đình", "Xã Sơn Kim 1", "Đặc khu Cô Tô").
    public var name: String

    public init(provinceCode: String, code: String, name: String) {
        self.provinceCode = provinceCode
        self.code = code
        self.name = name
    }

    /// Xã, phường or đặc khu, read from the name.
    public enum Kind: String, Sendable, CaseIterable {
        case ward = "Phường", rural = "Xã", specialZone = "Đặc khu"
    }

    public var kind: Kind {
        Kind.allCases.first { name.hasPrefix($0.rawValue + " ") } ?? .rural
    }

    /// The name without its kind: "Ba Đình" for "Phường Ba Đình".
    public var properName: String {
        let prefix = kind.rawValue + " "
        return name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
    }
}

public enum ReferenceDataError: Error, Equatable, CustomStringConvertible {
    case missingColumn(String)
    /// Line numbers are 1-based and count the header.
    case wrongFieldCount(line: Int, expected: Int, found: Int)
    case emptyField(line: Int, column: String)
    case badMergedFrom(line: Int, text: String)
    case duplicateCode(line: Int, code: String)
    case unterminatedQuote(line: Int)

    public var description: String {
        switch self {
        case .missingColumn(let c): "missing column \(c)"
        case .wrongFieldCount(let l, let e, let f): "line \(l): \(f) fields, expected \(e)"
        case .emptyField(let l, let c): "line \(l): empty \(c)"
        case .badMergedFrom(let l, let t): "line \(l): cannot read merged_from \"\(t)\""
        case .duplicateCode(let l, let c): "line \(l): duplicate code \(c)"
        case .unterminatedQuote(let l): "line \(l): unterminated quote"
        }
    }
}

/// Parsers for the reference files shipped in NamHocText/Resources. The module reads no files itself: the
/// caller passes the text (from `ReferenceFiles.text(_:)` or a test fixture).
public enum ReferenceData {
    /// provinces-2025.csv: `code,name,kind,merged_from`.
    public static func parseProvinces(_ csv: String) throws -> [ProvinceRecord] {
        let table = try CSVTable(csv, columns: ["code", "name", "kind", "merged_from"])
        var seen = Set<String>()
        return try table.rows.map { line, f in
            let code = try table.required(f, "code", line), name = try table.required(f, "name", line)
            let kind = try table.required(f, "kind", line)
            guard seen.insert(code).inserted else { throw ReferenceDataError.duplicateCode(line: line, code: code) }
            let mergedText = table.value(f, "merged_from")
            let merged = try mergedText.isEmpty ? [FormerProvince(code: code, name: name)]
                : mergedText.split(separator: ";").map { entry in
                    let item = entry.trimmingCharacters(in: .whitespaces)
                    guard let space = item.firstIndex(of: " "),
                          item[..<space].allSatisfy(\.isNumber), !item[..<space].isEmpty else {
                        throw ReferenceDataError.badMergedFrom(line: line, text: mergedText)
                    }
                    return FormerProvince(code: String(item[..<space]),
                                          name: item[space...].trimmingCharacters(in: .whitespaces))
                }
            return ProvinceRecord(code: code, name: name, kind: kind, mergedFrom: merged)
        }
    }

    /// communes-2025.csv: `province_code,province_name,commune_code,commune_name`.
    /// A lower-case kind ("xã Bắc Sơn", as one source row has it) is capitalised so every name reads alike.
    public static func parseCommunes(_ csv: String) throws -> [CommuneRecord] {
        let table = try CSVTable(csv, columns: ["province_code", "commune_code", "commune_name"])
        var seen = Set<String>()
        return try table.rows.map { line, f in
            let province = try table.required(f, "province_code", line)
            let code = try table.required(f, "commune_code", line)
            var name = try table.required(f, "commune_name", line)
            guard seen.insert(code).inserted else { throw ReferenceDataError.duplicateCode(line: line, code: code) }
            for kind in CommuneRecord.Kind.allCases {
                let lower = kind.rawValue.lowercased() + " "
                if name.hasPrefix(lower) { name = kind.rawValue + " " + name.dropFirst(lower.count) }
            }
            return CommuneRecord(provinceCode: province, code: code, name: name)
        }
    }
}

/// A minimal RFC 4180 reader: header row, commas, double-quoted fields with "" escapes, LF or CRLF,
/// optional BOM. Text is normalised to NFC, as everything NamHoc stores.
struct CSVTable {
    let header: [String: Int]
    /// (1-based line number, fields); blank lines skipped.
    let rows: [(Int, [String])]

    init(_ text: String, columns: [String]) throws {
        var records = try CSVTable.records(text.precomposedStringWithCanonicalMapping)
        guard !records.isEmpty else { throw ReferenceDataError.missingColumn(columns[0]) }
        let names = records.removeFirst().1.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var header: [String: Int] = [:]
        for (i, name) in names.enumerated() where header[name] == nil { header[name] = i }
        for column in columns where header[column] == nil { throw ReferenceDataError.missingColumn(column) }
        for (line, fields) in records where fields.count != names.count {
            throw ReferenceDataError.wrongFieldCount(line: line, expected: names.count, found: fields.count)
        }
        self.header = header
        self.rows = records
    }

    func value(_ fields: [String], _ column: String) -> String {
        fields[header[column]!].trimmingCharacters(in: .whitespaces)
    }

    func required(_ fields: [String], _ column: String, _ line: Int) throws -> String {
        let v = value(fields, column)
        guard !v.isEmpty else { throw ReferenceDataError.emptyField(line: line, column: column) }
        return v
    }

    private static func records(_ text: String) throws -> [(Int, [String])] {
        var result: [(Int, [String])] = []
        var fields: [String] = [], field = "", inQuotes = false, line = 1, recordLine = 1
        var chars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { result.append((recordLine, fields)) }
            fields = []
            field = ""
        }
        while let c = pending ?? chars.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let n = chars.next()
                    if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\u{FEFF}" where result.isEmpty && fields.isEmpty && field.isEmpty: break
            case "\"": inQuotes = true
            case ",": fields.append(field); field = ""
            case "\r": break
            case "\n": endRecord(); line += 1; recordLine = line
            default: field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw ReferenceDataError.unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return result
    }
}
