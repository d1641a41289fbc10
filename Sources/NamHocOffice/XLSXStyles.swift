import Foundation

/// The fixed style sheet every workbook we write uses.
///
/// Vietnamese separators (2.222.246 and 72,6%): a format code always uses `,` for grouping and
/// `.` for decimals; what the reader *sees* depends on the locale the format is bound to. Excel
/// binds formats to the Windows regional settings (so a Vietnamese PC shows 2.222.246 anyway),
/// LibreOffice binds each format to a language and honours the locale tag `[$-42A]`
/// (LCID 0x042A = vi-VN): with it the cell shows `2.222.246` / `72,6%` on any machine.
/// A literal code like `#.##0` would not group at all, so the tag is the only portable lever.
enum XLSXStyles {
    /// Index into `cellXfs`, in the order written below.
    enum Style: Int {
        case normal = 0, header, title, text, integer, number, percent, date, dateTime, bool, empty
    }

    static let integerFormat = "[$-42A]#,##0"
    static let numberFormat = "[$-42A]#,##0.0#########"
    static let percentFormat = "[$-42A]0.0#%"
    static let dateFormat = "dd/mm/yyyy"
    static let dateTimeFormat = "dd/mm/yyyy hh:mm"

    static let xml: String = {
        func fmt(_ id: Int, _ code: String) -> String {
            #"<numFmt numFmtId="\#(id)" formatCode="\#(code)"/>"#
        }
        func xf(_ numFmt: Int, font: Int, fill: Int = 0, border: Int, align: String = "") -> String {
            let apply = #" applyNumberFormat="1" applyFont="1" applyBorder="1""# + (fill > 0 ? #" applyFill="1""# : "")
            let alignment = align.isEmpty ? "/>" : #" applyAlignment="1"><alignment \#(align)/></xf>"#
            return #"<xf numFmtId="\#(numFmt)" fontId="\#(font)" fillId="\#(fill)" borderId="\#(border)" xfId="0""# + apply + alignment
        }
        // Body cells sit at the top of their row: when a long name wraps onto a second line the
        // other cells of the row stay level with its first line. Text wraps inside its column
        // (never spilling over the next one); `SheetXML` gives such rows their height.
        let center = #"horizontal="center" vertical="center" wrapText="1""#
        let top = #"vertical="top""#
        let topCenter = #"horizontal="center" vertical="top""#
        let xfs = [
            xf(0, font: 0, border: 0),  // normal
            xf(0, font: 1, fill: 2, border: 1, align: center),  // header
            xf(0, font: 2, border: 0, align: #"horizontal="center" vertical="center""#),  // title
            xf(49, font: 0, border: 1, align: #"vertical="top" wrapText="1""#),  // text
            xf(164, font: 0, border: 1, align: top),  // integer
            xf(165, font: 0, border: 1, align: top),  // number
            xf(166, font: 0, border: 1, align: top),  // percent
            xf(167, font: 0, border: 1, align: topCenter),  // date
            xf(168, font: 0, border: 1, align: topCenter),  // date-time
            xf(0, font: 0, border: 1, align: topCenter),  // bool
            xf(0, font: 0, border: 1),  // empty cell inside the table
        ]
        let font = #"<name val="Times New Roman"/><family val="1"/><charset val="163"/>"#
        return #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<numFmts count="5">"#
            + fmt(164, integerFormat) + fmt(165, numberFormat) + fmt(166, percentFormat)
            + fmt(167, dateFormat) + fmt(168, dateTimeFormat) + "</numFmts>"
            + #"<fonts count="3"><font><sz val="12"/>\#(font)</font>"#
            + #"<font><b/><sz val="12"/>\#(font)</font><font><b/><sz val="14"/>\#(font)</font></fonts>"#
            + #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
            + #"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>"#
            + #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
            + #"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>"#
            + #"<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="\#(xfs.count)">"# + xfs.joined() + "</cellXfs>"
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + #"<dxfs count="0"/><tableStyles count="0"/></styleSheet>"#
    }()
}
