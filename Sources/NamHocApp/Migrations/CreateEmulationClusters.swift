import Fluent
import SQLKit

/// Emulation clusters and blocks (cụm, khối thi đua) of a year: members, registrations, the agreement's
/// signatures, score sheets by stage, the vote.
struct CreateEmulationClusters: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("emulation_clusters")
            .id()
            .field("organiser_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("school_year", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("head_id", .uuid, .references(Unit.schema, "id"))
            .field("deputy_id", .uuid, .references(Unit.schema, "id"))
            .field("criteria", .string, .required)
            .field("agreement", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "organiser_id", "school_year", "name")
            .create()
        try await database.schema("cluster_members")
            .field("cluster_id", .uuid, .required, .references("emulation_clusters", "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .unique(on: "cluster_id", "unit_id")
            .create()
        try await database.sql.createIndex("cluster_members_unit", on: "cluster_members", ["unit_id"])
        try await database.schema("cluster_registrations")
            .field("cluster_id", .uuid, .required, .references("emulation_clusters", "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("award", .string, .required)
            .field("models", .string, .required)
            .field("targets", .string, .required)
            .field("registered_by", .string, .required)
            .field("registered_at", .datetime, .required)
            .unique(on: "cluster_id", "unit_id")
            .create()
        try await database.schema("cluster_signatures")
            .field("cluster_id", .uuid, .required, .references("emulation_clusters", "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("signed_by", .string, .required)
            .field("signed_at", .datetime, .required)
            .unique(on: "cluster_id", "unit_id")
            .create()
        try await database.schema("cluster_scores")
            .field("cluster_id", .uuid, .required, .references("emulation_clusters", "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("stage", .string, .required)
            .field("scorer_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("points", .string, .required)
            .field("evidence", .string, .required)
            .field("scored_by", .string, .required)
            .field("scored_at", .datetime, .required)
            .unique(on: "cluster_id", "unit_id", "stage", "scorer_id")
            .create()
        try await database.schema("cluster_votes")
            .field("cluster_id", .uuid, .required, .references("emulation_clusters", "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("votes", .int, .required)
            .field("leads", .bool, .required)
            .unique(on: "cluster_id", "unit_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["cluster_votes", "cluster_scores", "cluster_signatures", "cluster_registrations", "cluster_members", "emulation_clusters"] {
            try await database.schema(table).delete()
        }
    }
}
