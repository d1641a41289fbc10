import Foundation
import ZIPFoundation

/// Writes .xlsx workbooks that open cleanly in Excel, LibreOffice and Google Sheets.
public enum XLSXWriter {
    public static func write(_ sheets: [SheetSpec]) throws -> Data {
        let specs = sheets.isEmpty ? [SheetSpec(name: "Trang 1", header: [], rows: [])] : sheets
        let names = uniqueSheetNames(specs.map(\.name))
        var strings = SharedStringTable()
        var parts: [(String, [UInt8])] = []
        for (index, spec) in specs.enumerated() {
            let xml = SheetXML.build(spec, selected: index == 0, strings: &strings)
            parts.append(("xl/worksheets/sheet\(index + 1).xml", xml))
        }
        parts.append(("xl/sharedStrings.xml", strings.xml()))
        parts.append(("xl/workbook.xml", workbookXML(names, printTitleRows: specs.map(SheetXML.printTitleRows))))
        parts.append(("xl/_rels/workbook.xml.rels", workbookRels(count: specs.count)))
        parts.append(("xl/styles.xml", Array(XLSXStyles.xml.utf8)))
        parts.append(("[Content_Types].xml", contentTypes(count: specs.count)))
        parts.append(("_rels/.rels", Array(rootRels.utf8)))
        return try OfficeZip.archive(parts)
    }

    /// Excel's rules: 1–31 characters, none of []:*?/\, unique ignoring case.
    static func uniqueSheetNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.enumerated().map { index, raw in
            var name = String(OfficeText.normalize(raw).map { "[]:*?/\\".contains($0) ? "-" : $0 })
                .trimmingCharacters(in: CharacterSet(charactersIn: "' ").union(.whitespacesAndNewlines))
            if name.isEmpty { name = "Trang \(index + 1)" }
            name = String(name.prefix(31))
            var candidate = name
            var n = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(n))"
                candidate = String(name.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    /// The workbook part: its sheets, then (CT_Workbook's order: sheets before definedNames) each
    /// sheet's print titles, the rows Excel and LibreOffice repeat at the top of every printed page.
    private static func workbookXML(_ names: [String], printTitleRows: [Int]) -> [UInt8] {
        var x = XMLBuffer()
        x.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        x.raw(#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#)
        x.raw(#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        x.raw(#"<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>"#)
        for (i, name) in names.enumerated() {
            x.raw(#"<sheet name=""#)
            x.text(name)
            x.raw(#"" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#)
        }
        x.raw("</sheets>")
        if printTitleRows.contains(where: { $0 > 0 }) {
            x.raw("<definedNames>")
            for (i, rows) in printTitleRows.enumerated() where rows > 0 {
                x.raw(#"<definedName name="_xlnm.Print_Titles" localSheetId="\#(i)">"#)
                x.text(printTitlesReference(sheet: names[i], rows: rows))
                x.raw("</definedName>")
            }
            x.raw("</definedNames>")
        }
        x.raw("</workbook>")
        return x.bytes
    }

    /// `'Sheet name'!$1:$3`: rows 1 to `rows` of the sheet, its name quoted with `'` doubled.
    static func printTitlesReference(sheet: String, rows: Int) -> String {
        "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'!$1:$\(rows)"
    }

    private static func workbookRels(count: Int) -> [UInt8] {
        let ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in 1...count {
            s += #"<Relationship Id="rId\#(i)" Type="\#(ns)/worksheet" Target="worksheets/sheet\#(i).xml"/>"#
        }
        s += #"<Relationship Id="rId\#(count + 1)" Type="\#(ns)/styles" Target="styles.xml"/>"#
        s += #"<Relationship Id="rId\#(count + 2)" Type="\#(ns)/sharedStrings" Target="sharedStrings.xml"/>"#
        return Array((s + "</Relationships>").utf8)
    }

    private static func contentTypes(count: Int) -> [UInt8] {
        let main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s += #"<Override PartName="/xl/workbook.xml" ContentType="\#(main).sheet.main+xml"/>"#
        for i in 1...count {
            s += #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="\#(main).worksheet+xml"/>"#
        }
        s += #"<Override PartName="/xl/styles.xml" ContentType="\#(main).styles+xml"/>"#
        s += #"<Override PartName="/xl/sharedStrings.xml" ContentType="\#(main).sharedStrings+xml"/>"#
        return Array((s + "</Types>").utf8)
    }

    private static let rootRels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
}

/// Text cells go to one shared table, as Excel and XlsxWriter do: repeated values (unit names,
/// ratings) are stored once, and no text can ever become a formula.
struct SharedStringTable {
    private var index: [String: Int] = [:]
    private var ordered: [String] = []
    private var references = 0

    mutating func id(for s: String) -> Int {
        references += 1
        if let i = index[s] { return i }
        index[s] = ordered.count
        ordered.append(s)
        return ordered.count - 1
    }

    func xml() -> [UInt8] {
        var x = XMLBuffer()
        x.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        x.raw(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(references)" uniqueCount="\#(ordered.count)">"#)
        for s in ordered {
            x.raw(XMLBuffer.needsPreserve(s) ? #"<si><t xml:space="preserve">"# : "<si><t>")
            x.text(s)
            x.raw("</t></si>")
        }
        x.raw("</sst>")
        return x.bytes
    }
}

/// Zips parts with deflate and a fixed timestamp, so the same content gives the same bytes.
enum OfficeZip {
    static let timestamp = Date(timeIntervalSince1970: 1_704_067_200)

    static func archive(_ parts: [(String, [UInt8])]) throws -> Data {
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
            for (path, bytes) in parts {
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: timestamp,
                    compressionMethod: .deflate
                ) { position, size in
                    Data(bytes[Int(position) ..< Int(position) + size])
                }
            }
        } catch {
            throw OfficeError.unsupportedFormat("zip: \(error)")
        }
        guard let data = archive.data else { throw OfficeError.unsupportedFormat("zip") }
        return data
    }
}
