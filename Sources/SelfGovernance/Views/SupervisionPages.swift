import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// What the supervision committee watches (and the residents' committee owes):
/// messages past their answer date, with a CSV, and appeals awaiting a decision.
/// Authors are masked as in the API's public view.
enum SupervisionPages {
    static func path(_ code: String) -> String { "/communities/\(code)/messages/overdue" }

    static func overdue(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let code = try await req.community()
        let page = try await ChannelsAPIController.overdue(req)
        let appeals = try await ChannelMessage.query(on: req.db).filter(\.$divisionCode == code).filter(\.$appealState == .pending)
            .sort(\.$createdAt).sort(\.$id).paged(try ListPageRequest(req, pageParameter: "appeals")) { ChannelsAPIController.view($0) }
        var content: [BodyNode] = [H.tag("h2", [], [.text(ctx.t(.gpOverdue))])]
        content.append(page.items.isEmpty ? H.tag("p", [], [.text(ctx.t(.gpNoOverdue))])
            : PageTable.render(ctx, [.gpSubject, .gpChannel, .gpAuthor, .gpDue], page.items.map { m in
                [H.link("/messages/\(m.id.uuidString)", m.hidden ? ctx.t(.channelHidden) : m.subject), .text(ctx.t(m.channel.phrase)),
                 .text(m.author), .text(m.dueOn)]
            }))
        content.append(Pager.nav(ctx, page, path: path(code)))
        content.append(H.tag("p", [], [H.link(path(code) + ".csv", ctx.t(.gpCSV))]))
        content.append(H.tag("h2", [("id", "appeals")], [.text(ctx.t(.gpAppeals))]))
        content.append(appeals.items.isEmpty ? H.tag("p", [], [.text(ctx.t(.gpNoAppeals))])
            : PageTable.render(ctx, [.gpChannel, .gpAuthor, .gpHiddenBecause], appeals.items.map { m in
                [H.link("/messages/\(m.id.uuidString)", ctx.t(m.channel.phrase)), .text(m.author), .text(m.hiddenReason ?? "")]
            }))
        content.append(Pager.nav(ctx, appeals, path: path(code), pageParameter: "appeals"))
        content.append(H.tag("p", [], [H.link("/communities/\(code)/governance", ctx.t(.selfGovernance))]))
        return WebPage(title: ctx.t(.gpSupervision), content)
    }

    static func csv(_ req: Request) async throws -> Response {
        let code = try await req.community()
        try await req.authorize(.messageOverdueRead, at: code, entity: "message")
        // One community's unanswered messages: bounded, and a cap keeps a runaway backlog from one huge response.
        let rows = try await ChannelsAPIController.overdueQuery(code, on: req.db).limit(10_000).all().map { ChannelsAPIController.view($0) }
        return .csv(filename: "overdue-messages-\(code).csv", header: ["id", "channel", "author", "subject", "due_on"],
                    rows: rows.map { [$0.id.uuidString, $0.channel.rawValue, $0.author, $0.hidden ? "" : $0.subject, $0.dueOn] })
    }

    /// The decision form on a message's page, for the supervision committee while an appeal waits.
    static func appealForm(_ m: ChannelsAPIController.PublicMessage, _ ctx: RequestContext) -> BodyNode {
        let f = ctx.forms
        return f.form(action: "/messages/\(m.id.uuidString)/appeal-decision", [
            f.select(.gpAppealDecision, name: "reverse", options: [("false", ctx.t(.gpAppealUphold)), ("true", ctx.t(.gpAppealReverse))], selected: "false"),
            CompoundPages.textarea(ctx, .gpAppealReason, name: "reason", id: "f-appeal-reason", max: 1000),
            f.submit(.gpAppealDecide),
        ])
    }
}
