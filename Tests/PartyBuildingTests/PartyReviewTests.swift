import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import PartyBuilding

/// The hostile review's findings on party building, each as the refusal a user would meet.
@Suite struct PartyReviewTests {
    /// F1: an official's reach over a place never turns into a party office, so never into the member list.
    @Test func aStreetOfficialCannotAppointThemselfAndReadMembers() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app)
            let official = try await app.token("official.street")
            let grants = try await app.count(Grant.self)
            let before = try await deniedCount(app)
            let own = try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/officers", token: official,
                                        json: ["username": "official.street", "position": "committeeMember"])
            #expect(own.status == .forbidden, "\(own.body)")
            #expect(own.body.contains("own_appointment"))
            #expect(try await deniedCount(app) == before + 1, "the refusal is logged")
            // An account that is not a full member of the organisation (no resident, or a member elsewhere) is no officer.
            for username in ["resident.b", "officer.other"] {
                let res = try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/officers", token: official,
                                            json: ["username": username, "position": "committeeMember"])
                #expect(res.status == .unprocessableEntity, "\(username): \(res.status) \(res.body)")
                #expect(res.body.contains("officer_not_member"))
            }
            #expect(try await app.count(Grant.self) == grants)
            let members = try await app.api(.GET, "/api/v1/party-organizations/\(tree.communityOrg)/members", token: official)
            #expect(members.status == .notFound)
            #expect(!members.body.contains("李明"))
            // A member registered with the community's organisation may serve as its officer.
            let ok = try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/officers", token: official,
                                       json: ["username": "member.a", "position": "committeeMember"])
            #expect(ok.status == .created, "\(ok.body)")
        }
    }
}
