import Fluent
import Foundation
import NamHocDomain
import NamHocText
import NamHocOffice
import Vapor

/// Báo cáo giao ban of a unit for a period, generated from the period's progress reports and the
/// statistics: results per key task (the unit's own report and how many units below carry it and how
/// far they are), figures with their change against last year, difficulties and proposals gathered from
/// the reports, and the tasks of the next period. The officer edits each section on the page, then gets
/// the DOCX in the Nghị định 30/2020 layout or a printable page.
enum Briefing {
    struct Section: Codable, Sendable, Equatable {
        var heading: String
        var text: String
    }

    static func sections(of plan: Plan, unit: Unit, period: Period, today: Day, statistics: StatisticsCatalogue,
                         on db: any Database) async throws -> [Section] {
        let body = try await PlanView.body(of: plan, unit: unit, today: today, statistics: statistics, on: db)
        let keyTasks = body.tasks.filter { $0.parentID == nil }
        let ids = keyTasks.map(\.id)
        let reports = try await TaskReport.query(on: db).filter(\.$task.$id ~~ ids).filter(\.$period == period.code).all()
        let own = Dictionary(reports.map { ($0.$task.id, $0) }, uniquingKeysWith: { a, _ in a })
        var results: [String] = [], difficulties: [String] = [], proposals: [String] = [], next: [String] = []
        for task in keyTasks {
            var line = "\(task.label). \(task.title): \(task.status == TaskStatus.done.rawValue ? "đã hoàn thành" : task.statusName.lowercased())"
            if let report = own[task.id] {
                line += (task.status == TaskStatus.done.rawValue ? "." : ", đạt \(report.percent) %.") + (report.narrative.isEmpty ? "" : " " + report.narrative)
                if !report.difficulties.isEmpty { difficulties.append("- \(task.title): \(report.difficulties)") }
                if !report.proposals.isEmpty { proposals.append("- \(report.proposals)") }
            } else {
                line += "; chưa có báo cáo \(period.nameVI)."
            }
            let below = try await PlanStore.cascade(from: task.id, today: today, on: db).filter { $0.depth == 1 }
            if !below.isEmpty {
                let counts = Dictionary(grouping: below, by: { $0.status?.nameVI.lowercased() ?? "chưa nhận" }).mapValues(\.count)
                line += " Các đơn vị trực thuộc (\(below.count)): " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "."
                difficulties += try await belowDifficulties(of: below, period: period, on: db)
            }
            for target in task.targets {
                line += " Chỉ tiêu \(target.name) \(target.kind == "increase" ? "tăng" : "đạt") \(VietnameseFormat.decimal(target.value)): "
                    + (target.reached.map { $0 ? "đạt." : "chưa đạt." } ?? "chưa có số liệu.")
            }
            results.append(line)
            if TaskStatus(rawValue: task.status)?.isClosed == false {
                next.append("- \(task.title)" + (task.deadlineVI.map { " (thời hạn \($0))" } ?? ""))
            }
        }
        return [
            Section(heading: "KẾT QUẢ THỰC HIỆN NHIỆM VỤ \(period.nameVI.uppercased())", text: results.joined(separator: "\n")),
            Section(heading: "SỐ LIỆU THỐNG KÊ", text: try await figures(of: unit, year: SchoolYear(plan.schoolYear) ?? SchoolYear.containing(today),
                                                                        statistics: statistics, on: db)),
            Section(heading: "KHÓ KHĂN, VƯỚNG MẮC", text: difficulties.isEmpty ? "Không có." : difficulties.joined(separator: "\n")),
            Section(heading: "ĐỀ XUẤT, KIẾN NGHỊ", text: proposals.isEmpty ? "Không có." : proposals.joined(separator: "\n")),
            Section(heading: "NHIỆM VỤ TRỌNG TÂM KỲ TỚI", text: next.isEmpty ? "Tiếp tục duy trì kết quả đã đạt." : next.joined(separator: "\n")),
        ]
    }

