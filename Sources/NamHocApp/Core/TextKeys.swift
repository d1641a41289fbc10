import Foundation
import NamHocText

/// The one place where text entering the database is cleaned and keyed, so every writer (pages, API,
/// imports, demo) stores NFC text with matching search and sort keys.
enum TextKeys {
    /// A name or a one-line field: NFC (legacy encodings converted), no invisible controls (bidi
    /// overrides, zero-width characters), whitespace runs folded, trimmed.
    static func clean(_ text: String) -> String {
        VietnameseText.removingInvisibles(VietnameseText.normalize(text))
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }

    /// Free text that keeps its lines (a reason, a narrative): NFC, no invisible controls, CR LF as LF,
    /// trimmed.
    static func cleanText(_ text: String) -> String {
        VietnameseText.removingInvisibles(VietnameseText.normalize(text.replacingOccurrences(of: "\r\n", with: "\n")))
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func search(_ text: String) -> String { VietnameseText.searchKey(text) }
    static func sort(_ text: String) -> String { VietnameseText.sortKey(text) }
}
