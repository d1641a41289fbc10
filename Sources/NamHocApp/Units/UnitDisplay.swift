import Fluent
import NamHocDomain
import NamHocText

/// Turns stored values into what people read: kind names, level labels, Vietnamese dates and numbers.
struct UnitDisplay {
    let kindNames: [String: String]

    static func load(on db: any Database) async throws -> UnitDisplay {
        let kinds = try await UnitKindRecord.query(on: db).all()
        return UnitDisplay(kindNames: Dictionary(kinds.compactMap { k in k.id.map { ($0, k.name) } }, uniquingKeysWith: { a, _ in a }))
    }

    func kindName(_ kind: String) -> String { kindNames[kind] ?? kind }

    func levels(_ stored: String) -> String {
        guard let set = SchoolLevel.decode(stored), !set.isEmpty else { return "" }
        return SchoolLevel.label(set)
    }

    func ownership(_ stored: String?) -> String {
        stored.flatMap(Ownership.init(rawValue:))?.nameVI ?? ""
    }

    static func validity(from: String?, to: String?) -> String {
        let f = from.flatMap(Day.init(iso:))?.vietnamese, t = to.flatMap(Day.init(iso:))?.vietnamese
        switch (f, t) {
        case (nil, nil): return "Không thời hạn"
        case (let f?, nil): return "Từ \(f)"
        case (nil, let t?): return "Đến \(t)"
        case (let f?, let t?): return "Từ \(f) đến \(t)"
        }
    }

    /// One line of a unit list.
    struct Item: Encodable {
        var code: String
        var name: String
        var url: String
        var kind: String
        var levels: String
        var ownership: String
        var parentName: String?
        var childCount: String?
    }

    func item(_ row: UnitTree.Row, day: QueryItem?) -> Item {
        Item(code: row.code, name: row.name, url: SiteURL.unit(row.code).url(day), kind: kindName(row.kind),
             levels: levels(row.levels), ownership: ownership(row.ownership), parentName: row.parentName,
             childCount: row.childCount.map { VietnameseFormat.integer($0) })
    }

    /// The "schools by kind" table of a unit page: one line per level label, public / non-public / total.
    struct CountLine: Encodable {
        var label: String
        var publicCount: Int
        var nonPublicCount: Int
        var total: Int { publicCount + nonPublicCount }

        enum CodingKeys: String, CodingKey { case label, publicCount, nonPublicCount, total }

        /// Templates get the numbers formatted the Vietnamese way ("1.234"); sheets get them as numbers.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(label, forKey: .label)
            try c.encode(VietnameseFormat.integer(publicCount), forKey: .publicCount)
            try c.encode(VietnameseFormat.integer(nonPublicCount), forKey: .nonPublicCount)
            try c.encode(VietnameseFormat.integer(total), forKey: .total)
        }
    }

    func countLines(_ groups: [UnitTree.InstitutionGroup]) -> [CountLine] {
        var table: [String: (Int, Int)] = [:]
        for group in groups {
            let set = SchoolLevel.decode(group.levels) ?? []
            let label: String
            if group.kind == UnitKind.centre.rawValue { label = "Trung tâm GDNN-GDTX" }
            else if set.count > 1 { label = "Trường nhiều cấp học (\(SchoolLevel.label(set)))" }
            else { label = set.first.map { "Trường \($0.nameVI)" } ?? "Khác" }
            var entry = table[label, default: (0, 0)]
            if group.ownership == Ownership.nonPublic.rawValue { entry.1 += group.count } else { entry.0 += group.count }
            table[label] = entry
        }
        let order = ["Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở", "Trường Trung học phổ thông"]
        let labels = table.keys.sorted { a, b in
            let ia = order.firstIndex(of: a) ?? order.count, ib = order.firstIndex(of: b) ?? order.count
            return ia != ib ? ia < ib : VietnameseText.compare(a, b) == .orderedAscending
        }
        var lines = labels.map { label in CountLine(label: label, publicCount: table[label]!.0, nonPublicCount: table[label]!.1) }
        lines.append(CountLine(label: "Tổng cộng", publicCount: table.values.reduce(0) { $0 + $1.0 },
                               nonPublicCount: table.values.reduce(0) { $0 + $1.1 }))
        return lines
    }
}
