import Foundation

extension IndicatorCatalogue {
    /// The columns of indicators.csv. Required: code, name_vi, unit, kind, unit_kinds, levels, from_year,
    /// confirmed. Optional: numerator, denominator, scale, decimals, max, partitions, parts, parent, to_year,
    /// scheme, source.
    public static let indicatorColumns = ["code", "name_vi", "unit", "kind", "numerator", "denominator", "scale",
                                          "decimals", "max", "unit_kinds", "levels", "partitions", "parts", "parent",
                                          "from_year", "to_year", "confirmed", "scheme", "source"]

    /// Parses an indicator catalogue (indicators.csv) and, optionally, its forms (forms.csv, form-rows.csv).
    /// Throws the first fault with its line and column, in Vietnamese. Checks, besides each field: codes
    /// unique within overlapping years; formulas reading existing counts (and existing breakdown cells)
    /// that are in force over the whole range of the ratio; parents that are counts, without cycles.
    public static func parse(_ csv: String, forms: String? = nil, formRows: String? = nil)
        throws(StatisticsDataError) -> IndicatorCatalogue
    {
        let file = "indicators.csv"
        let table = try CSVTable(file: file, text: csv)
        let columns = try table.columns(required: ["code", "name_vi", "unit", "kind", "unit_kinds", "levels",
                                                   "from_year", "confirmed"],
                                        optional: indicatorColumns)
        var parsed: [(row: CSVRow, indicator: Indicator)] = []
        for row in table.rows(columns) {
            let indicator = try parseIndicator(row)
            if let clash = parsed.first(where: { $0.indicator.code == indicator.code && $0.indicator.years.overlaps(indicator.years) }) {
                throw row.error("code", "mã “\(indicator.code)” đã có ở dòng \(clash.row.record.line) cho cùng năm học")
            }
            parsed.append((row, indicator))
        }
        try checkReferences(parsed, among: parsed.map(\.indicator))
        var catalogue = IndicatorCatalogue(indicators: parsed.map(\.indicator), forms: [])
        if let forms {
            catalogue = IndicatorCatalogue(indicators: catalogue.indicators,
                                           forms: try ReportForm.parse(forms, rows: formRows ?? "", catalogue: catalogue))
        }
        return catalogue
    }

    /// Cross-row checks of `rows` against every indicator version of the catalogue: formulas read existing
    /// counts (and breakdown cells) in force over the whole range; parents are counts, without cycles.
    static func checkReferences(_ rows: [(row: CSVRow, indicator: Indicator)], among all: [Indicator]) throws(StatisticsDataError) {
        let byCode = Dictionary(grouping: all, by: \.code)
        for (row, indicator) in rows {
            if let formula = indicator.formula {
                for (column, operands) in [("numerator", formula.numerator), ("denominator", formula.denominator)] {
                    for operand in operands {
                        let versions = byCode[operand.code] ?? []
                        guard let target = versions.first(where: { $0.years.overlaps(indicator.years) }) else {
                            throw row.error(column, "chỉ tiêu “\(operand.code)” không có trong danh mục")
                        }
                        guard target.isCount else {
                            throw row.error(column, "“\(operand.code)” là chỉ tiêu tính toán; tử số và mẫu số phải là số đếm")
                        }
                        guard versions.contains(where: { $0.years.covers(indicator.years) }) else {
                            throw row.error(column, "chỉ tiêu “\(operand.code)” không áp dụng cho mọi năm học của “\(indicator.code)”")
                        }
                        if let key = operand.breakdown, !target.breakdowns.contains(key) {
                            throw row.error(column, "chỉ tiêu “\(operand.code)” không có ô phân tổ “\(key)”")
                        }
                    }
                }
            }
            if let parentCode = indicator.parentCode {
                guard let parent = byCode[parentCode]?.first(where: { $0.years.overlaps(indicator.years) }) else {
                    throw row.error("parent", "chỉ tiêu cha “\(parentCode)” không có trong danh mục")
                }
                guard parent.isCount, indicator.isCount else {
                    throw row.error("parent", "chỉ số đếm mới có chỉ tiêu cha, và chỉ tiêu cha phải là số đếm")
                }
                var seen: Set<String> = [indicator.code]
                var next: String? = parentCode
                while let code = next {
                    guard seen.insert(code).inserted else {
                        throw row.error("parent", "chỉ tiêu cha tạo thành vòng lặp qua “\(code)”")
                    }
                    next = byCode[code]?.first?.parentCode
                }
            }
        }
    }

