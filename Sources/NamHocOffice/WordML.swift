import Foundation

/// A small WordprocessingML builder: paragraphs, runs, tables, short centred rules.
struct WordML {
    struct Run {
        var text: String
        var bold = false
        var italic = false
        var underline = false
        /// Half-points: 28 = 14 pt (the document default).
        var size = 28
        init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false, size: Int = 28) {
            self.text = text
            self.bold = bold
            self.italic = italic
            self.underline = underline
            self.size = size
        }
    }

    private var x = XMLBuffer()
    var bytes: [UInt8] { x.bytes }

    mutating func raw(_ s: String) { x.raw(s) }

    /// A body paragraph: justified, first line indented 1 cm, 6 pt before (Phụ lục I, mục II.1.đ).
    mutating func body(_ text: String) {
        paragraph([Run(text)], align: "both", before: 120, after: 0, firstLine: 567)
    }

    mutating func paragraph(
        _ runs: [Run], align: String? = nil, before: Int = 0, after: Int = 0, firstLine: Int = 0,
        keepNext: Bool = false, size: Int? = nil
    ) {
        x.raw("<w:p><w:pPr>")
        if keepNext { x.raw("<w:keepNext/>") }
        x.raw(#"<w:spacing w:before="\#(before)" w:after="\#(after)" w:line="288" w:lineRule="auto"/>"#)
        if firstLine > 0 { x.raw(#"<w:ind w:firstLine="\#(firstLine)"/>"#) }
        if let align { x.raw(#"<w:jc w:val="\#(align)"/>"#) }
        if let size { x.raw(#"<w:rPr><w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/></w:rPr>"#) }
        x.raw("</w:pPr>")
        for run in runs { self.run(run) }
        x.raw("</w:p>")
    }

    private mutating func run(_ r: Run) {
        x.raw("<w:r><w:rPr>")
        if r.bold { x.raw("<w:b/><w:bCs/>") }
        if r.italic { x.raw("<w:i/><w:iCs/>") }
        // Schema order matters to Word: sz, szCs, then u.
        x.raw(#"<w:sz w:val="\#(r.size)"/><w:szCs w:val="\#(r.size)"/>"#)
        if r.underline { x.raw(#"<w:u w:val="single"/>"#) }
        x.raw("</w:rPr>")
        let text = OfficeText.normalize(r.text)
        x.raw(XMLBuffer.needsPreserve(text) ? #"<w:t xml:space="preserve">"# : "<w:t>")
        x.text(text)
        x.raw("</w:t></w:r>")
    }

    /// The short solid line the decree draws under the issuing body, the motto and the title:
    /// an empty, 1 pt high paragraph whose top border the indents shorten to `width`, centred.
    mutating func rule(width: Int, within available: Int) {
        let side = max(0, (available - width) / 2)
        x.raw(#"<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>"#)
        x.raw(#"<w:spacing w:before="60" w:after="0" w:line="20" w:lineRule="exact"/>"#)
        x.raw(#"<w:ind w:left="\#(side)" w:right="\#(side)"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>"#)
    }

    mutating func tableStart(widths: [Int], borders: Bool, indent: Int) {
        let total = widths.reduce(0, +)
        x.raw(#"<w:tbl><w:tblPr><w:tblW w:w="\#(total)" w:type="dxa"/><w:tblInd w:w="\#(indent)" w:type="dxa"/>"#)
        let style = borders ? #"w:val="single" w:sz="4" w:space="0" w:color="000000""# : #"w:val="nil""#
        x.raw("<w:tblBorders>")
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] { x.raw("<w:\(side) \(style)/>") }
        x.raw(#"</w:tblBorders><w:tblLayout w:type="fixed"/>"#)
        x.raw(#"<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>"#)
        x.raw("</w:tblPr><w:tblGrid>")
        for width in widths { x.raw(#"<w:gridCol w:w="\#(width)"/>"#) }
        x.raw("</w:tblGrid>")
    }

    mutating func tableEnd() { x.raw("</w:tbl>") }

    mutating func rowStart(header: Bool = false, cantSplit: Bool = false) {
        x.raw("<w:tr>")
        if header || cantSplit {
            x.raw("<w:trPr>" + (cantSplit ? "<w:cantSplit/>" : "") + (header ? "<w:tblHeader/>" : "") + "</w:trPr>")
        }
    }

    mutating func rowEnd() { x.raw("</w:tr>") }

    mutating func cellStart(width: Int) {
        x.raw(#"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/></w:tcPr>"#)
    }

    mutating func cellEnd() { x.raw("</w:tc>") }
}
