import Foundation
import NamHocDomain
import NamHocOffice
import NamHocText
import Vapor

/// The dashboard page: `DashboardBody`'s numbers written the Vietnamese way, charts drawn, links made.
struct DashboardPage: Encodable {
    struct Option: Encodable { var value: String; var name: String; var selected: Bool }
    struct Link: Encodable { var name: String; var url: String }
    /// The page around the kept content: the breadcrumbs of who reads it (nil when none: Leaf takes an
    /// empty array for something else).
    struct Shell: Encodable { var crumbs: [Link]?; var content: String }
    struct Card: Encodable { var name: String; var value: String; var lastYear: String; var change: String; var tone: String }
    struct Text: Encodable { var text: String; var tone: String }
    struct Row: Encodable { var name: String; var url: String?; var cells: [Text] }
    struct StatusCount: Encodable { var status: String; var name: String; var count: String }
    struct Target: Encodable { var name: String; var goal: String; var current: String; var lastYear: String; var reached: String; var tone: String }

    var unitName: String
    var unitCode: String
    var periodName: String
    var basisName: String
    var period: String
    var basis: String
    var periods: [Option]
    var bases: [Option]
    var updated: String
    var stamp: String
    var stampURL: String
    var wallURL: String
    var pageURL: String
    var exportURL: String
    var apiURL: String
    var cards: [Card]
    var levelHeader: [String]
    var levels: [Row]
    var heatHeader: [Link]
    var heat: [Row]
    var childLabel: String
    var barsTitle: String
    var barsSVG: String
    var trendSVG: String
    var trendHeader: [String]
    var trend: [Row]
    var expected: String
    var submitted: String
    var approved: String
    var late: String
    var due: String
    var lateMore: String
    var lateUnits: [Row]?
    var hasPlan: Bool
    var planURL: String
    var taskCount: String
    var statusCounts: [StatusCount]
    var overdue: [Link]?
    var targets: [Target]?

    static let barCount = 20, lateCount = 10

