import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The filings on pages: the short form a resident files on, their own filings, the street's review queue and
/// one filing with the reviewer's three forms. Every form posts to the API's own handler through PageDoor.
enum FilingPages {
    /// The filing form, for those the policy lets file; anyone else is refused (and logged) here already.
    static func new(_ req: Request) async throws -> WebPage {
        let actor = try await req.authorize(.socialOrganizationFile, entity: FilingsAPIController.entity)
        let ctx = req.context
        let f = ctx.forms
        let divisions = try await Division.query(on: req.db).filter(\.$level ~~ [DivisionLevel.street, .community]).sort(\.$id).all()
        let streets = divisions.filter { $0.level == .street }
        let communities = Dictionary(grouping: divisions.filter { $0.level == .community }, by: { $0.parentCode ?? "" })
        // The resident's own street first: most organisations serve the community their filer lives in.
        let home = actor.grants.first { $0.role == .resident }.map { String($0.scope.prefix(9)) }
        let ownCommunity = actor.grants.first { $0.role == .resident }?.scope
        return WebPage(title: ctx.t(.fileOrganization), [
            H.tag("p", [], [.text(ctx.t(.soFilingIntro))]),
            f.form(action: "/organization-filings", [
                f.field(.soName, name: "name", required: true, maxLength: FilingInputs.nameMax),
                f.select(.soCategory, name: "category", options: SocialOrganizationCategory.allCases.map {
                    ($0.rawValue, ctx.t($0.phrase) + "（" + ctx.t($0.hint) + "）")
                }, selected: nil),
                f.select(.soStreet, name: "streetCode", options: streets.map { ($0.code, "\($0.name) \($0.code)") }, selected: home),
                H.tag("div", [("class", "field")], [
                    H.tag("label", [("for", "f-communities")], [.text(ctx.t(.soCommunities))]),
                    H.tag("p", [("class", "hint"), ("id", "f-communities-hint")], [.text(ctx.t(.soCommunitiesHint))]),
                    H.tag("select", [("name", "communities[]"), ("id", "f-communities"), ("multiple", "multiple"), ("size", "8"),
                                     ("required", "required"), ("aria-describedby", "f-communities-hint")],
                          streets.compactMap { street in
                              guard let list = communities[street.code], !list.isEmpty else { return nil }
                              return H.tag("optgroup", [("label", street.name)], list.map { c in
                                  H.tag("option", [("value", c.code), ("selected", c.code == ownCommunity ? "selected" : nil)], [.text("\(c.name) \(c.code)")])
                              })
                          }),
                ]),
                textarea(ctx, .soPurpose, name: "purpose", id: "f-purpose", max: FilingInputs.purposeMax, required: true),
                f.field(.soContactName, name: "contactName", required: true, hint: .soContactNameHint, autocomplete: "name",
                        maxLength: FilingInputs.contactNameMax),
                f.field(.soContactPhone, name: "contactPhone", type: "tel", required: true, hint: .soContactPhoneHint, autocomplete: "tel",
                        inputmode: "tel", maxLength: 20),
                f.field(.soMembers, name: "members", type: "number", required: true, inputmode: "numeric", maxLength: 6),
                f.select(.soPartner, name: "partner", options: CrossBorderPartner.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                         selected: CrossBorderPartner.none.rawValue),
                f.submit(.soSubmit),
            ]),
            H.tag("p", [], [H.link("/organization-filings/mine", ctx.t(.myFilings))]),
        ])
    }

    static func mine(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let page = try await FilingsAPIController.mine(req)
        var content: [BodyNode] = []
        if let actor = ctx.actor, Policy.may(actor, .socialOrganizationFile) {
            content.append(H.tag("p", [], [H.link("/organization-filings/new", ctx.t(.fileOrganization), class: "button")]))
        }
        content.append(try await list(ctx, page.items, on: req.db))
        content.append(Pager.nav(ctx, page, path: "/organization-filings/mine"))
        return WebPage(title: ctx.t(.myFilings), content)
    }

    static func queue(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let state = try FilingsAPIController.state(req)
        let page = try await FilingsAPIController.queue(req)
        let links: [BodyNode] = FilingState.allCases.map { s in
            H.tag("li", [], [s == state ? H.tag("strong", [], [.text(ctx.t(s.phrase))])
                                        : H.link("/organization-filings?state=\(s.rawValue)", ctx.t(s.phrase))])
        }
        return WebPage(title: ctx.t(.filingQueue), [
            H.tag("p", [], [.text(ctx.t(.soQueueIntro))]),
            H.tag("ul", [("class", "links")], links),
            try await list(ctx, page.items, on: req.db),
            Pager.nav(ctx, page, path: "/organization-filings", keep: [("state", state.rawValue)]),
            H.tag("p", [], [H.link("/social-organizations", ctx.t(.socialOrganizations))]),
        ])
    }

