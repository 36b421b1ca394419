import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The public figures on pages: coverage of qualifying owners' committees (P2) and 三位一体 (P3), with drill-down.
enum PartyReportPages {
    static func overview(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        guard let city = try await Division.find(PartyReportsController.city, on: req.db) else { throw ShequError.notFound }
        let coverage = try await PartyCoverageService.coverage(of: city, on: req.partyToday, req.partyVault, memo: req.application.partyMemo, db: req.db)
        let shares = try await ThreeInOneService.shares(of: city, on: req.partyToday, db: req.db)
        var content: [BodyNode] = [
            PartyViews.p([.text(ctx.t(.pbOverviewIntro))]),
            PartyViews.h2(ctx, .pbCoverageTitle),
            PartyViews.facts(ctx, [
                (.pbOwnersCommittees, .text(String(coverage.total.ownersCommittees))),
                (.pbQualifying, .text(String(coverage.total.qualifying))),
                (.pbQualifyingCovered, .text(String(coverage.total.qualifyingCovered))),
                (.pbCoverage, .text(coverage.coverage)),
            ]),
            PartyViews.p([H.link("/party-building/coverage", ctx.t(.pbCoverageTitle))]),
            PartyViews.h2(ctx, .pbThreeInOneTitle),
            PartyViews.facts(ctx, [(.pbCommunities, .text(String(shares.total.communities))), (.pbHolding, .text(String(shares.total.holding))),
                                   (.pbShare, .text(shares.percent))]),
            PartyViews.p([H.link("/party-building/three-in-one", ctx.t(.pbThreeInOneTitle))]),
            PartyViews.h2(ctx, .pbOrganizations),
            PartyViews.p([H.link("/party-organizations", ctx.t(.pbOrganizations))]),
        ]
        if let actor = ctx.actor, actor.roles.contains(.resident) {
            content.append(PartyViews.p([H.link("/party-building/me", ctx.t(.pbMyMembership))]))
        }
        return WebPage(title: ctx.t(.pbTitle), content)
    }

    static func coverage(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let c = try await PartyReportsController.coverage(req)
        var content: [BodyNode] = [
            try await PartyViews.crumbs(ctx, code: c.division, path: "/party-building/coverage", on: req.db),
            PartyViews.p([.text(ctx.t(.pbCoverageRule(c.minimumFullMembers, asOf: c.asOf)))]),
            PartyViews.facts(ctx, [
                (.pbOwnersCommittees, .text(String(c.total.ownersCommittees))),
                (.pbQualifying, .text(String(c.total.qualifying))),
                (.pbQualifyingCovered, .text(String(c.total.qualifyingCovered))),
                (.pbQualifyingUncovered, .text(String(c.total.uncovered))),
                (.pbWithOrganization, .text(String(c.total.withOrganization))),
                (.pbCoverage, .text(c.coverage)),
                (.pbTargetMet, PartyViews.yesNo(ctx, c.targetMet)),
            ]),
        ]
        if c.compoundsWithheld {
            content.append(PartyViews.p([.text(ctx.t(.pbCompoundsWithheld))]))
            content.append(PartyViews.p([H.link("/party-building/three-in-one/\(c.division)", ctx.t(.pbThreeInOneTeam))]))
        } else if c.division.count == 12 {
            content.append(PartyViews.table(ctx, head: [.pbCompound, .pbQualifies, .pbHasOrganization], rows: c.compounds.map { r in
                [.text(r.name), PartyViews.yesNo(ctx, r.qualifies),
                 r.organizationID.map { H.link("/party-organizations/\($0)", ctx.t(.pbYes)) } ?? PartyViews.yesNo(ctx, false)]
            }, empty: .pbNoCompounds))
            content.append(PartyViews.p([H.link("/party-building/three-in-one/\(c.division)", ctx.t(.pbThreeInOneTeam))]))
        } else {
            content.append(PartyViews.table(ctx, head: [.pbDivision, .pbOwnersCommittees, .pbQualifying, .pbQualifyingCovered, .pbCoverage],
                                            rows: c.children.map { r in
                [H.link("/party-building/coverage?division=\(r.code)", r.name), .text(String(r.figure.ownersCommittees)),
                 .text(String(r.figure.qualifying)), .text(String(r.figure.qualifyingCovered)), .text(r.coverage)]
            }, empty: .pbNoCompounds))
        }
        content.append(PartyViews.csvLink(ctx, "/party-building/coverage.csv?division=\(c.division)"))
        return WebPage(title: "\(c.name) · \(ctx.t(.pbCoverageTitle))", content)
    }

