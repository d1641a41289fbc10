import Foundation
import NamHocDomain
import Testing

/// An administrator extends the catalogue from a file: new codes placed on a form, new versions from a
/// school year on, every fault refused with its line and column.
@Suite struct IndicatorCatalogueExtensionTests {
    static let header = "code,name_vi,unit,kind,numerator,denominator,unit_kinds,levels,partitions,parts,from_year,to_year,confirmed,form,level,section"
    let shipped = try! IndicatorCatalogue.load()

    @Test func a_new_count_is_placed_on_the_form_and_reported_by_the_level_it_names() throws {
        // setup
        let csv = Self.header + "\n" + "2190,Số học sinh tiểu học học 2 buổi/ngày,người,count,,,school,TH,,nu,2026-2027,,true,dau-nam,TH,III\n"
            + "2191,Tỷ lệ học sinh học 2 buổi/ngày,%,rate,2190,2105,*,TH,,,2026-2027,,true,dau-nam,TH,VII\n"
        // MUT
        let extended = try shipped.extended(with: csv)
        // validate
        let year = SchoolYear(startYear: 2026)
        let codes = extended.indicators(for: UnitKind("school"), levels: [.primary], form: ReportForm.startOfYear, year: year).map(\.code)
        #expect(codes.contains("2190") && codes.contains("2191"))
        #expect(extended.indicator("2190", in: year)?.breakdowns.parts == ["nu"])
        #expect(!extended.indicators(for: UnitKind("school"), levels: [.primary], form: ReportForm.startOfYear, year: year.previous)
            .map(\.code).contains("2190"))
        #expect(!extended.indicators(for: UnitKind("school"), levels: [.lowerSecondary], form: ReportForm.startOfYear, year: year)
            .map(\.code).contains("2190"))
    }

    @Test func a_known_code_from_a_later_year_is_a_new_version_and_earlier_years_keep_theirs() throws {
        // setup
        let csv = Self.header + "\n2105,Số học sinh tiểu học (kể cả học sinh khuyết tật học hòa nhập),người,count,,,school,TH,cong_lap|ngoai_cong_lap;k1|k2|k3|k4|k5,nu;dtts,2027-2028,,true,,,\n"
        // MUT
        let extended = try shipped.extended(with: csv)
        // validate
        #expect(extended.indicator("2105", in: SchoolYear(startYear: 2026))?.nameVI == "Số học sinh tiểu học")
        #expect(extended.indicator("2105", in: SchoolYear(startYear: 2027))?.nameVI.contains("hòa nhập") == true)
        #expect(extended.edition(for: SchoolYear(startYear: 2026))["2105"]?.years.to == SchoolYear(startYear: 2026))
    }

    @Test(arguments: [
        ("2192,Chỉ tiêu mới,người,count,,,school,TH,,,2026-2027,,true,,,", "form"),
        ("2192,Chỉ tiêu mới,người,count,,,school,TH,,,2026-2027,,true,dau-nam,TH,IX", "không có phần “TH IX”"),
        ("2193,Tỷ lệ mới,%,rate,9999,2105,*,TH,,,2026-2027,,true,dau-nam,TH,VII", "“9999” không có trong danh mục"),
        ("2105,Số học sinh tiểu học,người,count,,,school,TH,,,2010-2011,,true,,,", "phải bắt đầu sau năm đó"),
        ("2105,Số học sinh tiểu học,người,count,,,school,TH,,,2027-2028,2028-2029,true,,,", "bỏ trống to_year"),
    ])
    func a_faulty_file_is_refused_with_its_line_and_column(row: String, message: String) {
        // MUT + validate
        #expect {
            _ = try shipped.extended(with: Self.header + "\n" + row + "\n")
        } throws: { error in
            guard let error = error as? StatisticsDataError else { return false }
            return error.line == 2 && error.message.contains(message)
        }
    }
}
