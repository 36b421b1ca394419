import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// What residents read on their phones (the community's matters, a matter's
/// way through the chain, the public record) and where they vote. Works
/// without JavaScript: the vote is a plain form.
enum GovernancePages {
    /// The menu's way in: a resident's own community, a community worker's, or a list of communities with matters.
    static func start(_ req: Request) async throws -> Response {
        let ctx = req.context
        if let actor = ctx.actor {
            if let id = actor.residentID, let r = try await Resident.find(id, on: req.db) {
                return req.redirect(to: "/communities/\(r.divisionCode)/governance")
            }
            if let scope = actor.grants.map(\.scope).first(where: { $0.count == 12 }) {
                return req.redirect(to: "/communities/\(scope)/governance")
            }
            if let street = actor.grants.map(\.scope).first(where: { $0.count == 9 }) {
                return try await GovernanceLinks.streetStart(street, req: req)
            }
        }
        // One code per community with matters: bounded by the number of communities, so read whole, then paged.
        let codes = Set(try await Matter.query(on: req.db).field(\.$divisionCode).unique().all().map(\.divisionCode))
        let divisions = try await Division.query(on: req.db).filter(\.$id ~~ codes).sort(\.$id)
            .paged(ListPageRequest(req)) { CommunityLink(code: try $0.requireID(), name: $0.name) }
        return try await WebPage(title: ctx.t(.selfGovernance), [
            divisions.items.isEmpty ? H.tag("p", [], [.text(ctx.t(.noMattersYet))]) : H.tag("ul", [], divisions.items.map { d in
                H.tag("li", [], [H.link("/communities/\(d.code)/governance", d.name)])
            }),
            Pager.nav(ctx, divisions, path: "/governance"),
        ]).encodeResponse(for: req)
    }

    struct CommunityLink: Content { var code: String; var name: String }

    /// The community's page gathers what every module shows of it (`CommunityPage.sections`), so it is kept for
    /// visitors not signed in under the version of everything the commands write (`AuditLog.version`) and the day.
    static func community(_ req: Request) async throws -> WebPage {
        let code = try await req.community()
        let version = "\(LocalDate(instant: Date()))|\(try await AuditLog.version(on: req.db))"
        return try await req.application.publicAnswers.page(req, token: version) { try await communityPage(req, code: code) }
    }

    static func communityPage(_ req: Request, code: String) async throws -> WebPage {
        let ctx = req.context
        guard let division = try await Division.find(code, on: req.db) else { throw ShequError.notFound }
        let (version, rules, charter) = try await Charters.inForce(code, on: LocalDate(instant: Date()), db: req.db)
        let page = try await MattersAPIController.list(req, community: code)
        let matters = page.items
        var content: [BodyNode] = [H.tag("h2", [], [.text(ctx.t(.charterInForce))])]
        if let charter {
            content.append(H.tag("p", [], [.text("\(charter.title) (v\(version), \(charter.inForceFrom))")]))
        } else {
            content.append(H.tag("p", [], [.text(ctx.t(.noCharterYet))]))
        }
        content.append(H.tag("dl", [("class", "record")], [
            H.tag("dt", [], [.text(ctx.t(.quorumRule))]), H.tag("dd", [], [.text(describe(rules.quorum, ctx))]),
            H.tag("dt", [], [.text(ctx.t(.majorityRule))]), H.tag("dd", [], [.text(describe(rules.majority, ctx))]),
        ]))
        content.append(H.tag("h2", [], [.text(ctx.t(.matters))]))
        content.append(matters.isEmpty ? H.tag("p", [], [.text(ctx.t(.noMattersYet))]) : H.tag("ul", [], matters.map { m in
            H.tag("li", [], [H.link("/matters/\(m.id.uuidString)", m.title), .text(" · " + ctx.t(m.stage.phrase))])
        }))
        content.append(Pager.nav(ctx, page, path: "/communities/\(code)/governance"))
        content += try await GovernanceLinks.business(code, req: req)
        content += try await CommunityPage.sections(code, on: req)
        content.append(H.tag("p", [], [H.link("/communities/\(code)/messages", ctx.t(.channels))]))
        content.append(H.tag("p", [], [H.link("/communities/\(code)/record", ctx.t(.publicRecord))]))
        content.append(H.tag("p", [], [H.link("/communities/\(code)/assemblies.ics", ctx.t(.subscribeCalendar))]))
        return WebPage(title: division.name + " · " + ctx.t(.selfGovernance), content)
    }

