/// Orthographic check of one Vietnamese syllable, the evidence the legacy detector counts.
///
/// A syllable is initial consonant (possibly none) + vowel nucleus + final consonant (possibly
/// none), with at most one tone. The nucleus list is closed (about 50 spellings, glides included),
/// which is what makes the check discriminating: mis-decoded text produces nuclei like "ou" or
/// "aư", and Western words fail on letters (f, j, w, z) or clusters.
enum VietnameseSyllable {
    private static func letters(_ s: String) -> [UInt8] {
        s.map { UInt8(VietnameseLetters.alphabet.firstIndex(of: $0)!) }
    }

    private static let initials: [[UInt8]] = [
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
        "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
    ].map(letters)

    private static let finals: Set<[UInt8]> = Set(
        ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"].map(letters))

    private static let nuclei: Set<[UInt8]> = Set(
        [
            "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
            "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe",
            "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu",
            "ươ", "ya", "yê",
            "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu",
            "yêu",
        ].map(letters))

    // Letters no native syllable uses.
    private static let foreign: Set<UInt8> = Set(letters("fjwz"))

    static func isValid(_ word: [Unicode.Scalar]) -> Bool {
        guard !word.isEmpty, word.count <= 8 else { return false }
        var seq: [UInt8] = []
        var tones = 0
        for scalar in word {
            let info = VietnameseLetters.info(scalar.value)
            guard info.isLetter, !foreign.contains(info.letter) else { return false }
            if info.tone != 0 { tones += 1 }
            seq.append(info.letter)
        }
        guard tones <= 1 else { return false }
        for initial in initials where initial.count < seq.count && seq.starts(with: initial) {
            let rest = seq[initial.count...]
            // The final is at most 2 letters; try each split of the rhyme.
            for finalLength in 0...min(2, rest.count - 1) {
                let nucleus = Array(rest.dropLast(finalLength))
                let final = Array(rest.suffix(finalLength))
                if finals.contains(final) && nuclei.contains(nucleus) { return true }
            }
        }
        return false
    }
}
