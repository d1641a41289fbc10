import Foundation
import NamHocText

/// An administrative document (văn bản hành chính) laid out per Nghị định 30/2020/NĐ-CP, Phụ lục I.
public struct OfficialDocument: Sendable {
    /// A table in the body, bordered, 13 pt.
    public struct Table: Sendable {
        public var header: [String]
        public var rows: [[String]]
        public init(header: [String], rows: [[String]]) {
            self.header = header
            self.rows = rows
        }
    }

    /// A numbered part of the body: level 1 "I.", level 2 "1.", level 3 "a)".
    public struct Section: Sendable {
        public var heading: String
        public var paragraphs: [String]
        public var table: Table?
        public var subsections: [Section]
        public init(heading: String, paragraphs: [String] = [], table: Table? = nil, subsections: [Section] = []) {
            self.heading = heading
            self.paragraphs = paragraphs
            self.table = table
            self.subsections = subsections
        }
    }

    /// Signature block (phần ký): "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / name.
    public struct Signer: Sendable {
        /// "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "TL. …"; nil when the head signs in their own name.
        public var authority: String?
        public var title: String
        public var name: String
        public init(authority: String? = nil, title: String, name: String) {
            self.authority = authority
            self.title = title
            self.name = name
        }
    }

    /// Cơ quan chủ quản, e.g. "UBND TỈNH BẮC NINH".
    public var issuingBodyParent: String?
    /// Cơ quan ban hành, e.g. "SỞ GIÁO DỤC VÀ ĐÀO TẠO".
    public var issuingBody: String
    /// Số, ký hiệu, e.g. "15/BC-SGDĐT".
    public var number: String
    /// Địa danh of the dateline, e.g. "Bắc Ninh".
    public var place: String
    public var date: Date
    /// Tên loại, e.g. "BÁO CÁO".
    public var type: String
    /// Trích yếu nội dung.
    public var title: String
    /// Paragraphs before the first numbered section ("Thực hiện Kế hoạch số …").
    public var preamble: [String]
    public var sections: [Section]
    public var signer: Signer
    /// Nơi nhận, each "- Như trên;"; the last is "- Lưu: VT, …".
    public var recipients: [String]

    public init(
        issuingBodyParent: String? = nil, issuingBody: String, number: String, place: String, date: Date,
        type: String, title: String, preamble: [String] = [], sections: [Section], signer: Signer,
        recipients: [String]
    ) {
        self.issuingBodyParent = issuingBodyParent
        self.issuingBody = issuingBody
        self.number = number
        self.place = place
        self.date = date
        self.type = type
        self.title = title
        self.preamble = preamble
        self.sections = sections
        self.signer = signer
        self.recipients = recipients
    }

    /// "Bắc Ninh, ngày 05 tháng 01 năm 2024" — days below 10 and months 1–2 take a leading zero.
    public var dateline: String {
        "\(place), \(VietnameseFormat.datelineDate(date))"
    }

    /// "I", "II", … for level-1 headings.
    static func roman(_ n: Int) -> String {
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n
        var out = ""
        for (value, letters) in table {
            while n >= value { out += letters; n -= value }
        }
        return out
    }

    /// Points follow the Vietnamese alphabet: a, b, c, d, đ, e, g … (no f, j, w, z).
    static func letter(_ n: Int) -> String {
        let letters = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r",
                       "s", "t", "u", "v", "x", "y"]
        let i = n - 1
        return i < letters.count ? letters[i] : letters[i / letters.count - 1] + letters[i % letters.count]
    }
}
