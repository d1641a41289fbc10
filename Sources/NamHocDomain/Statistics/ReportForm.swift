import Foundation

/// Biểu báo cáo thống kê — a statistics report form: what period it is about, when it is due, and which
/// indicators it has, in sections as on paper (one block of sections per school level, as the ministry's
/// forms 01.ĐN-MN, 02.ĐN-TH, 03.ĐN-THCS, 04.ĐN-THPT are one per level).
///
/// NamHoc ships two (Resources/statistics/forms.csv and form-rows.csv):
/// - `dau-nam`, kỳ đầu năm học: data as at 30/9, due 31/10 (TT 25/2024/TT-BGDĐT); period `YYYY-YYYY/census`;
/// - `cuoi-nam`, kỳ cuối năm học: data as at 31/5, due 30/6 (TT 24/2018; the TT 25/2024 end-of-year form
///   was not read); period `YYYY-YYYY/end`.
public struct ReportForm: Hashable, Sendable, Identifiable {
    /// Kỳ đầu năm học.
    public static let startOfYear = "dau-nam"
    /// Kỳ cuối năm học.
    public static let endOfYear = "cuoi-nam"

    public var code: String
    public var nameVI: String
    /// `.census` (30/9) or `.yearEnd` (31/5).
    public var periodKind: PeriodKind
    /// Thời điểm số liệu, e.g. 30/09 (in the start year from September, otherwise in the next year).
    public var referenceDay: SchoolCalendar.MonthDay
    /// Hạn nộp, e.g. 31/10.
    public var dueDay: SchoolCalendar.MonthDay
    public var legalBasis: String
    public var confirmed: Bool
    public var source: String
    /// Sections of every level, in paper-form order.
    public var sections: [Section]

    public var id: String { code }

    /// A section (phần) of the form for one level: "I. Trường", "III. Học sinh".
    public struct Section: Hashable, Sendable {
        public var level: SchoolLevel
        /// "I", "II", …
        public var number: String
        public var nameVI: String
        /// Rows in form order.
        public var indicatorCodes: [String]
    }

    /// The period the form reports on in a school year (`2024-2025/census`, `2024-2025/end`).
    public func period(_ year: SchoolYear) -> Period {
        periodKind == .yearEnd ? Period.yearEnd(year) : Period.census(year)
    }

    public func referenceDate(_ year: SchoolYear) -> Day { Self.day(referenceDay, of: year) }
    public func dueDate(_ year: SchoolYear) -> Day { Self.day(dueDay, of: year) }

    /// The default reporting window of a year: from the reference date to the due date. Each year's
    /// real window is set by the administrator (`ReportingWindow`).
    public func defaultWindow(_ year: SchoolYear) -> ReportingWindow {
        ReportingWindow(form: code, year: year, opens: referenceDate(year), closes: dueDate(year), due: dueDate(year))
    }

    /// The sections of one level.
    public func sections(of level: SchoolLevel) -> [Section] { sections.filter { $0.level == level } }

    /// A day of the school year given without its year: September–December in the start year, January–
    /// August in the next.
    static func day(_ monthDay: SchoolCalendar.MonthDay, of year: SchoolYear) -> Day {
        monthDay.in(monthDay.month >= 9 ? year.startYear : year.startYear + 1)
    }
}

/// Thời hạn nhận báo cáo of one form in one school year: reports may be saved and submitted from `opens`
/// to `closes` inclusive; a report submitted after `due` is late (nộp muộn). Set per year by the
/// administrator; `ReportForm.defaultWindow(_:)` gives the legal dates.
public struct ReportingWindow: Hashable, Sendable {
    public var form: String
    public var year: SchoolYear
    public var opens: Day
    public var closes: Day
    public var due: Day

    public init(form: String, year: SchoolYear, opens: Day, closes: Day, due: Day) {
        self.form = form
        self.year = year
        self.opens = opens
        self.closes = closes
        self.due = due
    }

    public func isOpen(on day: Day) -> Bool { opens <= day && day <= closes }
    /// The period is closed (an approved report is then locked).
    public func isClosed(on day: Day) -> Bool { day > closes }
}

