import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// P2 and P3's public figures: counted from the records on every request, for a community, street, district or the city.
enum PartyReportsController {
    static let city = "4404"

    static func division(_ req: Request) async throws -> Division {
        let code = try PartyOrganizationsController.division(req) ?? city
        guard let d = try await Division.find(code, on: req.db) else {
            throw ShequError.invalid(.errorUnknownDivision, code, code: "unknown_division")
        }
        return d
    }

    /// The figures are public; which compound qualifies is not (review F8): a compound's few residents and committee
    /// members are known to their neighbours, and "qualifies" says three of them are full members. Compound by
    /// compound it is for the street's and district's officials and the officers of the community's organisation and above.
    static func coverage(_ req: Request) async throws -> PartyCoverageService.Coverage {
        var c = try await PartyCoverageService.coverage(of: try await division(req), on: req.partyToday, req.partyVault,
                                                        memo: req.application.partyMemo, db: req.db)
        if !c.compounds.isEmpty, !(try await mayReadCompounds(of: c.division, req)) {
            c.compounds = []
            c.compoundsWithheld = true
        }
        return c
    }

    static func mayReadCompounds(of community: String, _ req: Request) async throws -> Bool {
        guard let actor = req.context.actor else { return false }
        var path: [UUID] = []
        if let org = try await ThreeInOneService.communityOrganizations(under: community, on: req.db)[community], let id = org.id {
            path = try await PartyOrganizations.path(of: id, on: req.db)
        }
        return Policy.may(actor, .partyOrganizationManage, on: Resource(divisionCode: community, partyOrganizationPath: path))
    }

    static func coverageCSV(_ req: Request) async throws -> Response {
        let c = try await coverage(req)
        if c.division.count == 12 {
            return .csv(filename: "party-coverage-\(c.division).csv", header: ["compound_id", "compound", "community", "qualifies", "has_organization"],
                        rows: c.compounds.map { [$0.compoundID.uuidString, $0.name, $0.community, String($0.qualifies), String($0.hasOrganization)] })
        }
        let header = ["code", "name", "owners_committees", "qualifying", "qualifying_with_organization", "qualifying_without_organization",
                      "with_organization", "coverage", "as_of", "minimum_full_members"]
        func line(_ code: String, _ name: String, _ f: PartyCoverageFigure) -> [String] {
            [code, name, String(f.ownersCommittees), String(f.qualifying), String(f.qualifyingCovered), String(f.uncovered), String(f.withOrganization),
             CommunityShare.percent(f.coveragePermille), c.asOf, String(c.minimumFullMembers)]
        }
        return .csv(filename: "party-coverage-\(c.division).csv", header: header,
                    rows: [line(c.division, c.name, c.total)] + c.children.map { line($0.code, $0.name, $0.figure) })
    }

    static func threeInOne(_ req: Request) async throws -> ThreeInOneService.Shares {
        try await ThreeInOneCache.shares(of: try await division(req), on: req.partyToday, req)
    }

    static func threeInOneCSV(_ req: Request) async throws -> Response {
        let d = try await division(req)
        let communities = try await ThreeInOneCache.communities(under: d.code, on: req.partyToday, req)
        return .csv(filename: "three-in-one-\(d.code).csv",
                    header: ["code", "name", "party_organization", "holds"] + ThreeInOneCondition.allCases.map(\.rawValue),
                    rows: communities.map { c in [c.code, c.name, c.partyOrganization ?? "", String(c.holds)]
                        + ThreeInOneCondition.allCases.map { String(c.conditions[$0.rawValue] ?? false) } })
    }

    static func community(_ req: Request) async throws -> ThreeInOneService.Community {
        guard let code = req.parameters.get("code"), code.count == 12, let d = try await Division.find(code, on: req.db), d.level == .community,
              let c = try await ThreeInOneCache.communities(under: d.code, on: req.partyToday, req).first else { throw ShequError.notFound }
        return c
    }

    struct RuleView: Content, Sendable {
        var effectiveFrom: String
        var minimumFullMembers: Int
        var basis: String
    }

    static func rules(_ req: Request) async throws -> [RuleView] {
        try await PartyQualificationRuleRow.query(on: req.db).sort(\.$effectiveFrom).all()
            .map { RuleView(effectiveFrom: $0.effectiveFrom, minimumFullMembers: $0.minimumFullMembers, basis: $0.basis) }
    }
}
