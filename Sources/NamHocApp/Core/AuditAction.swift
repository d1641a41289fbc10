import Foundation
import NamHocDomain

/// Every kind of write the audit log records, with its Vietnamese name. A new write adds a case here, so
/// the log page can always say what happened.
enum AuditAction: String, CaseIterable, Sendable {
    case create
    case update
    case move
    case updateProfile = "update_profile"
    case resetPassword = "reset_password"
    case endSessions = "end_sessions"
    case demo
    case saveFigures = "save_figures"
    case importFigures = "import_figures"
    case extendCatalogue = "extend_catalogue"
    case submit
    case approve
    case `return`
    case reopen
    case createPlan = "create_plan"
    case updatePlan = "update_plan"
    case addTask = "add_task"
    case editTask = "edit_task"
    case assignTask = "assign_task"
    case adoptTask = "adopt_task"
    case syncTask = "sync_task"
    case saveProgress = "save_progress"
    case importStaff = "import_staff"
    case propose
    case decideAward = "decide_award"
    case createCluster = "create_cluster"
    case register
    case sign
    case score
    case vote

    var nameVI: String {
        switch self {
        case .create: "Tạo mới"
        case .update: "Cập nhật"
        case .move: "Đổi cấp trên"
        case .updateProfile: "Cập nhật thông tin đơn vị"
        case .resetPassword: "Đặt lại mật khẩu"
        case .endSessions: "Đăng xuất khỏi mọi thiết bị"
        case .demo: "Tạo dữ liệu mẫu"
        case .saveFigures: "Lưu số liệu"
        case .importFigures: "Nhập số liệu từ tệp"
        case .extendCatalogue: "Bổ sung danh mục chỉ tiêu"
        case .submit: "Nộp báo cáo"
        case .approve: "Duyệt báo cáo"
        case .return: "Trả lại báo cáo"
        case .reopen: "Mở lại báo cáo"
        case .createPlan: "Lập kế hoạch"
        case .updatePlan: "Sửa thông tin kế hoạch"
        case .addTask: "Thêm nhiệm vụ"
        case .editTask: "Sửa nhiệm vụ"
        case .assignTask: "Giao nhiệm vụ"
        case .adoptTask: "Nhận nhiệm vụ của cấp trên"
        case .syncTask: "Xử lý thay đổi của cấp trên"
        case .saveProgress: "Lưu báo cáo tiến độ"
        case .importStaff: "Nhập hồ sơ thi đua của cán bộ"
        case .propose: "Đề nghị khen thưởng"
        case .decideAward: "Ghi quyết định khen thưởng"
        case .createCluster: "Lập cụm, khối thi đua"
        case .register: "Đăng ký thi đua"
        case .sign: "Ký giao ước thi đua"
        case .score: "Chấm điểm thi đua"
        case .vote: "Ghi kết quả bình xét"
        }
    }

    /// The audit action of a report's workflow step.
    init(_ action: ReportAction) {
        switch action {
        case .save: self = .saveFigures
        case .submit: self = .submit
        case .approve: self = .approve
        case .return: self = .return
        case .reopen: self = .reopen
        }
    }

    /// The name of a stored action; an unknown one (from a newer version) is shown as stored.
    static func nameVI(_ stored: String) -> String { AuditAction(rawValue: stored)?.nameVI ?? stored }
}

/// What kind of record an audit entry is about.
enum AuditEntity: String, Sendable {
    case unit, user, database, report, plan, task, progress, staff, proposal, cluster

    var nameVI: String {
        switch self {
        case .unit: "Đơn vị"
        case .user: "Người dùng"
        case .database: "Cơ sở dữ liệu"
        case .report: "Báo cáo thống kê"
        case .plan: "Kế hoạch"
        case .task: "Nhiệm vụ"
        case .progress: "Báo cáo tiến độ"
        case .staff: "Hồ sơ cán bộ"
        case .proposal: "Đề nghị khen thưởng"
        case .cluster: "Cụm, khối thi đua"
        }
    }

    static func nameVI(_ stored: String) -> String { AuditEntity(rawValue: stored)?.nameVI ?? stored }
}
