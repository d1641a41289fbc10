import Foundation
import NamHocOffice
import Vapor

/// A file NamHoc hands out: "Xuất Excel" / "Xuất CSV" on pages, `units export` on the command line.
struct Download {
    var data: Data
    var contentType: String
    var fileExtension: String

    static func xlsx(_ sheets: [SheetSpec]) throws -> Download {
        Download(data: try XLSXWriter.write(sheets),
                 contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileExtension: "xlsx")
    }

    static func csv(header: [String], rows: [[String]]) -> Download {
        Download(data: CSVFile.write(header: header, rows: rows), contentType: "text/csv; charset=utf-8", fileExtension: "csv")
    }

    /// An attachment named `base.ext`; `base` is built from codes and ISO dates, so it is plain ASCII.
    func response(named base: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(base).\(fileExtension)\"")
        return response
    }
}

extension Request {
    /// "Xuất Excel" of a list page is the page's own URL with `format=xlsx`: the same handler, query
    /// and access check answer it, so the file holds exactly what the page lists.
    var wantsSpreadsheet: Bool { query[String.self, at: "format"] == "xlsx" }

    /// The current page's URL asking for its spreadsheet (other query items kept, `page` dropped:
    /// the file holds every line, not one page of them).
    var spreadsheetURL: String {
        var items = URLComponents(string: url.string)?.queryItems ?? []
        items.removeAll { $0.name == "format" || $0.name == "page" }
        items.append(URLQueryItem(name: "format", value: "xlsx"))
        var components = URLComponents()
        components.path = url.path
        components.queryItems = items
        return components.string ?? url.path + "?format=xlsx"
    }
}
