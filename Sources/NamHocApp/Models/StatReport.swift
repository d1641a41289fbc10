import Fluent
import Foundation
import NamHocDomain

/// Báo cáo thống kê of a unit for a period, and where it stands in the workflow.
final class StatReport: Model, @unchecked Sendable {
    static let schema = "stat_reports"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "period") var period: String
    @Field(key: "status") var status: String
    /// JSON object: finding key → the written explanation of that warning.
    @OptionalField(key: "explanations") var explanations: String?
    /// The last reason given for returning or reopening it.
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "approved_at") var approvedAt: Date?

    // relationships
    @Parent(key: "unit_id") var unit: Unit

    init() {}

    init(unitID: UUID, period: String) {
        self.$unit.id = unitID
        self.period = period
        self.status = ReportStatus.draft.rawValue
    }

    var reportStatus: ReportStatus { ReportStatus(rawValue: status) ?? .draft }

    var explanationMap: [String: String] {
        get { explanations.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:] }
        set {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            explanations = newValue.isEmpty ? nil : (try? encoder.encode(newValue)).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
