import Foundation
import NamHocText

/// The one place where text entering the database is cleaned and keyed, so every writer (pages, API,
/// imports, demo) stores NFC text with matching search and sort keys.
enum TextKeys {
    /// NFC (legacy encodings converted), whitespace runs folded, trimmed.
    static func clean(_ text: String) -> String {
        VietnameseText.normalize(text)
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }

    static func search(_ text: String) -> String { VietnameseText.searchKey(text) }
    static func sort(_ text: String) -> String { VietnameseText.sortKey(text) }
}
