import Fluent
import Foundation
import ShequPlatform
import Vapor

/// What the module's pages share.
enum PartyViews {
    static func table(_ ctx: RequestContext, head: [Phrase], rows: [[BodyNode]], empty: Phrase) -> BodyNode {
        guard !rows.isEmpty else { return H.tag("p", [], [.text(ctx.t(empty))]) }
        let labels = head.map { ctx.t($0) }
        return H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], labels.map { H.tag("th", [("scope", "col")], [.text($0)]) })]),
            H.tag("tbody", [], rows.map { cells in
                H.tag("tr", [], zip(labels, cells).map { label, cell in H.tag("td", [("data-label", label)], [cell]) })
            }),
        ])])
    }

    static func facts(_ ctx: RequestContext, _ rows: [(Phrase, BodyNode)]) -> BodyNode {
        H.tag("dl", [("class", "record")], rows.flatMap { label, value in [H.tag("dt", [], [.text(ctx.t(label))]), H.tag("dd", [], [value])] })
    }

    static func p(_ nodes: [BodyNode]) -> BodyNode { H.tag("p", [], nodes) }
    static func h2(_ ctx: RequestContext, _ phrase: Phrase) -> BodyNode { H.tag("h2", [], [.text(ctx.t(phrase))]) }
    static func yesNo(_ ctx: RequestContext, _ v: Bool) -> BodyNode { .text(ctx.t(v ? .pbYes : .pbNo)) }

    static func divisionNames(_ codes: [String], on db: any Database) async throws -> [String: String] {
        let unique = Array(Set(codes))
        guard !unique.isEmpty else { return [:] }
        return Dictionary(try await Division.query(on: db).filter(\.$id ~~ unique).all().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// Links up the division tree (city → district → street → community) for a report's page.
    static func crumbs(_ ctx: RequestContext, code: String, path: String, on db: any Database) async throws -> BodyNode {
        let codes = [4, 6, 9, 12].filter { $0 < code.count }.map { String(code.prefix($0)) }
        guard !codes.isEmpty else { return .empty }
        let names = try await divisionNames(codes, on: db)
        return H.tag("nav", [("aria-label", ctx.t(.pbUp))], [H.tag("p", [], codes.flatMap { c in
            [H.link("\(path)?division=\(c)", names[c] ?? c), .text(" › ")]
        })])
    }

    static func csvLink(_ ctx: RequestContext, _ href: String) -> BodyNode { p([H.link(href, ctx.t(.downloadCSV))]) }
}
