import Foundation
import NamHocText

/// The one place where office text meets NamHocText: every string a reader returns goes through
/// `normalize` (NFC, legacy TCVN3/VNI cells converted), and CSV bytes through `decode`.
enum OfficeText {
    static func normalize(_ s: String) -> String {
        VietnameseText.normalize(s)
    }

    /// Text of a CSV/TXT file: BOM, UTF-8, UTF-16, or legacy 8-bit Vietnamese, as NFC.
    static func decode(_ data: Data) -> String {
        VietnameseDecoder.decode(data).text
    }
}
