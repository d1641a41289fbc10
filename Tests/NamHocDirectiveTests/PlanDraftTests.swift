import Foundation
import NamHocDirective
import Testing

@Suite struct PlanDraftTests {
    func draft(_ text: String) -> PlanDraft {
        let prepared = DirectiveReader.prepare(text)
        return PlanDraft(reading: DirectiveReader().read(prepared), text: prepared)
    }

    @Test(arguments: ["seed-000", "seed-003", "seed-004"])
    func every_seed_gives_a_draft_whose_tasks_point_at_their_words(_ name: String) {
        let text = DirectiveFixtures.text(name)
        let prepared = DirectiveReader.prepare(text)
        let plan = draft(text)
        #expect(!plan.tasks.isEmpty)
        for task in plan.tasks {
            #expect(task.span.text(in: prepared).contains(task.title), "\(name) #\(task.number)")
            for target in task.targets { #expect(target.span.start >= task.span.start && target.span.end <= task.span.end) }
        }
        // a count announced and a count read that differ are said, with where
        let reading = DirectiveReader().read(prepared)
        let differs = plan.notes.first { $0.kind == .countDiffers }
        #expect((differs != nil) == (reading.announcedTaskCount.map { $0.value != plan.tasks.count } ?? false), "\(name)")
    }

    @Test func a_count_that_differs_is_said_with_the_announcement_and_every_task() {
        let plan = draft("""
            Năm học 2025-2026, ngành giáo dục tập trung thực hiện 3 nhiệm vụ trọng tâm sau:
            1. Nâng cao chất lượng giáo dục toàn diện.
            2. Đẩy mạnh chuyển đổi số trong quản lý, dạy học.
            """)
        let note = plan.notes.first { $0.kind == .countDiffers }
        #expect(note?.message == "Văn bản nêu 3 nhiệm vụ nhưng đọc được 2 nhiệm vụ: hãy kiểm tra, gộp hoặc tách cho khớp.")
        #expect(note?.spans.count == 3)
    }

    @Test func deadlines_targets_and_lead_units_are_read_inside_each_task() {
        let text = """
            KẾ HOẠCH
            Thực hiện nhiệm vụ năm học 2025-2026
            II. NHIỆM VỤ TRỌNG TÂM
            1. Phát triển mạng lưới trường lớp. Phấn đấu công nhận mới 12 trường tiểu học đạt chuẩn quốc gia. Hoàn thành trước ngày 31/5/2026.
            2. Đẩy mạnh chuyển đổi số. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Khoa học và Công nghệ triển khai học bạ số trước ngày 30/12/2025.
            III. TỔ CHỨC THỰC HIỆN
            """
        let plan = draft(text)
        #expect(plan.tasks.count == 2)
        #expect(plan.tasks[0].deadline?.date == "2026-05-31")
        #expect(plan.tasks[0].targets.map(\.value) == [12])
        #expect(plan.tasks[1].deadline?.date == "2025-12-30")
        #expect(plan.tasks[1].leadUnits.map(\.value) == ["Sở Giáo dục và Đào tạo"])
        #expect(plan.tasks[1].cooperatingUnits.map(\.value) == ["Sở Khoa học và Công nghệ"])
        #expect(plan.notes.isEmpty)
    }
}