    static func parseIndicator(_ row: CSVRow) throws(StatisticsDataError) -> Indicator {
        let code = row["code"]
        guard Indicator.isValidCode(code) else {
            throw row.error("code", code.isEmpty ? "thiếu mã chỉ tiêu" : "mã “\(code)” chỉ được gồm chữ cái không dấu, chữ số và “_”")
        }
        let name = row["name_vi"]
        guard !name.isEmpty else { throw row.error("name_vi", "thiếu tên chỉ tiêu") }
        let unit = row["unit"]
        guard !unit.isEmpty else { throw row.error("unit", "thiếu đơn vị tính") }
        guard let kind = IndicatorKind(rawValue: row["kind"]) else {
            throw row.error("kind", "loại chỉ tiêu “\(row["kind"])” không hợp lệ (count, ratio hoặc rate)")
        }
        var formula: Formula?
        if kind == .count {
            for column in ["numerator", "denominator"] where !row[column].isEmpty {
                throw row.error(column, "chỉ tiêu số đếm không có tử số, mẫu số")
            }
        } else {
            let numerator = try operands(row, "numerator")
            let denominator = try operands(row, "denominator")
            let scale = try number(row, "scale") ?? (kind == .rate ? 100 : 1)
            guard scale > 0 else { throw row.error("scale", "hệ số phải lớn hơn 0") }
            let decimalsText = row["decimals"]
            let decimals = decimalsText.isEmpty ? 1 : Int(decimalsText) ?? -1
            guard (0...6).contains(decimals) else { throw row.error("decimals", "số chữ số thập phân phải từ 0 đến 6") }
            formula = Formula(numerator: numerator, denominator: denominator, scale: scale, decimals: decimals,
                              maximum: try number(row, "max"))
        }
        if kind == .count, !row["max"].isEmpty { throw row.error("max", "chỉ tiêu số đếm không có mức tối đa") }
        let kindsText = row["unit_kinds"]
        guard !kindsText.isEmpty else { throw row.error("unit_kinds", "thiếu loại đơn vị báo cáo (dùng * cho mọi loại)") }
        let unitKinds: Set<UnitKind> = kindsText == "*" ? [] : Set(try list(row, "unit_kinds").map { UnitKind(rawValue: $0) })
        guard let levels = SchoolLevel.decode(row["levels"]), !levels.isEmpty else {
            throw row.error("levels", "cấp học “\(row["levels"])” không hợp lệ (MN, TH, THCS, THPT, GDTX)")
        }
        let partitions = try list(row, "partitions").map { group throws(StatisticsDataError) -> [String] in
            let keys = group.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard keys.count >= 2 else { throw row.error("partitions", "nhóm “chia ra” “\(group)” phải có ít nhất hai ô") }
            return keys
        }
        let breakdowns = Breakdowns(partitions: partitions, parts: try list(row, "parts"))
        if kind != .count, !breakdowns.keys.isEmpty {
            throw row.error("partitions", "chỉ tiêu tính toán không có ô phân tổ riêng")
        }
        var seenKeys = Set<String>()
        for key in breakdowns.keys {
            guard Breakdowns.isValidKey(key) else {
                throw row.error(breakdowns.parts.contains(key) ? "parts" : "partitions",
                                "ô phân tổ “\(key)” chỉ được gồm chữ thường không dấu, chữ số và “_”")
            }
            guard seenKeys.insert(key).inserted else {
                throw row.error("partitions", "ô phân tổ “\(key)” lặp lại")
            }
        }
        let parent = row["parent"]
        if !parent.isEmpty, parent == code { throw row.error("parent", "chỉ tiêu không thể là cha của chính nó") }
        guard let from = SchoolYear(row["from_year"]) else {
            throw row.error("from_year", "năm học “\(row["from_year"])” không hợp lệ (ví dụ 2024-2025)")
        }
        var to: SchoolYear?
        if !row["to_year"].isEmpty {
            guard let year = SchoolYear(row["to_year"]), from <= year else {
                throw row.error("to_year", "năm học kết thúc “\(row["to_year"])” không hợp lệ hoặc trước năm bắt đầu")
            }
            to = year
        }
        let confirmed: Bool
        switch row["confirmed"] {
        case "true": confirmed = true
        case "false": confirmed = false
        default: throw row.error("confirmed", "giá trị “\(row["confirmed"])” không hợp lệ (true hoặc false)")
        }
        return Indicator(code: code, nameVI: name, unit: unit, kind: kind, formula: formula, unitKinds: unitKinds,
                         levels: levels, breakdowns: breakdowns, parentCode: parent.isEmpty ? nil : parent,
                         years: YearRange(from: from, to: to), confirmed: confirmed,
                         scheme: row["scheme"].isEmpty ? "namhoc" : row["scheme"], source: row["source"])
    }

    /// "1105.3_12th+1105.13_24th" → operands; at least one.
    private static func operands(_ row: CSVRow, _ column: String) throws(StatisticsDataError) -> [Operand] {
        let text = row[column]
        guard !text.isEmpty else { throw row.error(column, "chỉ tiêu tính toán phải có \(column == "numerator" ? "tử số" : "mẫu số")") }
        var result: [Operand] = []
        for term in text.split(separator: "+", omittingEmptySubsequences: false) {
            let term = term.trimmingCharacters(in: .whitespaces)
            guard let operand = Operand(term) else {
                throw row.error(column, "số hạng “\(term)” không hợp lệ (viết mã hoặc mã.ô, nối bằng +)")
            }
            result.append(operand)
        }
        return result
    }

    /// "school;commune" → ["school", "commune"]; "" → [].
    static func list(_ row: CSVRow, _ column: String) throws(StatisticsDataError) -> [String] {
        let text = row[column]
        if text.isEmpty { return [] }
        let items = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !items.contains(where: \.isEmpty) else { throw row.error(column, "danh sách có mục trống (thừa dấu “;”)") }
        return items
    }

    /// A decimal number written with "." ("2.25"); nil when the field is empty.
    static func number(_ row: CSVRow, _ column: String) throws(StatisticsDataError) -> Double? {
        let text = row[column]
        if text.isEmpty { return nil }
        guard let value = Double(text), value.isFinite else {
            throw row.error(column, "“\(text)” không phải là số (dùng dấu chấm cho phần thập phân, ví dụ 2.25)")
        }
        return value
    }
}
