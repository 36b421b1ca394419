import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// Compounds with their owners' committee and property manager, and the
/// residents' committee's guidance and supervision of them (S4). Public as the
/// API is; the forms run the API's commands and come back here.
enum CompoundPages {
    static func path(_ id: UUID?) -> String { "/compounds/\(id?.uuidString ?? "")" }

    static func list(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let code = try await req.community()
        let division = try await Division.find(code, on: req.db)
        let page = try await CompoundsAPIController.list(req)
        let names = try await Names.of(page.items, on: req.db)
        var content: [BodyNode] = [page.items.isEmpty ? H.tag("p", [], [.text(ctx.t(.gpNoCompounds))])
            : PageTable.render(ctx, [.gpCompoundName, .gpOwnersCommittee, .gpPropertyManager], page.items.map { c in
                [H.link(path(c.id), c.name), .text(names.committee(c, ctx)), .text(names.manager(c, ctx))]
            }),
            Pager.nav(ctx, page, path: "/communities/\(code)/compounds")]
        if let actor = ctx.actor, Policy.may(actor, .bodyWrite, at: code) {
            let f = ctx.forms
            let committees = try await GovernanceBody.query(on: req.db).filter(\.$divisionCode == code).filter(\.$kind == .ownersCommittee)
                .sort(\.$name).all()
            content.append(H.tag("h2", [], [.text(ctx.t(.gpCompoundRegister))]))
            content.append(f.form(action: "/communities/\(code)/compounds", [
                f.field(.gpCompoundName, name: "name", required: true, maxLength: 100),
                f.select(.gpOwnersCommittee, name: "ownersCommitteeID", options: committees.compactMap { b in b.id.map { (value: $0.uuidString, label: b.name) } },
                         selected: nil, includeEmpty: true),
                f.select(.gpPropertyManager, name: "propertyManagerID", options: try await propertyManagers(near: code, on: req.db),
                         selected: nil, includeEmpty: true),
                f.submit(.gpCompoundRegister),
            ]))
        }
        content.append(H.tag("p", [], [H.link("/communities/\(code)/governance", ctx.t(.selfGovernance))]))
        return WebPage(title: (division?.name ?? code) + " · " + ctx.t(.gpCompounds), content)
    }

    /// Property managers registered in the community or the divisions above it: the ones that can serve it.
    static func propertyManagers(near code: String, on db: any Database) async throws -> [(value: String, label: String)] {
        let scopes = [code, String(code.prefix(9)), String(code.prefix(6)), String(code.prefix(4))]
        return try await Organization.query(on: db).filter(\.$kind == .propertyManager).filter(\.$divisionCode ~~ scopes).sort(\.$name).all()
            .compactMap { o in o.id.map { (value: $0.uuidString, label: o.name) } }
    }

    struct CompoundForm: Content, ValidatedInput {
        var name: String
        /// Text, so the select's "none" (an empty value) reads as absent.
        var ownersCommitteeID: String?
        var propertyManagerID: String?
        static var inputSchema: InputSchema { SelfGovernanceInputs.compound }
    }

    static func create(_ req: Request) async throws -> Response {
        let code = try await req.community()
        let form = try req.validatedContent(CompoundForm.self)
        let input = CompoundsAPIController.CompoundInput(name: form.name, ownersCommitteeID: form.ownersCommitteeID.flatMap { UUID(uuidString: $0) },
                                                         propertyManagerID: form.propertyManagerID.flatMap { UUID(uuidString: $0) })
        let compound = try await CompoundsAPIController.register(input, at: code, req: req)
        return req.redirect(to: path(compound.id))
    }

    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let d = try await CompoundsAPIController.show(req)
        let c = d.compound
        let names = try await Names.of([c], on: req.db)
        let f = ctx.forms
        let mayWrite = ctx.actor.map { Policy.may($0, .bodyWrite, at: c.divisionCode) } ?? false
        var content: [BodyNode] = [H.tag("dl", [("class", "record")], [
            H.tag("dt", [], [.text(ctx.t(.gpOwnersCommittee))]), H.tag("dd", [], [.text(names.committee(c, ctx))]),
            H.tag("dt", [], [.text(ctx.t(.gpPropertyManager))]), H.tag("dd", [], [.text(names.manager(c, ctx))]),
        ])]
        content.append(H.tag("h2", [], [.text(ctx.t(.gpGuidance))]))
        content.append(d.guidance.isEmpty ? H.tag("p", [], [.text(ctx.t(.gpNothingYet))])
            : PageTable.render(ctx, [.gpRecordedOn, .gpGuidanceKind, .gpGuidanceText, .gpBy], d.guidance.map { g in
                [.text(g.createdAt.map { BeijingTime.text($0) } ?? ""), .text(ctx.t(g.kind.phrase)), .text(g.text), .text(RecordLabels.body(g.recordedBy, ctx))]
            }))
        if mayWrite, c.ownersCommitteeID != nil {
            content.append(f.form(action: path(c.id) + "/guidance", [
                f.select(.gpGuidanceKind, name: "kind", options: GuidanceKind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: nil),
                textarea(ctx, .gpGuidanceText, name: "text", id: "f-guidance", max: 4000),
                f.submit(.gpGuidanceRecord),
            ]))
        }
        content += MeetingPages.section(d, mayWrite: mayWrite, req: req)
        content.append(H.tag("p", [], [H.link("/communities/\(c.divisionCode)/compounds", ctx.t(.gpCompounds))]))
        return WebPage(title: c.name, content)
    }

    static func back(_ req: Request) async throws -> String { path(try await CompoundsAPIController.load(req).id) }

    static func textarea(_ ctx: RequestContext, _ label: Phrase, name: String, id: String, max: Int, required: Bool = true) -> BodyNode {
        H.tag("div", [("class", "field")], [
            H.tag("label", [("for", id)], [.text(ctx.t(label))]),
            H.tag("textarea", [("name", name), ("id", id), ("rows", "3"), ("maxlength", String(max)), ("required", required ? "required" : nil)], []),
        ])
    }

    /// The names behind a page of compounds' ids, read in two queries.
    struct Names {
        var committees: [UUID: String]
        var managers: [UUID: String]

        static func of(_ compounds: [Compound], on db: any Database) async throws -> Names {
            let bodyIDs = compounds.compactMap(\.ownersCommitteeID), orgIDs = compounds.compactMap(\.propertyManagerID)
            let bodies = bodyIDs.isEmpty ? [] : try await GovernanceBody.query(on: db).filter(\.$id ~~ bodyIDs).all()
            let orgs = orgIDs.isEmpty ? [] : try await Organization.query(on: db).filter(\.$id ~~ orgIDs).all()
            return Names(committees: Dictionary(bodies.compactMap { b in b.id.map { ($0, b.name) } }, uniquingKeysWith: { a, _ in a }),
                         managers: Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a }))
        }

        func committee(_ c: Compound, _ ctx: RequestContext) -> String {
            c.ownersCommitteeID.flatMap { committees[$0] } ?? ctx.t(.gpNoneOnRecord)
        }

        func manager(_ c: Compound, _ ctx: RequestContext) -> String {
            c.propertyManagerID.flatMap { managers[$0] } ?? ctx.t(.gpNoneOnRecord)
        }
    }
}
