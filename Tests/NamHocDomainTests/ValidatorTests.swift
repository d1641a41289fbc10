import Foundation
import NamHocDomain
import Testing

@Suite struct ValidatorTests {
    static let rules = try! ValidationRule.load(catalogue: IndicatorCatalogueTests.catalogue)
    var catalogue: IndicatorCatalogue { IndicatorCatalogueTests.catalogue }

    /// The findings of one rule.
    func run(_ rule: String, _ codes: [String: Double], lastYear: [String: Double]? = nil,
             levels: Set<SchoolLevel> = [.primary]) -> [Finding] {
        Validator.check(Figures(codes: codes)!, lastYear: lastYear.flatMap { Figures(codes: $0) }, unitLevels: levels,
                        catalogue: catalogue, rules: Self.rules).filter { $0.ruleID == rule }
    }

    @Test func the_bundled_rules_load() {
        #expect(Self.rules.map(\.id).contains("CLS_MAX_TH"))
        #expect(Self.rules.first { $0.id == "CLS_MAX_THCS" }?.threshold == 45)
        #expect(Self.rules.first { $0.id == "TPC_TH" }?.confirmed == false)
    }

    @Test func a_consistent_school_has_no_findings() {
        // setup: a primary school, every breakdown adding up, within every norm, +5 % on last year
        let school: [String: Double] = [
            "2101": 1, "2101.cong_lap": 1, "8202": 1, "8202.muc_1": 1, "8202.muc_2": 0,
            "2102": 20, "2102.k1": 4, "2102.k2": 4, "2102.k3": 4, "2102.k4": 4, "2102.k5": 4,
            "2105": 630, "2105.k1": 130, "2105.k2": 125, "2105.k3": 125, "2105.k4": 125, "2105.k5": 125,
            "2105.nu": 300, "2105.dtts": 12, "2104": 40, "8201": 30, "8201.nu": 27,
            "2103": 20, "2103.kien_co": 18, "2103.ban_kien_co": 2, "2103.tam": 0,
        ]
        // MUT
        let findings = Validator.check(Figures(codes: school)!, lastYear: Figures(["2105": 600, "2102": 20]),
                                       unitLevels: [.primary], catalogue: catalogue, rules: Self.rules)
        // validate
        #expect(findings.isEmpty, "\(findings.map(\.messageVI))")
    }

    @Test func negative_count() {
        let failing = run("NEGATIVE_COUNT", ["2105": -1])
        #expect(failing.count == 1 && failing[0].severity == .error && failing[0].indicatorCodes == ["2105"])
        #expect(failing[0].messageVI == "Số học sinh tiểu học (2105): −1 là số âm; số liệu đếm không được âm.")
        #expect(run("NEGATIVE_COUNT", ["2105": 0]).isEmpty)
    }

    @Test func non_integer_count() {
        let failing = run("NON_INTEGER_COUNT", ["2105": 12.5])
        #expect(failing.map(\.messageVI) == ["Số học sinh tiểu học (2105): 12,5 không phải là số nguyên."])
        #expect(run("NON_INTEGER_COUNT", ["2105": 12]).isEmpty)
    }

    @Test func part_larger_than_its_whole() {
        let failing = run("PART_EXCEEDS_WHOLE", ["2105": 100, "2105.nu": 101])
        #expect(failing.map(\.messageVI) == ["Số học sinh tiểu học (2105), nữ: 101 lớn hơn tổng số 100."])
        #expect(failing.first?.breakdown == "nu" && failing.first?.key == "PART_EXCEEDS_WHOLE:2105.nu")
        #expect(run("PART_EXCEEDS_WHOLE", ["2105": 100, "2105.nu": 100]).isEmpty)
    }