    /// The vote form, or why there is none: already voted, or not entitled (with the rule).
    static func ballotBox(for a: Assembly, residentID: UUID, req: Request) async throws -> BodyNode {
        let ctx = req.context
        let key: String
        do {
            key = try await Voters.key(for: residentID, in: a, vault: PersonalDataVault(secrets: req.application.secrets), on: req.db)
        } catch let refusal as ShequError {
            return H.tag("p", [("class", "notice")], [.text(ctx.t(refusal.phrase) + refusal.detail)])
        }
        if try await BallotReceipt.query(on: req.db).filter(\.$assemblyID == a.requireID()).filter(\.$voterKey == key).count() > 0 {
            return H.tag("p", [("class", "notice"), ("role", "status")], [.text(ctx.t(.voteCast))])
        }
        let f = ctx.forms
        return f.form(action: "/assemblies/\(a.id!.uuidString)/vote", [
            H.tag("fieldset", [], [H.tag("legend", [], [.text(ctx.t(.vote))])] + BallotChoice.allCases.map { c in
                H.tag("label", [("class", "choice")], [
                    H.void("input", [("type", "radio"), ("name", "choice"), ("value", c.rawValue), ("required", "required")]),
                    .text(" " + ctx.t(c.phrase)),
                ])
            }),
            f.submit(.vote),
        ])
    }

    static let chineseDigits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    static func describe(_ t: Threshold, _ ctx: RequestContext) -> String {
        func zh(_ n: Int) -> String { n <= 10 ? chineseDigits[n] : String(n) }
        let zh = t == .moreThanHalf ? "过半数（超过二分之一）" : (t.strictlyMore ? "超过" : "不少于") + "\(zh(t.denominator))分之\(zh(t.numerator))"
        let en = (t.strictlyMore ? "more than " : "at least ") + "\(t.numerator)/\(t.denominator)"
        return ctx.language == .en ? en : zh
    }

    /// Kept for visitors not signed in under the record's head, like the matter's JSON; a signed-in visitor's page
    /// carries their ballot, their committee's forms and the running tally, and is made for them.
    static func matter(_ req: Request) async throws -> WebPage {
        let version = try await MattersAPIController.version(req)
        return try await req.application.publicAnswers.page(req, token: version) { try await matterPage(req) }
    }

    static func matterPage(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let d = try await MattersAPIController.detail(try await MattersAPIController.load(req), on: req.db)
        let m = d.matter
        var content: [BodyNode] = [
            H.tag("p", [("class", "stage")], [.text(ctx.t(.stage) + ": " + ctx.t(m.stage.phrase))]),
            H.tag("p", [], [.text(m.description)]),
        ]
        if let r = m.recommendation { content.append(H.tag("blockquote", [], [.text(r)])) }
        for a in d.assemblies {
            content.append(H.tag("h2", [], [.text(a.title)]))
            content.append(H.tag("p", [], [.text(ctx.t(a.kind.phrase) + " · " + a.place + " · " + BeijingTime.text(a.startsAt))]))
            if a.state == .closed, let present = a.present {
                content.append(H.tag("p", [("role", "status")], [.text(ctx.t(.result) + ": \(present)/\(a.eligible ?? 0) · "
                    + ctx.t(.voteInFavor) + " \(a.inFavor ?? 0) · " + ctx.t(.voteAgainst) + " \(a.against ?? 0) · "
                    + ctx.t(.voteAbstain) + " \(a.abstain ?? 0)")]))
            }
            if a.state == .voting, let actor = ctx.actor, Policy.may(actor, .assemblyConvene, at: a.divisionCode) {
                let t = try await Assemblies.tally(a, db: req.db)
                content.append(H.tag("p", [("role", "status")], [.text(ctx.t(.tallySoFar) + " \(t.present) / \(t.eligible) · "
                    + ctx.t(.quorumNeeds) + " \(a.rules.quorum.smallestCount(of: t.eligible))")]))
            }
            if a.state == .voting, let residentID = ctx.actor?.residentID {
                content.append(try await ballotBox(for: a, residentID: residentID, req: req))
            }
        }
        if !d.tasks.isEmpty {
            content.append(H.tag("h2", [], [.text(ctx.t(.tasks))]))
            content.append(H.tag("ul", [], d.tasks.map { t in H.tag("li", [], [.text("\(t.title) — \(t.owner), \(t.dueOn), \(t.progress)%")]) }))
        }
        content += CommitteeForms.panel(d, req: req)
        // 网络议事: residents of the community join the discussion while the matter is being deliberated.
        if let id = ctx.actor?.residentID, [.raised, .deliberation, .decision].contains(m.stage),
           let r = try await Resident.find(id, on: req.db), r.divisionCode == m.divisionCode {
            let f = ctx.forms
            content.append(f.form(action: "/matters/\(m.id!.uuidString)/notes", [
                H.void("input", [("type", "hidden"), ("name", "kind"), ("value", MatterNoteKind.discussion.rawValue)]),
                H.tag("div", [("class", "field")], [
                    H.tag("label", [("for", "f-discussion")], [.text(ctx.t(.joinDiscussion))]),
                    H.tag("textarea", [("name", "text"), ("id", "f-discussion"), ("rows", "3"), ("maxlength", "4000"), ("required", "required")], []),
                ]),
                f.submit(.joinDiscussion),
            ]))
        }
        content.append(H.tag("h2", [], [.text(ctx.t(.record))]))
        content.append(H.tag("ol", [], d.notes.map { n in
            H.tag("li", [], [H.tag("strong", [], [.text(ctx.t(n.kind.phrase))]), .text(" · " + RecordLabels.body(n.author, ctx) + "：" + n.text)])
        }))
        content.append(H.tag("p", [], [H.link("/communities/\(m.divisionCode)/governance", ctx.t(.selfGovernance))]))
        return WebPage(title: m.title, content)
    }

