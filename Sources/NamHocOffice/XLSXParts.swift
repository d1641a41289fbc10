import Foundation
import XMLCoder

/// The small parts of a workbook, decoded with XMLCoder. Namespace prefixes (`x:sheet`, `r:id`)
/// are stripped from every key so files from Excel, LibreOffice, Google Sheets and .NET tools
/// that prefix the main namespace decode the same.
enum XLSXParts {
    /// Small parts are trees in memory; past this size a "small" part is hostile.
    static let maxSmallPartBytes = 8 << 20

    struct Workbook: Decodable {
        struct Properties: Decodable { let date1904: String? }
        struct Sheets: Decodable { let sheet: [Sheet]? }
        struct Sheet: Decodable {
            let name: String
            let id: String?
        }
        let workbookPr: Properties?
        let sheets: Sheets?
    }

    struct Relationships: Decodable {
        struct Relationship: Decodable {
            let id: String
            let type: String?
            let target: String
            enum CodingKeys: String, CodingKey { case id = "Id", type = "Type", target = "Target" }
        }
        let relationship: [Relationship]?
        enum CodingKeys: String, CodingKey { case relationship = "Relationship" }
    }

    struct Styles: Decodable {
        struct NumFmts: Decodable { let numFmt: [NumFmt]? }
        struct NumFmt: Decodable {
            let numFmtId: String
            let formatCode: String
        }
        struct CellXfs: Decodable { let xf: [Xf]? }
        struct Xf: Decodable { let numFmtId: String? }
        let numFmts: NumFmts?
        let cellXfs: CellXfs?
    }

    private struct PlainKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, part: String) throws -> T {
        try precheck(data, part: part)
        let decoder = XMLDecoder(trimValueWhitespaces: false)
        decoder.keyDecodingStrategy = .custom { path in
            let key = path.last!.stringValue
            guard let colon = key.lastIndex(of: ":") else { return PlainKey(stringValue: key) }
            return PlainKey(stringValue: String(key[key.index(after: colon)...]))
        }
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw OfficeError.malformedXML(part: part, detail: Self.describe(error))
        }
    }

    /// XMLCoder sits on FoundationXML and libxml2, which must only see input we have vetted:
    /// a DOCTYPE could define entities (billion laughs) or fetch external ones, and
    /// FoundationXML traps (crashes the server) on invalid UTF-8 in names. So the part must be
    /// valid UTF-8 and pass our own scanner (well-formed, no DTD) before it is decoded.
    static func precheck(_ data: Data, part: String) throws {
        let valid = data.withUnsafeBytes { raw in
            String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) != nil
        }
        guard valid else { throw OfficeError.invalidText("\(part): dữ liệu không phải UTF-8") }
        var sink = NullHandler()
        try XMLScanner.scan(data, part: part, into: &sink)
    }

    private struct NullHandler: XMLScanHandler {
        mutating func startElement(_ tag: XMLTag) throws {}
        mutating func endElement(_ tag: XMLTag) throws {}
        mutating func text(_ raw: UnsafeBufferPointer<UInt8>) throws {
            // Check entities the same way the byte scanner does (unknown ones are refused).
            var t = XMLText()
            try t.appendRaw(raw)
        }
        mutating func cdata(_ literal: UnsafeBufferPointer<UInt8>) throws {}
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing \(key.stringValue)"
        case DecodingError.dataCorrupted(let context): return String(context.debugDescription.prefix(120))
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected content at \(context.codingPath.map(\.stringValue).joined(separator: "/"))"
        default: return "XML"
        }
    }

    /// Resolves a relationship target against the folder of the part that owns the rels.
    static func resolve(_ target: String, relativeTo folder: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }
}
