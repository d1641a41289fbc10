import Foundation

extension XLSXParts {
    /// The package's main part (workbook or Word document), as `_rels/.rels` names it; `fallback`, the
    /// usual path, when the relationships are missing or point nowhere (files from odd writers).
    static func officeDocumentPath(_ zip: ZipReader, fallback: String) throws -> String {
        if zip.entry("_rels/.rels") != nil {
            let rels = try decode(
                Relationships.self, from: zip.readAll("_rels/.rels", maxBytes: maxSmallPartBytes), part: "_rels/.rels")
            if let main = rels.relationship?.first(where: { $0.type?.hasSuffix("/officeDocument") == true }) {
                let path = resolve(main.target, relativeTo: "")
                if zip.entry(path) != nil { return path }
            }
        }
        guard zip.entry(fallback) != nil else { throw OfficeError.missingPart(fallback) }
        return fallback
    }
}
