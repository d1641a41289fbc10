import Foundation

/// CSV as Vietnamese offices exchange it: Excel needs the UTF-8 BOM to show Vietnamese, and
/// files saved on a Vietnamese Windows use `;` because `,` is the decimal separator there.
public enum CSVFile {
    /// UTF-8 with BOM, CRLF line ends, RFC 4180 quoting, formula triggers neutralised.
    public static func write(header: [String], rows: [[String]], delimiter: Character = ",") -> Data {
        var out = "\u{FEFF}"
        func line(_ fields: [String]) {
            out += fields.map { quote(FormulaGuard.neutralise(OfficeText.normalize($0)), delimiter) }
                .joined(separator: String(delimiter))
            out += "\r\n"
        }
        if !header.isEmpty { line(header) }
        rows.forEach(line)
        return Data(out.utf8)
    }

    private static func quote(_ s: String, _ delimiter: Character) -> String {
        // Scalars, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n".
        let special: Set<Unicode.Scalar> = ["\"", "\n", "\r", ";", ",", "\t"]
        let needs = s.unicodeScalars.contains { special.contains($0) || String($0) == String(delimiter) }
            || s.first == " " || s.last == " "
        guard needs else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Rows of fields. Detects the encoding (BOM, UTF-8, UTF-16, legacy TCVN3/VNI via NamHocText)
    /// and the delimiter (`,` `;` or tab, by the first line); quoted fields may hold newlines.
    public static func read(_ data: Data) throws -> [[String]] {
        let text = OfficeText.decode(data)
        let scalars = text.unicodeScalars
        let delimiter = detectDelimiter(scalars)
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var fieldStarted = false
        var i = scalars.startIndex
        func endField() {
            row.append(String(field).precomposedStringWithCanonicalMapping)
            field = String.UnicodeScalarView()
            fieldStarted = false
        }
        func endRow() {
            endField()
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        }
        // Walks the scalar view by index (no copy of the file as an array of scalars).
        func peek(_ j: String.UnicodeScalarView.Index) -> Unicode.Scalar? {
            let next = scalars.index(after: j)
            return next < scalars.endIndex ? scalars[next] : nil
        }
        while i < scalars.endIndex {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if peek(i) == "\"" { field.append("\""); i = scalars.index(after: i) } else { inQuotes = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && !fieldStarted {
                inQuotes = true
                fieldStarted = true
            } else if c == delimiter {
                endField()
            } else if c == "\r" || c == "\n" {
                if c == "\r" && peek(i) == "\n" { i = scalars.index(after: i) }
                endRow()
            } else {
                field.append(c)
                fieldStarted = true
            }
            i = scalars.index(after: i)
        }
        if inQuotes { throw OfficeError.invalidText("dấu ngoặc kép \" chưa được đóng") }
        if fieldStarted || !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }

    /// The candidate seen most often outside quotes on the first line; `,` on a tie.
    static func detectDelimiter(_ s: String.UnicodeScalarView) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var inQuotes = false
        for c in s {
            if c == "\"" { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if c == "\n" || c == "\r" { break }
            if counts[c] != nil { counts[c]! += 1 }
        }
        let best = [",", ";", "\t"].max { counts[$0]! < counts[$1]! }!
        return counts[best]! > 0 ? best : ","
    }
}