extension ReportForm {
    /// Parses forms.csv (form, name_vi, period_kind, reference_day, due_day, legal_basis, confirmed, source)
    /// and form-rows.csv (form, level, section, section_name, indicator), checking every row's indicator
    /// against the catalogue.
    static func parse(_ formsCSV: String, rows rowsCSV: String, catalogue: IndicatorCatalogue)
        throws(StatisticsDataError) -> [ReportForm]
    {
        let table = try CSVTable(file: "forms.csv", text: formsCSV)
        let columns = try table.columns(required: ["form", "name_vi", "period_kind", "reference_day", "due_day", "confirmed"],
                                        optional: ["legal_basis", "source"])
        var forms: [ReportForm] = []
        for row in table.rows(columns) {
            let code = row["form"]
            guard Indicator.isValidCode(code.replacingOccurrences(of: "-", with: "_")) else {
                throw row.error("form", "mã biểu “\(code)” không hợp lệ")
            }
            guard !forms.contains(where: { $0.code == code }) else { throw row.error("form", "mã biểu “\(code)” lặp lại") }
            guard let kind = PeriodKind(rawValue: row["period_kind"]), kind == .census || kind == .yearEnd else {
                throw row.error("period_kind", "kỳ “\(row["period_kind"])” không hợp lệ (census hoặc yearEnd)")
            }
            let reference = try monthDay(row, "reference_day")
            let due = try monthDay(row, "due_day")
            guard ["true", "false"].contains(row["confirmed"]) else {
                throw row.error("confirmed", "giá trị “\(row["confirmed"])” không hợp lệ (true hoặc false)")
            }
            forms.append(ReportForm(code: code, nameVI: row["name_vi"], periodKind: kind, referenceDay: reference,
                                    dueDay: due, legalBasis: row["legal_basis"], confirmed: row["confirmed"] == "true",
                                    source: row["source"], sections: []))
        }
        let rows = try CSVTable(file: "form-rows.csv", text: rowsCSV.isEmpty ? "form,level,section,section_name,indicator\n" : rowsCSV)
        let rowColumns = try rows.columns(required: ["form", "level", "section", "section_name", "indicator"])
        for row in rows.rows(rowColumns) {
            guard let f = forms.firstIndex(where: { $0.code == row["form"] }) else {
                throw row.error("form", "biểu “\(row["form"])” không có trong forms.csv")
            }
            guard let level = SchoolLevel(rawValue: row["level"]) else {
                throw row.error("level", "cấp học “\(row["level"])” không hợp lệ (MN, TH, THCS, THPT, GDTX)")
            }
            let code = row["indicator"]
            guard let indicator = catalogue[code] else { throw row.error("indicator", "chỉ tiêu “\(code)” không có trong danh mục") }
            guard indicator.levels.contains(level) else {
                throw row.error("level", "chỉ tiêu “\(code)” không thuộc cấp học \(level.rawValue)")
            }
            guard row["section"].isEmpty == false else { throw row.error("section", "thiếu số thứ tự phần") }
            var form = forms[f]
            if form.sections.contains(where: { $0.level == level && $0.indicatorCodes.contains(code) }) {
                throw row.error("indicator", "chỉ tiêu “\(code)” đã có trong biểu này ở cấp \(level.rawValue)")
            }
            if let s = form.sections.lastIndex(where: { $0.level == level && $0.number == row["section"] }) {
                form.sections[s].indicatorCodes.append(code)
            } else {
                form.sections.append(Section(level: level, number: row["section"], nameVI: row["section_name"], indicatorCodes: [code]))
            }
            forms[f] = form
        }
        return forms
    }

    /// "30/09" → 30 September.
    private static func monthDay(_ row: CSVRow, _ column: String) throws(StatisticsDataError) -> SchoolCalendar.MonthDay {
        let parts = row[column].split(separator: "/").map { Int($0) }
        guard parts.count == 2, let d = parts[0], let m = parts[1], (1...12).contains(m),
              (1...Day.daysIn(month: m, year: 2024)).contains(d) else {
            throw row.error(column, "ngày “\(row[column])” không hợp lệ (viết dd/mm, ví dụ 30/09)")
        }
        return SchoolCalendar.MonthDay(month: m, day: d)
    }
}
