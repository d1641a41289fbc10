import Fluent

/// The catalogue files administrators applied (`namhoc stats catalogue`), in the order applied: the
/// catalogue every process serves is the shipped one extended by each of them.
struct CreateStatCatalogueFiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("stat_catalogue_files")
            .id()
            .field("applied_at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("file_name", .string, .required)
            .field("content", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stat_catalogue_files").delete()
    }
}
