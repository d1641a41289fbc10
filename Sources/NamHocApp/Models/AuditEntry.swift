import Fluent
import Foundation

/// Nhật ký — one write: who, when, which record, and the values before and after (JSON).
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_log"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date

    // data fields
    /// nil for the command line and system jobs.
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    /// The unit whose subtree the record belongs to, so an admin sees the entries of their subtree only.
    @OptionalField(key: "unit_id") var unitID: UUID?
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @Field(key: "record") var record: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?

    init() {}
}
