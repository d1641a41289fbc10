import Foundation

/// The fixed parts around `word/document.xml`.
enum DOCXParts {
    static func parts(document: [UInt8]) -> [(String, [UInt8])] {
        [
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(rootRels.utf8)),
            ("word/document.xml", document),
            ("word/_rels/document.xml.rels", Array(documentRels.utf8)),
            ("word/styles.xml", Array(styles.utf8)),
            ("word/settings.xml", Array(settings.utf8)),
            ("word/header1.xml", Array(pageNumberHeader.utf8)),
        ]
    }

    private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
    private static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    private static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let ct = "application/vnd.openxmlformats-officedocument.wordprocessingml"

    static let contentTypes = declaration
        + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        + #"<Default Extension="xml" ContentType="application/xml"/>"#
        + #"<Override PartName="/word/document.xml" ContentType="\#(ct).document.main+xml"/>"#
        + #"<Override PartName="/word/styles.xml" ContentType="\#(ct).styles+xml"/>"#
        + #"<Override PartName="/word/settings.xml" ContentType="\#(ct).settings+xml"/>"#
        + #"<Override PartName="/word/header1.xml" ContentType="\#(ct).header+xml"/></Types>"#

    static let rootRels = declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="word/document.xml"/></Relationships>"#

    static let documentRels = declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rIdStyles" Type="\#(rel)/styles" Target="styles.xml"/>"#
        + #"<Relationship Id="rIdSettings" Type="\#(rel)/settings" Target="settings.xml"/>"#
        + #"<Relationship Id="rIdHeader" Type="\#(rel)/header" Target="header1.xml"/></Relationships>"#

    /// Times New Roman 14 everywhere, Vietnamese proofing language.
    static let styles = declaration + #"<w:styles xmlns:w="\#(w)"><w:docDefaults><w:rPrDefault><w:rPr>"#
        + #"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>"#
        + #"<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>"#
        + #"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>"#
        + #"</w:pPr></w:pPrDefault></w:docDefaults>"#
        + #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#
        + #"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>"#
        + #"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>"#
        + #"<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>"#
        + #"</w:tblCellMar></w:tblPr></w:style></w:styles>"#

    /// Element order follows CT_Settings (Word rejects parts out of schema order).
    static let settings = declaration + #"<w:settings xmlns:w="\#(w)"><w:defaultTabStop w:val="720"/>"#
        + #"<w:characterSpacingControl w:val="doNotCompress"/>"#
        + #"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#
        + #"<w:themeFontLang w:val="vi-VN"/></w:settings>"#

    /// Page number centred in the top margin, 14 pt, from page 2 (the section sets titlePg).
    static let pageNumberHeader = declaration + #"<w:hdr xmlns:w="\#(w)"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>"#
        + #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#
        + #"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>"#
        + #"<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#
}
