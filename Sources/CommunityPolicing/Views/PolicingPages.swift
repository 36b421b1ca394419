import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import Vapor

/// O5 on pages: the public list of officers (with the district's recording form), an officer's page, the officer's
/// referrals, a community's referrals with the committee's form, and one referral with the officer's answer form.
/// Forms post to the API's handlers (PageDoor).
enum PolicingPages {
    // MARK: - Officers

    static func officers(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let page = try await PoliceOfficersAPIController.list(req)
        var content: [BodyNode] = [
            H.tag("p", [], [.text(ctx.t(.policingOfficersIntro))]),
            officerTable(ctx, page.items),
            Pager.nav(ctx, page, path: "/police-officers", keep: [("community", req.queryValue("community"))]),
            H.tag("p", [], [H.link("/police-officers.csv", ctx.t(.downloadCSV))]),
        ]
        if let actor = ctx.actor, Policy.may(actor, .policeOfficerRecord) {
            let f = ctx.forms
            content += [
                H.tag("h2", [], [.text(ctx.t(.policingRecord))]),
                f.form(action: "/police-officers", [f.field(.policingUsername, name: "username", required: true, autocomplete: "off", maxLength: 64)]
                       + (try await officerFields(ctx, nil, selected: [], actor: actor, on: req.db)) + [f.submit(.policingRecord)]),
            ]
        }
        return WebPage(title: ctx.t(.policingOfficers), content)
    }

    static func officer(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let stored = try await PoliceOfficersAPIController.load(req)
        let o = try await PoliceOfficersAPIController.view(stored, on: req.db)
        var content: [BodyNode] = [officerTable(ctx, [o])]
        let codes = o.communities.map(\.code)
        if let actor = ctx.actor, !codes.isEmpty, codes.allSatisfy({ Policy.may(actor, .policeOfficerRecord, at: $0) }) {
            let f = ctx.forms
            content += [
                H.tag("h2", [], [.text(ctx.t(.policingUpdate))]),
                f.form(action: "/police-officers/\(o.id.uuidString)",
                       (try await officerFields(ctx, o, selected: codes, actor: actor, grants: try await grants(of: stored, on: req.db), on: req.db))
                       + [f.submit(.policingUpdate)]),
            ]
        }
        content.append(H.tag("p", [], [H.link("/police-officers", ctx.t(.policingOfficers))]))
        return WebPage(title: "\(o.name) · \(ctx.t(.policingOfficer))", content)
    }

    static func officerTable(_ ctx: RequestContext, _ rows: [PoliceOfficersAPIController.OfficerView]) -> BodyNode {
        table(ctx, [.policingName, .policingNumber, .policingWorkPhone, .policingDutyHours, .policingCommunities], rows.map { o in [
            H.link("/police-officers/\(o.id.uuidString)", o.name), .text(o.policeNumber),
            H.tag("a", [("href", "tel:" + o.workPhone)], [.text(o.workPhone)]), .text(o.dutyHours),
            .text(o.communities.map(\.name).joined(separator: "、")),
        ] }, empty: .policingNone)
    }