    static func threeInOne(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let s = try await PartyReportsController.threeInOne(req)
        var content: [BodyNode] = [
            try await PartyViews.crumbs(ctx, code: s.division, path: "/party-building/three-in-one", on: req.db),
            PartyViews.p([.text(ctx.t(.pbThreeInOneRule))]),
            PartyViews.facts(ctx, [(.pbCommunities, .text(String(s.total.communities))), (.pbHolding, .text(String(s.total.holding))),
                                   (.pbShare, .text(s.percent))]),
        ]
        if s.division.count == 9 {
            let communities = try await ThreeInOneCache.communities(under: s.division, on: req.partyToday, req)
            content.append(PartyViews.table(ctx, head: [.pbCommunity, .pbPartyOrganization, .pbHolds], rows: communities.map { c in
                [H.link("/party-building/three-in-one/\(c.code)", c.name), .text(c.partyOrganization ?? "—"), PartyViews.yesNo(ctx, c.holds)]
            }, empty: .pbNoCommunities))
        } else {
            content.append(PartyViews.table(ctx, head: [.pbDivision, .pbCommunities, .pbHolding, .pbShare], rows: s.children.map { r in
                [H.link("/party-building/three-in-one?division=\(r.code)", r.name), .text(String(r.share.communities)),
                 .text(String(r.share.holding)), .text(r.percent)]
            }, empty: .pbNoCommunities))
        }
        content.append(PartyViews.csvLink(ctx, "/party-building/three-in-one.csv?division=\(s.division)"))
        return WebPage(title: "\(s.name) · \(ctx.t(.pbThreeInOneTitle))", content)
    }

    /// One community's office as one team: every person with all the posts they hold, and which parts of the rule hold.
    static func team(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let c = try await PartyReportsController.community(req)
        let content: [BodyNode] = [
            try await PartyViews.crumbs(ctx, code: c.code, path: "/party-building/three-in-one", on: req.db),
            PartyViews.p([.text(ctx.t(.pbThreeInOneRule))]),
            PartyViews.facts(ctx, [(.pbPartyOrganization, c.partyOrganizationID.map { H.link("/party-organizations/\($0)", c.partyOrganization ?? "") } ?? .text("—")),
                                   (.pbHolds, PartyViews.yesNo(ctx, c.holds))]),
            H.tag("ul", [], ThreeInOneCondition.allCases.map { cond in
                H.tag("li", [], [.text((c.conditions[cond.rawValue] == true ? "✓ " : "✗ ") + ctx.t(Phrase.pbCondition(cond)))])
            }),
            PartyViews.h2(ctx, .pbThreeInOneTeam),
            PartyViews.table(ctx, head: [.pbName, .pbPartyPost, .pbCommitteePost, .pbStationStaff], rows: c.team.map { p in
                [.text(p.name), .text(p.partyPosition.map { ctx.t($0.phrase) } ?? "—"), .text(p.committeeRole.map { ctx.t(Phrase.pbMemberRole($0)) } ?? "—"),
                 .text(p.stationStaff ? ctx.t(.pbYes) : "—")]
            }, empty: .pbNoTeam),
        ]
        return WebPage(title: "\(c.name) · \(ctx.t(.pbThreeInOneTitle))", content)
    }
}
