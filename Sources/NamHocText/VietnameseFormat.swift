import Foundation

/// Numbers, dates and school years the way Vietnamese documents write them: "2.222.246",
/// "72,6%", "05/09/2024", "ngày 05 tháng 9 năm 2024", "2023-2024".
///
/// Written by hand rather than with NumberFormatter/DateFormatter: the output must not depend on
/// the server's locale or ICU data, and the formatters are slow to create on Linux.
/// Dates are calendar days in Asia/Ho_Chi_Minh whatever the server's time zone.
public enum VietnameseFormat {
    /// Vietnam's civil time zone (UTC+7 since 1975). The fixed offset is a fallback for systems
    /// without tz data.
    static let timeZone: TimeZone =
        TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }()

    // MARK: - Numbers

    /// 2222246 → "2.222.246", -1919 → "-1.919".
    public static func integer(_ n: Int) -> String {
        let grouped = group(String(n.magnitude))
        return n < 0 ? "-" + grouped : grouped
    }

    /// 1234.5 → "1.234,5" (rounded half away from zero); non-finite values → "NaN", "∞", "-∞".
    public static func decimal(_ x: Double, fractionDigits: Int = 1) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x < 0 ? "-∞" : "∞") }
        let digits = max(0, min(fractionDigits, 15))
        // %f gives exact decimal rounding of the binary value and never uses a locale.
        let plain = String(format: "%.\(digits)f", x.magnitude)
        let parts = plain.split(separator: ".", maxSplits: 1)
        var out = group(String(parts[0]))
        if parts.count == 2 { out += "," + parts[1] }
        let isZero = plain.allSatisfy { $0 == "0" || $0 == "." }
        return x < 0 && !isZero ? "-" + out : out
    }

    /// 72.6 → "72,6%" (x is already a percentage).
    public static func percent(_ x: Double, fractionDigits: Int = 1) -> String {
        decimal(x, fractionDigits: fractionDigits) + "%"
    }

    private static func group(_ digits: String) -> String {
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return out
    }

    // MARK: - Dates

    /// "05/09/2024".
    public static func date(_ d: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: d)
        return "\(pad(c.day!))/\(pad(c.month!))/\(c.year!)"
    }

    /// "ngày 05 tháng 9 năm 2024": day always two digits, month as a plain number.
    public static func longDate(_ d: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: d)
        return "ngày \(pad(c.day!)) tháng \(c.month!) năm \(c.year!)"
    }

    /// The dateline of an administrative document (Nghị định 30/2020/NĐ-CP): days below 10 and
    /// the months 1 and 2 take a leading zero, so "ngày 05 tháng 01 năm 2024" but
    /// "ngày 15 tháng 3 năm 2024" (the zero keeps "tháng 1" from being altered into "tháng 11").
    public static func datelineDate(_ d: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: d)
        let month = c.month! <= 2 ? pad(c.month!) : String(c.month!)
        return "ngày \(pad(c.day!)) tháng \(month) năm \(c.year!)"
    }

    /// "05/09/2024 14:30".
    public static func dateTime(_ d: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        return "\(pad(c.day!))/\(pad(c.month!))/\(c.year!) \(pad(c.hour!)):\(pad(c.minute!))"
    }

    private static func pad(_ n: Int) -> String {
        n < 10 && n >= 0 ? "0\(n)" : String(n)
    }

    // MARK: - School years

    /// 2023 → "2023-2024".
    public static func schoolYear(_ startYear: Int) -> String {
        "\(startYear)-\(startYear + 1)"
    }

    /// "2023-2024", "2023 - 2024", "2023–2024", "Năm học 2023-2024" → 2023 (the start year);
    /// nil unless both years have four digits and the end year is the start year + 1.
    public static func parseSchoolYear(_ s: String) -> Int? {
        var text = Substring(s.trimmingCharacters(in: .whitespacesAndNewlines))
        let key = VietnameseText.searchKey(String(text))
        if key.hasPrefix("nam hoc") {
            text = text.drop(while: { !$0.isNumber })
        }
        let separators: Set<Character> = ["-", "–", "—", "‐", "‑", "−", "/"]
        let parts = text.split(whereSeparator: { separators.contains($0) })
        guard parts.count == 2,
            let start = fourDigitYear(parts[0]), let end = fourDigitYear(parts[1]),
            end == start + 1
        else { return nil }
        return start
    }

    private static func fourDigitYear(_ part: Substring) -> Int? {
        let t = part.trimmingCharacters(in: .whitespaces)
        guard t.count == 4, t.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(t)
    }
}
