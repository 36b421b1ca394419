import Fluent
import ShequKernel
import Vapor

/// The page door to self-registration. The applicant's forms call the very
/// commands the JSON routes call and show the form again with the reason when
/// one refuses; the committee's decisions post through `PageDoor` to the API
/// handlers. The reference number travels in form bodies, never in a URL.
enum RegistrationPages {
    static let path = "/register"
    static let committeePath = "/registrations"

    // MARK: The applicant

    static func form(_ req: Request) async throws -> WebPage {
        try await formPage(req, values: [:], error: nil)
    }

    static func submit(_ req: Request) async throws -> Response {
        do {
            let input = try req.validatedContent(RegistrationInput.self)
            let status = try await RegistrationService.submit(input, req: req)
            return try await statusPage(req.context, status, error: nil).encodeResponse(for: req)
        } catch let e as ShequError {
            return try await formPage(req, values: echoed(req), error: e.message(req.language)).withStatus(e.status).encodeResponse(for: req)
        }
    }

    static func lookupForm(_ req: Request) async throws -> WebPage {
        lookupPage(req.context, error: nil)
    }

    static func lookup(_ req: Request) async throws -> Response {
        do {
            let input = try req.validatedContent(RegistrationReference.self)
            let status = try await RegistrationService.status(reference: input.reference, req: req)
            return try await statusPage(req.context, status, error: nil).encodeResponse(for: req)
        } catch let e as ShequError {
            return try await lookupPage(req.context, error: e.message(req.language)).withStatus(e.status).encodeResponse(for: req)
        }
    }

    static func code(_ req: Request) async throws -> Response {
        let input: RegistrationCodeInput
        do { input = try req.validatedContent(RegistrationCodeInput.self) } catch let e as ShequError {
            return try await lookupPage(req.context, error: e.message(req.language)).withStatus(e.status).encodeResponse(for: req)
        }
        do {
            let status = try await RegistrationService.checkCode(reference: input.reference, code: input.code, req: req)
            return try await statusPage(req.context, status, error: nil).encodeResponse(for: req)
        } catch let e as ShequError where e.code == "registration_code" {
            // The request again, with what went wrong: the tries left or the way to the committee.
            let status = try await RegistrationService.status(reference: input.reference, req: req)
            return try await statusPage(req.context, status, error: e.message(req.language)).withStatus(e.status).encodeResponse(for: req)
        } catch let e as ShequError {
            return try await lookupPage(req.context, error: e.message(req.language)).withStatus(e.status).encodeResponse(for: req)
        }
    }

    static func handToCommittee(_ req: Request) async throws -> Response {
        do {
            let input = try req.validatedContent(RegistrationReference.self)
            let status = try await RegistrationService.handToCommittee(reference: input.reference, req: req)
            return try await statusPage(req.context, status, error: nil).encodeResponse(for: req)
        } catch let e as ShequError {
            return try await lookupPage(req.context, error: e.message(req.language)).withStatus(e.status).encodeResponse(for: req)
        }
    }

    /// What the applicant typed, to fill the form again; never the password.
    static func echoed(_ req: Request) -> [String: String] {
        let raw = (try? req.content.decode([String: String].self)) ?? [:]
        var values: [String: String] = [:]
        for key in ["name", "idNumber", "phone", "username", "community"] {
            if let v = raw[key] { values[key] = String(v.prefix(50)) }
        }
        return values
    }

