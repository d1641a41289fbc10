import Foundation

/// What every sheet of a workbook shares: the string table, number formats, date system.
struct WorkbookContext {
    var sharedStrings: [String] = []
    var styles: [NumberFormatKind] = []
    var date1904 = false
}

/// Streaming .xlsx reader. Opening reads the small parts (workbook, relationships, styles,
/// shared strings); rows are then scanned straight from the inflating sheet part, so memory
/// stays flat whatever the number of rows.
public struct XLSXReader {
    private let zip: ZipReader
    private let limits: XLSXReadLimits
    private let sheets: [(name: String, path: String)]
    private let context: WorkbookContext

    public var sheetNames: [String] { sheets.map(\.name) }

    public init(data: Data, limits: XLSXReadLimits = .default) throws {
        try self.init(source: DataByteSource(data: data), limits: limits)
    }

    public init(url: URL, limits: XLSXReadLimits = .default) throws {
        try self.init(source: FileByteSource(url: url), limits: limits)
    }

    init(source: ByteSource, limits: XLSXReadLimits) throws {
        if source.size >= 8, try source.read(at: 0, count: 8) == Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw OfficeError.unsupportedFormat(".xls (Excel 97-2003)")
        }
        let zip = try ZipReader(source: source, limits: limits)
        self.zip = zip
        self.limits = limits
        let small = XLSXParts.maxSmallPartBytes

        let workbookPath = try XLSXParts.officeDocumentPath(zip, fallback: "xl/workbook.xml")
        let workbook = try XLSXParts.decode(
            XLSXParts.Workbook.self, from: zip.readAll(workbookPath, maxBytes: small), part: workbookPath)
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        var targets: [String: String] = [:]
        var sharedStringsPath: String?
        var stylesPath: String?
        if zip.entry(relsPath) != nil {
            let rels = try XLSXParts.decode(
                XLSXParts.Relationships.self, from: zip.readAll(relsPath, maxBytes: small), part: relsPath)
            for rel in rels.relationship ?? [] {
                let target = XLSXParts.resolve(rel.target, relativeTo: folder)
                targets[rel.id] = target
                if rel.type?.hasSuffix("/sharedStrings") == true { sharedStringsPath = target }
                if rel.type?.hasSuffix("/styles") == true { stylesPath = target }
            }
        }
        var sheets: [(String, String)] = []
        for (index, sheet) in (workbook.sheets?.sheet ?? []).enumerated() {
            let path = sheet.id.flatMap { targets[$0] } ?? "\(folder)/worksheets/sheet\(index + 1).xml"
            sheets.append((OfficeText.normalize(sheet.name), path))
        }
        guard !sheets.isEmpty else { throw OfficeError.missingPart("\(workbookPath) <sheets>") }
        self.sheets = sheets

