import Fluent
import Foundation
import NamHocDomain

/// A unit's parent over an interval of days. A unit has at most one link valid on any day.
final class UnitLink: Model, @unchecked Sendable {
    static let schema = "unit_links"

    // managed fields
    @ID(key: .id) var id: UUID?

    // data fields
    @OptionalField(key: "valid_from") var validFrom: String?
    @OptionalField(key: "valid_to") var validTo: String?

    // relationships
    @Parent(key: "unit_id") var unit: Unit
    @Parent(key: "parent_id") var parent: Unit

    init() {}

    init(id: UUID? = nil, unitID: UUID, parentID: UUID, validity: Validity) {
        self.id = id
        self.$unit.id = unitID
        self.$parent.id = parentID
        self.validFrom = validity.from?.iso
        self.validTo = validity.to?.iso
    }
}