    /// What the units directly below reported as difficulties on their copies of a task.
    private static func belowDifficulties(of rows: [PlanStore.CascadeRow], period: Period, on db: any Database) async throws -> [String] {
        let ids = rows.compactMap(\.taskID)
        guard !ids.isEmpty else { return [] }
        let names = Dictionary(rows.compactMap { row in row.taskID.map { ($0, row.unitName) } }, uniquingKeysWith: { a, _ in a })
        return try await TaskReport.query(on: db).filter(\.$task.$id ~~ ids).filter(\.$period == period.code)
            .filter(\.$state ~~ [ReportStatus.submitted.rawValue, ReportStatus.approved.rawValue]).all()
            .filter { !$0.difficulties.isEmpty }.map { "- \(names[$0.$task.id] ?? ""): \($0.difficulties)" }
    }

    /// The unit's start-of-year totals of the year against the year before, one line an indicator of the
    /// form's first rank ("Số trường tiểu học: 1.234, tăng 12 (+1,0 %) so với năm học trước").
    static func figures(of unit: Unit, year: SchoolYear, statistics: StatisticsCatalogue, on db: any Database) async throws -> String {
        let period = year.census, catalogue = statistics.catalogue.edition(for: year)
        var seen = Set<String>()
        let shown = (statistics.form(for: period)?.sections ?? []).flatMap(\.indicatorCodes)
            .filter { catalogue[$0]?.parentCode == nil && seen.insert($0).inserted }
        let needed = Set(shown.flatMap(catalogue.cellsRead(by:)).map(\.code))
        let unitID = try unit.requireID()
        let totals = try await StatisticsStore.totals(of: [unitID], periods: [period.code, year.previous.census.code], indicators: needed,
                                                      groupedBy: .none, in: db)
        let now = totals[period.code]?[unitID]?[""], before = totals[year.previous.census.code]?[unitID]?[""]
        let lines = shown.compactMap { code -> String? in
            guard let indicator = catalogue[code], let value = now?.value(code, in: catalogue) else { return nil }
            var line = "- \(indicator.nameVI): \(StatisticsText.value(value, of: indicator))"
            if let last = before?.value(code, in: catalogue) {
                let change = Change(current: value, previous: last)
                let word = value > last ? "tăng" : value < last ? "giảm" : "bằng"
                line += value == last ? ", bằng năm học trước" :
                    ", \(word) \(StatisticsText.value(abs(value - last), of: indicator))"
                    + (change.roundedPercent.map { " (\($0 >= 0 ? "+" : "")\(VietnameseFormat.decimal($0)) %)" } ?? "") + " so với năm học trước"
            }
            return line + "."
        }
        return lines.isEmpty ? "Chưa có số liệu thống kê đầu năm học \(year.name) được nộp." : "Số liệu đầu năm học \(year.name) (thời điểm 30/9):\n" + lines.joined(separator: "\n")
    }

    /// The DOCX of the edited sections, in the layout of Nghị định 30/2020.
    static func document(_ sections: [Section], unit: Unit, parentName: String?, place: String, period: Period, signer: String,
                         now: Date) throws -> Data {
        let document = OfficialDocument(
            issuingBodyParent: parentName?.uppercased(), issuingBody: unit.name.uppercased(), number: "     /BC-\(unit.code)",
            place: place, date: now, type: "BÁO CÁO",
            title: "Kết quả thực hiện nhiệm vụ \(period.nameVI.lowercasedFirst) và nhiệm vụ trọng tâm kỳ tới",
            sections: sections.map { section in
                OfficialDocument.Section(heading: section.heading, paragraphs: section.text.split(whereSeparator: \.isNewline).map(String.init))
            },
            signer: .init(title: "THỦ TRƯỞNG ĐƠN VỊ", name: signer), recipients: ["Như trên;", "Lưu: VT."])
        return try DOCXWriter.write(document)
    }

    /// Where the report is dated: the province of the unit (its department's name without "Sở Giáo dục và
    /// Đào tạo"), the capital for the ministry.
    static func place(onPath path: [Unit]) -> String {
        guard let department = path.first(where: { $0.kind == "department" }) else { return "Hà Nội" }
        return department.name.replacingOccurrences(of: "Sở Giáo dục và Đào tạo", with: "").trimmingCharacters(in: .whitespaces)
    }
}

extension String {
    /// "Quý I/2025" → "quý I/2025".
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
