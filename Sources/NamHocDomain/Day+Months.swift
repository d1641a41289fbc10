import Foundation

extension Day {
    /// The same day `months` months later (earlier when negative), clamped to the month's last day:
    /// 31/08 + 6 months is 28/02 (or 29/02). Nil past year 9999 (or before year 1).
    public func addingMonths(_ months: Int) -> Day? {
        let index = year * 12 + (month - 1) + months
        guard index >= 12 else { return nil }
        let y = index / 12, m = index % 12 + 1
        guard (1...9999).contains(y) else { return nil }
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))
    }
}
