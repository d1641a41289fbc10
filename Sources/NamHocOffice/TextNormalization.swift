import Foundation
import NamHocText

/// The one place where office text meets NamHocText: text written goes through `normalize` (NFC),
/// text read through `imported` (NFC, legacy TCVN3/VNI converted), CSV bytes through `decode`.
enum OfficeText {
    static func normalize(_ s: String) -> String {
        VietnameseText.normalize(s)
    }

    /// A string read from a cell or paragraph. Files typed with the old `.VnTime` (TCVN3) or
    /// `VNI-Times` fonts store the legacy bytes as Latin-1 characters ("Tr­êng" for "Trường");
    /// they are converted here, so every importer gets Unicode whatever font the file was typed in.
    static func imported(_ s: String) -> String {
        VietnameseDecoder.convertIfLegacy(s).text
    }

    /// Text of a CSV/TXT file: BOM, UTF-8, UTF-16, or legacy 8-bit Vietnamese, as NFC.
    static func decode(_ data: Data) -> String {
        VietnameseDecoder.decode(data).text
    }

    /// Excel refuses a file whose cell holds more than 32.767 characters (UTF-16 units).
    static let maxCellLength = 32_767

    /// `s` cut to fit one cell, ending in "…" when cut.
    static func fittingCell(_ s: String) -> String {
        guard s.utf16.count > maxCellLength else { return s }
        var out = ""
        var length = 0
        for c in s {
            let n = c.utf16.count
            guard length + n <= maxCellLength - 1 else { break }
            out.append(c)
            length += n
        }
        return out + "…"
    }
}
