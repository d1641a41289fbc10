import Fluent
import SQLKit
import Vapor

/// One migration per change, in the order they shipped. Never edit a shipped one: add another.
func registerMigrations(_ app: Application) {
    app.migrations.add(CreateUnitKinds())
    app.migrations.add(CreateUnits())
    app.migrations.add(CreateUnitLinks())
    app.migrations.add(CreateUsers())
    app.migrations.add(CreateAPITokens())
    app.migrations.add(CreateLoginFailures())
    app.migrations.add(CreateAuditLog())
    app.migrations.add(SessionRecord.migration)
    app.migrations.add(UpdateUsersAddStanding())
    app.migrations.add(CreateUnitNames())
    app.migrations.add(CreateStatReports())
    app.migrations.add(CreateStatValues())
    app.migrations.add(CreateStatSums())
    app.migrations.add(CreateStatWindows())
    app.migrations.add(CreateStatProgress())
    app.migrations.add(CreateStatCatalogueFiles())
    app.migrations.add(UpdateStatSumsAboveUnits())
    app.migrations.add(UpdateUnitLinksValidityIndexes())
    app.migrations.add(CreatePlans())
    app.migrations.add(CreateStatComparable())
    app.migrations.add(CreateUnitClosure())
    app.migrations.add(CreateDataVersion())
    app.migrations.add(CreateEmulation())
    app.migrations.add(CreateEmulationClusters())
    app.migrations.add(CreateCollectiveAwards())
}

extension Database {
    var sql: any SQLDatabase { self as! any SQLDatabase }
    var isPostgres: Bool { sql.dialect.name == "postgresql" }
}

extension SQLDatabase {
    /// CREATE INDEX in the dialect both engines accept.
    func createIndex(_ name: String, on table: String, _ columns: [String], unique: Bool = false) async throws {
        let list = columns.joined(separator: ", ")
        try await raw(SQLQueryString("CREATE \(unsafeRaw: unique ? "UNIQUE " : "")INDEX \(ident: name) ON \(ident: table) (\(unsafeRaw: list))")).run()
    }
}
