import Foundation

/// Builds XML into a byte buffer; text is escaped and stripped of characters XML 1.0 forbids
/// (control characters pasted from old systems would otherwise make Excel reject the file).
struct XMLBuffer {
    var bytes: [UInt8] = []

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func text(_ s: String) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case 0x09, 0x0A, 0x0D: bytes.append(b)
            case 0x00 ..< 0x20: continue
            default: bytes.append(b)
            }
        }
    }

    /// `<t>` needs xml:space="preserve" or leading/trailing spaces and newlines are dropped.
    static func needsPreserve(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace
    }

    var data: Data { Data(bytes) }
}
