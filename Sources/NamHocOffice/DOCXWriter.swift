import Foundation

/// Writes an `OfficialDocument` as .docx with the layout of Nghị định 30/2020/NĐ-CP:
/// A4, margins 20/20/30/15 mm, Times New Roman 14 (13 in tables), two-column header,
/// dateline in italics, justified numbered body, signature block and "Nơi nhận".
public enum DOCXWriter {
    /// Page geometry in twips (1/1440 inch): A4 and the decree's margins.
    enum Page {
        static let width = 11906, height = 16838
        static let top = 1134, bottom = 1134, left = 1701, right = 850  // 20, 20, 30, 15 mm
        static var textWidth: Int { width - left - right }  // 9355
    }

    public static func write(_ doc: OfficialDocument) throws -> Data {
        var w = WordML()
        w.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        w.raw(#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#)
        w.raw(#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#)
        header(&w, doc)
        w.paragraph([.init(OfficialDocument.upper(doc.type), bold: true)], align: "center", before: 360)
        w.paragraph([.init(doc.title, bold: true)], align: "center")
        w.rule(width: 2000, within: Page.textWidth)
        for text in doc.preamble { w.body(text) }
        for (i, section) in doc.sections.enumerated() { body(&w, section, level: 1, index: i + 1) }
        signature(&w, doc)
        w.raw(#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>"#)
        w.raw(#"<w:pgSz w:w="\#(Page.width)" w:h="\#(Page.height)"/>"#)
        w.raw(#"<w:pgMar w:top="\#(Page.top)" w:right="\#(Page.right)" w:bottom="\#(Page.bottom)" w:left="\#(Page.left)" w:header="567" w:footer="567" w:gutter="0"/>"#)
        // titlePg: the first page shows no number (Phụ lục I, mục II.2.c).
        w.raw("<w:titlePg/></w:sectPr></w:body></w:document>")
        return try OfficeZip.archive(DOCXParts.parts(document: w.bytes))
    }

    /// Two borderless columns: issuing body | national title and motto; then "Số" | dateline.
    private static func header(_ w: inout WordML, _ doc: OfficialDocument) {
        // Wider than the text block, reaching 1 cm into the left margin as the usual templates
        // do, so "SỞ GIÁO DỤC VÀ ĐÀO TẠO" (bold 13) and the national title fit on one line each.
        let left = 4250, right = 5655
        w.tableStart(widths: [left, right], borders: false, indent: -550)
        w.rowStart()
        w.cellStart(width: left)
        if let parent = doc.issuingBodyParent, !parent.isEmpty {
            w.paragraph([.init(OfficialDocument.upper(parent), size: 26)], align: "center", after: 0)
        }
        w.paragraph([.init(OfficialDocument.upper(doc.issuingBody), bold: true, size: 26)], align: "center", after: 0)
        w.rule(width: 1300, within: left)
        w.cellEnd()
        w.cellStart(width: right)
        w.paragraph([.init("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 26)], align: "center", after: 0)
        w.paragraph([.init("Độc lập - Tự do - Hạnh phúc", bold: true, size: 28)], align: "center", after: 0)
        w.rule(width: 3350, within: right)
        w.cellEnd()
        w.rowEnd()
        w.rowStart()
        w.cellStart(width: left)
        w.paragraph([.init("Số: " + doc.number, size: 26)], align: "center", before: 60, after: 0)
        w.cellEnd()
        w.cellStart(width: right)
        w.paragraph([.init(doc.dateline, italic: true)], align: "center", before: 60, after: 0)
        w.cellEnd()
        w.rowEnd()
        w.tableEnd()
    }

    private static func body(_ w: inout WordML, _ section: OfficialDocument.Section, level: Int, index: Int) {
        let heading: [WordML.Run]
        switch level {
        case 1: heading = [.init("\(OfficialDocument.roman(index)). \(section.heading)", bold: true)]
        case 2: heading = [.init("\(index). \(section.heading)", bold: true)]
        case 3: heading = [.init("\(OfficialDocument.letter(index))) \(section.heading)", italic: true)]
        default: heading = [.init("- \(section.heading)")]
        }
        if !section.heading.isEmpty {
            w.paragraph(heading, align: "both", before: 120, after: 0, firstLine: 567, keepNext: true)
        }
        for text in section.paragraphs { w.body(text) }
        if let table = section.table { self.table(&w, table) }
        for (i, sub) in section.subsections.enumerated() { body(&w, sub, level: level + 1, index: i + 1) }
    }

    /// A bordered table at 13 pt whose header row repeats on every page.
    private static func table(_ w: inout WordML, _ table: OfficialDocument.Table) {
        let columns = max(1, table.header.count, table.rows.map(\.count).max() ?? 0)
        let widths = columnWidths(table, columns: columns)
        w.paragraph([], before: 60, after: 0, size: 8)
        w.tableStart(widths: widths, borders: true, indent: 0)
        if !table.header.isEmpty {
            w.rowStart(header: true)
            for c in 0..<columns {
                w.cellStart(width: widths[c])
                let text = c < table.header.count ? table.header[c] : ""
                w.paragraph([.init(text, bold: true, size: 26)], align: "center", before: 40, after: 40)
                w.cellEnd()
            }
            w.rowEnd()
        }
        // Serial numbers ("STT", "TT") are centred, as in hand-made tables; other figures right-aligned.
        let serial = table.header.map { ["STT", "TT"].contains($0.uppercased()) }
        for row in table.rows {
            w.rowStart()
            for c in 0..<columns {
                w.cellStart(width: widths[c])
                let text = c < row.count ? row[c] : ""
                let numeric = !text.isEmpty && text.allSatisfy { "0123456789.,%-+ ".contains($0) }
                let align = c < serial.count && serial[c] ? "center" : numeric ? "right" : "left"
                w.paragraph([.init(text, size: 26)], align: align, before: 40, after: 40)
                w.cellEnd()
            }
            w.rowEnd()
        }
        w.tableEnd()
        w.paragraph([], before: 0, after: 0, size: 8)
    }

    /// Widths in proportion to each column's longest cell (a header may wrap at its words), within
    /// bounds, so "STT" stays narrow and names get room, as people lay out such tables by hand.
    static func columnWidths(_ table: OfficialDocument.Table, columns: Int) -> [Int] {
        let weights = (0..<columns).map { c -> Int in
            let header = c < table.header.count ? table.header[c].split(separator: " ").map(\.count).max() ?? 0 : 0
            let cells = table.rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0
            return min(40, max(4, header + 2, cells + 2))
        }
        let total = weights.reduce(0, +)
        return weights.map { Page.textWidth * $0 / total }
    }

    /// "Nơi nhận" on the left (bold italic 12, entries 11), signature on the right.
    private static func signature(_ w: inout WordML, _ doc: OfficialDocument) {
        let left = 4300, right = Page.textWidth - 4300
        w.paragraph([], before: 0, after: 0)
        w.tableStart(widths: [left, right], borders: false, indent: -100)
        w.rowStart(cantSplit: true)
        w.cellStart(width: left)
        w.paragraph([.init("Nơi nhận:", bold: true, italic: true, size: 24)], before: 0, after: 0)
        for entry in doc.recipients {
            let text = entry.hasPrefix("-") ? entry : "- " + entry
            w.paragraph([.init(text, size: 22)], before: 0, after: 0)
        }
        w.cellEnd()
        w.cellStart(width: right)
        if let authority = doc.signer.authority, !authority.isEmpty {
            w.paragraph([.init(OfficialDocument.upper(authority), bold: true)], align: "center", after: 0)
        }
        w.paragraph([.init(OfficialDocument.upper(doc.signer.title), bold: true)], align: "center", after: 0)
        // Room for the signature and the seal.
        for _ in 0..<4 { w.paragraph([], after: 0) }
        w.paragraph([.init(doc.signer.name, bold: true)], align: "center", after: 0)
        w.cellEnd()
        w.rowEnd()
        w.tableEnd()
    }
}

extension OfficialDocument {
    /// Vietnamese upper case that does not depend on the server locale.
    static func upper(_ s: String) -> String {
        s.uppercased(with: Locale(identifier: "vi_VN")).precomposedStringWithCanonicalMapping
    }
}