    @Test func trong_do_indicator_larger_than_its_parent() {
        let failing = run("PART_EXCEEDS_WHOLE", ["2101": 1, "8202": 2])
        #expect(failing.count == 1 && failing[0].indicatorCodes == ["8202", "2101"])
        #expect(failing[0].messageVI.contains("Số trường tiểu học đạt chuẩn quốc gia (8202): 2 lớn hơn Số trường tiểu học (2101): 1"))
        #expect(run("PART_EXCEEDS_WHOLE", ["2101": 2, "8202": 2]).isEmpty)
    }

    @Test func partition_not_adding_up() {
        let failing = run("PARTITION_SUM", ["2102": 10, "2102.k1": 2, "2102.k2": 2, "2102.k3": 2, "2102.k4": 2, "2102.k5": 1])
        #expect(failing.map(\.messageVI) == ["Số lớp tiểu học (2102): các ô chia ra theo lớp 1, lớp 2, lớp 3, lớp 4, lớp 5 cộng lại được 9, khác tổng số 10."])
        #expect(run("PARTITION_SUM", ["2102": 10, "2102.k1": 2, "2102.k2": 2, "2102.k3": 2, "2102.k4": 2, "2102.k5": 2]).isEmpty)
        // Ownership cells checked on their own: 7 + 2 ≠ 10.
        #expect(run("PARTITION_SUM", ["2102": 10, "2102.cong_lap": 7, "2102.ngoai_cong_lap": 2]).count == 1)
        #expect(run("PARTITION_SUM", ["2102": 10, "2102.cong_lap": 10]).isEmpty)
    }

    @Test func rate_above_100_percent_where_impossible() {
        // Net enrolment (8208) cannot exceed 100 %; gross enrolment (8207) can and is not flagged.
        let failing = run("RATE_ABOVE_MAX", ["2105": 101, "8205": 101, "9105": 100])
        #expect(failing.map { $0.indicatorCodes.first } == ["8208"])
        #expect(failing.first?.messageVI == "Tỷ lệ học sinh đi học đúng tuổi cấp tiểu học (8208): 101,0% vượt quá mức tối đa 100,0% (tử số 101, mẫu số 100); kiểm tra lại tử số và mẫu số.")
        #expect(run("RATE_ABOVE_MAX", ["2105": 100, "8205": 100, "9105": 100]).isEmpty)
    }

    @Test func pupils_per_class_above_the_cap() {
        // TH: 35 exactly passes, 35,1 warns.
        #expect(run("CLS_MAX_TH", ["2105": 350, "2102": 10]).isEmpty)
        let th = run("CLS_MAX_TH", ["2105": 351, "2102": 10])
        #expect(th.count == 1 && th[0].severity == .warning && th[0].indicatorCodes == ["2106b", "2105", "2102"])
        #expect(th[0].messageVI == "Số học sinh bình quân một lớp học tiểu học (2106b): 35,1 HS/lớp (tử số 351, mẫu số 10) vượt mức tối đa 35 (TT 28/2020/TT-BGDĐT, Điều 16 khoản 1).")
        // THCS: 45 exactly passes, 45,1 warns; the TH cap does not apply to a THCS school.
        #expect(run("CLS_MAX_THCS", ["3105": 450, "3102": 10], levels: [.lowerSecondary]).isEmpty)
        #expect(run("CLS_MAX_THCS", ["3105": 451, "3102": 10], levels: [.lowerSecondary]).count == 1)
        #expect(run("CLS_MAX_TH", ["2105": 400, "2102": 10], levels: [.lowerSecondary]).isEmpty)
        #expect(run("CLS_MAX_THPT", ["4105": 451, "4102": 10], levels: [.upperSecondary]).count == 1)
    }

