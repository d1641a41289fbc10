import Fluent
import Foundation
import NamHocDomain
import Vapor

extension Request {
    /// The school year a plan request is about: `?year=2024-2025`, else the year chosen in the header
    /// (pages), else the current one (API).
    var planYear: SchoolYear {
        get throws {
            if let text = query[String.self, at: "year"], !text.isEmpty {
                // As strict as `?year=` elsewhere: "2024-2025" only.
                guard QueryDay.censusDay(text) != nil, let year = SchoolYear(text) else {
                    throw AppError.invalidField(field: "year", message: "Năm học \"\(text)\" không hợp lệ (dạng 2024-2025).")
                }
                return year
            }
            return hasSession ? schoolYear : SchoolYear.containing(today)
        }
    }

    /// The task of the path (`:task`), which must belong to a plan of the path's unit: a task id of
    /// another unit answers 404 like an unknown one.
    func pathTask() async throws -> (task: PlanTask, plan: Plan) {
        let unit = try scopedUnit
        guard let id = parameters.get("task").flatMap(UUID.init(uuidString:)),
              let found = try await PlanStore.task(id, of: unit.requireID(), on: db) else {
            throw AppError.notFound("Không tìm thấy nhiệm vụ trong kế hoạch của \(unit.name).")
        }
        return found
    }

    /// The unit's plan of `year`, or 404 in Vietnamese.
    func existingPlan(of unit: Unit, year: SchoolYear) async throws -> Plan {
        guard let plan = try await PlanStore.plan(of: unit.requireID(), year: year, on: db) else {
            throw AppError.notFound("\(unit.name) chưa có kế hoạch năm học \(year.name).")
        }
        return plan
    }

    /// A progress period named by a form or body: "2025-Q1", "2025-03", "2024-2025/HK1".
    func progressPeriod(_ code: String?) throws -> Period {
        guard let code, let period = Period(code: code), [.quarter, .month, .semester].contains(period.kind) else {
            throw AppError.invalidField(field: "period",
                                        message: "Kỳ báo cáo \"\(code ?? "")\" không hợp lệ: dạng 2025-Q1 (quý), 2025-03 (tháng) hoặc 2024-2025/HK1 (học kỳ).")
        }
        return period
    }
}
