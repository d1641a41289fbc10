import Foundation

/// The yearly rating of a person or a unit (xếp loại chất lượng), on which every title builds:
/// hoàn thành xuất sắc > hoàn thành tốt > hoàn thành > không hoàn thành nhiệm vụ (NĐ 90/2020 as amended by
/// NĐ 48/2023; NĐ 233/2026 for viên chức from 01/07/2026 — the four grades did not change).
public enum Rating: String, Codable, Sendable, CaseIterable, Comparable {
    case htxsnv = "HTXSNV"
    case httnv = "HTTNV"
    case htnv = "HTNV"
    case khtnv = "KHTNV"

    private var rank: Int {
        switch self {
        case .khtnv: 0
        case .htnv: 1
        case .httnv: 2
        case .htxsnv: 3
        }
    }

    public static func < (a: Rating, b: Rating) -> Bool { a.rank < b.rank }

    public var vietnamese: String {
        switch self {
        case .htxsnv: "Hoàn thành xuất sắc nhiệm vụ"
        case .httnv: "Hoàn thành tốt nhiệm vụ"
        case .htnv: "Hoàn thành nhiệm vụ"
        case .khtnv: "Không hoàn thành nhiệm vụ"
        }
    }
}

/// Forms of discipline (hình thức kỷ luật), lightest first; collectives' rules bite from cảnh cáo up.
public enum DisciplineForm: String, Codable, Sendable, CaseIterable, Comparable {
    case reprimand = "khien-trach"
    case warning = "canh-cao"
    case salaryDowngrade = "ha-bac-luong"
    case dismissalFromPost = "cach-chuc"
    case dismissal = "buoc-thoi-viec"

    public static func < (a: DisciplineForm, b: DisciplineForm) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var vietnamese: String {
        switch self {
        case .reprimand: "khiển trách"
        case .warning: "cảnh cáo"
        case .salaryDowngrade: "hạ bậc lương"
        case .dismissalFromPost: "cách chức"
        case .dismissal: "buộc thôi việc"
        }
    }
}
