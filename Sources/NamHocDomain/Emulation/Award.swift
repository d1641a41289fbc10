import Foundation

/// A title (danh hiệu thi đua) or form of award (hình thức khen thưởng) the rule sets know. The codes are
/// stable identifiers stored with proposals and decisions; what each requires is data of a rule set.
public enum Award: String, Codable, Sendable, CaseIterable {
    case ldtt = "LDTT"
    case cstdcs = "CSTDCS"
    case cstdBo = "CSTD_BO"
    case cstdToanQuoc = "CSTD_TQ"
    case bangKhenBo = "BK_BO"
    case bangKhenThuTuong = "BK_TTG"
    case ttldtt = "TTLDTT"
    case ttldxs = "TTLDXS"
    case coBo = "CO_BO"
    case coChinhPhu = "CO_CP"
    case kyNiemChuong = "KNC"

    /// Whether the award goes to a unit (tập thể) rather than a person.
    public var isCollective: Bool {
        switch self {
        case .ttldtt, .ttldxs, .coBo, .coChinhPhu: true
        default: false
        }
    }

    public var vietnamese: String {
        switch self {
        case .ldtt: "Lao động tiên tiến"
        case .cstdcs: "Chiến sĩ thi đua cơ sở"
        case .cstdBo: "Chiến sĩ thi đua cấp bộ, ngành, tỉnh"
        case .cstdToanQuoc: "Chiến sĩ thi đua toàn quốc"
        case .bangKhenBo: "Bằng khen của Bộ trưởng, Chủ tịch UBND tỉnh"
        case .bangKhenThuTuong: "Bằng khen của Thủ tướng Chính phủ"
        case .ttldtt: "Tập thể lao động tiên tiến"
        case .ttldxs: "Tập thể lao động xuất sắc"
        case .coBo: "Cờ thi đua của Bộ Giáo dục và Đào tạo"
        case .coChinhPhu: "Cờ thi đua của Chính phủ"
        case .kyNiemChuong: "Kỷ niệm chương \"Vì sự nghiệp giáo dục\""
        }
    }
}

/// How far an initiative (sáng kiến) or research topic (đề tài) was recognised to have effect.
public enum WorkScope: String, Codable, Sendable, CaseIterable, Comparable {
    case base
    case province
    case national

    public static func < (a: WorkScope, b: WorkScope) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var vietnamese: String {
        switch self {
        case .base: "cấp cơ sở"
        case .province: "cấp bộ, ngành, tỉnh"
        case .national: "toàn quốc"
        }
    }
}

public enum WorkKind: String, Codable, Sendable, CaseIterable {
    case initiative
    case research

    public var vietnamese: String {
        switch self {
        case .initiative: "sáng kiến"
        case .research: "đề tài nghiên cứu khoa học"
        }
    }
}
