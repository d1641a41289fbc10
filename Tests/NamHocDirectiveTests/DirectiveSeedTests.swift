import Foundation
import NamHocDirective
import Testing

/// The three real texts of the project's seeds.
@Suite struct DirectiveSeedTests {
    let reader = DirectiveReader()

    @Test func seed000_tasks_are_exactly_the_seven_ordinals() {
        // MUT
        let reading = reader.read(DirectiveFixtures.text("seed-000"))
        // validate
        #expect(reading.tasks.map(\.number) == Array(1...7))
        #expect(reading.tasks.map(\.marker) == ["Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"])
        #expect(reading.tasks.first?.title == "Thực hiện có hiệu quả chương trình giáo dục mầm non, giáo dục phổ thông và giáo dục thường xuyên")
        #expect(reading.tasks.last?.text.hasPrefix("Tiếp tục triển khai thiết thực") == true)
        // The closing paragraph ("Cùng với đó …") is not an eighth task.
        #expect(!reading.tasks.contains { $0.text.contains("Cùng với đó") })
        #expect(reading.announcedTaskCount?.value == 7)
        #expect(reading.issuer?.office == "Thứ trưởng")
        #expect(reading.issuer?.person == "Ngô Thị Minh")
        #expect(reading.schoolYear?.value == "2023-2024")
        #expect(reading.references.map(\.symbol) == ["98/2023/NĐ-CP", "29/2023/TT-BGDĐT"])
        #expect(reading.references.first?.date == "2023-12-31")
        #expect(reading.references.first?.type == "Nghị định")
        #expect(reading.references.first?.issuer == "Chính phủ")
        #expect(reading.movements.map(\.value).contains("Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập"))
        #expect(reading.movements.count == 3)
        #expect(reading.periods.map(\.label).contains("giai đoạn 2021-2025"))
        // "phong cách Hồ Chí Minh" is the President, not the city.
        #expect(reading.places.isEmpty)
        #expect(reading.document == nil)
    }

    @Test func seed003_figures_with_their_changes() {
        // MUT
        let reading = reader.read(DirectiveFixtures.text("seed-003"))
        // validate
        func figure(_ indicator: String, _ value: Double) -> Figure? {
            reading.figures.first { $0.indicator == indicator && $0.value == value }
        }
        #expect(figure("SCHOOLS", 2874)?.change == 34)
        #expect(figure("CLASSES", 66138)?.change == 1919)
        #expect(figure("CLASSES", 66138)?.object == "lớp")
        #expect(figure("PUPILS", 2_222_246)?.change == 68917)
        #expect(figure("TEACHERS", 124_493)?.change == 1525)
        #expect(figure("CLASSROOMS", 66110)?.change == 846)
        #expect(figure("NATSTD_SCHOOLS", 130)?.target == true)
        #expect(reading.theme?.value == "Đoàn kết, kỷ cương, đổi mới sáng tạo, hoàn thành tốt các nhiệm vụ và mục tiêu đổi mới, nâng cao chất lượng giáo dục đào tạo")
        #expect(reading.announcedTaskCount?.value == 10)
        #expect(reading.issuer?.person == "Trần Thế Cương")
        #expect(reading.references.map(\.symbol).contains("139/KH-UBND"))
        #expect(reading.references.map(\.symbol).contains("29-NQ/TW"))
        #expect(reading.movements.map(\.value) == ["Nhà trường cùng chung tay phát triển - Thầy cô cùng sẻ chia trách nhiệm", "Nhà giáo tâm huyết, sáng tạo"])
        #expect(reading.places.map(\.name) == ["Hà Nội"])
        // Ten announced, ten read: "Cùng với đó, …" continues the fourth task instead of opening an eleventh.
        #expect(reading.tasks.count == 10)
        #expect(reading.tasks[3].text.contains("Cùng với đó, GD&ĐT Hà Nội tập trung thực hiện hiệu quả Chương trình GDPT 2018"))
        #expect(!reading.tasks.contains { $0.title.hasPrefix("Cùng với đó") })
    }

    @Test func seed004_nine_tasks_theme_and_issuer() {
        // MUT
        let reading = reader.read(DirectiveFixtures.text("seed-004"))
        // validate
        #expect(reading.announcedTaskCount?.value == 9)
        #expect(reading.tasks.count == 9)
        #expect(reading.tasks.first?.title.hasPrefix("Tếp tục tham mưu") == true)
        #expect(reading.tasks.last?.title == "Tăng cường công tác truyền thông")
        #expect(!reading.tasks.contains { $0.text.contains("giao nhiệm vụ cụ thể") })
        #expect(reading.schoolYear?.value == "2022-2023")
        #expect(reading.theme?.value.hasPrefix("Đoàn kết, sáng tạo, ra sức phấn đấu") == true)
        #expect(reading.issuer?.office == "Chủ tịch UBND tỉnh Bắc Giang")
        #expect(reading.issuer?.person == nil)
        let place = reading.places.first
        #expect(place?.name == "Bắc Giang")
        #expect(place?.kind == "formerProvince")
        #expect(place?.province == "Bắc Ninh")
        #expect(reading.units.map(\.name) == ["UBND tỉnh Bắc Giang"])
        #expect(reading.dates.map(\.date) == ["2022-09-25", "2022-08-30"])
        #expect(reading.figures.isEmpty)
    }
}