    static func list(_ ctx: RequestContext, _ items: [FilingView], on db: any Database) async throws -> BodyNode {
        let names = try await SocialOrganizationsViews.divisionNames(items.map(\.streetCode), on: db)
        return SocialOrganizationsViews.table(ctx, head: [.soName, .soCategory, .soStreet, .soFiledAt, .soState, .soReason], rows: items.map { v in [
            H.link("/organization-filings/\(v.id.uuidString)", v.name), .text(ctx.t(v.category.phrase)), .text(names[v.streetCode] ?? v.streetCode),
            .text(v.filedAt.map { BeijingTime.text($0) } ?? ""), .text(ctx.t(v.state.phrase)), .text(v.reason ?? ""),
        ] }, empty: .soNoFilings)
    }

    /// One filing for its filer and its reviewers; a reviewer of its street finds the three decisions here.
    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let v = try await FilingsAPIController.show(req)
        let names = try await SocialOrganizationsViews.divisionNames([v.streetCode] + v.communities, on: req.db)
        var rows: [(Phrase, String)] = [
            (.soState, ctx.t(v.state.phrase)),
            (.soCategory, ctx.t(v.category.phrase)),
            (.soStreet, "\(names[v.streetCode] ?? v.streetCode) (\(v.streetCode))"),
            (.soCommunities, v.communities.map { "\(names[$0] ?? $0) (\($0))" }.joined(separator: "、")),
            (.soPurpose, v.purpose),
            (.soMembers, String(v.members)),
            (.soPartner, ctx.t(v.partner.phrase)),
            (.soContactName, v.contactName),
            (.soContactPhone, v.contactPhone),
            (.soFiledBy, v.filedBy + " · " + (v.filedAt.map { BeijingTime.text($0) } ?? "")),
        ]
        if let by = v.decidedBy { rows.append((.soDecided, by + " · " + (v.decidedAt.map { BeijingTime.text($0) } ?? ""))) }
        if let reason = v.reason { rows.append((.soReason, reason)) }
        var content: [BodyNode] = [SocialOrganizationsViews.facts(ctx, rows)]
        if let org = v.organizationID {
            content.append(H.tag("p", [], [H.link("/social-organizations/\(org.uuidString)", ctx.t(.soPublicPage))]))
        }
        // Returned for documents: the filer files again with them (the returned filing keeps its reason on record).
        if v.state == .returned, let actor = ctx.actor, actor.username == v.filedBy, Policy.may(actor, .socialOrganizationFile) {
            content.append(H.tag("p", [], [H.link("/organization-filings/new", ctx.t(.soFileAgain), class: "button")]))
        }
        if v.state == .submitted, let actor = ctx.actor, actor.username != v.filedBy, Policy.may(actor, .socialOrganizationReview, at: v.streetCode) {
            let base = "/organization-filings/\(v.id.uuidString)"
            for (decision, label, required) in [("approve", Phrase.soApprove, false), ("refuse", Phrase.soRefuse, true), ("return", Phrase.soReturn, true)] {
                content.append(H.tag("h2", [], [.text(ctx.t(label))]))
                content.append(ctx.forms.form(action: base + "/" + decision, [
                    textarea(ctx, .soReason, name: "reason", id: "f-reason-" + decision, max: FilingInputs.reasonMax, required: required,
                             hint: .soReasonHint),
                    ctx.forms.submit(label),
                ]))
            }
        }
        let back: BodyNode = (ctx.actor.map { Policy.may($0, .socialOrganizationReview) } ?? false)
            ? H.link("/organization-filings", ctx.t(.filingQueue)) : H.link("/organization-filings/mine", ctx.t(.myFilings))
        content.append(H.tag("p", [], [back]))
        return WebPage(title: v.name, content)
    }

    static func textarea(_ ctx: RequestContext, _ label: Phrase, name: String, id: String, max: Int, required: Bool,
                         hint: Phrase? = nil) -> BodyNode {
        H.tag("div", [("class", "field")], [
            H.tag("label", [("for", id)], [.text(ctx.t(label) + (required ? "" : " " + ctx.t(.optional)))]),
            hint.map { H.tag("p", [("class", "hint"), ("id", id + "-hint")], [.text(ctx.t($0))]) } ?? .empty,
            H.tag("textarea", [("name", name), ("id", id), ("maxlength", String(max)), ("rows", "3"), ("required", required ? "required" : nil),
                               ("aria-describedby", hint == nil ? nil : id + "-hint")], []),
        ])
    }

    /// Where a filing's forms return: its page (a 404 first if there is no such filing).
    static func back(_ req: Request) async throws -> String {
        "/organization-filings/" + (try await FilingsAPIController.load(req).requireID().uuidString)
    }
}
