import Foundation

/// Turns the XML events of a worksheet into rows of `CellValue`, one row in memory at a time.
struct SheetRowHandler: XMLScanHandler {
    private enum CellType { case number, shared, inline, formulaString, bool, error, isoDate }

    let context: WorkbookContext
    let limits: XLSXReadLimits
    let emit: (Int, [CellValue]) throws -> Void

    private var row: [CellValue] = []
    private var rowNumber = 0
    private var rowsSeen = 0
    private var inRow = false
    private var nextColumn = 0

    private var inCell = false
    private var column = 0
    private var type = CellType.number
    private var style = 0
    private var inValue = false
    private var inInlineString = false
    private var inPhonetic = false
    private var inText = false
    private var value = XMLText()

    init(context: WorkbookContext, limits: XLSXReadLimits, emit: @escaping (Int, [CellValue]) throws -> Void) {
        self.context = context
        self.limits = limits
        self.emit = emit
    }

    /// Thrown after `</sheetData>` so the rest of the part (merges, print settings) is not inflated.
    struct Done: Error {}

    mutating func startElement(_ tag: XMLTag) throws {
        if tag.localLength == 1 && tag.localFirst == UInt8(ascii: "c") {
            guard inRow else { return }
            inCell = true
            var ref: UnsafeBufferPointer<UInt8>?
            var t: UnsafeBufferPointer<UInt8>?
            var s: UnsafeBufferPointer<UInt8>?
            tag.forEachAttribute { name, value in
                if name.count == 1 {
                    switch name[0] {
                    case UInt8(ascii: "r"): ref = value
                    case UInt8(ascii: "t"): t = value
                    case UInt8(ascii: "s"): s = value
                    default: break
                    }
                }
                return true
            }
            column = ref.flatMap(CellReference.parse)?.column ?? nextColumn
            guard column < limits.maxColumns else { throw OfficeError.tooManyColumns(limit: limits.maxColumns) }
            type = Self.cellType(t)
            style = s.flatMap(CellReference.parseInt) ?? 0
            value.removeAll()
        } else if tag.localLength == 1 && tag.localFirst == UInt8(ascii: "v") {
            inValue = inCell
        } else if tag.isNamed("row") {
            rowsSeen += 1
            rowNumber = tag.attribute("r").flatMap(CellReference.parseInt) ?? rowNumber + 1
            guard rowNumber <= limits.maxRows, rowsSeen <= limits.maxRows else {
                throw OfficeError.tooManyRows(limit: limits.maxRows)
            }
            inRow = true
            nextColumn = 0
            row.removeAll(keepingCapacity: true)
        } else if tag.isNamed("is") {
            inInlineString = inCell
        } else if tag.isNamed("t") {
            inText = inInlineString && !inPhonetic
        } else if tag.isNamed("rPh") {
            inPhonetic = true
        }
    }

    mutating func endElement(_ tag: XMLTag) throws {
        if tag.localLength == 1 && tag.localFirst == UInt8(ascii: "c") {
            guard inCell else { return }
            inCell = false
            let cell = try makeValue()
            if column < row.count {
                row[column] = cell
            } else {
                if column > row.count { row.append(contentsOf: repeatElement(.empty, count: column - row.count)) }
                row.append(cell)
            }
            nextColumn = column + 1
        } else if tag.localLength == 1 && tag.localFirst == UInt8(ascii: "v") {
            inValue = false
        } else if tag.isNamed("row") {
            guard inRow else { return }
            inRow = false
            try emit(rowNumber, row)
        } else if tag.isNamed("t") {
            inText = false
        } else if tag.isNamed("is") {
            inInlineString = false
        } else if tag.isNamed("rPh") {
            inPhonetic = false
        } else if tag.isNamed("sheetData") {
            throw Done()
        }
    }

    mutating func text(_ raw: UnsafeBufferPointer<UInt8>) throws {
        if inValue || inText { try value.appendRaw(raw) }
    }

    mutating func cdata(_ literal: UnsafeBufferPointer<UInt8>) throws {
        if inValue || inText { try value.appendLiteral(literal) }
    }

    private static func cellType(_ t: UnsafeBufferPointer<UInt8>?) -> CellType {
        guard let t, let first = t.first else { return .number }
        switch first {
        case UInt8(ascii: "s"): return t.count == 1 ? .shared : .formulaString  // "s" / "str"
        case UInt8(ascii: "i"): return .inline
        case UInt8(ascii: "b"): return .bool
        case UInt8(ascii: "e"): return .error
        case UInt8(ascii: "d"): return .isoDate
        default: return .number
        }
    }

