import Foundation
import NamHocDomain
import Testing

private func day(_ iso: String) -> Day { Day(iso: iso)! }

@Suite struct SchoolYearTests {
    @Test func parses_the_usual_written_forms() {
        // MUT + validate
        #expect(SchoolYear("2024-2025") == SchoolYear(startYear: 2024))
        #expect(SchoolYear("2024 - 2025") == SchoolYear(startYear: 2024))
        #expect(SchoolYear("2024–2025") == SchoolYear(startYear: 2024))
        #expect(SchoolYear(" 2023—2024 ") == SchoolYear(startYear: 2023))
        #expect(SchoolYear("2024/2025") == SchoolYear(startYear: 2024))
    }

    @Test(arguments: ["2024 - 2024", "2024-2026", "2025-2024", "2024", "24-25", "2024-2025-2026", "", "abcd-efgh",
                      "２０２４-２０２５", "2024--2025"])
    func rejects_invalid_text(_ text: String) {
        // MUT + validate
        #expect(SchoolYear(text) == nil)
    }

    @Test func name_and_key_dates() {
        // setup
        let year = SchoolYear(startYear: 2024)
        // MUT + validate
        #expect(year.name == "2024-2025" && year.description == "2024-2025")
        #expect(year.opening == day("2024-09-05"))
        #expect(year.censusDate == day("2024-09-30"))
        #expect(year.start == day("2024-09-01") && year.end == day("2025-08-31"))
        #expect(year.previous.name == "2023-2024" && year.next.name == "2025-2026")
        #expect(SchoolYear(startYear: 2023) < year)
    }

    @Test func containing_switches_on_the_first_of_september() {
        // MUT + validate
        #expect(SchoolYear.containing(day("2024-08-31")).name == "2023-2024")
        #expect(SchoolYear.containing(day("2024-09-01")).name == "2024-2025")
        #expect(SchoolYear.containing(day("2024-12-31")).name == "2024-2025")
        #expect(SchoolYear.containing(day("2025-01-01")).name == "2024-2025")
        #expect(SchoolYear.containing(day("2025-08-31")).name == "2024-2025")
        #expect(SchoolYear.containing(day("2025-09-01")).name == "2025-2026")
    }

    @Test func every_day_of_the_span_belongs_to_the_year() {
        // setup: 2023-2024, walked back from its last day
        let year = SchoolYear(startYear: 2023)
        var d = year.end
        var days = 0
        while d >= year.start {
            // MUT + validate
            #expect(SchoolYear.containing(d) == year)
            d = d.previous
            days += 1
        }
        // validate: every day counted
        #expect(days == 366) // 2024 is a leap year
    }

    @Test func semesters_follow_the_default_calendar() {
        // setup
        let year = SchoolYear(startYear: 2024)
        // MUT
        let semesters = year.semesters
        // validate
        #expect(semesters.map(\.code) == ["2024-2025/HK1", "2024-2025/HK2"])
        #expect(semesters[0].validity == Validity(from: day("2024-09-05"), to: day("2025-01-18")))
        #expect(semesters[1].validity == Validity(from: day("2025-01-19"), to: day("2025-05-31")))
        #expect(semesters[0].nameVI == "Học kỳ I năm học 2024-2025")
        #expect(semesters[1].nameVI == "Học kỳ II năm học 2024-2025")
    }

    @Test func a_province_calendar_moves_the_semester_boundary() {
        // setup: a province calendar
        var calendar = SchoolCalendar.standard
        calendar.semester1End = .init(month: 1, day: 11)
        calendar.semester2End = .init(month: 5, day: 24)
        // MUT
        let semesters = SchoolYear(startYear: 2024).semesters(in: calendar)
        // validate
        #expect(semesters[0].last == day("2025-01-11") && semesters[1].first == day("2025-01-12"))
        #expect(semesters[1].last == day("2025-05-24"))
        #expect(semesters[0].code == "2024-2025/HK1")
        // A semester ending on the last day of a month rolls over to the next month.
        // setup: a first semester ending on 31 January
        calendar.semester1End = .init(month: 1, day: 31)
        // MUT + validate
        #expect(SchoolYear(startYear: 2024).semesters(in: calendar)[1].first == day("2025-02-01"))
    }

    @Test func quarters_run_from_q3_of_the_start_year_to_q2_of_the_next() {
        // MUT
        let quarters = SchoolYear(startYear: 2024).quarters
        // validate
        #expect(quarters.map(\.code) == ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"])
        #expect(quarters.map(\.nameVI) == ["Quý III/2024", "Quý IV/2024", "Quý I/2025", "Quý II/2025"])
        #expect(quarters[0].contains(SchoolYear(startYear: 2024).opening))
        #expect(quarters[3].contains(day("2025-05-31")))
    }

    @Test func months_run_from_september_to_august() {
        // MUT
        let months = SchoolYear(startYear: 2024).months
        // validate
        #expect(months.count == 12)
        #expect(months.first?.code == "2024-09" && months.last?.code == "2025-08")
        #expect(months.first?.nameVI == "Tháng 9/2024")
        #expect(months.first?.first == SchoolYear(startYear: 2024).start && months.last?.last == SchoolYear(startYear: 2024).end)
    }

    @Test func codable_as_its_name() throws {
        // MUT: encode
        let data = try JSONEncoder().encode([SchoolYear(startYear: 2024)])
        // validate
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-2025"]"#)
        // MUT + validate: decoded back, and a bare year refused
        #expect(try JSONDecoder().decode([SchoolYear].self, from: data) == [SchoolYear(startYear: 2024)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([SchoolYear].self, from: Data(#"["2024"]"#.utf8)) }
    }
}
