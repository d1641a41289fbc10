import Fluent

/// The kept sums no longer hold a unit's own values (a school's "sum" was a copy of its figures, half
/// of the table): every period is summed again without them. Totals read a unit's own counted values
/// beside its kept sum.
struct UpdateStatSumsAboveUnits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for period in try await StatisticsStore.periods(in: database) { try await StatisticsStore.rebuild(period, versioned: false, in: database) }
    }

    /// The former code rebuilds the sums of its shape with `namhoc stats rebuild`.
    func revert(on database: any Database) async throws {}
}
