import Foundation

/// Events of the byte-level XML scanner. Pointers are valid only during the call.
protocol XMLScanHandler {
    mutating func startElement(_ tag: XMLTag) throws
    mutating func endElement(_ tag: XMLTag) throws
    /// Raw character data between tags, entities still encoded; never splits an entity,
    /// but one text node may arrive in several pieces.
    mutating func text(_ raw: UnsafeBufferPointer<UInt8>) throws
    /// Literal character data from `<![CDATA[…]]>`.
    mutating func cdata(_ literal: UnsafeBufferPointer<UInt8>) throws
}

/// A syntax problem; the scanner turns it into `OfficeError.malformedXML` with the part name.
struct XMLSyntaxError: Error {
    let detail: String
    init(_ detail: String) { self.detail = detail }
}

/// A streaming, non-validating XML scanner fed with chunks of bytes as they are inflated.
///
/// It exists because a sheet can be hundreds of MB of XML: a tree parser would hold it all, and
/// FoundationXML's event parser is ~8× slower than scanning bytes (STACK_NOTES). It checks what
/// matters for safety and correctness (tag nesting, truncation, entities, no DOCTYPE — so no
/// entity expansion attacks) and ignores what spreadsheets never need (DTDs, encodings other than UTF-8).
struct XMLScanner {
    let part: String
    /// Longest single tag (or unfinished entity) we buffer across chunk boundaries.
    static let maxPendingBytes = 1 << 20
    private var pending: [UInt8] = []
    /// Hashes of the open elements' qualified names: detects mismatched and missing end tags.
    private var open: [UInt64] = []
    private var sawRoot = false

    init(part: String) { self.part = part }

    mutating func feed<H: XMLScanHandler>(_ chunk: UnsafeRawBufferPointer, into handler: inout H) throws {
        pending.append(contentsOf: chunk)
        try run(final: false, handler: &handler)
        if pending.count > Self.maxPendingBytes { throw malformed("a tag longer than 1 MB") }
    }

    mutating func finish<H: XMLScanHandler>(into handler: inout H) throws {
        try run(final: true, handler: &handler)
        if !open.isEmpty { throw malformed("unexpected end of part (unclosed elements)") }
        if !sawRoot { throw malformed("no root element") }
    }

    /// Scans one whole document held in memory.
    static func scan<H: XMLScanHandler>(_ data: Data, part: String, into handler: inout H) throws {
        var scanner = XMLScanner(part: part)
        try data.withUnsafeBytes { try scanner.feed($0, into: &handler) }
        try scanner.finish(into: &handler)
    }

    private func malformed(_ detail: String) -> OfficeError {
        .malformedXML(part: part, detail: detail)
    }

    private mutating func run<H: XMLScanHandler>(final: Bool, handler: inout H) throws {
        var buffer = pending
        pending = []
        do {
            let consumed = try buffer.withUnsafeBufferPointer { try scan($0, final: final, handler: &handler) }
            if consumed < buffer.count {
                if final { throw XMLSyntaxError("unexpected end of part (unfinished tag)") }
                buffer.removeSubrange(0 ..< consumed)
                pending = buffer
            }
        } catch let error as XMLSyntaxError {
            throw malformed(error.detail)
        }
    }

    /// Returns how many bytes were consumed; the rest waits for the next chunk.
    private mutating func scan<H: XMLScanHandler>(
        _ buf: UnsafeBufferPointer<UInt8>, final: Bool, handler: inout H
    ) throws -> Int {
        let n = buf.count
        guard let base = buf.baseAddress else { return 0 }
        var i = 0
        while i < n {
            if base[i] != UInt8(ascii: "<") {
                let end = Self.find(UInt8(ascii: "<"), in: buf, from: i) ?? n
                var stop = end
                if end == n && !final { stop = Self.safeTextEnd(buf, from: i, to: n) }
                if stop > i { try handler.text(UnsafeBufferPointer(rebasing: buf[i ..< stop])) }
                if end == n { return stop }
                i = end
                continue
            }
            guard i + 1 < n else { return i }
            switch base[i + 1] {
            case UInt8(ascii: "/"):
                guard let gt = Self.find(UInt8(ascii: ">"), in: buf, from: i + 2) else { return i }
                let tag = try XMLTag(UnsafeBufferPointer(rebasing: buf[i + 2 ..< gt]), selfClosing: false)
                guard let top = open.popLast(), top == tag.nameHash else {
                    throw XMLSyntaxError("mismatched end tag </\(tag.qualifiedName)>")
                }
                try handler.endElement(tag)
                i = gt + 1
            case UInt8(ascii: "?"):
                guard let end = Self.find("?>", in: buf, from: i + 2) else { return i }
                i = end + 2
            case UInt8(ascii: "!"):
                if Self.starts(buf, at: i, with: "<!--") {
                    guard let end = Self.find("-->", in: buf, from: i + 4) else { return i }
                    i = end + 3
                } else if Self.starts(buf, at: i, with: "<![CDATA[") {
                    guard let end = Self.find("]]>", in: buf, from: i + 9) else { return i }
                    try handler.cdata(UnsafeBufferPointer(rebasing: buf[i + 9 ..< end]))
                    i = end + 3
                } else if n - i < 9 && !final {
                    return i
                } else {
                    // DOCTYPE brings entity definitions (billion laughs, external entities): refuse.
                    throw XMLSyntaxError("DOCTYPE/DTD is not allowed")
                }
            default:
                guard let gt = try Self.findTagEnd(buf, from: i + 1) else { return i }
                let selfClosing = base[gt - 1] == UInt8(ascii: "/")
                let inner = UnsafeBufferPointer(rebasing: buf[i + 1 ..< (selfClosing ? gt - 1 : gt)])
                let tag = try XMLTag(inner, selfClosing: selfClosing)
                if open.isEmpty && sawRoot { throw XMLSyntaxError("content after the root element") }
                sawRoot = true
                if !selfClosing { open.append(tag.nameHash) }
                try handler.startElement(tag)
                if selfClosing { try handler.endElement(tag) }
                i = gt + 1
            }
        }
        return n
    }

    /// End of text that can be delivered now: an '&' without its ';' waits for the next chunk.
    private static func safeTextEnd(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var j = end - 1
        while j >= start && j >= end - 12 {
            if buf[j] == UInt8(ascii: ";") { return end }
            if buf[j] == UInt8(ascii: "&") { return j }
            j -= 1
        }
        return end
    }

    static func find(_ byte: UInt8, in buf: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < buf.count, let base = buf.baseAddress else { return nil }
        guard let hit = memchr(base + start, Int32(byte), buf.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    static func find(_ needle: StaticString, in buf: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let first = needle.utf8Start.pointee
        var i = start
        while let hit = find(first, in: buf, from: i) {
            if starts(buf, at: hit, with: needle) { return hit }
            i = hit + 1
        }
        return nil
    }

    static func starts(_ buf: UnsafeBufferPointer<UInt8>, at i: Int, with s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= buf.count else { return false }
        return memcmp(buf.baseAddress! + i, s.utf8Start, count) == 0
    }

    /// The '>' closing a start tag, skipping any inside quoted attribute values.
    private static func findTagEnd(_ buf: UnsafeBufferPointer<UInt8>, from start: Int) throws -> Int? {
        var i = start
        var quote: UInt8 = 0
        while i < buf.count {
            let b = buf[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: ">") {
                return i
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: "<") {
                throw XMLSyntaxError("'<' inside a tag")
            }
            i += 1
        }
        return nil
    }
}
