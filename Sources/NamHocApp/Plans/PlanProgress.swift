import Crypto
import Fluent
import Foundation
import NamHocDomain
import Vapor

/// Progress reports on a unit's tasks: saved and submitted by the unit, accepted (`approve`) or returned
/// with a comment by a leader of the unit directly above — the statistics reports' workflow, without a
/// window (a period's report may come late; lateness is what the attention views show). Evidence is a
/// link or a file kept in the database with its size and checksum.
enum PlanProgress {
    /// What the unit writes in a report.
    struct Fields: Codable, Sendable {
        var status: TaskStatus
        var percent: Int
        var narrative: String = ""
        var difficulties: String = ""
        var proposals: String = ""
    }

    /// A file of evidence as uploaded.
    struct Upload: Sendable {
        var name: String
        var data: Data
    }

    static let maxFileSize = 10 * 1024 * 1024
    static let maxEvidence = 10

    /// Saves the unit's report on `task` for `period`, and submits it when `submit`.
    static func save(_ fields: Fields, task: PlanTask, unit: Unit, period: Period, submit: Bool, actor: ReportActor,
                     links: [String] = [], files: [Upload] = [], by auditActor: AuditActor, now: Date, on db: any Database) async throws -> TaskReport {
        var problems = ProgressRules.problems(status: fields.status, percent: fields.percent, period: period, today: Day.today(now: now))
        for (name, text) in [("Kết quả", fields.narrative), ("Khó khăn", fields.difficulties), ("Kiến nghị", fields.proposals)] where text.count > 20_000 {
            problems.append("\(name) dài quá 20.000 ký tự.")
        }
        let evidence = try links.map(link) + files.map(file)
        guard problems.isEmpty else { throw AppError.invalidField(field: "report", message: problems.joined(separator: " ")) }
        let taskID = try task.requireID(), unitID = try unit.requireID()
        let report = try await TaskReport.query(on: db).filter(\.$task.$id == taskID).filter(\.$period == period.code).first()
            ?? TaskReport(taskID: taskID, unitID: unitID, period: period.code)
        let existing = report.id == nil ? 0 : try await TaskEvidence.query(on: db).filter(\.$report.$id == report.requireID()).count()
        guard existing + evidence.count <= maxEvidence else {
            throw AppError.invalidField(field: "evidence", message: "Mỗi báo cáo có nhiều nhất \(maxEvidence) minh chứng.")
        }
        var status = try transition(report.reportState, .save, actor: actor, comment: nil)
        if submit { status = try transition(status, .submit, actor: actor, comment: nil) }
        let before = snapshot(report)
        report.taskStatus = fields.status.rawValue
        report.percent = fields.percent
        report.narrative = fields.narrative
        report.difficulties = fields.difficulties
        report.proposals = fields.proposals
        report.state = status.rawValue
        if submit { report.submittedAt = now }
        try await db.transaction { tx in
            try await report.save(on: tx)
            for item in evidence {
                item.$report.id = try report.requireID()
                try await item.save(on: tx)
            }
            try await AuditLog.record(.entry(submit ? .submit : .saveProgress, .progress, record: "\(unit.code) #\(task.number) \(period.code)",
                                             unitID: unitID, before: before, after: snapshot(report)), by: auditActor, on: tx)
        }
        return report
    }

    /// The report on `task` for `period`; 409 where there is none yet (nothing to accept or return).
    static func report(of task: PlanTask, period: Period, on db: any Database) async throws -> TaskReport {
        guard let report = try await TaskReport.query(on: db).filter(\.$task.$id == task.requireID()).filter(\.$period == period.code).first() else {
            throw AppError.workflowRefused("Chưa có báo cáo tiến độ \(period.nameVI) của nhiệm vụ này.", status: .conflict)
        }
        return report
    }

    /// Accepts (`approve`) or returns a submitted report; returning needs a comment.
    static func review(_ report: TaskReport, _ action: ReportAction, comment: String?, unit: Unit, actor: ReportActor,
                       by auditActor: AuditActor, now: Date, on db: any Database) async throws {
        let before = snapshot(report)
        report.state = try transition(report.reportState, action, actor: actor, comment: comment).rawValue
        report.comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        report.reviewedAt = now
        try await db.transaction { tx in
            try await report.save(on: tx)
            try await AuditLog.record(.entry(AuditAction(action), .progress, record: "\(unit.code) \(report.period)", unitID: unit.id,
                                             before: before, after: snapshot(report)), by: auditActor, on: tx)
        }
    }

    private static func transition(_ from: ReportStatus, _ action: ReportAction, actor: ReportActor, comment: String?) throws -> ReportStatus {
        let context = ReportWorkflow.Context(actor: actor, warningsExplained: true, windowOpen: true, reason: comment)
        switch ReportWorkflow.transition(from: from, action, context: context) {
        case .success(let status): return status
        case .failure(let refusal):
            throw AppError.refused(refusal, message: refusal.messageVI.replacingOccurrences(of: "báo cáo", with: "báo cáo tiến độ"))
        }
    }

    private static func snapshot(_ report: TaskReport) -> [String: String] {
        ["status": report.state, "taskStatus": report.taskStatus, "percent": String(report.percent)]
    }

    /// A link must be http(s) and short.
    private static func link(_ text: String) throws -> TaskEvidence {
        let url = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard url.count <= 2_000, let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
              parsed.host?.isEmpty == false else {
            throw AppError.invalidField(field: "evidence", message: "Liên kết minh chứng \"\(url.prefix(80))\" không hợp lệ (cần bắt đầu bằng http:// hoặc https://).")
        }
        let evidence = TaskEvidence()
        evidence.kind = "link"
        evidence.name = url
        evidence.url = url
        evidence.size = 0
        return evidence
    }

    /// A file is kept only if it is what its name says: PDF, Word, Excel, JPEG or PNG, up to 10 MB.
    private static func file(_ upload: Upload) throws -> TaskEvidence {
        let name = String(upload.name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "").prefix(200)
        guard upload.data.count <= maxFileSize else {
            throw AppError.invalidField(field: "evidence", message: "Tệp \"\(name)\" lớn hơn 10 MB.")
        }
        guard let type = contentType(of: String(name), data: upload.data) else {
            throw AppError.invalidField(field: "evidence",
                                        message: "Tệp \"\(name)\" không được nhận: chỉ nhận PDF, Word (.docx), Excel (.xlsx), ảnh JPEG hoặc PNG, đúng với nội dung tệp.")
        }
        let evidence = TaskEvidence()
        evidence.kind = "file"
        evidence.name = String(name)
        evidence.contentType = type
        evidence.size = upload.data.count
        evidence.sha256 = SHA256.hash(data: upload.data).map { String(format: "%02x", $0) }.joined()
        evidence.data = upload.data
        return evidence
    }

    /// The content type of an accepted file: the extension and the first bytes must agree.
    static func contentType(of name: String, data: Data) -> String? {
        let bytes = [UInt8](data.prefix(8))
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes.prefix(magic.count)) == magic }
        switch name.split(separator: ".").last?.lowercased() {
        case "pdf": return starts([0x25, 0x50, 0x44, 0x46]) ? "application/pdf" : nil
        case "docx": return starts([0x50, 0x4B, 0x03, 0x04]) ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : nil
        case "xlsx": return starts([0x50, 0x4B, 0x03, 0x04]) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : nil
        case "jpg", "jpeg": return starts([0xFF, 0xD8, 0xFF]) ? "image/jpeg" : nil
        case "png": return starts([0x89, 0x50, 0x4E, 0x47]) ? "image/png" : nil
        default: return nil
        }
    }
}
