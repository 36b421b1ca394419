import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import SocialOrganizations
import Vapor

/// The purchases on pages: the public list (by stage, a page at a time, with its CSV), the buyer's plan form, the
/// organisation staff's calls open to them, a panel member's seats. Every form posts to the API's own handler.
enum ProcurementPages {
    static func index(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let stage = try ProcurementAPIController.stage(req)
        let page = try await ProcurementAPIController.list(req)
        var content: [BodyNode] = [H.tag("p", [], [.text(ctx.t(.procIntro))])]
        if let actor = ctx.actor, Policy.may(actor, .procurementManage) {
            content.append(H.tag("p", [], [H.link("/procurement/new", ctx.t(.procNew), class: "button")]))
        }
        let links: [BodyNode] = [H.tag("li", [], [stage == nil ? H.tag("strong", [], [.text(ctx.t(.procAllStages))])
                                                                : H.link("/procurement", ctx.t(.procAllStages))])]
            + ProcurementStage.allCases.map { s in
                H.tag("li", [], [s == stage ? H.tag("strong", [], [.text(ctx.t(s.phrase))]) : H.link("/procurement?stage=\(s.rawValue)", ctx.t(s.phrase))])
            }
        content.append(H.tag("ul", [("class", "links")], links))
        content.append(table(ctx, page.items))
        content.append(Pager.nav(ctx, page, path: "/procurement", keep: [("stage", stage?.rawValue)]))
        content.append(H.tag("p", [], [H.link("/procurement.csv" + (stage.map { "?stage=" + $0.rawValue } ?? ""), ctx.t(.downloadCSV))]))
        return WebPage(title: ctx.t(.procTitle), content)
    }

    static func table(_ ctx: RequestContext, _ items: [ProjectView]) -> BodyNode {
        ProcurementViews.table(ctx, head: [.procProject, .procArea, .procBuyer, .procStage, .procBudget, .procWinner], rows: items.map { v in [
            H.link("/procurement/\(v.id.uuidString)", v.title), .text(ctx.t(v.area.phrase)), .text(v.scopeName), .text(ctx.t(v.stage.phrase)),
            .text(v.budget), .text(v.winner ?? "—"),
        ] }, empty: .procNone)
    }

    static let csvHeader = ["id", "title", "area", "buyer_code", "buyer", "stage", "budget_fen", "term_months", "method", "closes_on", "winner",
                            "contract_price_fen"]

    static func csv(_ req: Request) async throws -> Response {
        let stage = try ProcurementAPIController.stage(req)
        var q = PurchaseProject.query(on: req.db)
        if let stage { q = q.filter(\.$stage == stage) }
        let views = try await ProjectView.make(try await q.sort(\.$createdAt, .descending).sort(\.$id).all(), on: req.db)
        return .csv(filename: "procurement.csv", header: csvHeader, rows: views.map { v in
            [v.id.uuidString, v.title, v.area.rawValue, v.scopeCode, v.scopeName, v.stage.rawValue, String(v.budgetFen), String(v.termMonths),
             v.method?.rawValue ?? "", v.closesOn ?? "", v.winner ?? "", v.contractPriceFen.map { String($0) } ?? ""]
        })
    }

    /// The plan form: the buyer's streets and districts, the funds, the Art. 10 statement.
    static func new(_ req: Request) async throws -> WebPage {
        let actor = try await req.authorize(.procurementManage, entity: ProcurementAPIController.entity)
        return try await planForm(req, actor)
    }

    static func planForm(_ req: Request, _ actor: Actor) async throws -> WebPage {
        let ctx = req.context, f = ctx.forms
        var buyers: [Division] = []
        for scope in Policy.scopes(of: actor, for: .procurementManage) {
            buyers += try await Division.query(on: req.db).filter(\.$id >= scope).filter(\.$id < scope + "~")
                .filter(\.$level ~~ [DivisionLevel.street, .district]).sort(\.$id).all()
        }
        let funds = try await Fund.query(on: req.db).sort(\.$name).all()
        return WebPage(title: ctx.t(.procNew), [
            H.tag("p", [], [.text(ctx.t(.procPlanIntro))]),
            f.form(action: "/procurement", [
                f.field(.procProject, name: "title", required: true, maxLength: ProcurementInputs.titleMax),
                f.select(.procArea, name: "area", options: ServiceArea.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: nil),
                f.select(.procBuyer, name: "scopeCode", options: buyers.map { ($0.code, "\($0.name) \($0.code)") }, selected: nil),
                ProcurementViews.textarea(ctx, .procDescription, name: "description", max: ProcurementInputs.textMax, required: true),
                f.select(.procFund, name: "fundID", options: funds.compactMap { fund in fund.id.map { ($0.uuidString, fund.name) } }, selected: nil),
                f.field(.procBudgetYuan, name: "budget", required: true, inputmode: "decimal", maxLength: 24),
                f.field(.procTermMonths, name: "termMonths", value: "12", type: "number", required: true, hint: .procTermHint, inputmode: "numeric", maxLength: 2),
                ProcurementViews.textarea(ctx, .procLongTermReason, name: "longTermReason", max: ProcurementInputs.reasonMax, required: false),
                f.checkbox(.procIsService, name: "isService"),
                f.submit(.procPlanSubmit),
            ]),
        ])
    }

