import Foundation
import NamHocText

/// Charts drawn on the server as SVG, inlined in the page: no script, crisp when printed, and read by
/// screen readers through their title and description. Every label is escaped here, because the page
/// inlines the markup unescaped (`#unsafeHTML`). The numbers behind each chart are in a table beside it.
enum SVGChart {
    struct Bar: Sendable {
        var label: String
        var value: Double?
        /// Drawn in the colour of its standing (`NormDistance.rawValue`), or the neutral colour.
        var tone: String?
    }

    /// Horizontal bars, one per label (children of a unit: 34 provinces fit), values written at their end.
    static func bars(_ bars: [Bar], id: String, title: String, description: String, format: (Double) -> String) -> String {
        let row = 22.0, labelWidth = 200.0, barWidth = 420.0, top = 8.0
        let height = top * 2 + row * Double(max(bars.count, 1)), width = labelWidth + barWidth + 90
        let most = max(bars.compactMap(\.value).max() ?? 0, 1)
        var svg = open(id: id, width: width, height: height, title: title, description: description)
        for (index, bar) in bars.enumerated() {
            let y = top + row * Double(index)
            svg += "<text x=\"\(n(labelWidth - 6))\" y=\"\(n(y + 15))\" text-anchor=\"end\" class=\"label\">\(escape(clip(bar.label, 30)))</text>"
            guard let value = bar.value else {
                svg += "<text x=\"\(n(labelWidth + 4))\" y=\"\(n(y + 15))\" class=\"value\">—</text>"
                continue
            }
            let length = max(value, 0) / most * barWidth
            svg += "<rect x=\"\(n(labelWidth))\" y=\"\(n(y + 3))\" width=\"\(n(length))\" height=\"\(n(row - 6))\" class=\"bar \(bar.tone ?? "plain")\"/>"
            svg += "<text x=\"\(n(labelWidth + length + 4))\" y=\"\(n(y + 15))\" class=\"value\">\(escape(format(value)))</text>"
        }
        return svg + "</svg>"
    }

    /// A line over the years, each point marked and labelled; a missing year breaks the line.
    static func trend(_ points: [(label: String, value: Double?)], id: String, title: String, description: String, format: (Double) -> String) -> String {
        let width = 640.0, height = 220.0, left = 16.0, right = 16.0, top = 28.0, bottom = 30.0
        let values = points.compactMap(\.value)
        var svg = open(id: id, width: width, height: height, title: title, description: description)
        guard !points.isEmpty else { return svg + "</svg>" }
        let high = values.max() ?? 1, low = min(values.min() ?? 0, high)
        // A tenth of the range below the lowest point, so that small changes stay visible but not exaggerated.
        let span = max(high - low, high * 0.05, 1), floor = max(low - span * 0.5, 0), ceiling = high + span * 0.1
        // 30 px inside each end, so that the first and last labels fit.
        func x(_ i: Int) -> Double {
            points.count == 1 ? width / 2 : left + 30 + (width - left - right - 60) * Double(i) / Double(points.count - 1)
        }
        func y(_ v: Double) -> Double { top + (height - top - bottom) * (1 - (v - floor) / (ceiling - floor)) }
        svg += "<line x1=\"\(n(left))\" y1=\"\(n(height - bottom))\" x2=\"\(n(width - right))\" y2=\"\(n(height - bottom))\" class=\"axis\"/>"
        var path = "", pen = false
        for (i, point) in points.enumerated() {
            guard let v = point.value else { pen = false; continue }
            path += "\(pen ? "L" : "M")\(n(x(i))) \(n(y(v))) "
            pen = true
        }
        if !path.isEmpty { svg += "<path d=\"\(path.trimmingCharacters(in: .whitespaces))\" class=\"line\"/>" }
        for (i, point) in points.enumerated() {
            svg += "<text x=\"\(n(x(i)))\" y=\"\(n(height - 10))\" text-anchor=\"middle\" class=\"label\">\(escape(point.label))</text>"
            guard let v = point.value else { continue }
            svg += "<circle cx=\"\(n(x(i)))\" cy=\"\(n(y(v)))\" r=\"4\" class=\"dot\"/>"
            svg += "<text x=\"\(n(x(i)))\" y=\"\(n(y(v) - 9))\" text-anchor=\"middle\" class=\"value\">\(escape(format(v)))</text>"
        }
        return svg + "</svg>"
    }

    private static func open(id: String, width: Double, height: Double, title: String, description: String) -> String {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" "
            + "aria-labelledby=\"\(id)t \(id)d\"><title id=\"\(id)t\">\(escape(title))</title><desc id=\"\(id)d\">\(escape(description))</desc>"
    }

    /// Coordinates with at most one decimal, a dot as separator (SVG's, not Vietnamese).
    private static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private static func clip(_ text: String, _ count: Int) -> String {
        text.count <= count ? text : String(text.prefix(count - 1)) + "…"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