    /// The fields both forms share; the communities offered are those the recorder reaches.
    /// `grants`: the officer's communityPolice scopes, when there is an officer: a community outside them is
    /// refused by the rules, so it is not offered.
    static func officerFields(_ ctx: RequestContext, _ o: PoliceOfficersAPIController.OfficerView?, selected: [String], actor: Actor,
                              grants: [String]? = nil, on db: any Database) async throws -> [BodyNode] {
        let f = ctx.forms
        let scopes = Policy.scopes(of: actor, for: .policeOfficerRecord)
        let q = Division.query(on: db).filter(\.$level == .community)
        q.group(.or) { or in for s in scopes { or.group(.and) { $0.filter(\.$id >= s).filter(\.$id < s + "~") } } }
        let communities = try await q.sort(\.$id).all().filter { d in
            guard let grants, let code = d.id else { return true }
            return grants.contains { code.hasPrefix($0) }
        }
        let options = communities.compactMap { d -> BodyNode? in
            guard let code = d.id else { return nil }
            return H.tag("option", [("value", code), ("selected", selected.contains(code) ? "selected" : nil)], [.text("\(d.name) \(code)")])
        }
        return [
            f.field(.policingName, name: "name", value: o?.name, required: true, maxLength: PolicingInputs.nameMax),
            f.field(.policingNumber, name: "policeNumber", value: o?.policeNumber, required: true, inputmode: "numeric", maxLength: 6),
            f.field(.policingWorkPhone, name: "workPhone", value: o?.workPhone, type: "tel", required: true, maxLength: PolicingInputs.phoneMax),
            f.field(.policingDutyHours, name: "dutyHours", value: o?.dutyHours, required: true, maxLength: PolicingInputs.dutyMax),
            H.tag("div", [("class", "field")], [
                H.tag("label", [("for", "f-communities")], [.text(ctx.t(.policingCommunities))]),
                H.tag("select", [("name", "communities[]"), ("id", "f-communities"), ("multiple", "multiple"), ("size", "6"), ("required", "required")], options),
            ]),
        ]
    }

    static func grants(of officer: PoliceOfficer, on db: any Database) async throws -> [String] {
        try await Grant.query(on: db).filter(\.$account.$id == officer.accountID).filter(\.$role == .communityPolice).all().map(\.scope)
    }

    static let officerCSVHeader = ["id", "name", "police_number", "work_phone", "duty_hours", "community_codes", "communities"]

    static func officersCSV(_ req: Request) async throws -> Response {
        let rows = try await PoliceOfficersAPIController.views(PoliceOfficer.query(on: req.db).sort(\.$name).sort(\.$id).all(), on: req.db)
        return .csv(filename: "police-officers.csv", header: officerCSVHeader, rows: rows.map {
            [$0.id.uuidString, $0.name, $0.policeNumber, $0.workPhone, $0.dutyHours, $0.communities.map(\.code).joined(separator: " "),
             $0.communities.map(\.name).joined(separator: "、")]
        })
    }

    static func officerBack(_ req: Request) async throws -> String {
        "/police-officers/" + (try await PoliceOfficersAPIController.load(req).requireID().uuidString)
    }

    // MARK: - Referrals

    static func mine(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let page = try await PoliceReferralsAPIController.mine(req)
        return WebPage(title: ctx.t(.policingMyReferrals), [
            stateLinks(ctx, path: "/police/referrals"),
            referralTable(ctx, page.items),
            Pager.nav(ctx, page, path: "/police/referrals", keep: [("state", req.queryValue("state"))]),
            H.tag("p", [], [H.link("/police/referrals.csv", ctx.t(.downloadCSV))]),
        ])
    }

    static func community(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let code = try await req.policingCommunity()
        let page = try await PoliceReferralsAPIController.community(req)
        var content: [BodyNode] = [
            H.tag("p", [], [.text(ctx.t(.policingReferIntro))]),
            stateLinks(ctx, path: "/communities/\(code)/police-referrals"),
            referralTable(ctx, page.items),
            Pager.nav(ctx, page, path: "/communities/\(code)/police-referrals", keep: [("state", req.queryValue("state"))]),
            H.tag("p", [], [H.link("/communities/\(code)/police-referrals.csv", ctx.t(.downloadCSV))]),
        ]
        if let actor = ctx.actor, Policy.may(actor, .policeRefer, at: code) {
            content.append(H.tag("h2", [], [.text(ctx.t(.policingRefer))]))
            content.append(try await referForm(ctx, code, on: req.db))
        }
        return WebPage(title: ctx.t(.policingReferrals), content)
    }