    static func model(_ body: DashboardBody, req: Request, periodValue: Period, catalogue: IndicatorCatalogue) -> DashboardPage {
        let code = body.unit.code
        let year = periodValue.schoolYear
        let current = SchoolYear.containing(req.today)
        let periods = (0..<5).map { Period.census(SchoolYear(startYear: current.startYear - $0)) }
        func text(_ value: Double?, _ code: String?) -> String {
            guard let value else { return "—" }
            guard let code, let indicator = catalogue[code] else { return StatisticsText.count(value) }
            // The unit is in the column's header: the cells hold the number alone, rounded as published.
            return StatisticsText.number(value, decimals: indicator.formula?.decimals ?? 0)
        }
        func change(_ percent: Double?) -> (String, String) {
            guard let percent else { return ("", "") }
            let rounded = StatisticsRounding.round(percent, decimals: 1)
            return ((rounded > 0 ? "+" : "") + VietnameseFormat.decimal(rounded) + " %", rounded > 0 ? "up" : rounded < 0 ? "down" : "")
        }
        let measures = Headline.Measure.allCases
        let levelRows = body.levels.map { level in
            let codes = Headline.levels.first { $0.level.rawValue == level.level }?.codes ?? [:]
            return Row(name: level.name, url: nil, cells: measures.map { m in
                Text(text: text(level.values[m.rawValue], codes[m]), tone: "")
            })
        }
        let counts = measures.filter(\.isCount)
        let heatRows = body.children.map { child in
            Row(name: child.name, url: SiteURL.unitDashboard(child.code).url(.period(periodValue), body.basis == .today ? .basis(.today) : nil),
                cells: counts.map { Text(text: text(child.totals[$0.rawValue], nil), tone: "") }
                    + zip(body.columns, child.cells).map { column, cell in Text(text: text(cell.value, column.code), tone: cell.standing ?? "") }
                    + [Text(text: child.expected == 0 ? "—" : "\(VietnameseFormat.integer(child.submitted))/\(VietnameseFormat.integer(child.expected))",
                            tone: child.late > 0 ? "beyond" : "")])
        }
        // The largest children only: a province has hundreds; every one is in the table below the charts.
        let largest = body.children.filter { $0.totals[Headline.Measure.pupils.rawValue] != nil }
            .sorted { ($0.totals[Headline.Measure.pupils.rawValue] ?? 0) > ($1.totals[Headline.Measure.pupils.rawValue] ?? 0) }
        let pupils = largest.prefix(barCount).map { SVGChart.Bar(label: $0.name, value: $0.totals[Headline.Measure.pupils.rawValue], tone: nil) }
        let lateShown = body.completeness.lateUnits.prefix(lateCount)
        let trendPoints = body.trend.map { (label: $0.schoolYear, value: $0.totals[Headline.Measure.pupils.rawValue]) }
        let statuses: [TaskStatus] = [.overdue, .atRisk, .inProgress, .notStarted, .done, .cancelled]
        return DashboardPage(
            unitName: body.unit.name, unitCode: code, periodName: "Năm học \(year.name) – \(periodValue.nameVI.lowercasedFirst)",
            basisName: body.basis.nameVI, period: body.period, basis: body.basis.rawValue,
            periods: periods.map { Option(value: $0.code, name: "Năm học \($0.schoolYear.name)", selected: $0 == periodValue) },
            bases: DashboardBody.Basis.allCases.map { Option(value: $0.rawValue, name: $0.nameVI, selected: $0 == body.basis) },
            updated: VietnameseFormat.dateTime(body.generatedAt), stamp: body.stamp,
            stampURL: SiteURL.unitDashboardStamp(code).url(.period(periodValue), .basis(body.basis)),
            wallURL: SiteURL.unitDashboard(code).url(.period(periodValue), .basis(body.basis), .wall),
            pageURL: SiteURL.unitDashboard(code).url(.period(periodValue), .basis(body.basis)),
            exportURL: SiteURL.unitDashboard(code).url(.period(periodValue), .basis(body.basis), .format("xlsx")),
            apiURL: SiteURL.api(.unitDashboard(code)).url(.period(periodValue), .basis(body.basis)),
            cards: body.headline.map { figure in
                let (words, tone) = change(figure.change)
                return Card(name: figure.name, value: text(figure.value, nil), lastYear: text(figure.lastYear, nil), change: words, tone: tone)
            },
            levelHeader: measures.map(\.nameVI), levels: levelRows,
            heatHeader: counts.map { Link(name: $0.nameVI, url: "") } + body.columns.map { Link(name: $0.name, url: $0.reference ?? "") }
                + [Link(name: "Đã nộp", url: "")],
            heat: heatRows,
            childLabel: body.children.allSatisfy { $0.kind == "school" || $0.kind == "centre" } ? "Trường" : "Đơn vị trực thuộc",
            barsTitle: largest.count > barCount ? "\(barCount) đơn vị trực thuộc đông học sinh nhất (trong \(VietnameseFormat.integer(largest.count)))" : "Học sinh theo đơn vị trực thuộc",
            barsSVG: SVGChart.bars(Array(pupils), id: "bars", title: "Học sinh theo đơn vị trực thuộc",
                                   description: "Số trẻ em, học sinh, học viên của \(pupils.count) đơn vị trực thuộc \(body.unit.name) đông nhất, \(periodValue.nameVI.lowercasedFirst); số liệu của mọi đơn vị ở bảng bên dưới.",
                                   format: StatisticsText.count),
            trendSVG: SVGChart.trend(trendPoints, id: "trend", title: "Học sinh qua năm năm học",
                                     description: "Số trẻ em, học sinh, học viên của \(body.unit.name) qua các năm học; số liệu ở bảng bên cạnh.",
                                     format: StatisticsText.count),
            trendHeader: ["Năm học"] + [Headline.Measure.pupils, .teachers, .classes, .schools].map(\.nameVI),
            trend: body.trend.map { point in
                Row(name: point.schoolYear, url: nil, cells: [Headline.Measure.pupils, .teachers, .classes, .schools].map {
                    Text(text: text(point.totals[$0.rawValue], nil), tone: "")
                })
            },
            expected: VietnameseFormat.integer(body.completeness.expected), submitted: VietnameseFormat.integer(body.completeness.submitted),
            approved: VietnameseFormat.integer(body.completeness.approved), late: VietnameseFormat.integer(body.completeness.late),
            due: body.completeness.due.flatMap(Day.init(iso:))?.vietnamese ?? "",
            lateMore: body.completeness.lateUnits.count > lateCount ? "… và \(VietnameseFormat.integer(body.completeness.lateUnits.count - lateCount)) đơn vị khác (xem bảng đơn vị trực thuộc)" : "",
            lateUnits: lateShown.map {
                Row(name: $0.name, url: SiteURL.unitStatistics($0.code).url(.period(periodValue)),
                    cells: [Text(text: VietnameseFormat.integer($0.late), tone: "beyond"), Text(text: VietnameseFormat.integer($0.expected), tone: "")])
            }.nonEmpty,
            hasPlan: body.tasks != nil, planURL: SiteURL.unitPlan(code).url(.year(year)),
            taskCount: VietnameseFormat.integer(body.tasks?.total ?? 0),
            statusCounts: statuses.map { StatusCount(status: $0.rawValue, name: $0.nameVI, count: VietnameseFormat.integer(body.tasks?.counts[$0.rawValue] ?? 0)) },
            overdue: body.tasks?.overdue.map {
                Link(name: "\($0.label). \($0.title)" + ($0.deadline.flatMap(Day.init(iso:)).map { " (hạn \($0.vietnamese))" } ?? ""),
                     url: SiteURL.unitPlanTask(code, $0.id.uuidString).url(.year(year)))
            }.nonEmpty,
            targets: body.targets.map { target in
                let goal = (target.kind == "increase" ? "tăng " : "đạt ") + text(target.value, target.indicator)
                return Target(name: target.name, goal: goal, current: text(target.current, target.indicator), lastYear: text(target.lastYear, target.indicator),
                              reached: target.reached.map { $0 ? "Đạt" : "Chưa đạt" } ?? "Chưa có số liệu",
                              tone: target.reached.map { $0 ? "within" : "beyond" } ?? "")
            }.nonEmpty)
    }
}

