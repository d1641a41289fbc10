import Foundation

/// What the audit log keeps of a unit before and after a write.
struct UnitSnapshot: Codable, Equatable, Sendable {
    var code: String
    var name: String
    var kind: String
    var levels: String
    var ownership: String?
    var validFrom: String?
    var validTo: String?
    var address: String?
    var phone: String?
    var email: String?
    var headName: String?
    var parentCode: String?

    init(_ unit: Unit, parentCode: String?) {
        code = unit.code
        name = unit.name
        kind = unit.kind
        levels = unit.levels
        ownership = unit.ownership
        validFrom = unit.validFrom
        validTo = unit.validTo
        address = unit.address
        phone = unit.phone
        email = unit.email
        headName = unit.headName
        self.parentCode = parentCode
    }
}
