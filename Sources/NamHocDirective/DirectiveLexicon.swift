import Foundation

/// Small closed word lists the reader matches against: document types, titles of office,
/// indicator names, counted objects, unit heads. Folded (no diacritics) so that "hoá"/"hóa"
/// spellings and TCVN3 round trips match alike.
enum DirectiveLexicon {
    /// Document types (Nghị định 30/2020, Phụ lục III) and the symbol abbreviations.
    static let documentTypes: [(name: String, code: String)] = [
        ("Nghị quyết", "NQ"), ("Nghị định", "NĐ"), ("Quyết định", "QĐ"), ("Chỉ thị", "CT"),
        ("Kế hoạch", "KH"), ("Báo cáo", "BC"), ("Thông báo", "TB"), ("Hướng dẫn", "HD"),
        ("Quy chế", "QC"), ("Chương trình", "CTr"), ("Đề án", "ĐA"), ("Tờ trình", "TTr"),
        ("Biên bản", "BB"), ("Giấy mời", "GM"), ("Thông tư", "TT"), ("Luật", "QH"),
        ("Kết luận", "KL"), ("Công văn", ""), ("Văn bản", ""), ("Công điện", "CĐ"),
        ("Quy định", "QĐi"), ("Thông tư liên tịch", "TTLT"),
    ]

    static let typeByFoldedName: [String: (name: String, code: String)] = {
        var m: [String: (String, String)] = [:]
        for t in documentTypes { m[ScalarFold.key(t.name)] = t }
        return m
    }()

    static let typeByCode: [String: String] = {
        var m: [String: String] = [:]
        for t in documentTypes where !t.code.isEmpty && t.name != "Luật" { m[ScalarFold.key(t.code)] = t.name }
        return m
    }()

    /// Longest type name first, as folded word arrays.
    static let typePhrases: [([String], String, String)] = documentTypes
        .map { (ScalarFold.key($0.name).split(separator: " ").map(String.init), $0.name, $0.code) }
        .sorted { $0.0.count > $1.0.count }

    /// Titles of office, longest first ("Phó Chủ tịch" before "Chủ tịch").
    static let titles: [[String]] = [
        "Phó Thủ tướng", "Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Phó Chủ tịch", "Chủ tịch",
        "Phó Giám đốc", "Giám đốc", "Phó Hiệu trưởng", "Hiệu trưởng", "Phó Trưởng phòng", "Trưởng phòng",
        "Phó Bí thư", "Bí thư", "Cụm trưởng", "Chánh Văn phòng", "Vụ trưởng", "Cục trưởng", "Chánh Thanh tra",
    ].map { ScalarFold.key($0).split(separator: " ").map(String.init) }.sorted { $0.count > $1.count }

    /// Signature-block title lines (folded, without "KT."/"TM."/"TL.").
    static let signingTitles: Set<String> = [
        "chu tich", "pho chu tich", "giam doc", "pho giam doc", "bo truong", "thu truong",
        "hieu truong", "pho hieu truong", "truong phong", "pho truong phong", "thu tuong", "pho thu tuong",
        "chanh van phong", "vu truong", "cuc truong", "giam doc trung tam", "bi thu", "pho bi thu",
    ]

    /// Counted objects that make a number a figure. Longest first. Task counts ("7 nhiệm vụ")
    /// are deliberately absent: they are the announced count, not a statistic.
    static let measureNouns: [[String]] = [
        "phòng học", "học sinh", "giáo viên", "nhóm trẻ", "nhóm lớp", "lớp học", "trẻ em", "trẻ",
        "trường", "lớp", "cán bộ", "nhân viên", "trung tâm", "cơ sở", "điểm trường", "xã", "phường",
        "đơn vị", "sáng kiến", "mô hình", "đề tài", "học viên", "sinh viên", "thí sinh", "người",
        "giải", "huy chương", "tỷ đồng", "triệu đồng", "ha", "tập thể", "cá nhân", "phòng", "công trình",
        "cháu", "em", "tiết", "bài giảng", "lượt", "nhà giáo", "cán bộ quản lý", "trường học",
    ].map { ScalarFold.key($0).split(separator: " ").map(String.init) }.sorted { $0.count > $1.count }

    /// Words that end a figure's object phrase.
    static let objectStops: Set<String> = [
        "so", "tang", "giam", "tren", "cua", "trong", "tai", "voi", "la", "va", "den", "nam",
        "vao", "theo", "du", "co", "duoc", "nhung", "khi", "de", "ngay", "thang", "quy", "o",
    ]
}

/// The indicator catalogue the figures are mapped to. Codes are stable (documented in
/// docs/DIRECTIVE_READER.md); the level (MN/TH/THCS/THPT) is left to the catalogue, which maps
/// these generic codes onto MOET's per-level codes (Thông tư 03/2024/TT-BGDĐT).
enum IndicatorGazetteer {
    /// Rate indicators, chosen from the words of a percentage's object or its clause.
    static let rateRules: [(keywords: [String], code: String)] = [
        (["chuan quoc gia"], "NATSTD_SCHOOL_RATE"),
        (["huy dong"], "ENROLMENT_RATE"),
        (["ra lop"], "ENROLMENT_RATE"),
        (["kien co"], "PERMANENT_CLASSROOM_RATE"),
        (["tot nghiep"], "GRADUATION_RATE"),
        (["kiem dinh"], "ACCREDITATION_RATE"),
        (["pho cap"], "UNIVERSALISATION_RATE"),
    ]

    /// Count indicators by the object's words. Order matters: the first rule that matches wins.
    static func countIndicator(objectKey o: String) -> String? {
        let words = o.split(separator: " ")
        guard let head = words.first else { return nil }
        if o.hasPrefix("hoc sinh lop") { return "PUPILS_PER_CLASS" }
        switch head {
        case "truong":
            if o.contains("chuan quoc gia") { return "NATSTD_SCHOOLS" }
            if o.contains("tu danh gia") { return "SELF_ASSESSED_SCHOOLS" }
            if o.contains("kiem dinh") { return "ACCREDITED_SCHOOLS" }
            return "SCHOOLS"
        case "lop": return "CLASSES"
        case "nhom":
            return o.hasPrefix("nhom tre") || o.hasPrefix("nhom lop") ? "CLASSES" : nil
        case "hoc": return o.hasPrefix("hoc sinh") ? "PUPILS" : nil
        case "tre", "chau": return "CHILDREN"
        case "giao": return o.hasPrefix("giao vien") ? "TEACHERS" : nil
        case "nha": return o.hasPrefix("nha giao") ? "TEACHERS" : nil
        case "can":
            return o.hasPrefix("can bo quan ly") ? "MANAGERS" : (o.hasPrefix("can bo") ? "STAFF" : nil)
        case "nhan": return o.hasPrefix("nhan vien") ? "STAFF" : nil
        case "phong": return o.hasPrefix("phong hoc") ? "CLASSROOMS" : nil
        case "trung": return o.hasPrefix("trung tam") ? "CENTRES" : nil
        case "diem": return o.hasPrefix("diem truong") ? "SCHOOL_SITES" : nil
        default: return nil
        }
    }

    static func rateIndicator(contextKey c: String) -> String? {
        for r in rateRules where r.keywords.allSatisfy({ c.contains($0) }) { return r.code }
        return nil
    }
}
