import Foundation

/// Keeps spreadsheet cells from being run as formulas when a user opens an export
/// (CSV injection: `=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`).
public enum FormulaGuard {
    private static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// Prefixes `'` when the text starts with a formula trigger. Plain signed numbers ("-5",
    /// "+84912345678", "-2,5") are left alone: no spreadsheet runs them and mangling them would
    /// corrupt the data people re-import.
    public static func neutralise(_ s: String) -> String {
        guard let first = s.first, triggers.contains(first) else { return s }
        if isPlainSignedNumber(s) { return s }
        return "'" + s
    }

    /// True when a cell would be read as a formula if typed in (used by the XLSX writer to
    /// decide nothing: there such cells are always plain strings, never `<f>`).
    static func looksLikeFormula(_ s: String) -> Bool {
        guard let first = s.first else { return false }
        return triggers.contains(first) && !isPlainSignedNumber(s)
    }

    private static func isPlainSignedNumber(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count >= 2, u[0] == UInt8(ascii: "-") || u[0] == UInt8(ascii: "+") else { return false }
        var sawDigit = false
        var separators = 0
        for b in u.dropFirst() {
            if b >= 0x30 && b <= 0x39 { sawDigit = true; continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") { separators += 1; continue }
            return false
        }
        return sawDigit && separators <= 3 && u.last! >= 0x30 && u.last! <= 0x39
    }
}
