import Foundation

/// Danh mục chỉ tiêu thống kê — the indicators NamHoc knows, every version of them, and the report forms
/// (biểu báo cáo) that lay them out.
///
/// The catalogue is data: `load()` reads the files shipped in `Resources/statistics/` (indicators.csv,
/// forms.csv, form-rows.csv), and `parse(_:forms:formRows:)` reads an administrator's extended catalogue
/// with the same columns, refusing it with the line and column of the first fault. A code may have several
/// versions over disjoint ranges of school years; `edition(for:)` gives the catalogue of one year.
public struct IndicatorCatalogue: Sendable {
    /// Every indicator version, in file order.
    public private(set) var indicators: [Indicator]
    /// The report forms, with their sections in paper-form order.
    public private(set) var forms: [ReportForm]
    /// Versions by code, oldest first.
    private var versions: [String: [Indicator]]

    init(indicators: [Indicator], forms: [ReportForm]) {
        self.indicators = indicators
        self.forms = forms
        self.versions = Dictionary(grouping: indicators, by: \.code).mapValues { $0.sorted { $0.years.from < $1.years.from } }
    }

    /// The indicator with this code: the only version in an `edition(for:)`, otherwise the newest one.
    public subscript(_ code: String) -> Indicator? { versions[code]?.last }

    /// The version of a code in force in a school year.
    public func indicator(_ code: String, in year: SchoolYear) -> Indicator? {
        versions[code]?.last { $0.years.contains(year) }
    }

    /// The catalogue of one school year: the versions in force that year, nothing else.
    public func edition(for year: SchoolYear) -> IndicatorCatalogue {
        let current = indicators.filter { $0.years.contains(year) }
        let codes = Set(current.map(\.code))
        let forms = forms.map { form in
            var form = form
            form.sections = form.sections.map { section in
                var section = section
                section.indicatorCodes = section.indicatorCodes.filter(codes.contains)
                return section
            }.filter { !$0.indicatorCodes.isEmpty }
            return form
        }
        return IndicatorCatalogue(indicators: current, forms: forms)
    }

    public func form(_ code: String) -> ReportForm? { forms.first { $0.code == code } }

    /// The indicators a unit of this kind and these levels has on a form, in form order (section by
    /// section, level by level): the counts it enters and the ratios and rates shown to it. For a unit
    /// that aggregates (a commune, a department) pass the levels of the schools it oversees.
    /// With `year`, only the versions in force that year.
    public func indicators(for kind: UnitKind, levels: Set<SchoolLevel>, form: String,
                           year: SchoolYear? = nil) -> [Indicator] {
        guard let form = self.form(form) else { return [] }
        var seen = Set<String>()
        var result: [Indicator] = []
        for section in form.sections where levels.contains(section.level) {
            for code in section.indicatorCodes where !seen.contains(code) {
                let found = year.map { indicator(code, in: $0) } ?? self[code]
                guard let indicator = found, indicator.unitKinds.isEmpty || indicator.unitKinds.contains(kind),
                      !indicator.levels.isDisjoint(with: levels) else { continue }
                seen.insert(code)
                result.append(indicator)
            }
        }
        return result
    }

    /// Reads the catalogue shipped with NamHoc.
    public static func load() throws -> IndicatorCatalogue {
        try parse(try bundled("indicators.csv"), forms: try bundled("forms.csv"), formRows: try bundled("form-rows.csv"))
    }

    /// The text of a file of `Resources/statistics/`.
    static func bundled(_ name: String) throws -> String {
        let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources/statistics")
            ?? Bundle.module.resourceURL?.appendingPathComponent("Resources/statistics/\(name)")
        guard let url, let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw StatisticsDataError(file: name, line: 0, message: "không tìm thấy tệp dữ liệu thống kê kèm theo")
        }
        return text
    }
}
