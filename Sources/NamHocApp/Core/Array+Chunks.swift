import Foundation

extension Array {
    /// Consecutive slices of at most `size` elements: lists bound into one SQL statement stay under the
    /// engines' limits on variables.
    func chunks(of size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