    static func vote(_ req: Request) async throws -> Response {
        struct Form: Content, ValidatedInput { var choice: String; static var inputSchema: InputSchema { SelfGovernanceInputs.ballot } }
        let form = try req.validatedContent(Form.self)
        guard let choice = BallotChoice(rawValue: form.choice) else { throw ShequError.invalid(.errorInvalidValue, "choice") }
        let assembly = try await AssembliesAPIController.castOwn(choice, req: req)
        return try await WebPage(title: req.context.t(.vote), [
            H.tag("p", [("class", "notice"), ("role", "status")], [.text(req.context.t(.voteCast))]),
            H.tag("p", [], [H.link("/matters/\(assembly.matterID.uuidString)", req.context.t(.matters))]),
        ]).withStatus(.created).encodeResponse(for: req)
    }

    static func record(_ req: Request) async throws -> WebPage {
        let community = try await req.community()
        let (finding, version) = try await PublicRecordController.verdictAndVersion(community, req: req)
        return try await req.application.publicAnswers.page(req, token: version) {
            try await recordPage(try await PublicRecordController.record(req, community: community, finding: finding), req: req)
        }
    }

    static func recordPage(_ view: PublicRecordController.RecordView, req: Request) async throws -> WebPage {
        let ctx = req.context
        let verdict: BodyNode = view.holds
            ? H.tag("p", [("class", "notice"), ("role", "status")], [.text(ctx.t(.publicRecordHolds))])
            : H.tag("p", [("class", "error"), ("role", "alert")], [.text(ctx.t(.publicRecordBroken) + "#\(view.brokenAt ?? 0)")])
        let rows: [BodyNode] = view.items.map { e in
            H.tag("li", [("value", String(e.sequence))], [
                H.tag("strong", [], [.text(RecordLabels.kind(e.kind, ctx))]),
                .text(" · " + BeijingTime.text(iso: e.recordedAt) + " · " + RecordLabels.body(e.body, ctx)),
                H.void("br", []), .text(e.summary),
            ])
        }
        return WebPage(title: ctx.t(.publicRecord), [verdict, H.tag("ol", [("reversed", "reversed")], rows),
                                                     Pager.nav(ctx, view.asPage, path: "/communities/\(view.community)/record")])
    }
}

extension BallotChoice {
    var phrase: Phrase {
        switch self {
        case .inFavor: .voteInFavor
        case .against: .voteAgainst
        case .abstain: .voteAbstain
        }
    }
}

