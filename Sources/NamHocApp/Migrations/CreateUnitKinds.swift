import Fluent
import NamHocDomain

struct CreateUnitKinds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UnitKindRecord.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .create()
        for (kind, name) in UnitKind.builtIn {
            try await UnitKindRecord(code: kind.rawValue, name: name).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnitKindRecord.schema).delete()
    }
}
