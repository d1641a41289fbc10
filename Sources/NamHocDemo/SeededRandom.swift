import Foundation

/// A small deterministic random number generator (SplitMix64, Steele/Lea/Flood 2014).
///
/// Demo and benchmark data must be the same on every machine and every Swift release, so this never
/// delegates to `SystemRandomNumberGenerator`, and the helpers below do their own range reduction instead
/// of `Int.random(in:using:)`, whose algorithm the standard library is free to change.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for one named part of a larger data set (a commune, a province), so that part comes out
    /// the same whatever else is generated before it — e.g. a commune's schools at province and national scale.
    public init(seed: UInt64, stream: String) {
        state = seed ^ SeededRandom.fnv1a(stream)
        // One round of mixing so that neighbouring streams ("00004", "00008") do not start correlated.
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0). Multiply-shift reduction; the bias is below 2⁻³² for the small
    /// bounds used here, which does not matter for demo data.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let product = (next() >> 32) &* UInt64(bound)
        return Int(product >> 32)
    }

    /// Uniform in the closed range.
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + nextInt(below: range.count)
    }

    /// Uniform in [0, 1), 53 bits.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with the given probability.
    public mutating func chance(_ probability: Double) -> Bool {
        nextDouble() < probability
    }

    /// A uniformly chosen element; the array must not be empty.
    public mutating func pick<T>(_ elements: [T]) -> T {
        elements[nextInt(below: elements.count)]
    }

    /// FNV-1a over the UTF-8 bytes: a stable string hash (Swift's `Hasher` is seeded per process).
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
