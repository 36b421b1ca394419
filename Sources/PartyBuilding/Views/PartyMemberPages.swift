import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import Vapor

/// A member's own pages, a member's record for the officers, an activity, and the printable certificate.
enum PartyMemberPages {
    static func participation(_ ctx: RequestContext, _ rows: [PartyActivities.ParticipationRow]) -> BodyNode {
        PartyViews.table(ctx, head: [.pbActivityTitle, .pbHeldOn, .pbOrganization, .pbSignedUp, .pbAttended], rows: rows.map { r in
            [H.link("/party-activities/\(r.activityID)", r.title), .text(r.heldOn), .text(r.organization), PartyViews.yesNo(ctx, r.signedUp),
             .text(r.attended.map { ctx.t($0 ? .pbYes : .pbNo) } ?? "—")]
        }, empty: .pbNoParticipation)
    }

    static func record(_ ctx: RequestContext, _ v: PartyMembersController.MembershipView) -> [BodyNode] {
        guard let m = v.membership else { return [] }
        return [
            PartyViews.facts(ctx, [
                (.pbName, .text(m.name)),
                (.pbStanding, .text(ctx.t(m.standing.phrase))),
                (.pbWorkplace, H.link("/party-organizations/\(v.workplaceOrganizationID)", m.workplaceOrganization)),
                (.pbRegisteredWith, v.communityOrganizationID.map { H.link("/party-organizations/\($0)", m.communityOrganization ?? "") } ?? .text("—")),
                (.pbRegisteredOn, .text(m.registeredOn ?? "—")),
            ]),
            PartyViews.h2(ctx, .pbParticipation),
            participation(ctx, v.participation),
            PartyViews.h2(ctx, .pbCertificates),
            PartyViews.table(ctx, head: [.pbYear, .pbRequestedOn, .pbIssuedOn], rows: v.certificates.map { c in
                [H.link("/party-certificates/\(c.id)", String(c.year)), .text(c.requestedOn), .text(c.issuedOn ?? ctx.t(.pbWaiting))]
            }, empty: .pbNoCertificates),
        ]
    }

    /// The member's own page: their record, where to register, what the community offers, the certificate request.
    static func mine(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let actor = try req.requireActor()
        let waiting = offers(ctx, try await PartyOfficerOffersController.waiting(req)) + waitingEntries(ctx, try await PartyMembersController.waiting(req))
        guard actor.roles.contains(.resident), let m = try await PartyMemberships.own(actor.residentID, req.partyVault, on: req.db) else {
            return WebPage(title: ctx.t(.pbMyMembership), waiting + [PartyViews.p([.text(ctx.t(.pbNoMembership))])])
        }
        let v = try await PartyMembersController.full(m, req)
        var content = waiting + [PartyViews.p([.text(ctx.t(.pbMineIntro))])] + record(ctx, v)
        if let residentID = actor.residentID, let resident = try await Resident.find(residentID, on: req.db) {
            let here = try await ThreeInOneService.communityOrganizations(under: resident.divisionCode, on: req.db)[resident.divisionCode]
            let compounds = try await Compound.query(on: req.db).filter(\.$divisionCode == resident.divisionCode).sort(\.$name).all()
            if let here, m.communityOrganizationID != here.id {
                content += [PartyViews.h2(ctx, .pbRegister), PartyViews.p([.text(ctx.t(.pbRegisterIntro))]),
                            ctx.forms.form(action: "/party-building/me/registration", [
                    H.void("input", [("type", "hidden"), ("name", "organizationID"), ("value", here.id?.uuidString)]),
                    PartyViews.p([.text(here.name)]),
                    ctx.forms.select(.pbCompound, name: "compoundID", options: compounds.compactMap { c in c.id.map { ($0.uuidString, c.name) } },
                                     selected: nil, includeEmpty: true),
                    ctx.forms.submit(.pbRegister),
                ])]
            }
        }
        let orgIDs = [m.workplaceOrganizationID] + (m.communityOrganizationID.map { [$0] } ?? [])
        let upcoming = try await PartyActivity.query(on: req.db).filter(\.$organizationID ~~ orgIDs)
            .filter(\.$heldOn >= req.partyToday.description).sort(\.$heldOn).range(0..<20).all()
        content += [PartyViews.h2(ctx, .pbUpcoming), PartyViews.table(ctx, head: [.pbActivityTitle, .pbHeldOn, .pbPlace, .pbSignUp], rows: upcoming.map { a in
            [H.link("/party-activities/\(a.id?.uuidString ?? "")", a.title), .text(a.heldOn), .text(a.place),
             ctx.forms.form(action: "/party-activities/\(a.id?.uuidString ?? "")/sign-up", [ctx.forms.submit(.pbSignUp)])]
        }, empty: .pbNoActivities)]
        if m.communityOrganizationID != nil {
            content += [PartyViews.h2(ctx, .pbRequestCertificate), ctx.forms.form(action: "/party-building/me/certificates", [
                ctx.forms.field(.pbYear, name: "year", value: String(req.partyToday.components.year), type: "number", required: true, inputmode: "numeric", maxLength: 4),
                ctx.forms.submit(.pbRequestCertificate),
            ])]
        }
        return WebPage(title: ctx.t(.pbMyMembership), content)
    }