    @Test func teachers_per_class_far_from_the_norm() {
        // TH norm 1,5 ± 25 %: 1,125…1,875 pass (edges included), 2,0 and 1,0 warn.
        #expect(run("TPC_TH", ["8201": 15, "2102": 8]).isEmpty)
        #expect(run("TPC_TH", ["8201": 9, "2102": 8]).isEmpty)
        let high = run("TPC_TH", ["8201": 16, "2102": 8])
        #expect(high.count == 1 && high[0].indicatorCodes.first == "2106c")
        #expect(high[0].messageVI.hasPrefix("Số giáo viên bình quân một lớp học tiểu học (2106c): 2,00 GV/lớp (tử số 16, mẫu số 8) cách xa định mức 1,50 (khoảng hợp lý từ 1,125 đến 1,875; căn cứ: TT 16/2017/TT-BGDĐT"))
        #expect(run("TPC_TH", ["8201": 8, "2102": 8]).count == 1)
        // THPT norm 2,25: 2,8125 passes at the edge (45/16), 2,875 warns.
        #expect(run("TPC_THPT", ["4106": 45, "4102": 16], levels: [.upperSecondary]).isEmpty)
        #expect(run("TPC_THPT", ["4106": 46, "4102": 16], levels: [.upperSecondary]).count == 1)
    }

    @Test func change_against_last_year_beyond_the_share() {
        // +30 % exactly passes, +30,1 % warns; −30 % passes, −30,1 % warns.
        #expect(run("CHANGE_MAX", ["2105": 1300], lastYear: ["2105": 1000]).isEmpty)
        let up = run("CHANGE_MAX", ["2105": 1301], lastYear: ["2105": 1000])
        #expect(up.map(\.messageVI) == ["Số học sinh tiểu học (2105): 1.301 so với 1.000 năm học trước, tăng 30,1%, vượt ngưỡng 30%; cần giải trình."])
        #expect(run("CHANGE_MAX", ["2105": 700], lastYear: ["2105": 1000]).isEmpty)
        #expect(run("CHANGE_MAX", ["2105": 699], lastYear: ["2105": 1000]).first?.messageVI.contains("giảm 30,1%") == true)
        // Below the minimum base (10) a jump is not judged; without last year nothing is.
        #expect(run("CHANGE_MAX", ["2102": 20], lastYear: ["2102": 9]).isEmpty)
        #expect(run("CHANGE_MAX", ["2102": 20], lastYear: ["2102": 10]).count == 1)
        #expect(run("CHANGE_MAX", ["2105": 5000]).isEmpty)
    }

    @Test func errors_block_saving_and_warnings_need_explanations() {
        // setup
        let figures = Figures(codes: ["2105": 351, "2102": 10, "2105.nu": 400])!
        // MUT
        let findings = Validator.check(figures, unitLevels: [.primary], catalogue: catalogue, rules: Self.rules)
        let warnings = findings.filter { $0.severity == .warning }
        // validate
        #expect(findings.first?.severity == .error)
        #expect(!Validator.canSave(findings))
        #expect(Validator.canSave(warnings))
        #expect(!Validator.warningsExplained(warnings, explanations: [:]))
        #expect(!Validator.warningsExplained(warnings, explanations: ["CLS_MAX_TH:2106b": "  "]))
        #expect(Validator.warningsExplained(warnings, explanations: ["CLS_MAX_TH:2106b": "Trường thiếu phòng học."]))
    }

    @Test func rules_file_faults_are_located() {
        let header = "rule_id,severity,check,indicators,levels,threshold,tolerance,min_base,confirmed,basis,description_vi\n"
        let cases: [(String, Int, String)] = [
            ("X,fatal,non_negative,*,,,,,true,,", 2, "severity"),
            ("X,warning,ratio_max,2105,TH,35,,,true,,", 4, "indicators"),
            ("X,warning,ratio_max,2106b,TH,,,,true,,", 6, "threshold"),
            ("X,warning,ratio_band,2106c,TH,1.5,2,,true,,", 7, "tolerance"),
            ("X,warning,sum,*,,,,,true,,", 3, "check"),
        ]
        for (line, column, name) in cases {
            let result = Result { () throws(StatisticsDataError) in try ValidationRule.parse(header + line, catalogue: catalogue) }
            guard case let .failure(e) = result else { Issue.record("no error: \(line)"); continue }
            #expect(e.file == "rules.csv" && e.line == 2 && e.column == column && e.columnName == name, "\(e.messageVI)")
        }
    }
}
