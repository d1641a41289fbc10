import Foundation

extension IndicatorCatalogue {
    /// Where an administrator's new indicator goes: the form (`dau-nam`, `cuoi-nam`), the level (`TH`) and
    /// the section number (`III`) it is added at the end of.
    public static let placementColumns = ["form", "level", "section"]

    /// The catalogue with an administrator's file applied, without a change of code. The file has the
    /// columns of indicators.csv (and `form`, `level`, `section` for a code that is new):
    /// - a new code is added, placed at the end of the named form section;
    /// - a known code from school year Y is a new version: the version in force before is closed at Y − 1,
    ///   so earlier years keep their definition (versioned by school year).
    /// Throws the first fault with its line and column, in Vietnamese; nothing is applied then.
    public func extended(with csv: String, file: String = "tệp danh mục") throws(StatisticsDataError) -> IndicatorCatalogue {
        let table = try CSVTable(file: file, text: csv)
        let columns = try table.columns(required: ["code", "name_vi", "unit", "kind", "unit_kinds", "levels", "from_year", "confirmed"],
                                        optional: Self.indicatorColumns + Self.placementColumns)
        var indicators = self.indicators, forms = self.forms
        var added: [(row: CSVRow, indicator: Indicator)] = []
        for row in table.rows(columns) {
            let indicator = try Self.parseIndicator(row)
            if let clash = added.first(where: { $0.indicator.code == indicator.code && $0.indicator.years.overlaps(indicator.years) }) {
                throw row.error("code", "mã “\(indicator.code)” đã có ở dòng \(clash.row.record.line) cho cùng năm học")
            }
            let known = indicators.indices.filter { indicators[$0].code == indicator.code }
            for i in known where indicators[i].years.overlaps(indicator.years) {
                let old = indicators[i].years
                guard old.from < indicator.years.from else {
                    throw row.error("from_year", "chỉ tiêu “\(indicator.code)” đã có phiên bản từ năm học \(old.from.name): phiên bản mới phải bắt đầu sau năm đó")
                }
                // Closing the old version must not leave years after the new one without a definition.
                let coversRest = indicator.years.to.map { newTo in old.to.map { $0 <= newTo } ?? false } ?? true
                guard coversRest else {
                    throw row.error("to_year", "phiên bản mới của “\(indicator.code)” phải áp dụng đến hết các năm của phiên bản đang có (bỏ trống to_year)")
                }
                indicators[i].years.to = indicator.years.from.previous
            }
            if known.isEmpty { try Self.place(indicator.code, row: row, in: &forms) }
            indicators.append(indicator)
            added.append((row, indicator))
        }
        try Self.checkReferences(added, among: indicators)
        return IndicatorCatalogue(indicators: indicators, forms: forms)
    }

    private static func place(_ code: String, row: CSVRow, in forms: inout [ReportForm]) throws(StatisticsDataError) {
        guard let f = forms.firstIndex(where: { $0.code == row["form"] }) else {
            throw row.error("form", row["form"].isEmpty ? "chỉ tiêu mới cần cột form (dau-nam hoặc cuoi-nam) để đặt vào biểu"
                                                       : "không có biểu “\(row["form"])” (dau-nam hoặc cuoi-nam)")
        }
        guard let s = forms[f].sections.firstIndex(where: { $0.level.rawValue == row["level"] && $0.number == row["section"] }) else {
            let known = forms[f].sections.map { "\($0.level.rawValue) \($0.number)" }.joined(separator: ", ")
            throw row.error("section", "biểu \(forms[f].code) không có phần “\(row["level"]) \(row["section"])” (có: \(known))")
        }
        forms[f].sections[s].indicatorCodes.append(code)
    }
}