    /// The posts offered to the signed-in account, each with its two answers; nothing when none waits.
    static func offers(_ ctx: RequestContext, _ os: [PartyOfficerOffers.OfferView]) -> [BodyNode] {
        guard !os.isEmpty else { return [] }
        return [PartyViews.h2(ctx, .pbOffersToYou), PartyViews.p([.text(ctx.t(.pbOffersToYouIntro))]),
                PartyViews.table(ctx, head: [.pbOrganization, .pbPosition, .pbOfferedOn, .pbYourAnswer], rows: os.map { o in
            [H.link("/party-organizations/\(o.organizationID)", o.organization), .text(ctx.t(o.position.phrase)), .text(o.offeredOn),
             H.tag("div", [], [ctx.forms.form(action: "/party-building/me/offers/\(o.id)/accept", [ctx.forms.submit(.pbAccept)]),
                               ctx.forms.form(action: "/party-building/me/offers/\(o.id)/decline", [ctx.forms.submit(.pbDecline)])])]
        }, empty: .pbNoOffers)]
    }

    /// The entries waiting for the signed-in person, each with its two answers; nothing when none waits.
    static func waitingEntries(_ ctx: RequestContext, _ es: [PartyMembersController.WaitingEntry]) -> [BodyNode] {
        guard !es.isEmpty else { return [] }
        return [PartyViews.h2(ctx, .pbWaitingEntries), PartyViews.p([.text(ctx.t(.pbWaitingIntro))]),
                PartyViews.table(ctx, head: [.pbOrganization, .pbStanding, .pbEnteredOn, .pbYourAnswer], rows: es.map { e in
            [H.link("/party-organizations/\(e.organizationID)", e.organization), .text(ctx.t(e.standing.phrase)), .text(e.enteredOn),
             H.tag("div", [], [ctx.forms.form(action: "/party-building/me/entries/\(e.id)/confirm", [ctx.forms.submit(.pbConfirm)]),
                               ctx.forms.form(action: "/party-building/me/entries/\(e.id)/decline", [ctx.forms.submit(.pbDecline)])])]
        }, empty: .pbNoEntries)]
    }

    static func membership(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let v = try await PartyMembersController.show(req)
        return WebPage(title: "\(v.membership?.name ?? "") · \(ctx.t(.pbMemberRecord))", record(ctx, v))
    }

