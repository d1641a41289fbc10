import Foundation
import NamHocText

/// Shared helpers of the directive reader tests: fixture loading, keys, TCVN3 encoding.
enum DirectiveFixtures {
    static var directory: URL {
        Bundle.module.url(forResource: "directives", withExtension: nil, subdirectory: "Fixtures")
            ?? Bundle.module.resourceURL!.appendingPathComponent("Fixtures/directives")
    }

    static func names(heldout: Bool = false) -> [String] {
        let dir = heldout ? directory.appendingPathComponent("heldout") : directory
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func text(_ name: String, heldout: Bool = false) -> String {
        let dir = heldout ? directory.appendingPathComponent("heldout") : directory
        let data = (try? Data(contentsOf: dir.appendingPathComponent(name + ".txt"))) ?? Data()
        return VietnameseDecoder.decode(data).text
    }

    static func expected(_ name: String) -> [String: Any] {
        let data = (try? Data(contentsOf: directory.appendingPathComponent(name + ".expected.json"))) ?? Data()
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// Folded words, punctuation dropped: "Sở GD&ĐT Hà Nội" → "so gd dt ha noi".
    static func key(_ s: String?) -> String {
        VietnameseText.searchKey(s ?? "").split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }

    static func num(_ x: Double?) -> String {
        guard let x else { return "-" }
        return x == x.rounded() ? String(Int(x)) : String(format: "%.2f", x)
    }

    /// TCVN3 (ABC) byte for each Vietnamese letter; toned capitals do not exist in ABC (the
    /// ".VnTimeH" fonts draw the lower-case codes as capitals), so they take the lower-case byte.
    static let tcvn3: [Character: UInt8] = {
        let pairs: [(UInt8, Character)] = [
            (0xA1, "Ă"), (0xA2, "Â"), (0xA3, "Ê"), (0xA4, "Ô"), (0xA5, "Ơ"), (0xA6, "Ư"), (0xA7, "Đ"),
            (0xA8, "ă"), (0xA9, "â"), (0xAA, "ê"), (0xAB, "ô"), (0xAC, "ơ"), (0xAD, "ư"), (0xAE, "đ"),
            (0xB5, "à"), (0xB6, "ả"), (0xB7, "ã"), (0xB8, "á"), (0xB9, "ạ"), (0xBB, "ằ"), (0xBC, "ẳ"),
            (0xBD, "ẵ"), (0xBE, "ắ"), (0xC6, "ặ"), (0xC7, "ầ"), (0xC8, "ẩ"), (0xC9, "ẫ"), (0xCA, "ấ"),
            (0xCB, "ậ"), (0xCC, "è"), (0xCE, "ẻ"), (0xCF, "ẽ"), (0xD0, "é"), (0xD1, "ẹ"), (0xD2, "ề"),
            (0xD3, "ể"), (0xD4, "ễ"), (0xD5, "ế"), (0xD6, "ệ"), (0xD7, "ì"), (0xD8, "ỉ"), (0xDC, "ĩ"),
            (0xDD, "í"), (0xDE, "ị"), (0xDF, "ò"), (0xE1, "ỏ"), (0xE2, "õ"), (0xE3, "ó"), (0xE4, "ọ"),
            (0xE5, "ồ"), (0xE6, "ổ"), (0xE7, "ỗ"), (0xE8, "ố"), (0xE9, "ộ"), (0xEA, "ờ"), (0xEB, "ở"),
            (0xEC, "ỡ"), (0xED, "ớ"), (0xEE, "ợ"), (0xEF, "ù"), (0xF1, "ủ"), (0xF2, "ũ"), (0xF3, "ú"),
            (0xF4, "ụ"), (0xF5, "ừ"), (0xF6, "ử"), (0xF7, "ữ"), (0xF8, "ứ"), (0xF9, "ự"), (0xFA, "ỳ"),
            (0xFB, "ỷ"), (0xFC, "ỹ"), (0xFD, "ý"), (0xFE, "ỵ"),
        ]
        var m: [Character: UInt8] = [:]
        for (b, c) in pairs {
            m[c] = b
            let upper = Character(c.uppercased())
            if m[upper] == nil { m[upper] = b }
        }
        return m
    }()

    /// The NFC text as a TCVN3 file shown through CP1252, the way legacy text reaches the reader.
    static func tcvn3String(_ text: String) -> String {
        var bytes: [UInt8] = []
        for ch in text {
            if let b = tcvn3[ch] { bytes.append(b); continue }
            if ch.isASCII { bytes.append(contentsOf: Array(String(ch).utf8)); continue }
            // Curly quotes, dashes … are CP1252 punctuation in legacy files too.
            bytes.append(contentsOf: Array(String(ch).data(using: .windowsCP1252) ?? Data("?".utf8)))
        }
        return String(data: Data(bytes), encoding: .windowsCP1252)!
    }
}
