import Foundation

/// How many lines a text takes when it wraps inside a column, in Times New Roman 12 (the
/// workbook's font): the sum of its characters' advance widths, wrapped at spaces as Excel and
/// LibreOffice wrap. An estimate that errs towards one line too many (a little white space)
/// rather than one too few (text cut off or running into the row below).
enum TextLines {
    /// Advance widths of Times New Roman's ASCII characters, in thousandths of an em, from
    /// 0x20 (space) to 0x7E (~). Bold is a little wider: see `count`.
    private static let ascii: [UInt16] = [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,  // space ! " # $ % & ' ( ) * + , - . /
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,  // 0-9 : ; < = > ?
        921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,  // @ A-O
        556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,  // P-Z [ \ ] ^ _
        333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,  // ` a-o
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,       // p-z { | } ~
    ]

    /// Excel's tallest row (409,5 pt) holds 26 lines of Times New Roman 12: counting stops there.
    static let maxLines = 26

    /// Lines of `text` in a column `width` characters wide (Excel's unit: the width of a digit,
    /// half an em), at least 1.
    static func count(_ text: String, width: Double, bold: Bool) -> Int {
        // A column `width` wide is about 8·width pixels at 96 dpi (a digit of Times New Roman 12 is
        // 8 px, half its 16 px em); the cell's padding takes half a digit or so. Bold is ~5% wider.
        let capacity = max(1, (width - 0.7) * 500 / (bold ? 1.05 : 1))
        // Fast path: no character is wider than an em (1000), nor takes less than one UTF-8 byte.
        if Double(text.utf8.count) * 1000 <= capacity, !text.utf8.contains(0x0A) { return 1 }
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrapped(paragraph.unicodeScalars, capacity: capacity, limit: maxLines - lines)
            if lines >= maxLines { return maxLines }
        }
        return max(1, lines)
    }

    /// Greedy wrap at spaces; a word longer than a line is broken where it overflows.
    private static func wrapped(_ scalars: Substring.UnicodeScalarView, capacity: Double, limit: Int) -> Int {
        var lines = 1
        var line = 0.0  // width of the current line, spaces included
        var word = 0.0  // width of the word being read
        var pendingSpace = 0.0
        for scalar in scalars {
            if lines >= limit { return lines }
            let w = width(scalar)
            if scalar == " " {
                if line > 0 && line + pendingSpace + word > capacity {
                    lines += 1
                    line = word
                } else {
                    line += pendingSpace + word
                }
                word = 0
                pendingSpace = w
                continue
            }
            word += w
            if word > capacity {  // a word alone wider than the column: broken
                if line > 0 { lines += 1; line = 0 }
                lines += 1
                word = w
                pendingSpace = 0
            }
        }
        if line > 0 && line + pendingSpace + word > capacity { lines += 1 }
        return lines
    }

    private static func width(_ scalar: Unicode.Scalar) -> Double {
        let v = scalar.value
        if v >= 0x20 && v <= 0x7E { return Double(ascii[Int(v - 0x20)]) }
        if v >= 0x0300 && v <= 0x036F { return 0 }  // combining marks (decomposed Vietnamese)
        if v < 0x20 { return 0 }
        // Vietnamese letters with marks are as wide as their base letter (a, e 444; o, u 500; ư, ơ
        // a little wider): the widest of the family stands for all.
        if scalar.properties.isUppercase { return 722 }
        if scalar.properties.isLowercase { return 520 }
        return 1000  // symbols, CJK, emoji: as wide as they come
    }
}