    static func activity(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let (a, org) = try await PartyActivitiesController.load(req)
        let aid = try a.requireID()
        var content: [BodyNode] = [PartyViews.facts(ctx, [
            (.pbOrganization, H.link("/party-organizations/\(a.organizationID)", org.name)),
            (.pbHeldOn, .text(a.heldOn)), (.pbPlace, .text(a.place)),
        ])]
        if let actor = ctx.actor, actor.roles.contains(.resident), a.heldOn >= req.partyToday.description,
           let m = try await PartyMemberships.own(actor.residentID, req.partyVault, on: req.db), PartyActivities.concerns(a, m) {
            content.append(ctx.forms.form(action: "/party-activities/\(aid)/sign-up", [ctx.forms.submit(.pbSignUp)]))
        }
        let path = try await PartyOrganizations.path(of: org.requireID(), on: req.db)
        if let actor = ctx.actor, Policy.may(actor, .partyMemberRead, on: Resource(partyOrganizationPath: path)) {
            let rows = try await PartyActivitiesController.participants(a, org, req)
            let records = Policy.may(actor, .partyMemberManage, on: Resource(partyOrganizationPath: path)) && a.heldOn <= req.partyToday.description
            // The officer's own row has no button: another officer records it (F6).
            let ownID = try await PartyMemberships.own(actor.residentID, req.partyVault, on: req.db)?.id
            content += [PartyViews.h2(ctx, .pbParticipants),
                        PartyViews.table(ctx, head: [.pbName, .pbSignedUp, .pbAttended] + (records ? [.pbRecordAttendance] : []), rows: rows.map { r in
                [H.link("/party-memberships/\(r.membershipID)", r.name), PartyViews.yesNo(ctx, r.signedUp),
                 .text(r.attended.map { ctx.t($0 ? .pbYes : .pbNo) } ?? "—")]
                    + (records && r.membershipID == ownID ? [.text("—")] : [])
                    + (records && r.membershipID != ownID ? [ctx.forms.form(action: "/party-activities/\(aid)/attendance", [
                        H.void("input", [("type", "hidden"), ("name", "membershipID"), ("value", r.membershipID.uuidString)]),
                        H.void("input", [("type", "hidden"), ("name", "attended"), ("value", r.attended == true ? "false" : "true")]),
                        ctx.forms.submit(r.attended == true ? .pbMarkAbsent : .pbMarkAttended),
                    ])] : [])
            }, empty: .pbNoParticipants),
                        PartyViews.csvLink(ctx, "/party-activities/\(aid)/participants.csv")]
        }
        return WebPage(title: a.title, content)
    }

    /// Printable: plain text on the page, no forms but the officers' issue button while it waits.
    static func certificate(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let c = try await PartyActivitiesController.certificate(req)
        var content: [BodyNode] = []
        if let issued = c.issuedOn {
            content += [
                PartyViews.p([.text(ctx.t(.pbCertificateText(member: c.member, organization: c.organization, year: c.year, attended: c.attended ?? 0)))]),
                H.tag("ul", [], c.activities.map { H.tag("li", [], [.text("\($0.heldOn) \($0.title)")]) }),
                PartyViews.p([.text("\(c.organization)  \(issued)")]),
            ]
        } else {
            content.append(PartyViews.p([.text(ctx.t(.pbCertificateWaiting))]))
            let (cert, org, _) = try await PartyActivitiesController.loadCertificate(req)
            let path = try await PartyOrganizations.path(of: org.requireID(), on: req.db)
            if let actor = ctx.actor, Policy.may(actor, .partyMemberManage, on: Resource(partyOrganizationPath: path)) {
                content.append(ctx.forms.form(action: "/party-certificates/\(cert.id?.uuidString ?? "")/issue", [ctx.forms.submit(.pbIssue)]))
            }
        }
        return WebPage(title: "\(c.year) · \(ctx.t(.pbCertificateTitle))", content)
    }

    static func activityBack(_ req: Request) async throws -> String { "/party-activities/" + (try await PartyActivitiesController.load(req).0.requireID().uuidString) }
    static func certificateBack(_ req: Request) async throws -> String {
        "/party-certificates/" + (try await PartyActivitiesController.loadCertificate(req).0.requireID().uuidString)
    }
}