        var context = WorkbookContext()
        context.date1904 = ["1", "true"].contains(workbook.workbookPr?.date1904?.lowercased() ?? "")
        let stylesPart = stylesPath ?? "\(folder)/styles.xml"
        if zip.entry(stylesPart) != nil {
            let styles = try XLSXParts.decode(
                XLSXParts.Styles.self, from: zip.readAll(stylesPart, maxBytes: small), part: stylesPart)
            context.styles = Self.numberKinds(styles)
        }
        let stringsPart = sharedStringsPath ?? "\(folder)/sharedStrings.xml"
        if zip.entry(stringsPart) != nil {
            context.sharedStrings = try Self.readSharedStrings(zip, path: stringsPart)
        }
        self.context = context
    }

    /// Streams rows of one sheet: each row as (1-based row number, cells by 0-based column;
    /// missing cells `.empty`). Memory bounded whatever the sheet size.
    public func forEachRow(sheet: String? = nil, _ body: (Int, [CellValue]) throws -> Void) throws {
        let path = try sheetPath(sheet)
        try withoutActuallyEscaping(body) { body in
            var handler = SheetRowHandler(context: context, limits: limits, emit: body)
            var scanner = XMLScanner(part: path)
            do {
                try zip.stream(path) { chunk in try scanner.feed(chunk, into: &handler) }
                try scanner.finish(into: &handler)
            } catch is SheetRowHandler.Done {
                return
            }
        }
    }

    /// Merged ranges of a sheet, e.g. "A1:D1".
    public func mergedRanges(sheet: String?) throws -> [String] {
        let path = try sheetPath(sheet)
        var handler = MergeHandler()
        var scanner = XMLScanner(part: path)
        try zip.stream(path) { chunk in try scanner.feed(chunk, into: &handler) }
        try scanner.finish(into: &handler)
        return handler.ranges
    }

    private func sheetPath(_ name: String?) throws -> String {
        guard let name else { return sheets[0].path }
        if let hit = sheets.first(where: { $0.name == name }) { return hit.path }
        let wanted = OfficeText.normalize(name).lowercased()
        if let hit = sheets.first(where: { $0.name.lowercased() == wanted }) { return hit.path }
        throw OfficeError.sheetNotFound(name)
    }

    private static func numberKinds(_ styles: XLSXParts.Styles) -> [NumberFormatKind] {
        var custom: [Int: NumberFormatKind] = [:]
        for format in styles.numFmts?.numFmt ?? [] {
            if let id = Int(format.numFmtId) { custom[id] = NumberFormatKind.classify(format.formatCode) }
        }
        return (styles.cellXfs?.xf ?? []).map { xf in
            let id = xf.numFmtId.flatMap { Int($0) } ?? 0
            return custom[id] ?? NumberFormatKind.builtIn(id)
        }
    }

    /// The shared-string table is the one thing we must hold; it is scanned (not built as a
    /// tree) and capped so a hostile table cannot take more than a bounded amount of memory.
    private static func readSharedStrings(_ zip: ZipReader, path: String) throws -> [String] {
        var handler = SharedStringsHandler(maxBytes: min(zip.limits.maxUncompressedBytes, 256 << 20))
        var scanner = XMLScanner(part: path)
        try zip.stream(path) { chunk in try scanner.feed(chunk, into: &handler) }
        try scanner.finish(into: &handler)
        return handler.strings
    }
}

struct SharedStringsHandler: XMLScanHandler {
    let maxBytes: Int
    var strings: [String] = []
    private var totalBytes = 0
    private var inItem = false
    private var inText = false
    private var inPhonetic = false
    private var text = XMLText()

    init(maxBytes: Int) { self.maxBytes = maxBytes }

    mutating func startElement(_ tag: XMLTag) throws {
        if tag.isNamed("si") {
            inItem = true
            text.removeAll()
        } else if tag.isNamed("t") {
            inText = inItem && !inPhonetic
        } else if tag.isNamed("rPh") {
            inPhonetic = true
        }
    }

    mutating func endElement(_ tag: XMLTag) throws {
        if tag.isNamed("si") {
            inItem = false
            totalBytes += text.bytes.count + 16
            guard totalBytes <= maxBytes else { throw OfficeError.tooLarge(limit: maxBytes) }
            strings.append(OfficeText.imported(try text.string()))
        } else if tag.isNamed("t") {
            inText = false
        } else if tag.isNamed("rPh") {
            inPhonetic = false
        }
    }

    mutating func text(_ raw: UnsafeBufferPointer<UInt8>) throws {
        if inText { try text.appendRaw(raw) }
    }

    mutating func cdata(_ literal: UnsafeBufferPointer<UInt8>) throws {
        if inText { try text.appendLiteral(literal) }
    }
}

struct MergeHandler: XMLScanHandler {
    var ranges: [String] = []
    mutating func startElement(_ tag: XMLTag) throws {
        if tag.isNamed("mergeCell"), let ref = try tag.stringAttribute("ref") { ranges.append(ref) }
    }
    mutating func endElement(_ tag: XMLTag) throws {}
    mutating func text(_ raw: UnsafeBufferPointer<UInt8>) throws {}
    mutating func cdata(_ literal: UnsafeBufferPointer<UInt8>) throws {}
}
