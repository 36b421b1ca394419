import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import Vapor

/// The organisations on pages: the public list (with its CSV and, for those who set them up, the form), an
/// organisation's page with its officers, sub-organisations and activities, and its officers' lists.
enum PartyOrganizationPages {
    static func index(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let page = try await PartyOrganizationsController.list(req)
        let division = try PartyOrganizationsController.division(req)
        let names = try await PartyViews.divisionNames(page.items.map(\.divisionCode), on: req.db)
        var content: [BodyNode] = [
            PartyViews.table(ctx, head: [.pbName, .pbKind, .pbDivision, .pbSecretary], rows: page.items.map { o in
                [H.link("/party-organizations/\(o.id)", o.name), .text(ctx.t(o.kind.phrase)), .text(names[o.divisionCode] ?? o.divisionCode),
                 .text(o.officers.first { $0.position == .secretary }?.displayName ?? "—")]
            }, empty: .pbNoOrganizations),
            Pager.nav(ctx, page, path: "/party-organizations", keep: [("division", division)]),
            PartyViews.csvLink(ctx, "/party-organizations.csv" + (division.map { "?division=" + $0 } ?? "")),
        ]
        if let actor = ctx.actor, Policy.may(actor, .partyOrganizationManage) || !actor.partyOrganizationIDs.isEmpty {
            content += [PartyViews.h2(ctx, .pbCreateOrganization), createForm(ctx)]
        }
        return WebPage(title: ctx.t(.pbOrganizations), content)
    }

    static func createForm(_ ctx: RequestContext, parent: PartyOrganization? = nil) -> BodyNode {
        ctx.forms.form(action: "/party-organizations", [
            ctx.forms.select(.pbKind, name: "kind", options: PartyOrganizationKind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                             selected: parent == nil ? PartyOrganizationKind.streetWorkingCommittee.rawValue : PartyOrganizationKind.branch.rawValue),
            ctx.forms.field(.pbName, name: "name", required: true, maxLength: 100),
            ctx.forms.field(.pbDivisionCode, name: "divisionCode", value: parent?.divisionCode, required: true, inputmode: "numeric", maxLength: 12),
            ctx.forms.field(.pbParentID, name: "parentID", value: parent?.id?.uuidString, maxLength: 36),
            ctx.forms.select(.pbHostKind, name: "hostKind", options: PartyHostKind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                             selected: PartyHostKind.division.rawValue),
            ctx.forms.field(.pbHostID, name: "hostID", hint: .pbHostHint, maxLength: 36),
            ctx.forms.submit(.pbCreateOrganization),
        ])
    }