    static func formPage(_ req: Request, values: [String: String], error: String?) async throws -> WebPage {
        let ctx = req.context
        let f = ctx.forms
        let communities = try await Division.query(on: req.db).filter(\.$level == .community).sort(\.$id).all()
        let streets = try await Division.query(on: req.db).filter(\.$level == .street).all()
        let streetNames = Dictionary(streets.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let byStreet = Dictionary(grouping: communities, by: { $0.parentCode ?? "" })
        let groups: [BodyNode] = byStreet.keys.sorted().map { street in
            H.tag("optgroup", [("label", streetNames[street] ?? street)], (byStreet[street] ?? []).map { c in
                H.tag("option", [("value", c.code), ("selected", c.code == values["community"] ? "selected" : nil)], [.text(c.name)])
            })
        }
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(error)])) }
        content.append(H.tag("p", [], [.text(ctx.t(.registrationIntro))]))
        content.append(f.form(action: path, [
            f.field(.personName, name: "name", value: values["name"], required: true, autocomplete: "name", maxLength: 50),
            f.field(.idNumber, name: "idNumber", value: values["idNumber"], required: true, hint: .idHint, maxLength: 20),
            f.field(.phone, name: "phone", value: values["phone"], type: "tel", required: true, autocomplete: "tel", inputmode: "tel", maxLength: 20),
            H.tag("div", [("class", "field")], [
                H.tag("label", [("for", "f-community")], [.text(ctx.t(.registrationCommunity))]),
                H.tag("p", [("class", "hint"), ("id", "f-community-hint")], [.text(ctx.t(.registrationCommunityHint))]),
                H.tag("select", [("name", "community"), ("id", "f-community"), ("required", "required"),
                                 ("aria-describedby", "f-community-hint")],
                      [H.tag("option", [("value", "")], [.text("—")])] + groups),
            ]),
            f.field(.username, name: "username", value: values["username"], required: true, hint: .registrationUsernameHint,
                    autocomplete: "username", maxLength: 32),
            f.field(.password, name: "password", type: "password", required: true, hint: .passwordHint,
                    autocomplete: "new-password", maxLength: 72),
            f.submit(.registrationSubmit),
        ]))
        content.append(H.tag("p", [], [H.link(path + "/status", ctx.t(.registrationLookup))]))
        return WebPage(title: ctx.t(.registration), content)
    }

    static func lookupPage(_ ctx: RequestContext, error: String?) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(error)])) }
        content.append(f.form(action: path + "/status", [
            f.field(.registrationReference, name: "reference", required: true, autocomplete: "off", maxLength: 20),
            f.submit(.registrationLookupSubmit),
        ]))
        content.append(H.tag("p", [], [H.link(path, ctx.t(.registration))]))
        return WebPage(title: ctx.t(.registrationLookup), content)
    }

    static func statusPage(_ ctx: RequestContext, _ status: RegistrationStatus, error: String?) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(error)])) }
        var record: [BodyNode] = [
            H.tag("dt", [], [.text(ctx.t(.registrationReference))]), H.tag("dd", [], [H.tag("strong", [], [.text(status.reference)])]),
            H.tag("dt", [], [.text(ctx.t(.registrationState))]), H.tag("dd", [], [.text(ctx.t(status.state.phrase))]),
        ]
        if let at = status.submittedAt {
            record += [H.tag("dt", [], [.text(ctx.t(.registrationSubmittedAt))]), H.tag("dd", [], [.text(BeijingTime.text(at))])]
        }
        if let until = status.codeExpiresAt {
            record += [H.tag("dt", [], [.text(ctx.t(.registrationCodeExpiresAt))]), H.tag("dd", [], [.text(BeijingTime.text(until))])]
        }
        if let reason = status.reason {
            record += [H.tag("dt", [], [.text(ctx.t(.registrationReason))]), H.tag("dd", [], [.text(reason)])]
        }
        if let username = status.username {
            record += [H.tag("dt", [], [.text(ctx.t(.username))]), H.tag("dd", [], [.text(username)])]
        }
        content.append(H.tag("dl", [("class", "record")], record))
        content.append(H.tag("p", [("role", "status")], [.text(status.message)]))
        switch status.state {
        case .awaitingCode:
            let reference = H.void("input", [("type", "hidden"), ("name", "reference"), ("value", status.reference)])
            content.append(H.tag("p", [], [.text(ctx.t(.registrationKeepReference))]))
            content.append(f.form(action: path + "/code", [
                reference,
                f.field(.registrationCode, name: "code", required: true, autocomplete: "one-time-code", inputmode: "numeric", maxLength: 10),
                f.submit(.registrationCheckCode),
            ]))
            content.append(f.form(action: path + "/committee", [reference, f.submit(.registrationToCommittee)]))
        case .pending:
            content.append(H.tag("p", [], [.text(ctx.t(.registrationKeepReference))]))
        case .created:
            content.append(H.tag("p", [], [H.link("/sign-in", ctx.t(.signIn))]))
        case .refused:
            break
        }
        return WebPage(title: ctx.t(.registrationStatus), content)
    }

    // MARK: The residents' committee

    static func committee(_ req: Request) async throws -> WebPage {
        // The policy first, so a stranger learns nothing from the filter's answer either.
        try await req.authorize(.registrationDecide, entity: "registration")
        let state = try RegistrationService.listState(req.queryValue("state"))
        let page = try await RegistrationService.list(req, state: state, paging: ListPageRequest(req))
        let ctx = req.context
        var content: [BodyNode] = []
        switch req.queryValue("done") {
        case "confirmed"?: content.append(H.tag("p", [("class", "notice"), ("role", "status")], [.text(ctx.t(.registrationConfirmed))]))
        case "refused"?: content.append(H.tag("p", [("class", "notice"), ("role", "status")], [.text(ctx.t(.registrationRefused))]))
        default: break
        }
        content.append(H.tag("p", [], [.text(ctx.t(.registrationRequestsIntro))]))
        content.append(H.tag("ul", [("class", "tabs")], [RegistrationState.pending, .created, .refused].map { s in
            H.tag("li", [], [s == state ? H.tag("strong", [], [.text(ctx.t(s.phrase))])
                                        : H.link(committeePath + "?state=" + s.rawValue, ctx.t(s.phrase))])
        }))
        if page.items.isEmpty {
            content.append(H.tag("p", [], [.text(ctx.t(.registrationNone))]))
        } else {
            let head: [Phrase] = [.registrationApplicant, .idNumber, .registrationPhoneGiven, .username, .community,
                                  .registrationSubmittedAt, .registrationOnFile, state == .pending ? .registrationDecision : .registrationReason]
            content.append(H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
                H.tag("thead", [], [H.tag("tr", [], head.map { H.tag("th", [], [.text(ctx.t($0))]) })]),
                H.tag("tbody", [], page.items.map { row(ctx, $0) }),
            ])]))
        }
        content.append(Pager.nav(ctx, page, keep: [("state", state.rawValue)]))
        return WebPage(title: ctx.t(.registrationRequests), content)
    }

    static func row(_ ctx: RequestContext, _ r: RegistrationSummary) -> BodyNode {
        func cell(_ label: Phrase, _ nodes: [BodyNode]) -> BodyNode { H.tag("td", [("data-label", ctx.t(label))], nodes) }
        let onFile: [BodyNode] = r.onFile.map { resident in
            [H.link("/residents/\(resident.residentID)", resident.name), .text(" · " + resident.divisionCode
                + (resident.hasAccount ? ctx.t(.registrationHasAccount) : ""))]
        } ?? [.text(ctx.t(.registrationNotOnFile))]
        let last: BodyNode = r.state == .pending ? cell(.registrationDecision, decisionForms(ctx, r))
            : cell(.registrationReason, [.text((r.reason ?? "") + (r.decidedBy.map { " (\($0))" } ?? ""))])
        return H.tag("tr", [], [
            cell(.registrationApplicant, [.text(r.name)]),
            cell(.idNumber, [.text(r.idNumber)]),
            cell(.registrationPhoneGiven, [.text(r.phone)]),
            cell(.username, [.text(r.username)]),
            cell(.community, [.text(r.divisionCode)]),
            cell(.registrationSubmittedAt, [.text(r.submittedAt.map { BeijingTime.text($0) } ?? "")]),
            cell(.registrationOnFile, onFile),
            last,
        ])
    }

    /// Confirm links to the resident on file, or asks what creating one needs; refuse asks for the reason.
    /// Every row has its own forms, so field ids carry the request's id to keep labels tied to their field.
    static func decisionForms(_ ctx: RequestContext, _ r: RegistrationSummary) -> [BodyNode] {
        let f = ctx.forms
        let base = committeePath + "/\(r.id)"
        func field(_ label: Phrase, _ name: String, _ control: (String) -> BodyNode) -> BodyNode {
            let id = "f-\(name)-\(r.id)"
            return H.tag("div", [("class", "field")], [H.tag("label", [("for", id)], [.text(ctx.t(label))]), control(id)])
        }
        let confirm: [BodyNode]
        if let resident = r.onFile {
            confirm = [H.void("input", [("type", "hidden"), ("name", "residentID"), ("value", resident.residentID.uuidString)])]
        } else {
            confirm = [
                field(.residency, "residency") { id in
                    H.tag("select", [("name", "residency"), ("id", id)], Residency.allCases.map { ($0, ctx.t($0.phrase)) }.map { value, label in
                        H.tag("option", [("value", value.rawValue), ("selected", value == .registered ? "selected" : nil)], [.text(label)])
                    })
                },
                field(.householdID, "householdID") { id in
                    H.void("input", [("type", "text"), ("name", "householdID"), ("id", id), ("maxlength", "36")])
                },
            ]
        }
        return [
            f.form(action: base + "/confirm", confirm + [f.submit(.registrationConfirm)]),
            f.form(action: base + "/refuse", [
                field(.registrationReason, "reason") { id in
                    H.void("input", [("type", "text"), ("name", "reason"), ("id", id), ("maxlength", "500"), ("required", "required")])
                },
                f.submit(.registrationRefuse),
            ]),
        ]
    }
}
