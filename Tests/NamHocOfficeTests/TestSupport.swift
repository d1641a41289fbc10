import Foundation
@testable import NamHocOffice

/// Builds .xlsx files by hand from XML parts, the way other producers lay them out.
enum Fixture {
    static let contentTypes = #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#
    static let rootRels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    static func zip(_ parts: [(String, String)]) throws -> Data {
        try OfficeZip.archive(parts.map { ($0.0, Array($0.1.utf8)) })
    }

    /// A workbook with one sheet per entry of `sheets` (name, sheetData XML), optional styles and sst.
    static func workbook(
        sheets: [(String, String)], sharedStrings: String? = nil, styles: String? = nil,
        prefix: String = "", extraSheetXML: String = ""
    ) throws -> Data {
        let p = prefix.isEmpty ? "" : prefix + ":"
        let ns = prefix.isEmpty ? "xmlns" : "xmlns:\(prefix)"
        var workbook = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><\#(p)workbook \#(ns)="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><\#(p)sheets>"#
        var rels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        var parts: [(String, String)] = [("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRels)]
        for (i, (name, data)) in sheets.enumerated() {
            workbook += #"<\#(p)sheet name="\#(name)" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
            rels += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
            parts.append(("xl/worksheets/sheet\(i + 1).xml", #"<?xml version="1.0" encoding="UTF-8"?><\#(p)worksheet \#(ns)="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><\#(p)sheetData>\#(data)</\#(p)sheetData>\#(extraSheetXML)</\#(p)worksheet>"#))
        }
        workbook += "</\(p)sheets></\(p)workbook>"
        if let sharedStrings {
            rels += #"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
            parts.append(("xl/sharedStrings.xml", sharedStrings))
        }
        if let styles {
            rels += #"<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            parts.append(("xl/styles.xml", styles))
        }
        rels += "</Relationships>"
        parts.append(("xl/workbook.xml", workbook))
        parts.append(("xl/_rels/workbook.xml.rels", rels))
        return try zip(parts)
    }

    static func rows(_ data: Data, sheet: String? = nil, limits: XLSXReadLimits = .default) throws -> [(Int, [CellValue])] {
        let reader = try XLSXReader(data: data, limits: limits)
        var out: [(Int, [CellValue])] = []
        try reader.forEachRow(sheet: sheet) { out.append(($0, $1)) }
        return out
    }

    /// Bytes as the Latin-1 characters a legacy-font document shows them as.
    static func latin1(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    static func date(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> Date {
        ExcelDate.vietnamCalendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min))!
    }

    /// Unzips one part of an archive we wrote (for checking the XML itself).
    static func part(_ data: Data, _ path: String) throws -> String {
        let zip = try ZipReader(source: DataByteSource(data: data), limits: .default)
        return String(decoding: try zip.readAll(path, maxBytes: 1 << 26), as: UTF8.self)
    }
}

extension Data {
    mutating func putLE32(_ value: UInt32, at offset: Int) {
        for k in 0 ..< 4 { self[startIndex + offset + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
    }
}
