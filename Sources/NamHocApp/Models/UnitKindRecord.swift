import Fluent
import Foundation

/// A row of the kinds table: kinds are data, so an administrator can add one without a release.
final class UnitKindRecord: Model, @unchecked Sendable {
    static let schema = "unit_kinds"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String

    init() {}
    init(code: String, name: String) {
        self.id = code
        self.name = name
    }
}
