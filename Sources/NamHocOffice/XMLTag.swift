import Foundation

/// A start or end tag as bytes: the name (namespace prefix ignored: `x:c` is `c`) and attributes.
struct XMLTag {
    let bytes: UnsafeBufferPointer<UInt8>
    let nameEnd: Int
    let localStart: Int
    let selfClosing: Bool
    let nameHash: UInt64

    init(_ bytes: UnsafeBufferPointer<UInt8>, selfClosing: Bool) throws {
        self.bytes = bytes
        self.selfClosing = selfClosing
        var i = 0
        var local = 0
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        while i < bytes.count, !Self.isSpace(bytes[i]) {
            if bytes[i] == UInt8(ascii: ":") { local = i + 1 }
            hash = (hash ^ UInt64(bytes[i])) &* 0x100_0000_01b3
            i += 1
        }
        guard i > local, Self.isNameStart(bytes[local]) else { throw XMLSyntaxError("invalid element name") }
        nameEnd = i
        localStart = local
        nameHash = hash
    }

    var qualifiedName: String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[0 ..< nameEnd]), as: UTF8.self)
    }

    /// Local name equals `name` (ASCII).
    func isNamed(_ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard nameEnd - localStart == count else { return false }
        return memcmp(bytes.baseAddress! + localStart, name.utf8Start, count) == 0
    }

    /// Length and first byte of the local name: a cheap switch before comparing names.
    var localLength: Int { nameEnd - localStart }
    var localFirst: UInt8 { bytes[localStart] }

    /// Raw (entity-encoded) value of the attribute whose local name is `name`; `xmlns` ones are skipped.
    func attribute(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        var found: UnsafeBufferPointer<UInt8>?
        forEachAttribute { local, value in
            if local.count == name.utf8CodeUnitCount, memcmp(local.baseAddress!, name.utf8Start, local.count) == 0 {
                found = value
                return false
            }
            return true
        }
        return found
    }

    /// Calls `body(localName, rawValue)` for each attribute (not `xmlns`) until it returns false.
    /// One pass serves several lookups: a cell's r, s and t are read together.
    func forEachAttribute(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool) {
        var i = nameEnd
        let n = bytes.count
        while i < n {
            while i < n, Self.isSpace(bytes[i]) { i += 1 }
            guard i < n else { return }
            let nameStart = i
            var local = i
            while i < n, bytes[i] != UInt8(ascii: "="), !Self.isSpace(bytes[i]) {
                if bytes[i] == UInt8(ascii: ":") { local = i + 1 }
                i += 1
            }
            let attrEnd = i
            while i < n, Self.isSpace(bytes[i]) { i += 1 }
            guard i < n, bytes[i] == UInt8(ascii: "=") else { return }
            i += 1
            while i < n, Self.isSpace(bytes[i]) { i += 1 }
            guard i < n, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { return }
            let quote = bytes[i]
            i += 1
            let valueStart = i
            while i < n, bytes[i] != quote { i += 1 }
            guard i < n else { return }
            let valueEnd = i
            i += 1
            let isXmlns = local > nameStart && local - nameStart == 6
                && memcmp(bytes.baseAddress! + nameStart, "xmlns", 5) == 0
            if !isXmlns, attrEnd > local,
               !body(UnsafeBufferPointer(rebasing: bytes[local ..< attrEnd]),
                     UnsafeBufferPointer(rebasing: bytes[valueStart ..< valueEnd])) {
                return
            }
        }
    }

    /// Decoded string value of an attribute.
    func stringAttribute(_ name: StaticString) throws -> String? {
        guard let raw = attribute(name) else { return nil }
        var text = XMLText()
        try text.appendRaw(raw)
        return try text.string()
    }

    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }
}

/// Accumulates character data, decoding the five XML entities and numeric references.
struct XMLText {
    /// Excel caps a cell at 32.767 characters; 1 MB of text in one node is hostile or broken.
    static let maxBytes = 1 << 20
    private(set) var bytes: [UInt8] = []

    var isEmpty: Bool { bytes.isEmpty }
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func appendLiteral(_ p: UnsafeBufferPointer<UInt8>) throws {
        guard bytes.count + p.count <= Self.maxBytes else { throw XMLSyntaxError("text node longer than 1 MB") }
        bytes.append(contentsOf: p)
    }

    mutating func appendRaw(_ p: UnsafeBufferPointer<UInt8>) throws {
        guard bytes.count + p.count <= Self.maxBytes else { throw XMLSyntaxError("text node longer than 1 MB") }
        var i = 0
        while let amp = XMLScanner.find(UInt8(ascii: "&"), in: p, from: i) {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[i ..< amp]))
            guard let semi = XMLScanner.find(UInt8(ascii: ";"), in: p, from: amp + 1), semi - amp <= 12 else {
                throw XMLSyntaxError("unterminated entity")
            }
            try appendEntity(UnsafeBufferPointer(rebasing: p[amp + 1 ..< semi]))
            i = semi + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[i ..< p.count]))
    }

    private mutating func appendEntity(_ name: UnsafeBufferPointer<UInt8>) throws {
        let s = String(decoding: name, as: UTF8.self)
        switch s {
        case "amp": bytes.append(UInt8(ascii: "&"))
        case "lt": bytes.append(UInt8(ascii: "<"))
        case "gt": bytes.append(UInt8(ascii: ">"))
        case "quot": bytes.append(UInt8(ascii: "\""))
        case "apos": bytes.append(UInt8(ascii: "'"))
        default:
            var value: UInt32?
            if s.hasPrefix("#x") || s.hasPrefix("#X") {
                value = UInt32(s.dropFirst(2), radix: 16)
            } else if s.hasPrefix("#") {
                value = UInt32(s.dropFirst(), radix: 10)
            }
            // Only characters XML allows; no definitions exist since DOCTYPE is refused.
            guard let v = value, v != 0, let scalar = Unicode.Scalar(v) else {
                throw XMLSyntaxError("unknown entity &\(s.prefix(12));")
            }
            bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
    }

    /// The text as a String; invalid UTF-8 is refused rather than silently replaced.
    func string() throws -> String {
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw OfficeError.invalidText("dữ liệu không phải UTF-8")
        }
        return s
    }
}
