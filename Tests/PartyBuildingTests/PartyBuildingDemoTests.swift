import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import PartyBuilding
@testable import ShequPlatform

/// `shequ demo`: the party tree, one owners' committee qualifying without an organisation, members with activities,
/// party.zijing secretary of 紫荆社区党委 who chairs its residents' committee (三位一体 holds), and a second run adds nothing.
@Suite struct PartyBuildingDemoTests {
    @Test func theDemoTellsTheStoryOnceAndItHolds() async throws {
        try await withShequ { app in
            _ = try await DemoCommand.fill(app)
            for module in app.shequModules { _ = try await module.demo(app) }
            let counts = [try await app.count(PartyOrganization.self), try await app.count(PartyMembership.self),
                          try await app.count(PartyActivity.self), try await app.count(PartyParticipation.self), try await app.count(PartyCertificate.self)]
            #expect(counts[0] >= 6 && counts[1] >= 6 && counts[2] == 2 && counts[4] == 2, "\(counts)")
            _ = try await DemoCommand.fill(app)
            #expect(try await PartyBuildingModule().demo(app) == nil, "a second run adds nothing")
            #expect([try await app.count(PartyOrganization.self), try await app.count(PartyMembership.self), try await app.count(PartyActivity.self),
                     try await app.count(PartyParticipation.self), try await app.count(PartyCertificate.self)] == counts)

            let coverage = try await app.api(.GET, "/api/v1/party-building/coverage?division=440402001")
            let total = coverage.object["total"] as? [String: Any] ?? [:]
            #expect(total["qualifying"] as? Int == 2 && total["qualifyingCovered"] as? Int == 1, "\(coverage.body)")
            let zijing = try await app.api(.GET, "/api/v1/party-building/coverage?division=440402001001",
                                           token: try await app.token("street.cuixiang", DemoCommand.password))
            let garden = (zijing.object["compounds"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "紫荆花园" }
            #expect(garden?["qualifies"] as? Bool == true && garden?["hasOrganization"] as? Bool == false)
            let team = try await app.api(.GET, "/api/v1/party-building/three-in-one/440402001001")
            #expect(team.object["holds"] as? Bool == true, "\(team.body)")

            // party.zijing reads 紫荆社区党委's members and finds its sections on the workbench; the street sees coverage.
            let secretary = try await app.token("party.zijing", DemoCommand.password)
            let org = try #require(try await PartyOrganization.query(on: app.db).filter(\.$name == "紫荆社区党委").first()?.id)
            let members = try await app.api(.GET, "/api/v1/party-organizations/\(org)/members", token: secretary)
            #expect(members.status == .ok && (members.object["total"] as? Int ?? 0) >= 3, "\(members.body)")
            let browser = Browser(app)
            try await browser.signIn("party.zijing", DemoCommand.password)
            let workbench = try await browser.get("/workbench")
            #expect(workbench.body.contains("partyBuilding-officer") && workbench.body.contains("partyBuilding-member"))
            let street = Browser(app)
            try await street.signIn("street.cuixiang", DemoCommand.password)
            let page = try await street.get("/workbench")
            #expect(page.body.contains("partyBuilding-coverage") && page.body.contains("/party-building/coverage?division=440402001"))
            #expect(try await street.get("/party-organizations/\(org)/members").status == .notFound)
            // resident.demo has an entry by 紫荆社区党委 to answer; the secretary sees it among the entries, masked.
            let resident = Browser(app)
            try await resident.signIn("resident.demo", DemoCommand.password)
            let mine = try await resident.get("/party-building/me")
            #expect(mine.body.contains("紫荆社区党委") && mine.body.contains("/confirm") && mine.body.contains("/decline"))
            let entries = try await app.api(.GET, "/api/v1/party-organizations/\(org)/entries", token: secretary)
            #expect(entries.status == .ok && entries.body.contains("********") && entries.body.contains("pending"), "\(entries.body)")
            let community = try await street.get("/communities/440402001001/governance")
            #expect(community.body.contains("紫荆社区党委"))
        }
    }
}
