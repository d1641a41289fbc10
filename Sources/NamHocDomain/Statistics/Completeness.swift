import Foundation

/// Tình hình nộp báo cáo of a parent unit for one form and period: how many child units are expected,
/// how many submitted and approved, which are missing and which are late.
public struct Completeness: Hashable, Sendable {
    /// A child unit expected to report, with its report (nil: not started).
    public struct Child: Hashable, Sendable {
        /// The unit's code (mã đơn vị).
        public var code: String
        public var status: ReportStatus?
        /// The day of the last submission, if any.
        public var submittedOn: Day?

        public init(code: String, status: ReportStatus?, submittedOn: Day? = nil) {
            self.code = code
            self.status = status
            self.submittedOn = submittedOn
        }
    }

    /// Số đơn vị phải báo cáo.
    public var expected: Int
    /// Đã nộp: submitted or approved (what counts in the roll-up).
    public var submitted: Int
    /// Đã duyệt.
    public var approved: Int
    /// Chưa nộp: not started, draft or returned — codes in input order.
    public var missing: [String]
    /// Nộp muộn / quá hạn: after the due date, the units still missing, and the units whose counted
    /// report was submitted after the due date — codes in input order.
    public var late: [String]

    public init(children: [Child], due: Day, today: Day) {
        expected = children.count
        let counted = children.filter { $0.status?.countsInRollUp ?? false }
        submitted = counted.count
        approved = children.filter { $0.status == .approved }.count
        missing = children.filter { !($0.status?.countsInRollUp ?? false) }.map(\.code)
        late = children.filter { child in
            if child.status?.countsInRollUp ?? false {
                return child.submittedOn.map { $0 > due } ?? false
            }
            return today > due
        }.map(\.code)
    }
}
