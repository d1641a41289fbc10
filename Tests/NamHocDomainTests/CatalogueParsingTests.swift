import Foundation
import NamHocDomain
import Testing

@Suite struct CatalogueParsingTests {
    static let header = "code,name_vi,unit,kind,numerator,denominator,scale,decimals,max,unit_kinds,levels,partitions,parts,parent,from_year,to_year,confirmed,scheme,source"
    static let pupils = "2105,Số học sinh tiểu học,người,count,,,,,,school,TH,k1|k2|k3|k4|k5,nu;dtts,,2017-2018,,true,tt03-2024,"
    static let classes = "2102,Số lớp tiểu học,lớp,count,,,,,,school,TH,k1|k2|k3|k4|k5,,,2017-2018,,true,tt03-2024,"

    func parse(_ lines: [String]) -> Result<IndicatorCatalogue, StatisticsDataError> {
        Result { () throws(StatisticsDataError) in try IndicatorCatalogue.parse(([Self.header] + lines).joined(separator: "\n")) }
    }

    func error(_ lines: [String]) throws -> StatisticsDataError {
        guard case let .failure(error) = parse(lines) else {
            Issue.record("parsed without error")
            throw CancellationError()
        }
        return error
    }

    @Test func an_extended_catalogue_parses() throws {
        // setup: an administrator adds a ratio by grade and a quoted name with a comma
        let lines = [Self.pupils, Self.classes,
                     "9901,\"Số học sinh bình quân một lớp, lớp 1\",HS/lớp,ratio,2105.k1,2102.k1,1,1,,*,TH,,,,2024-2025,,false,namhoc,thử"]
        // MUT
        let catalogue = try parse(lines).get()
        // validate
        let added = try #require(catalogue["9901"])
        #expect(added.nameVI == "Số học sinh bình quân một lớp, lớp 1")
        #expect(added.formula?.numerator == [Operand(code: "2105", breakdown: "k1")])
        #expect(added.unitKinds.isEmpty && added.years.from == SchoolYear(startYear: 2024))
        #expect(catalogue["2105"]?.breakdowns.partitions == [["k1", "k2", "k3", "k4", "k5"]])
        #expect(catalogue["2105"]?.breakdowns.parts == ["nu", "dtts"])
    }

    @Test func an_unknown_kind_names_line_and_column() throws {
        // MUT
        let e = try error([Self.pupils, "2102,Số lớp tiểu học,lớp,tong,,,,,,school,TH,,,,2017-2018,,true,,"])
        // validate
        #expect(e.line == 3 && e.column == 4 && e.columnName == "kind")
        #expect(e.messageVI == "indicators.csv, dòng 3, cột 4 (kind): loại chỉ tiêu “tong” không hợp lệ (count, ratio hoặc rate)")
    }

    @Test func a_formula_reading_an_unknown_code_names_its_column() throws {
        let e = try error([Self.pupils, "2106b,HS/lớp,HS/lớp,ratio,2105,2199,1,1,,*,TH,,,,2017-2018,,false,,"])
        #expect(e.line == 3 && e.column == 6 && e.columnName == "denominator")
        #expect(e.message.contains("2199"))
    }

    @Test func a_formula_reading_a_missing_cell_is_refused() throws {
        let e = try error([Self.pupils, Self.classes, "9901,X,%,rate,2105.kien_co,2105,100,1,,*,TH,,,,2017-2018,,false,,"])
        #expect(e.line == 4 && e.columnName == "numerator" && e.message.contains("kien_co"))
    }

    @Test func a_formula_reading_a_count_not_in_force_all_its_years_is_refused() throws {
        let late = "2102,Số lớp tiểu học,lớp,count,,,,,,school,TH,,,,2024-2025,,true,,"
        let e = try error([Self.pupils, late, "2106b,HS/lớp,HS/lớp,ratio,2105,2102,1,1,,*,TH,,,,2020-2021,,false,,"])
        #expect(e.line == 4 && e.columnName == "denominator")
    }

