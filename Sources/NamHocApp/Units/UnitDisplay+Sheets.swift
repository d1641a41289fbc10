import NamHocOffice

/// The unit tables of the pages as Excel sheets: the same lines, numbers as numbers.
extension UnitDisplay {
    enum LastColumn { case parentName, childCount }

    /// A unit list (search results, or the units under one unit).
    func unitSheet(_ rows: [UnitTree.Row], title: String, last: LastColumn) -> SheetSpec {
        SheetSpec(
            name: "Đơn vị", titleRows: [title],
            header: ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Cấp học", "Loại hình",
                     last == .parentName ? "Đơn vị cấp trên" : "Số đơn vị trực thuộc"],
            rows: rows.map { row in
                [.text(row.code), .text(row.name), .text(kindName(row.kind)), .text(levels(row.levels)), .text(ownership(row.ownership)),
                 last == .parentName ? .text(row.parentName ?? "") : row.childCount.map(CellValue.integer) ?? .empty]
            },
            columnWidths: [14, 48, 22, 16, 16, last == .parentName ? 40 : 12])
    }

    /// The "schools by kind" table.
    static func countSheet(_ lines: [CountLine], title: String) -> SheetSpec {
        SheetSpec(name: "Trường theo loại", titleRows: [title], header: ["Loại", "Công lập", "Ngoài công lập", "Tổng"],
                  rows: lines.map { [.text($0.label), .integer($0.publicCount), .integer($0.nonPublicCount), .integer($0.total)] },
                  columnWidths: [40, 12, 16, 12])
    }
}
