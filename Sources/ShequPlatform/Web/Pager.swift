import Foundation
import Vapor

/// The total and the previous/next links under every paged list, so a screen
/// says how many there are and never hides the rows after the first page.
public enum Pager {
    /// `keep` is the list's filters, carried into the links so the next page is of the same list.
    /// A second list on one screen pages on its own `pageParameter` (see `ListPageRequest(_:pageParameter:)`).
    public static func nav<Item: Content>(_ ctx: RequestContext, _ page: ListPage<Item>, path: String? = nil,
                                          pageParameter: String = "page", keep: [(String, String?)] = []) -> BodyNode {
        let base = path ?? ctx.path
        let ownsPer = pageParameter == "page"
        func link(_ number: Int) -> String {
            var pairs = keep.compactMap { name, value -> (String, String)? in
                guard let value, !value.isEmpty, name != pageParameter, !(ownsPer && name == "per") else { return nil }
                return (name, value)
            }
            if ownsPer, page.perPage != ListPageRequest.defaultPerPage { pairs.append(("per", String(page.perPage))) }
            pairs.append((pageParameter, String(number)))
            return base + "?" + pairs.map { $0 + "=" + encode($1) }.joined(separator: "&")
        }
        let status = Phrase(zh: "共 \(page.total) 条，第 \(page.page) / \(page.pageCount) 页",
                            en: "\(page.total) in all, page \(page.page) of \(page.pageCount)")
        var links: [BodyNode] = []
        if page.page > 1 { links.append(H.tag("a", [("href", link(min(page.page - 1, page.pageCount))), ("rel", "prev")], [.text(ctx.t(.previousPage))])) }
        if page.page < page.pageCount { links.append(H.tag("a", [("href", link(page.page + 1)), ("rel", "next")], [.text(ctx.t(.nextPage))])) }
        return H.tag("nav", [("class", "pager"), ("aria-label", ctx.t(.pages))], [
            H.tag("p", [("role", "status")], [.text(ctx.t(status))]),
            links.isEmpty ? .empty : H.tag("div", [("class", "actions")], links),
        ])
    }

    /// ASCII only: `.alphanumerics` would let Chinese text through unescaped.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}

extension Phrase {
    public static let pages = Phrase(zh: "分页", en: "Pages")
}