    @Test func a_code_twice_in_the_same_years_is_refused_but_versions_are_not() throws {
        // setup
        let again = "2105,Số học sinh tiểu học (mới),người,count,,,,,,school,TH,,,,2020-2021,,true,,"
        let before = "2105,Số học sinh tiểu học (cũ),người,count,,,,,,school,TH,,,,2010-2011,2016-2017,true,,"
        // MUT + validate
        let e = try error([Self.pupils, again])
        #expect(e.line == 3 && e.columnName == "code" && e.message.contains("dòng 2"))
        let catalogue = try parse([Self.pupils, before]).get()
        #expect(catalogue.indicator("2105", in: SchoolYear(startYear: 2015))?.nameVI == "Số học sinh tiểu học (cũ)")
        #expect(catalogue["2105"]?.nameVI == "Số học sinh tiểu học")
    }

    @Test func field_faults_are_located() throws {
        let cases: [(String, Int, String)] = [
            ("2105,Số học sinh,người,count,,,,,,school,XX,,,,2017-2018,,true,,", 11, "levels"),
            ("2105,Số học sinh,người,count,,,,,,school,TH,k1,,,2017-2018,,true,,", 12, "partitions"),
            ("2105,Số học sinh,người,count,,,,,,school,TH,,Nữ,,2017-2018,,true,,", 13, "parts"),
            ("2105,Số học sinh,người,count,,,,,,school,TH,,,2105,2017-2018,,true,,", 14, "parent"),
            ("2105,Số học sinh,người,count,,,,,,school,TH,,,,2017,,true,,", 15, "from_year"),
            ("2105,Số học sinh,người,count,,,,,,school,TH,,,,2017-2018,2016-2017,true,,", 16, "to_year"),
            ("2105,Số học sinh,người,count,,,,,,school,TH,,,,2017-2018,,có,,", 17, "confirmed"),
            ("2105,Số học sinh,người,count,2102,,,,,school,TH,,,,2017-2018,,true,,", 5, "numerator"),
            ("21.05,Số học sinh,người,count,,,,,,school,TH,,,,2017-2018,,true,,", 1, "code"),
            ("9901,Tỷ lệ,%,rate,2105,2105,1;5,,,*,TH,,,,2017-2018,,true,,", 7, "scale"),
        ]
        for (line, column, name) in cases {
            let e = try error([Self.pupils.replacingOccurrences(of: "2105,", with: "2100,"), line])
            #expect(e.line == 3 && e.column == column && e.columnName == name, "\(line) → \(e.messageVI)")
        }
    }

    @Test func csv_structure_faults_are_located() throws {
        let missingColumn = Result { () throws(StatisticsDataError) in
            try IndicatorCatalogue.parse("code,name_vi,unit\n2105,Số học sinh,người")
        }
        guard case let .failure(e1) = missingColumn else { Issue.record("no error"); return }
        #expect(e1.line == 1 && e1.message.contains("kind"))
        let e2 = try error([Self.pupils, "2102,Số lớp,lớp,count"])
        #expect(e2.line == 3 && e2.message.contains("4 cột"))
        let e3 = try error([Self.pupils, "2102,\"Số lớp,lớp,count,,,,,,school,TH,,,,2017-2018,,true,,"])
        #expect(e3.line == 3 && e3.column == 2)
        // A line break inside quotes keeps the line count right for the next record.
        let e4 = try error(["2105,\"Số học sinh\ntiểu học\",người,count,,,,,,school,TH,,,,2017-2018,,true,,",
                            "2102,Số lớp,lớp,bad,,,,,,school,TH,,,,2017-2018,,true,,"])
        #expect(e4.line == 4 && e4.column == 4)
    }

    @Test func form_rows_must_name_known_indicators() throws {
        // setup
        let indicators = ([Self.header, Self.pupils]).joined(separator: "\n")
        let forms = "form,name_vi,period_kind,reference_day,due_day,legal_basis,confirmed,source\ndau-nam,Đầu năm,census,30/09,31/10,,true,"
        // MUT
        let result = Result { () throws(StatisticsDataError) in
            try IndicatorCatalogue.parse(indicators, forms: forms,
                                         formRows: "form,level,section,section_name,indicator\ndau-nam,TH,I,Học sinh,2105\ndau-nam,TH,I,Học sinh,2199")
        }
        // validate
        guard case let .failure(e) = result else { Issue.record("no error"); return }
        #expect(e.file == "form-rows.csv" && e.line == 3 && e.columnName == "indicator")
    }
}