    /// Organisation staff: the open calls their organisations may apply to (open calls, and the ones naming them).
    static func openCalls(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let actor = try req.requireActor()
        let projects = try await openCalls(for: actor, on: req.db)
        return WebPage(title: ctx.t(.procOpenCalls), [
            H.tag("p", [], [.text(ctx.t(actor.organizationIDs.isEmpty ? .procNoOrganization : .procOpenCallsIntro))]),
            table(ctx, try await ProjectView.make(projects, on: req.db)),
        ])
    }

    static func openCalls(for actor: Actor, on db: any Database) async throws -> [PurchaseProject] {
        let orgs = actor.organizationIDs
        guard !orgs.isEmpty else { return [] }
        let today = ProcurementText.today.description
        let open = try await PurchaseProject.query(on: db).filter(\.$stage == .callOpen).filter(\.$closesOn >= today)
            .sort(\.$closesOn).limit(200).all()
        let invited = Set(try await ProcurementInvitee.query(on: db).filter(\.$organizationID ~~ orgs).all().map(\.projectID))
        return open.filter { p in p.method == .open || p.id.map { invited.contains($0) } == true }
    }

    /// A panel member's seats: the projects whose applications wait for their declaration and scores.
    static func panel(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let actor = try req.requireActor()
        let projects = try await seats(of: actor, on: req.db)
        return WebPage(title: ctx.t(.procPanelSeats), [
            H.tag("p", [], [.text(ctx.t(.procPanelIntro))]),
            ProcurementViews.table(ctx, head: [.procProject, .procStage, .procScoreLink], rows: projects.compactMap { p in
                guard let id = p.id else { return nil }
                return [H.link("/procurement/\(id.uuidString)", p.title), .text(ctx.t(p.stage.phrase)),
                        p.stage.acceptsScores ? H.link("/procurement/\(id.uuidString)/score", ctx.t(.procScoreLink)) : .text("—")]
            }, empty: .procNone),
        ])
    }

    static func seats(of actor: Actor, on db: any Database) async throws -> [PurchaseProject] {
        let ids = try await ProcurementPanelMember.query(on: db).filter(\.$accountID == actor.accountID).all().map(\.projectID)
        guard !ids.isEmpty else { return [] }
        return try await PurchaseProject.query(on: db).filter(\.$id ~~ ids).sort(\.$createdAt, .descending).limit(200).all()
    }
}

/// What the procurement pages share.
enum ProcurementViews {
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

    static func facts(_ ctx: RequestContext, _ rows: [(Phrase, String)]) -> BodyNode {
        H.tag("dl", [("class", "record")], rows.flatMap { label, value in
            [H.tag("dt", [], [.text(ctx.t(label))]), H.tag("dd", [], [.text(value)])]
        })
    }

    static func textarea(_ ctx: RequestContext, _ label: Phrase, name: String, id: String? = nil, max: Int, required: Bool,
                         value: String? = nil, hint: Phrase? = nil) -> BodyNode {
        let id = id ?? "f-" + name
        return H.tag("div", [("class", "field")], [
            H.tag("label", [("for", id)], [.text(ctx.t(label) + (required ? "" : " " + ctx.t(.optional)))]),
            hint.map { H.tag("p", [("class", "hint"), ("id", id + "-hint")], [.text(ctx.t($0))]) } ?? .empty,
            H.tag("textarea", [("name", name), ("id", id), ("maxlength", String(max)), ("rows", "3"), ("required", required ? "required" : nil),
                               ("aria-describedby", hint == nil ? nil : id + "-hint")], value.map { [.text($0)] } ?? []),
        ])
    }
}