    static func csv(_ req: Request) async throws -> Response {
        let q = PartyOrganization.query(on: req.db).sort(\.$divisionCode).sort(\.$name)
        if let code = try PartyOrganizationsController.division(req) { _ = q.inScopes([code], \.$divisionCode) }
        let orgs = try await q.all()
        let officers = try await PartyOrganizations.officers(of: orgs.compactMap(\.id), on: req.db)
        return .csv(filename: "party-organizations.csv", header: ["id", "kind", "name", "parent_id", "division_code", "host_kind", "host_id", "secretary"],
                    rows: orgs.map { o in [o.id?.uuidString ?? "", o.kind.rawValue, o.name, o.parentID?.uuidString ?? "", o.divisionCode,
                                           o.hostKind.rawValue, o.hostID?.uuidString ?? "",
                                           o.id.flatMap { officers[$0]?.first { $0.position == .secretary }?.displayName } ?? ""] })
    }

    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let org = try await req.partyOrganization()
        let id = try org.requireID()
        let officers = try await PartyOrganizations.officers(of: [id], on: req.db)[id] ?? []
        let path = try await PartyOrganizations.path(of: id, on: req.db)
        let actor = ctx.actor
        var manages = false
        if let actor { manages = Policy.may(actor, .partyOrganizationManage, on: try await PartyOrganizationsController.manageResource(org, on: req.db)) }
        let officerOf = actor.map { Policy.may($0, .partyMemberManage, on: Resource(partyOrganizationPath: path)) } ?? false
        var parent: PartyOrganization?
        if let parentID = org.parentID { parent = try await PartyOrganization.find(parentID, on: req.db) }
        let children = try await PartyOrganization.query(on: req.db).filter(\.$parentID == id).sort(\.$name).all()
        let names = try await PartyViews.divisionNames([org.divisionCode], on: req.db)
        var host: BodyNode = .text(names[org.divisionCode] ?? org.divisionCode)
        if org.hostKind == .ownersCommittee, let h = org.hostID, let c = try await Compound.find(h, on: req.db) { host = .text(c.name) }
        if org.hostKind == .organization, let h = org.hostID, let o = try await Organization.find(h, on: req.db) { host = .text(o.name) }
        var content: [BodyNode] = [
            PartyViews.facts(ctx, [
                (.pbKind, .text(ctx.t(org.kind.phrase))),
                (.pbDivision, .text("\(names[org.divisionCode] ?? org.divisionCode) (\(org.divisionCode))")),
                (.pbHostKind, .text(ctx.t(org.hostKind.phrase))),
                (.pbHost, host),
                (.pbParent, parent.map { H.link("/party-organizations/\($0.id?.uuidString ?? "")", $0.name) } ?? .text("—")),
            ]),
            PartyViews.h2(ctx, .pbOfficers),
            PartyViews.table(ctx, head: [.pbName, .pbPosition, .pbSince] + (manages ? [.pbRemove] : []), rows: officers.map { o in
                [.text(o.displayName), .text(ctx.t(o.position.phrase)), .text(o.since)]
                    + (manages ? [ctx.forms.form(action: "/party-organizations/\(id)/officers/\(o.accountID)/remove", [ctx.forms.submit(.pbRemove)])] : [])
            }, empty: .pbNoOfficers),
        ]
        if manages {
            let offers = try await PartyOfficerOffers.views(try await PartyOfficerOffers.of(id, on: req.db), on: req.db)
            content.append(PartyViews.h2(ctx, .pbOffers))
            content.append(PartyViews.p([.text(ctx.t(.pbOffersIntro))]))
            content.append(PartyViews.table(ctx, head: [.pbUsername, .pbPosition, .pbOfferedOn, .pbEntryState], rows: offers.map { o in
                [.text(o.username), .text(ctx.t(o.position.phrase)), .text(o.offeredOn), .text(ctx.t(o.state.phrase))]
            }, empty: .pbNoOffers))
            content.append(ctx.forms.form(action: "/party-organizations/\(id)/officers", [
                ctx.forms.field(.pbUsername, name: "username", required: true, autocomplete: "off", maxLength: 32),
                ctx.forms.select(.pbPosition, name: "position", options: PartyOfficerPosition.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                                 selected: PartyOfficerPosition.committeeMember.rawValue),
                ctx.forms.submit(.pbAppoint),
            ]))
        }
        content.append(PartyViews.h2(ctx, .pbSubOrganizations))
        content.append(PartyViews.table(ctx, head: [.pbName, .pbKind], rows: children.map { c in
            [H.link("/party-organizations/\(c.id?.uuidString ?? "")", c.name), .text(ctx.t(c.kind.phrase))]
        }, empty: .pbNoOrganizations))
        if manages || officerOf { content.append(createForm(ctx, parent: org)) }
        let activities = try await PartyActivity.query(on: req.db).filter(\.$organizationID == id).sort(\.$heldOn, .descending).range(0..<50).all()
        content.append(PartyViews.h2(ctx, .pbActivities))
        content.append(PartyViews.table(ctx, head: [.pbActivityTitle, .pbHeldOn, .pbPlace], rows: activities.map { a in
            [H.link("/party-activities/\(a.id?.uuidString ?? "")", a.title), .text(a.heldOn), .text(a.place)]
        }, empty: .pbNoActivities))
        if officerOf {
            content += [
                ctx.forms.form(action: "/party-organizations/\(id)/activities", [
                    ctx.forms.field(.pbActivityTitle, name: "title", required: true, maxLength: 100),
                    ctx.forms.field(.pbHeldOn, name: "heldOn", type: "date", required: true, maxLength: 10),
                    ctx.forms.field(.pbPlace, name: "place", required: true, maxLength: 100),
                    ctx.forms.submit(.pbOfferActivity),
                ]),
                PartyViews.h2(ctx, .pbMembers),
                PartyViews.p([H.link("/party-organizations/\(id)/members", ctx.t(.pbMembers)), .text(" · "),
                              H.link("/party-organizations/\(id)/certificates", ctx.t(.pbCertificateRequests))]),
            ]
        }
        content.append(PartyViews.p([H.link("/party-organizations", ctx.t(.pbOrganizations)), .text(" · "),
                                     H.link("/party-building/coverage?division=\(org.divisionCode)", ctx.t(.pbCoverageTitle))]))
        return WebPage(title: org.name, content)
    }

    static func members(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let org = try await req.partyOrganization()
        let id = try org.requireID()
        let page = try await PartyMembersController.list(org, try ListPageRequest(req), req)
        let entries = try await PartyMembersController.entries(org, ListPageRequest(page: 1, perPage: 50), req)
        return WebPage(title: "\(org.name) · \(ctx.t(.pbMembers))", [
            PartyViews.p([.text(ctx.t(.pbMembersIntro))]),
            PartyViews.table(ctx, head: [.pbName, .pbStanding, .pbWorkplace, .pbRegisteredWith, .pbRegisteredOn], rows: page.items.map { m in
                [H.link("/party-memberships/\(m.membershipID)", m.name), .text(ctx.t(m.standing.phrase)), .text(m.workplaceOrganization),
                 .text(m.communityOrganization ?? "—"), .text(m.registeredOn ?? "—")]
            }, empty: .pbNoMembers),
            Pager.nav(ctx, page, path: "/party-organizations/\(id)/members"),
            PartyViews.csvLink(ctx, "/party-organizations/\(id)/members.csv"),
            PartyViews.h2(ctx, .pbEntries),
            PartyViews.p([.text(ctx.t(.pbEntriesIntro))]),
            PartyViews.table(ctx, head: [.pbIDNumber, .pbStanding, .pbEnteredOn, .pbEntryState], rows: entries.items.map { e in
                [.text(e.idNumber), .text(ctx.t(e.standing.phrase)), .text(e.enteredOn),
                 .text(ctx.t(e.state.phrase) + (e.decidedOn.map { " \($0)" } ?? ""))]
            }, empty: .pbNoEntries),
            PartyViews.h2(ctx, .pbEnterMember),
            ctx.forms.form(action: "/party-organizations/\(id)/members", [
                ctx.forms.field(.pbIDNumber, name: "idNumber", required: true, autocomplete: "off", maxLength: 18),
                ctx.forms.select(.pbStanding, name: "standing", options: PartyStanding.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                                 selected: PartyStanding.full.rawValue),
                ctx.forms.submit(.pbEnterMember),
            ]),
            PartyViews.p([H.link("/party-organizations/\(id)", org.name)]),
        ])
    }

    static func certificates(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let org = try await req.partyOrganization()
        let rows = try await PartyActivitiesController.requests(req)
        return WebPage(title: "\(org.name) · \(ctx.t(.pbCertificateRequests))", [
            PartyViews.table(ctx, head: [.pbName, .pbYear, .pbRequestedOn, .pbIssuedOn], rows: rows.map { r in
                [H.link("/party-certificates/\(r.id)", r.member), .text(String(r.year)), .text(r.requestedOn),
                 r.issuedOn.map { .text($0) } ?? ctx.forms.form(action: "/party-certificates/\(r.id)/issue", [ctx.forms.submit(.pbIssue)])]
            }, empty: .pbNoCertificates),
            PartyViews.p([H.link("/party-organizations/\(org.id?.uuidString ?? "")", org.name)]),
        ])
    }

    static func back(_ req: Request) async throws -> String { "/party-organizations/" + (try await req.partyOrganization().requireID().uuidString) }
    static func membersBack(_ req: Request) async throws -> String { try await back(req) + "/members" }
}