    private func makeValue() throws -> CellValue {
        switch type {
        case .shared:
            guard !value.isEmpty else { return .empty }
            guard let index = value.bytes.withUnsafeBufferPointer(CellReference.parseInt),
                  index < context.sharedStrings.count else {
                throw OfficeError.malformedXML(part: "sheet", detail: "shared string index out of range")
            }
            let s = context.sharedStrings[index]
            return s.isEmpty ? .empty : .text(s)
        case .inline, .formulaString, .error:
            let s = try value.string()
            return s.isEmpty ? .empty : .text(OfficeText.imported(s))
        case .bool:
            let s = try value.string()
            if s.isEmpty { return .empty }
            return .bool(s == "1" || s.lowercased() == "true")
        case .isoDate:
            let s = try value.string()
            return Self.isoDate(s).map(CellValue.date) ?? (s.isEmpty ? .empty : .text(s))
        case .number:
            if value.isEmpty { return .empty }
            let kind = style < context.styles.count ? context.styles[style] : .plain
            return try value.bytes.withUnsafeBufferPointer { try Self.number($0, kind: kind, date1904: context.date1904) }
        }
    }

    static func number(_ raw: UnsafeBufferPointer<UInt8>, kind: NumberFormatKind, date1904: Bool) throws -> CellValue {
        if kind != .date && kind != .percent, let i = CellReference.parseSignedInt(raw) {
            return kind == .decimal ? .number(Double(i)) : .integer(i)
        }
        guard let d = parseDouble(raw), d.isFinite else {
            return .text(OfficeText.normalize(String(decoding: raw, as: UTF8.self)))
        }
        switch kind {
        case .date: return .date(ExcelDate.date(serial: d, date1904: date1904))
        case .percent: return .percent((d * 100 * 1e9).rounded() / 1e9)
        case .decimal: return .number(d)
        case .plain:
            if d == d.rounded(), abs(d) < 9e15 { return .integer(Int(d)) }
            return .number(d)
        }
    }

    /// strtod straight on the bytes: going through String/Foundation costs more than the XML scan.
    static func parseDouble(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0
        var end = raw.count
        while start < end, XMLTag.isSpace(raw[start]) { start += 1 }
        while end > start, XMLTag.isSpace(raw[end - 1]) { end -= 1 }
        let length = end - start
        guard length > 0, length < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double? in
            for k in 0 ..< length {
                let b = raw[start + k]
                // Only what a number can hold; strtod would also accept "inf", "nan" and hex.
                guard (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2D || b == 0x2B || b == 0x45 || b == 0x65 else {
                    return nil
                }
                buffer[k] = CChar(bitPattern: b)
            }
            buffer[length] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &endPointer)
            guard let endPointer, buffer.baseAddress!.distance(to: endPointer) == length else { return nil }
            return value
        }
    }

    /// `t="d"` cells (LibreOffice, Strict): ISO 8601 in local (Vietnam) time.
    static func isoDate(_ s: String) -> Date? {
        let parts = s.split(whereSeparator: { "-T:.".contains($0) }).compactMap { Int($0) }
        guard parts.count >= 3 else { return nil }
        var c = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        if parts.count >= 5 { c.hour = parts[3]; c.minute = parts[4] }
        if parts.count >= 6 { c.second = parts[5] }
        return ExcelDate.vietnamCalendar.date(from: c)
    }
}

/// Parses "AB12" references and plain integers straight from bytes.
enum CellReference {
    /// 0-based column and 1-based row ("A1" → (0, 1)). nil when not a reference.
    static func parse(_ p: UnsafeBufferPointer<UInt8>) -> (column: Int, row: Int)? {
        var column = 0
        var i = 0
        while i < p.count, let letter = upper(p[i]) {
            // Saturate instead of overflowing: "AAAAAAAAAAAAAAAAAAAA1" is simply too far right.
            column = column > 1 << 40 ? column : column * 26 + Int(letter - 0x40)
            i += 1
        }
        guard i > 0 else { return nil }
        let row = i < p.count ? parseInt(UnsafeBufferPointer(rebasing: p[i...])) ?? 0 : 0
        return (column - 1, row)
    }

    private static func upper(_ b: UInt8) -> UInt8? {
        if b >= 0x41 && b <= 0x5A { return b }
        if b >= 0x61 && b <= 0x7A { return b - 0x20 }
        return nil
    }

    static func parseInt(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !p.isEmpty, p.count <= 18 else { return nil }
        var n = 0
        for b in p {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }

    static func parseSignedInt(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = p.first else { return nil }
        if first == UInt8(ascii: "-") { return parseInt(UnsafeBufferPointer(rebasing: p[1...])).map { -$0 } }
        return parseInt(p)
    }

    /// "A", "B", … "Z", "AA" for a 0-based column.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }
}
