import Foundation

extension VietnameseFormat {
    /// Reads numbers as people type them in Vietnamese sheets: "2.222.246", "1.234,5", "72,6%"
    /// (→ 72.6), "-12", " 1 234 ". Also tolerates what machines write ("1234.5", "1,234,567").
    ///
    /// Separator rules: when both "." and "," occur, the last one is the decimal mark. A single
    /// "," is decimal. A single "." is thousands when exactly three digits follow and the integer
    /// part is 1–3 digits without a leading zero ("2.222" = 2222, the Vietnamese reading), else
    /// decimal ("1.5", "0.25"). Repeated marks are thousands and must group by three.
    /// Spaces (also no-break and narrow no-break) may group thousands. nil for anything else.
    public static func parseNumber(_ s: String) -> Double? {
        var chars: [Character] = []
        var negative = false
        for ch in s.trimmingCharacters(in: .whitespacesAndNewlines) {
            switch ch {
            case " ", "\u{00A0}", "\u{202F}", "\u{2009}": continue
            default: chars.append(ch)
            }
        }
        // The value of "72,6%" is 72.6: the sign only says how the number was written.
        if chars.last == "%" { chars.removeLast() }
        if let first = chars.first, first == "-" || first == "−" || first == "+" {
            negative = first != "+"
            chars.removeFirst()
        }
        guard !chars.isEmpty, chars.allSatisfy({ $0 == "." || $0 == "," || ($0.isASCII && $0.isNumber) })
        else { return nil }

        let dots = chars.filter { $0 == "." }.count
        let commas = chars.filter { $0 == "," }.count
        var decimalMark: Character? = nil
        var thousandsMark: Character? = nil
        if dots > 0 && commas > 0 {
            decimalMark = chars.lastIndex(of: ".")! > chars.lastIndex(of: ",")! ? "." : ","
            thousandsMark = decimalMark == "." ? "," : "."
            if chars.filter({ $0 == decimalMark }).count != 1 { return nil }
        } else if commas == 1 {
            decimalMark = ","
        } else if commas > 1 {
            thousandsMark = ","
        } else if dots > 1 {
            thousandsMark = "."
        } else if dots == 1 {
            let i = chars.firstIndex(of: ".")!
            let intPart = chars[..<i], fraction = chars[(i + 1)...]
            let looksGrouped = fraction.count == 3 && (1...3).contains(intPart.count) && intPart.first != "0"
            if looksGrouped { thousandsMark = "." } else { decimalMark = "." }
        }

        var integerPart = chars[...]
        var fractionPart: ArraySlice<Character> = []
        if let mark = decimalMark, let i = chars.firstIndex(of: mark) {
            integerPart = chars[..<i]
            fractionPart = chars[(i + 1)...]
            guard !fractionPart.isEmpty || !integerPart.isEmpty else { return nil }
        }
        if let mark = thousandsMark {
            let groups = integerPart.split(separator: mark, omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
            integerPart = ArraySlice(groups.joined())
        }
        guard integerPart.allSatisfy({ $0.isNumber }), fractionPart.allSatisfy({ $0.isNumber }),
            !(integerPart.isEmpty && fractionPart.isEmpty)
        else { return nil }
        let literal = (integerPart.isEmpty ? "0" : String(integerPart))
            + (fractionPart.isEmpty ? "" : "." + String(fractionPart))
        guard let value = Double(literal) else { return nil }
        return negative ? -value : value
    }

    /// Like `parseNumber`, for whole numbers only ("2.222.246" → 2222246; "1,5" → nil).
    public static func parseInteger(_ s: String) -> Int? {
        guard let x = parseNumber(s), x.rounded() == x, x.magnitude < 9.0e15 else { return nil }
        return Int(x)
    }

    /// "05/09/2024", "5/9/2024", "05-09-2024", "05.09.2024", "2024-09-05",
    /// "ngày 05 tháng 9 năm 2024" (also inside a dateline "Hà Nội, ngày …") → midnight in
    /// Asia/Ho_Chi_Minh. nil for impossible dates (31/02) and two-digit years.
    public static func parseDate(_ s: String) -> Date? {
        let text = s.trimmingCharacters(in: .whitespacesAndNewlines)
        let key = VietnameseText.searchKey(text)
        if let range = key.range(of: "ngay ") {
            // "ngày D tháng M năm Y": read the three numbers that follow, checking the words.
            let words = key[range.lowerBound...].split(separator: " ")
            guard words.count >= 6, words[2] == "thang", words[4] == "nam",
                let d = Int(words[1]), let m = Int(words[3]), let y = Int(words[5]),
                words[5].count == 4
            else { return nil }
            return makeDate(year: y, month: m, day: d)
        }
        let numbers = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard numbers.count == 3, numbers.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        if numbers[0].count == 4 {
            guard numbers[1].count <= 2, numbers[2].count <= 2 else { return nil }
            return makeDate(year: Int(numbers[0])!, month: Int(numbers[1])!, day: Int(numbers[2])!)
        }
        guard numbers[2].count == 4, numbers[0].count <= 2, numbers[1].count <= 2 else { return nil }
        return makeDate(year: Int(numbers[2])!, month: Int(numbers[1])!, day: Int(numbers[0])!)
    }

    /// Midnight of a calendar day in Vietnam; nil when the day does not exist.
    static func makeDate(year: Int, month: Int, day: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (1...9999).contains(year) else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components) else { return nil }
        // Calendar rolls 31/02 over to March; reject instead.
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return date
    }
}
