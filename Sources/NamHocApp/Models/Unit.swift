import Fluent
import Foundation
import NamHocDomain

/// Đơn vị — a node of the unit tree: the ministry, a department, a commune, a school, a centre.
/// Its place in the tree lives in `UnitLink`, valid over dates, so a unit keeps its history when the
/// tree changes (the 2025 reform).
final class Unit: Model, @unchecked Sendable {
    static let schema = "units"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    /// Lower-case, no diacritics, đ → d: what search compares against.
    @Field(key: "search_key") var searchKey: String
    /// ASCII key whose byte order is Vietnamese order, the same on both engines.
    @Field(key: "sort_key") var sortKey: String
    @Field(key: "kind") var kind: String
    /// "TH,THCS" — the levels taught, empty for bodies that teach nothing.
    @Field(key: "levels") var levels: String
    @OptionalField(key: "ownership") var ownership: String?
    @OptionalField(key: "valid_from") var validFrom: String?
    @OptionalField(key: "valid_to") var validTo: String?
    // profile: the unit's own contact data, written by its own staff
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "head_name") var headName: String?

    init() {}

    init(id: UUID? = nil, code: String, name: String, kind: UnitKind, levels: Set<SchoolLevel> = [],
         ownership: Ownership? = nil, validity: Validity = .always) {
        self.id = id
        self.code = code
        self.kind = kind.rawValue
        self.levels = SchoolLevel.encode(levels)
        self.ownership = ownership?.rawValue
        self.validFrom = validity.from?.iso
        self.validTo = validity.to?.iso
        self.name = ""
        self.searchKey = ""
        self.sortKey = ""
        rename(name)
    }

    /// Sets the name and the keys derived from it, so they can never disagree.
    func rename(_ newName: String) {
        name = TextKeys.clean(newName)
        searchKey = TextKeys.search(name)
        sortKey = TextKeys.sort(name)
    }

    var unitKind: UnitKind { UnitKind(kind) }
    var levelSet: Set<SchoolLevel> { SchoolLevel.decode(levels) ?? [] }
    var validity: Validity { Validity(from: validFrom.flatMap(Day.init(iso:)), to: validTo.flatMap(Day.init(iso:))) }
}
