import Fluent
import Foundation
import ShequPlatform
import Vapor

extension PartyBuildingModule {
    /// Officials find the coverage of their place and what still lacks an organisation; an officer finds their
    /// organisations, members and waiting certificate requests; a member their own record.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        var sections: [WorkbenchSection] = []
        let scopes = actor.scopes(of: [.streetOfficial, .districtOfficial, .cityAdministrator, .leadingGroupOffice])
        if !scopes.isEmpty {
            var items: [WorkbenchItem] = []
            for scope in scopes.prefix(5) {
                guard let d = try await Division.find(scope, on: req.db) else { continue }
                let c = try await PartyCoverageService.coverage(of: d, on: req.partyToday, req.partyVault, memo: req.application.partyMemo, db: req.db)
                items.append(WorkbenchItem(.pbQualifyingUncovered, place: d.name, count: c.total.uncovered,
                                           link: "/party-building/coverage?division=\(scope)", urgency: c.total.uncovered > 0 ? .dueSoon : .normal))
                items.append(WorkbenchItem(.pbThreeInOneTitle, place: d.name, link: "/party-building/three-in-one?division=\(scope)"))
                items.append(WorkbenchItem(.pbOrganizations, place: d.name, link: "/party-organizations?division=\(scope)"))
            }
            sections.append(WorkbenchSection(key: "partyBuilding-coverage", title: .pbWorkbenchCoverage, items: items))
        }
        if !actor.partyOrganizationIDs.isEmpty {
            let orgs = try await PartyOrganization.query(on: req.db).filter(\.$id ~~ actor.partyOrganizationIDs).sort(\.$name).all()
            var items: [WorkbenchItem] = []
            for org in orgs {
                let id = try org.requireID()
                let waiting = try await PartyCertificate.query(on: req.db).filter(\.$organizationID == id).filter(\.$issuedOn == nil).count()
                items += [
                    WorkbenchItem(.pbOrganizationPage, place: org.name, link: "/party-organizations/\(id)"),
                    WorkbenchItem(.pbMembers, place: org.name, count: try await PartyMemberships.of(id, on: req.db).count(),
                                  link: "/party-organizations/\(id)/members"),
                    WorkbenchItem(.pbCertificateRequests, place: org.name, count: waiting, link: "/party-organizations/\(id)/certificates",
                                  urgency: waiting > 0 ? .dueSoon : .normal),
                ]
            }
            sections.append(WorkbenchSection(key: "partyBuilding-officer", title: .pbWorkbenchOfficer, items: items))
        }
        if actor.roles.contains(.resident), try await PartyMemberships.own(actor.residentID, req.partyVault, on: req.db) != nil {
            sections.append(WorkbenchSection(key: "partyBuilding-member", title: .pbWorkbenchMember,
                                             items: [WorkbenchItem(.pbMyMembership, link: "/party-building/me")]))
        }
        return sections
    }

    /// On a community's page, for everyone: its party organisation and secretary, whether 三位一体 holds, and the
    /// owners' committees' coverage; links to the team and the figures. Never a member.
    public func communityPage(_ code: String, on req: Request) async throws -> [BodyNode] {
        guard code.count == 12, let division = try await Division.find(code, on: req.db) else { return [] }
        let ctx = req.context
        let today = req.partyToday
        let community = try await ThreeInOneService.communities(under: code, on: today, db: req.db).first
        let coverage = try await PartyCoverageService.coverage(of: division, on: today, req.partyVault, memo: req.application.partyMemo, db: req.db)
        let secretary = community?.team.first { $0.partyPosition == .secretary }?.name
        return [
            H.tag("section", [("id", "party-building")], [
                PartyViews.h2(ctx, .pbTitle),
                PartyViews.facts(ctx, [
                    (.pbPartyOrganization, community?.partyOrganizationID.map { H.link("/party-organizations/\($0)", community?.partyOrganization ?? "") }
                        ?? .text(ctx.t(.pbNone))),
                    (.pbSecretary, .text(secretary ?? "—")),
                    (.pbThreeInOneTitle, H.link("/party-building/three-in-one/\(code)", ctx.t((community?.holds ?? false) ? .pbYes : .pbNo))),
                    (.pbCoverage, H.link("/party-building/coverage?division=\(code)",
                                         "\(coverage.total.qualifyingCovered) / \(coverage.total.qualifying) · \(coverage.coverage)")),
                ]),
            ]),
        ]
    }
}
