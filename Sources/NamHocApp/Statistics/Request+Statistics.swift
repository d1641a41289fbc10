import Foundation
import NamHocDomain
import Vapor

extension Request {
    /// `?period=2024-2025/census` (or the body's `period`): a reporting period of the statistics forms.
    func statisticsPeriod(_ code: String?) throws -> Period {
        guard let code, !code.isEmpty else {
            throw AppError.invalidField(field: "period", message: "Thiếu kỳ báo cáo (dạng 2024-2025/census hoặc 2024-2025/end).")
        }
        guard let period = Period(reportingCode: code) else {
            throw AppError.invalidField(field: "period",
                message: "Kỳ báo cáo \"\(code)\" không hợp lệ: 2024-2025/census (đầu năm, số liệu ngày 30/9) hoặc 2024-2025/end (cuối năm, ngày 31/5).")
        }
        return period
    }

    /// Who the signed-in user is to a unit's report: its own officer or leader, the leader of the unit
    /// directly above it, other staff of a unit above (who may enter a draft on its behalf), or someone
    /// else. Judged on today's tree.
    func reportActor(for unit: Unit) async throws -> ReportActor {
        let user = try requireUser()
        if user.$unit.id == unit.id { return user.userRole == .leader ? .ownLeader : user.userRole == .viewer ? .other : .ownOfficer }
        let ancestry = try await UnitTree.ancestry(of: unit.requireID(), on: today, in: db)
        return ReportActor(role: user.userRole, unitID: user.$unit.id, ancestry: ancestry)
    }
}

extension Request {
    /// Saves the unit's draft as the signed-in person: the page and the API alike. Checked on today's
    /// tree and on the period's (`authorize`), then by the workflow.
    func saveFigures(_ figures: Figures, explanations: [String: String], of unit: Unit, period: Period) async throws -> StatisticsService.Saved {
        try await authorize(.write, on: unit, period: period)
        return try await StatisticsService.save(figures, explanations: explanations, unit: unit, period: period,
                                                actor: try await reportActor(for: unit), by: AuditActor(try requireUser()),
                                                statistics: try await statistics(), today: today, on: db)
    }

    /// Nộp, duyệt, trả lại, mở lại as the signed-in person: the page and the API alike.
    func takeReportStep(_ action: ReportAction, of unit: Unit, period: Period, reason: String?) async throws -> ReportStatus {
        try await authorize(action == .submit ? .write : .approve, on: unit, period: period)
        return try await StatisticsService.act(action, unit: unit, period: period, actor: try await reportActor(for: unit), reason: reason,
                                               by: AuditActor(try requireUser()), statistics: try await statistics(), now: now, on: db)
    }
}
