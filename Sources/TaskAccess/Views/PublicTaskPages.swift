import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// Public: which registered tasks each committee carries. No personal data is involved.
enum PublicTaskPages {
    static func communities(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let page = try await Division.query(on: req.db).filter(\.$level == .community).sort(\.$id)
            .paged(ListPageRequest(req)) { CommunityRow(code: $0.code, name: $0.name) }
        return WebPage(title: ctx.t(.allCommunities), [
            H.tag("ul", [], page.items.map { H.tag("li", [], [H.link("/communities/\($0.code)/registered-tasks", "\($0.name) (\($0.code))")]) }),
            Pager.nav(ctx, page, path: "/task-access/communities"),
        ])
    }

    struct CommunityRow: Content { var code: String; var name: String }

    static func community(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let division = try await req.taskCommunity()
        let year = try await req.reportYear()
        let tasks = try await TasksAPIController.carried(req)
        return WebPage(title: "\(division.name) · \(ctx.t(.registeredTasks)) · \(year)", [
            yearForm(ctx, year: year, path: "/communities/\(division.code)/registered-tasks"),
            TaskAccessPages.table(ctx, [.taskTitle, .taLegalBasis, .taDepartment, .taClassification, .hoursPerYear], tasks.map { t in
                [.text(t.title), .text(t.legalBasis), .text(t.department), .text(ctx.t(t.classification.phrase)), .text(String(t.hoursPerYear))]
            }),
            H.tag("p", [], [H.link("/communities/\(division.code)/assessments", "→ A5")]),
        ])
    }

    /// A plain GET form: the year to show.
    static func yearForm(_ ctx: RequestContext, year: Int, path: String) -> BodyNode {
        H.tag("form", [("method", "get"), ("action", path)], [
            H.tag("label", [("for", "f-year")], [.text(ctx.t(.taYear))]),
            H.void("input", [("type", "number"), ("name", "year"), ("id", "f-year"), ("value", String(year)), ("min", "2000"), ("max", "2100")]),
            H.tag("button", [("type", "submit")], [.text(ctx.t(.search))]),
        ])
    }
}
