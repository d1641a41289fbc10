import Foundation

extension Day {
    /// The same day `months` months later (earlier when negative), clamped to the month's last day:
    /// 31/08 + 6 months is 28/02 (or 29/02).
    public func addingMonths(_ months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))!
    }
}
