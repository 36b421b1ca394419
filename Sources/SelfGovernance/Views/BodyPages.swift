import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// The community's bodies and who sits on them, as public as the API's list
/// (name, role, term; members act in public). The residents' committee and the
/// street set up bodies and seat members, naming a member by the ID card shown.
enum BodyPages {
    static func path(_ code: String) -> String { "/communities/\(code)/bodies" }

    static func list(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let code = try await req.community()
        let division = try await Division.find(code, on: req.db)
        let bodies = try await GovernanceAPIController.bodies(req)
        let mayWrite = ctx.actor.map { Policy.may($0, .bodyWrite, at: code) } ?? false
        // Groups are named, not personal: a representative's seat names the group that chose them.
        let groups = mayWrite ? try await ResidentsGroup.query(on: req.db).filter(\.$divisionCode == code).sort(\.$name).all() : []
        let f = ctx.forms
        var content: [BodyNode] = []
        if bodies.isEmpty { content.append(H.tag("p", [], [.text(ctx.t(.gpNoBodies))])) }
        for b in bodies {
            let id = b.body.id?.uuidString ?? ""
            content.append(H.tag("h2", [("id", "body-\(id)")], [.text(b.body.name + " · " + ctx.t(b.body.kind.phrase))]))
            content.append(b.members.isEmpty ? H.tag("p", [], [.text(ctx.t(.gpNoMembers))]) : PageTable.render(ctx, [.gpMemberName, .gpMemberRole, .gpMemberTerm],
                b.members.map { m in [.text(m.name), .text(ctx.t(m.role.phrase)), .text("\(m.termStart) – \(m.termEnd)")] }))
            if mayWrite {
                var fields: [BodyNode] = [
                    f.field(.gpMemberID, name: "idNumber", required: true, autocomplete: "off", maxLength: 18),
                    f.select(.gpMemberRole, name: "role", options: MemberRole.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                             selected: b.body.kind == .representativesAssembly ? MemberRole.representative.rawValue : MemberRole.member.rawValue),
                    f.field(.gpTermStart, name: "termStart", type: "date", required: true),
                    f.field(.gpTermEnd, name: "termEnd", type: "date", required: true),
                ]
                if b.body.kind == .representativesAssembly {
                    fields.append(f.select(.gpMemberGroup, name: "groupID", options: groups.compactMap { g in g.id.map { (value: $0.uuidString, label: g.name) } },
                                           selected: nil, includeEmpty: true))
                }
                content.append(H.tag("details", [], [H.tag("summary", [], [.text(ctx.t(.gpSeatMember))]),
                                                     f.form(action: "/bodies/\(id)/members", fields + [f.submit(.gpSeatMember)])]))
            }
        }
        if mayWrite {
            content.append(H.tag("h2", [], [.text(ctx.t(.gpBodyCreate))]))
            content.append(f.form(action: "/communities/\(code)/bodies", [
                f.select(.gpBodyKind, name: "kind", options: BodyKind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: nil),
                f.field(.gpBodyName, name: "name", required: true, maxLength: 100),
                f.submit(.gpBodyCreate),
            ]))
        }
        content.append(H.tag("p", [], [H.link("/communities/\(code)/governance", ctx.t(.selfGovernance))]))
        return WebPage(title: (division?.name ?? code) + " · " + ctx.t(.gpBodies), content)
    }

    static func bodiesOf(_ req: Request) async throws -> String { path(try await req.community()) }

    struct MemberForm: Content, ValidatedInput {
        var idNumber: String
        var role: MemberRole
        var termStart: String
        var termEnd: String
        var groupID: String?
        static var inputSchema: InputSchema { SelfGovernanceInputs.memberForm }
    }

    /// The API's seat command; the member is found by ID number (blind index) only
    /// once the committee is authorised, and the look-up is audited like the assembly door's.
    static func seat(_ req: Request) async throws -> Response {
        let body = try await GovernanceAPIController.loadBody(req)
        let form = try req.validatedContent(MemberForm.self)
        let groupID = form.groupID.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
        _ = try await GovernanceAPIController.seat(on: body, role: form.role, termStart: form.termStart, termEnd: form.termEnd,
                                                   groupID: groupID, req: req) { who in
            let id = try ResidentService.parseID(form.idNumber.trimmingCharacters(in: .whitespaces).uppercased())
            let index = PersonalDataVault(secrets: req.application.secrets).index(id.rawValue, kind: "id")
            let found = try await Resident.query(on: req.db).filter(\.$idNumberIndex == index).first()
            try await req.answerExactLookup("body.member.byIDNumber", account: who.actor.accountID, found: found?.id, in: found?.divisionCode)
            guard let resident = found else { throw ShequError.invalid(.errorNotAMember, code: "not_a_resident") }
            return try resident.requireID()
        }
        return req.redirect(to: path(body.divisionCode))
    }
}

/// Tables that become labelled cards on a phone, as on the other modules' lists.
enum PageTable {
    static func render(_ ctx: RequestContext, _ headers: [Phrase], _ rows: [[BodyNode]]) -> BodyNode {
        let labels = headers.map { ctx.t($0) }
        return H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], labels.map { H.tag("th", [("scope", "col")], [.text($0)]) })]),
            H.tag("tbody", [], rows.map { H.tag("tr", [], $0.enumerated().map { i, cell in
                H.tag("td", [("data-label", i < labels.count ? labels[i] : nil)], [cell])
            }) }),
        ])])
    }
}