/// The ways from a community's page (where the menu lands each role) to the
/// self-governance work the role may do, and a street official's own start.
enum GovernanceLinks {
    static func business(_ code: String, req: Request) async throws -> [BodyNode] {
        let ctx = req.context
        var out: [BodyNode] = []
        var links: [BodyNode] = [
            H.tag("li", [], [H.link(CharterPages.path(code), ctx.t(.gpCharter))]),
            H.tag("li", [], [H.link(BodyPages.path(code), ctx.t(.gpBodies))]),
            H.tag("li", [], [H.link("/communities/\(code)/compounds", ctx.t(.gpCompounds))]),
        ]
        if let actor = ctx.actor {
            if Policy.may(actor, .messageOverdueRead, at: code) {
                links.append(H.tag("li", [], [H.link(SupervisionPages.path(code), ctx.t(.gpSupervision))]))
            }
            let own = try await actor.residentID.asyncMap { try await Resident.find($0, on: req.db) } ?? nil
            if Policy.may(actor, .matterRaise, at: code) || own?.divisionCode == code {
                let f = ctx.forms
                out.append(H.tag("h2", [], [.text(ctx.t(.gpRaiseMatter))]))
                out.append(f.form(action: "/communities/\(code)/matters", [
                    f.field(.gpMatterTitle, name: "title", required: true),
                    CompoundPages.textarea(ctx, .gpMatterDescription, name: "description", id: "f-description", max: 4000),
                    f.submit(.gpRaiseMatter),
                ]))
            }
        }
        return [H.tag("h2", [], [.text(ctx.t(.gpBusiness))]), H.tag("ul", [], links)] + out
    }

    static func streetStart(_ street: String, req: Request) async throws -> Response {
        let ctx = req.context
        let page = try await Division.query(on: req.db).filter(\.$parentCode == street).sort(\.$id)
            .paged(ListPageRequest(req)) { GovernancePages.CommunityLink(code: try $0.requireID(), name: $0.name) }
        return try await WebPage(title: ctx.t(.selfGovernance), [
            H.tag("h2", [], [.text(ctx.t(.gpStreetCommunities))]),
            page.items.isEmpty ? H.tag("p", [], [.text(ctx.t(.noMattersYet))]) : H.tag("ul", [], page.items.map { d in
                H.tag("li", [], [H.link("/communities/\(d.code)/governance", d.name)])
            }),
            Pager.nav(ctx, page, path: "/governance"),
        ]).encodeResponse(for: req)
    }
}

extension GovernanceLinks {
    /// The pages for what was API-only; each form runs the API route's own command.
    static func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("communities", ":code", "charter", use: CharterPages.show)
        web.post("communities", ":code", "charters", use: CharterPages.submit)
        web.get("communities", ":code", "bodies", use: BodyPages.list)
        web.post("communities", ":code", "bodies", use: PageDoor.submit(GovernanceAPIController.createBody, back: BodyPages.bodiesOf))
        web.post("bodies", ":id", "members", use: BodyPages.seat)
        web.get("communities", ":code", "compounds", use: CompoundPages.list)
        web.post("communities", ":code", "compounds", use: CompoundPages.create)
        web.get("compounds", ":id", use: CompoundPages.show)
        web.post("compounds", ":id", "guidance", use: PageDoor.submit(CompoundsAPIController.guide, back: CompoundPages.back))
        web.post("compounds", ":id", "meetings", use: MeetingPages.record)
        web.post("meeting-follow-ups", ":id", "done", use: PageDoor.submit(CompoundsAPIController.completeFollowUp, back: MeetingPages.compoundOfFollowUp))
        web.post("communities", ":code", "matters", use: PageDoor.submit(MattersAPIController.raise, back: communityOf))
        web.get("communities", ":code", "messages", "overdue", use: SupervisionPages.overdue)
        web.get("communities", ":code", "messages", "overdue.csv", use: SupervisionPages.csv)
        web.post("messages", ":id", "matter", use: PageDoor.submit(ChannelsAPIController.toMatter, back: ChannelPages.back))
        web.post("messages", ":id", "application", use: PageDoor.submit(ChannelsAPIController.toApplication, back: ChannelPages.back))
        web.post("messages", ":id", "appeal-decision", use: PageDoor.submit(ChannelsAPIController.decideAppeal, back: ChannelPages.back))
        // The pages' flat forms, published with their bounds like the API's inputs.
        api.schema(SelfGovernanceInputs.charterForm)
        api.schema(SelfGovernanceInputs.memberForm)
        api.schema(SelfGovernanceInputs.meetingForm)
    }

    static func communityOf(_ req: Request) async throws -> String { "/communities/\(try await req.community())/governance" }
}