    /// The open hotline calls and letters not yet referred, most urgent first, and the officers attached.
    static func referForm(_ ctx: RequestContext, _ code: String, on db: any Database) async throws -> BodyNode {
        let referred = try await PoliceReferral.query(on: db).filter(\.$divisionCode == code).all().map(\.messageID)
        let messages = try await ChannelMessage.query(on: db).filter(\.$divisionCode == code).filter(\.$answeredOn == nil)
            .filter(\.$channel ~~ Array(PoliceReferrals.referable)).filter(\.$hidden == false)
            .sort(\.$dueOn).sort(\.$id).limit(200).all().filter { m in !referred.contains { $0 == m.id } }
        let officers = try await PoliceOfficers.attached(to: code, on: db)
        guard !messages.isEmpty, !officers.isEmpty else { return H.tag("p", [], [.text(ctx.t(.policingNothingToRefer))]) }
        let f = ctx.forms
        return f.form(action: "/communities/\(code)/police-referrals", [
            f.select(.policingMessage, name: "messageID", options: messages.compactMap { m in
                m.id.map { ($0.uuidString, "\(m.subject) · \(ctx.t(.policingDue)) \(m.dueOn)") } }, selected: nil),
            f.select(.policingTo, name: "officerID", options: officers.compactMap { o in
                o.id.map { ($0.uuidString, "\(o.name) \(o.policeNumber)") } }, selected: nil),
            textarea(ctx, .policingNote, name: "note", max: PolicingInputs.noteMax, required: false),
            f.submit(.policingRefer),
        ])
    }

    static func referral(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let r = try await PoliceReferralsAPIController.show(req)
        var content: [BodyNode] = [
            H.tag("dl", [], [
                dt(ctx, .policingFrom), H.tag("dd", [], [.text(r.author)]),
                dt(ctx, .policingMessage), H.tag("dd", [], [.text(r.text), .text(" "), H.link("/messages/\(r.messageID.uuidString)", ctx.t(.policingMessagePage))]),
                dt(ctx, .policingDue), H.tag("dd", [], [.text(r.dueOn + (r.overdue ? " · " + ctx.t(.policingOverdue) : ""))]),
                dt(ctx, .policingTo), H.tag("dd", [], [.text("\(r.officerName) \(r.policeNumber)")]),
                dt(ctx, .policingReferredBy), H.tag("dd", [], [.text(r.referredBy + " · " + stamp(r.referredAt))]),
                dt(ctx, .policingNote), H.tag("dd", [], [.text(r.note ?? "—")]),
            ]),
            H.tag("h2", [], [.text(ctx.t(.policingAnswer))]),
            H.tag("p", [("role", "status")], [.text(r.answer.map { "\($0)（\(r.answeredOn ?? "") · \(r.answeredBy ?? "")）" } ?? ctx.t(.policingWaiting))]),
        ]
        if r.state == .waiting, let actor = ctx.actor,
           let stored = try await PoliceReferral.find(r.id, on: req.db), try await PoliceReferrals.isOfficer(actor, of: stored, on: req.db) {
            let f = ctx.forms
            content.append(f.form(action: "/police-referrals/\(r.id.uuidString)/answer", [
                textarea(ctx, .policingAnswer, name: "text", max: PolicingInputs.answerMax, required: true), f.submit(.policingAnswerSend)]))
        }
        return WebPage(title: r.subject, content)
    }

    static func referralTable(_ ctx: RequestContext, _ rows: [PoliceReferralsAPIController.ReferralView]) -> BodyNode {
        table(ctx, [.policingMessage, .policingTo, .policingReferredBy, .policingDue, .policingState], rows.map { r in [
            H.link("/police-referrals/\(r.id.uuidString)", r.subject), .text("\(r.officerName) \(r.policeNumber)"),
            .text(r.referredBy + " · " + stamp(r.referredAt)), .text(r.dueOn),
            H.tag("strong", [], [.text(ctx.t(r.state == .answered ? .policingAnswered : r.overdue ? .policingOverdue : .policingWaiting))]),
        ] }, empty: .policingNoReferrals)
    }

