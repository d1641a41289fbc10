import Foundation
import NamHocText
import Vapor

/// One page of a long list (`?page=`), with its links: Hà Nội's unit page has 333 children.
struct Paging: Encodable {
    var page: Int
    var pageCount: Int
    var summary: String
    var previousURL: String?
    var nextURL: String?

    static let pageSize = 50

    /// The lines of `page` and the paging of `items`, links built by `url(page)`.
    static func slice<T>(_ items: [T], page requested: Int, url: (Int) -> String) -> ([T], Paging) {
        let count = max(1, (items.count + pageSize - 1) / pageSize)
        let page = min(max(1, requested), count)
        let start = (page - 1) * pageSize, end = min(items.count, start + pageSize)
        let lines = start < end ? Array(items[start..<end]) : []
        let summary = items.count <= pageSize ? "" :
            "Trang \(page)/\(count) · dòng \(VietnameseFormat.integer(start + 1))–\(VietnameseFormat.integer(end)) trong \(VietnameseFormat.integer(items.count))"
        return (lines, Paging(page: page, pageCount: count, summary: summary,
                              previousURL: page > 1 ? url(page - 1) : nil, nextURL: page < count ? url(page + 1) : nil))
    }
}

extension Request {
    /// `?page=`, 1 when absent or not a number.
    var pageNumber: Int { query[Int.self, at: "page"] ?? 1 }
}
