import Foundation

/// Reads the text of a .docx: what directive and plan imports need, not the layout.
public enum DOCXReader {
    /// Body paragraph text in document order (table cells give their paragraphs in reading
    /// order), NFC; empty paragraphs are skipped, tabs kept as "\t", line breaks as "\n".
    public static func paragraphs(_ data: Data) throws -> [String] {
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw OfficeError.unsupportedFormat(".doc (Word 97-2003)") }
        let zip = try ZipReader(source: DataByteSource(data: data), limits: .default)
        let path = try XLSXParts.officeDocumentPath(zip, fallback: "word/document.xml")
        var handler = ParagraphHandler()
        var scanner = XMLScanner(part: path)
        try zip.stream(path) { chunk in try scanner.feed(chunk, into: &handler) }
        try scanner.finish(into: &handler)
        return handler.paragraphs
    }
}

/// Collects `<w:t>` text per `<w:p>`. Paragraphs inside text boxes nest inside a paragraph, so
/// open paragraphs are a stack; `mc:Fallback` repeats text-box content and is skipped.
struct ParagraphHandler: XMLScanHandler {
    var paragraphs: [String] = []
    private var open: [XMLText] = []
    private var inText = false
    private var fallbackDepth = 0

    mutating func startElement(_ tag: XMLTag) throws {
        if fallbackDepth > 0 {
            if tag.isNamed("Fallback") { fallbackDepth += 1 }
            return
        }
        if tag.isNamed("p") {
            open.append(XMLText())
        } else if tag.isNamed("t") {
            inText = !open.isEmpty
        } else if tag.isNamed("tab"), !open.isEmpty {
            // <w:tab/> inside a run is a tab character; inside <w:tabs> it is a tab stop (has w:val).
            if tag.attribute("val") == nil { try append("\t") }
        } else if tag.isNamed("br") || tag.isNamed("cr") {
            if !open.isEmpty { try append("\n") }
        } else if tag.isNamed("Fallback") {
            fallbackDepth = 1
        }
    }

    mutating func endElement(_ tag: XMLTag) throws {
        if fallbackDepth > 0 {
            if tag.isNamed("Fallback") { fallbackDepth -= 1 }
            return
        }
        if tag.isNamed("t") {
            inText = false
        } else if tag.isNamed("p"), let text = open.popLast() {
            let s = try text.string().trimmingCharacters(in: .whitespacesAndNewlines)
            if !s.isEmpty { paragraphs.append(OfficeText.imported(s)) }
        }
    }

    mutating func text(_ raw: UnsafeBufferPointer<UInt8>) throws {
        if inText && fallbackDepth == 0 && !open.isEmpty { try open[open.count - 1].appendRaw(raw) }
    }

    mutating func cdata(_ literal: UnsafeBufferPointer<UInt8>) throws {
        if inText && fallbackDepth == 0 && !open.isEmpty { try open[open.count - 1].appendLiteral(literal) }
    }

    private mutating func append(_ s: String) throws {
        try Array(s.utf8).withUnsafeBufferPointer { try open[open.count - 1].appendLiteral($0) }
    }
}