    static func stateLinks(_ ctx: RequestContext, path: String) -> BodyNode {
        H.tag("p", [("class", "actions")], [
            H.link(path, ctx.t(.policingAll)), .text(" · "),
            H.link(path + "?state=waiting", ctx.t(.policingWaiting)), .text(" · "),
            H.link(path + "?state=answered", ctx.t(.policingAnswered)),
        ])
    }

    static let referralCSVHeader = ["id", "message_id", "community", "channel", "subject", "due_on", "officer", "police_number",
                                    "referred_by", "referred_at", "state", "answered_on", "answered_by"]

    static func csvRows(_ rows: [PoliceReferralsAPIController.ReferralView]) -> [[String]] {
        rows.map { r in [r.id.uuidString, r.messageID.uuidString, r.community, r.channel, r.subject, r.dueOn, r.officerName, r.policeNumber,
                         r.referredBy, stamp(r.referredAt), r.state.rawValue, r.answeredOn ?? "", r.answeredBy ?? ""] }
    }

    static func mineCSV(_ req: Request) async throws -> Response {
        let actor = try await req.authorize(.policeReferralAnswer, entity: PoliceReferralsAPIController.entity)
        let rows = try await PoliceReferralsAPIController.views(try await PoliceReferralsAPIController.mineQuery(actor, state: nil, on: req.db).all(), on: req.db)
        return .csv(filename: "police-referrals.csv", header: referralCSVHeader, rows: csvRows(rows))
    }

    static func communityCSV(_ req: Request) async throws -> Response {
        let code = try await req.policingCommunity()
        try await req.authorize(.policeReferralRead, at: code, entity: PoliceReferralsAPIController.entity)
        let rows = try await PoliceReferralsAPIController.views(PoliceReferralsAPIController.communityQuery(code, state: nil, on: req.db).all(), on: req.db)
        return .csv(filename: "police-referrals-\(code).csv", header: referralCSVHeader, rows: csvRows(rows))
    }

    static func communityBack(_ req: Request) async throws -> String { "/communities/\(try await req.policingCommunity())/police-referrals" }

    static func referralBack(_ req: Request) async throws -> String {
        "/police-referrals/" + (try await PoliceReferralsAPIController.load(req).requireID().uuidString)
    }

    // MARK: - Small shared pieces

    static func stamp(_ date: Date?) -> String {
        guard let date else { return "" }
        let day = LocalDate(instant: date)
        let seconds = (Int(date.timeIntervalSince1970) + 8 * 3600) % 86400
        return day.description + String(format: " %02d:%02d", seconds / 3600, (seconds % 3600) / 60)
    }

    static func dt(_ ctx: RequestContext, _ p: Phrase) -> BodyNode { H.tag("dt", [], [.text(ctx.t(p))]) }

    static func table(_ ctx: RequestContext, _ headers: [Phrase], _ rows: [[BodyNode]], empty: Phrase) -> BodyNode {
        guard !rows.isEmpty else { return H.tag("p", [], [.text(ctx.t(empty))]) }
        let labels = headers.map { ctx.t($0) }
        return H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], labels.map { H.tag("th", [("scope", "col")], [.text($0)]) })]),
            H.tag("tbody", [], rows.map { H.tag("tr", [], $0.enumerated().map { i, cell in
                H.tag("td", [("data-label", i < labels.count ? labels[i] : nil)], [cell])
            }) }),
        ])])
    }

    static func textarea(_ ctx: RequestContext, _ label: Phrase, name: String, max: Int, required: Bool) -> BodyNode {
        H.tag("div", [("class", "field")], [
            H.tag("label", [("for", "f-" + name)], [.text(ctx.t(label) + (required ? "" : " " + ctx.t(.optional)))]),
            H.tag("textarea", [("name", name), ("id", "f-" + name), ("rows", "4"), ("maxlength", String(max)),
                               ("required", required ? "required" : nil)], []),
        ])
    }
}
