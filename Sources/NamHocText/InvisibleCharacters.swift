import Foundation

extension VietnameseText {
    /// Removes what a person cannot see but a screen obeys: bidirectional controls (U+202A–U+202E,
    /// U+2066–U+2069, U+200E/F, U+061C), zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and every
    /// other format or control character, keeping line breaks and tabs. A right-to-left override in a
    /// unit's name would otherwise show reversed text on every page that lists it (Trojan Source).
    public static func removingInvisibles(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isInvisible($0) })
        return String(scalars)
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\n" || scalar == "\t" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .format, .control: return true
        default: return false
        }
    }
}
