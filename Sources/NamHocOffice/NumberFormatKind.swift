import Foundation

/// What a cell's number format says about its value: the only style information a reader needs.
enum NumberFormatKind: Equatable, Sendable {
    /// General or a format without decimals: integral values come back as `.integer`.
    case plain
    /// A format showing decimals: values come back as `.number`.
    case decimal
    case percent
    case date

    /// Built-in ids (ECMA-376 §18.8.30). 27–36 and 50–58 are dates in East Asian locales.
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 9, 10: return .percent
        case 14...22, 27...36, 45...47, 50...58: return .date
        case 2, 4, 7, 8, 11, 39, 40, 48: return .decimal
        default: return .plain
        }
    }

    /// Classifies a format code by its first section, ignoring quoted text, escapes and
    /// bracketed parts such as `[$-42A]` or `[Red]` (but keeping elapsed time `[h]`).
    static func classify(_ code: String) -> NumberFormatKind {
        var plain: [Character] = []
        var inQuote = false
        var inBracket = false
        var escape = false
        var bracket = ""
        for ch in code {
            if escape { escape = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                if ch == "]" {
                    inBracket = false
                    let b = bracket.lowercased()
                    if b == "h" || b == "hh" || b == "m" || b == "mm" || b == "s" || b == "ss" { plain.append("h") }
                } else {
                    bracket.append(ch)
                }
                continue
            }
            switch ch {
            case "\"": inQuote = true
            case "\\", "_", "*": escape = true  // `_x` pads, `*x` repeats: x is not a code
            case "[": inBracket = true; bracket = ""
            case ";": break
            default: plain.append(ch)
            }
            if ch == ";" { break }
        }
        let lower = String(plain).lowercased()
        if lower == "general" || lower.isEmpty || lower == "@" { return .plain }
        if lower.contains("%") { return .percent }
        if lower.contains(where: { "dmyhs".contains($0) }) && !lower.contains("e+") && !lower.contains("e-") {
            return .date
        }
        if let dot = lower.firstIndex(of: "."),
           lower[lower.index(after: dot)...].contains(where: { $0 == "0" || $0 == "#" || $0 == "?" }) {
            return .decimal
        }
        return .plain
    }
}
