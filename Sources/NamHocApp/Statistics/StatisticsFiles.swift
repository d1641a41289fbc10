import Fluent
import Foundation
import NamHocDomain
import NamHocOffice
import NamHocText
import SQLKit

/// The statistics workbooks filled from the database: a unit's form, or one row per reporting unit of
/// a subtree on the period's tree, each with the figures saved so far (the template and the export are
/// one file). Also reads an uploaded file back into `StatisticsSheet.Read`.
enum StatisticsFiles {
    /// The one-unit workbook: the unit's cells with this period's and last year's figures.
    static func unitWorkbook(_ unit: Unit, period: Period, statistics: StatisticsCatalogue, in db: any Database) async throws -> Download {
        let unitID = try unit.requireID()
        let figures = try await StatisticsStore.figures(of: unitID, period: period.code, in: db)
        var lastYear = Figures()
        if let previous = StatisticsService.lastYearPeriod(period) {
            lastYear = try await StatisticsStore.figures(of: unitID, period: previous.code, in: db)
        }
        let cells = statistics.cells(of: statistics.entered(by: unit, period: period), period: period)
        let name = try await UnitTree.name(of: unit, on: period.first, in: db)
        return try Download.xlsx([StatisticsSheet.unitSheet(unitName: name, unitCode: unit.code, period: period, cells: cells,
                                                            figures: figures, lastYear: lastYear)])
    }

    /// The most rows a units workbook holds: a province's file is ≈ 2.000–7.000 units; the nation's, 57.000
    /// rows of 300 columns, is refused rather than built (one request must not hold a process for minutes).
    static let maxUnitRows = 10_000

    /// The units workbook: every unit of the subtree on the period's day that reports something, one row each.
    static func unitsWorkbook(under root: Unit, period: Period, statistics: StatisticsCatalogue, maxRows: Int = maxUnitRows,
                              in db: any Database) async throws -> Download {
        let day = period.first
        let rows = try await db.sql.raw("""
            WITH RECURSIVE \(UnitTree.subtree(root.requireID(), day))
            SELECT u.id, u.code, COALESCE(un.name, u.name) AS name, u.kind, u.levels, r.status,
              (SELECT COALESCE(pn.name, p.name) FROM unit_links pl JOIN units p ON p.id = pl.parent_id \(UnitTree.namesJoin("p", day, as: "pn"))
               WHERE pl.unit_id = u.id AND \(UnitTree.valid("pl", day)) LIMIT 1) AS parent_name
            FROM sub JOIN units u ON u.id = sub.id \(UnitTree.namesJoin("u", day))
            LEFT JOIN stat_reports r ON r.unit_id = u.id AND r.period = \(bind: period.code)
            WHERE \(UnitTree.valid("u", day))
            ORDER BY sub.depth, \(UnitTree.kindOrder("u")), COALESCE(un.sort_key, u.sort_key), u.code
            """).all(decoding: Member.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard rows.count <= maxRows else {
            throw AppError.invalidField(field: "rows", message: "\(root.name) có \(VietnameseFormat.integer(rows.count)) đơn vị trực thuộc, quá nhiều cho một tệp "
                                        + "(tối đa \(VietnameseFormat.integer(maxRows))): hãy tải biểu của từng đơn vị cấp dưới.")
        }
        let figures = try await StatisticsStore.figures(under: root.requireID(), period: period, in: db)
        var entered: [String: [Indicator]] = [:], reporting: [Indicator] = [], seen = Set<String>()
        var units: [StatisticsSheet.UnitRow] = []
        for member in rows {
            let levels = SchoolLevel.decode(member.levels) ?? []
            let signature = "\(member.kind)|\(member.levels)"
            let indicators = entered[signature] ?? statistics.entered(kind: UnitKind(member.kind), levels: levels, period: period)
            entered[signature] = indicators
            guard !indicators.isEmpty else { continue }
            reporting += indicators.filter { seen.insert($0.code).inserted }
            let reported = Set(indicators.flatMap { indicator in
                [FigureKey(indicator.code)] + indicator.breakdowns.keys.map { FigureKey(indicator.code, $0) }
            })
            units.append(.init(code: member.code, name: member.name, parent: member.parentName ?? "",
                               status: member.status.flatMap(ReportStatus.init(rawValue:))?.nameVI ?? "Chưa có báo cáo",
                               reported: reported, figures: figures[member.id] ?? Figures()))
        }
        let name = try await UnitTree.name(of: root, on: day, in: db)
        return try Download.xlsx([StatisticsSheet.unitsSheet(parentName: name, period: period,
                                                             cells: statistics.cells(of: reporting, period: period), units: units)])
    }

    private struct Member: Decodable {
        var id: UUID
        var code: String
        var name: String
        var kind: String
        var levels: String
        var status: String?
        var parentName: String?
    }

    /// The first sheet of an uploaded XLSX (or CSV) as rows of cells, numbered as a spreadsheet shows them.
    static func read(_ data: Data, filename: String?) throws -> StatisticsSheet.Read {
        var rows: [(Int, [CellValue])] = []
        if filename?.lowercased().hasSuffix(".csv") == true {
            rows = try CSVFile.read(data).enumerated().map { ($0.offset + 1, $0.element.map { CellValue.text($0) }) }
        } else {
            let reader = try XLSXReader(data: data)
            try reader.forEachRow(sheet: reader.sheetNames.first) { rows.append(($0, $1)) }
        }
        return StatisticsSheet.read(rows)
    }

    /// The file name of a workbook: ASCII, from codes and the period.
    static func filename(_ unit: Unit, period: Period, below: Bool) -> String {
        "so-lieu-\(unit.code)\(below ? "-don-vi-truc-thuoc" : "")-\(period.code.replacingOccurrences(of: "/", with: "-"))"
    }
}
