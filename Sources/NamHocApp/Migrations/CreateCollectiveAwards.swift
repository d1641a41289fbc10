import Fluent
import SQLKit

/// Collective titles: the yearly rating of a unit (given by the unit above) and proposals of a unit for a
/// collective title or flag, with the decision of the authority.
struct CreateCollectiveAwards: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("unit_ratings")
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("school_year", .string, .required)
            .field("rating", .string, .required)
            .field("rated_by", .string, .required)
            .unique(on: "unit_id", "school_year")
            .create()
        try await database.schema("collective_proposals")
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("school_year", .string, .required)
            .field("award", .string, .required)
            .field("rule_set", .string, .required)
            .field("verdict", .string, .required)
            .field("proposed_by", .string, .required)
            .field("proposed_at", .datetime, .required)
            .field("decision", .string)
            .field("decided_on", .string)
            .field("signer", .string)
            .unique(on: "unit_id", "school_year", "award")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("collective_proposals").delete()
        try await database.schema("unit_ratings").delete()
    }
}