extension DashboardPage {
    /// "Xuất Excel": every table of the page, numbers as numbers, one sheet each.
    static func sheets(_ body: DashboardBody) -> [SheetSpec] {
        let title = "\(body.unit.name) – \(body.periodName) – \(body.basis.nameVI)"
        func number(_ value: Double?) -> CellValue { value.map(CellValue.number) ?? .empty }
        let measures = Headline.Measure.allCases, counts = measures.filter(\.isCount)
        return [
            SheetSpec(name: "Chỉ tiêu chủ yếu", titleRows: [title], header: ["Chỉ tiêu", "Năm nay", "Năm trước", "Thay đổi (%)"],
                      rows: body.headline.map { [.text($0.name), number($0.value), number($0.lastYear), number($0.change.map { StatisticsRounding.round($0, decimals: 1) })] }),
            SheetSpec(name: "Theo cấp học", titleRows: [title], header: ["Cấp học"] + measures.map(\.nameVI),
                      rows: body.levels.map { level in [.text(level.name)] + measures.map { number(level.values[$0.rawValue]) } }),
            SheetSpec(name: "Đơn vị trực thuộc", titleRows: [title],
                      header: ["Mã", "Tên"] + counts.map(\.nameVI) + body.columns.map(\.name) + ["Phải nộp", "Đã nộp", "Đã duyệt", "Muộn"],
                      rows: body.children.map { child in
                          [.text(child.code), .text(child.name)] + counts.map { number(child.totals[$0.rawValue]) } + child.cells.map { number($0.value) }
                              + [.integer(child.expected), .integer(child.submitted), .integer(child.approved), .integer(child.late)]
                      }),
            SheetSpec(name: "Năm năm học", titleRows: [title], header: ["Năm học"] + counts.map(\.nameVI),
                      rows: body.trend.map { point in [.text(point.schoolYear)] + counts.map { number(point.totals[$0.rawValue]) } }),
            SheetSpec(name: "Nhiệm vụ", titleRows: [title], header: ["Trạng thái", "Số nhiệm vụ"],
                      rows: TaskStatus.allCases.map { [.text($0.nameVI), .integer(body.tasks?.counts[$0.rawValue] ?? 0)] }),
            SheetSpec(name: "Chỉ tiêu kế hoạch", titleRows: [title], header: ["Chỉ tiêu", "Loại", "Mục tiêu", "Năm nay", "Năm trước", "Kết quả"],
                      rows: body.targets.map { target in
                          [.text(target.name), .text(target.kind == "increase" ? "Tăng" : "Đạt"), .number(target.value), number(target.current), number(target.lastYear),
                           .text(target.reached.map { $0 ? "Đạt" : "Chưa đạt" } ?? "Chưa có số liệu")]
                      }),
        ]
    }
}
