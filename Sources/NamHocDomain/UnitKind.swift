import Foundation

/// Loại đơn vị — the kind of a unit. Kinds are data (a table in the database); these are the codes the
/// system ships with and the ones code may refer to by name.
public struct UnitKind: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Bộ Giáo dục và Đào tạo.
    public static let ministry = UnitKind("ministry")
    /// Sở Giáo dục và Đào tạo.
    public static let department = UnitKind("department")
    /// Phòng Giáo dục và Đào tạo — abolished on 01/07/2025, kept for past years.
    public static let districtOffice = UnitKind("district_office")
    /// UBND xã, phường, đặc khu — oversees preschools, primary and lower-secondary schools since 07/2025.
    public static let commune = UnitKind("commune")
    /// Trường học.
    public static let school = UnitKind("school")
    /// Trung tâm GDNN-GDTX.
    public static let centre = UnitKind("centre")

    /// The kinds seeded by the first migration, with their Vietnamese names.
    public static let builtIn: [(kind: UnitKind, name: String)] = [
        (.ministry, "Bộ Giáo dục và Đào tạo"),
        (.department, "Sở Giáo dục và Đào tạo"),
        (.districtOffice, "Phòng Giáo dục và Đào tạo (trước 01/07/2025)"),
        (.commune, "Xã, phường, đặc khu"),
        (.school, "Trường học"),
        (.centre, "Trung tâm GDNN-GDTX"),
    ]

    /// Kinds that are educational institutions, counted as "schools" on unit pages.
    public var isInstitution: Bool { self == .school || self == .centre }
}
