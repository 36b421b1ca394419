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
            // The official offers a post and learns nothing of the person: a member and anyone else get the same answer
            // (the 2026-12-04 review: a 422 here told a street official who is a member). An account that is not a full
            // member of the organisation (no resident, or a member elsewhere) is told so when it tries to accept.
            var answers: [Set<String>] = []
            for username in ["resident.b", "officer.other", "member.a"] {
                let res = try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/officers", token: official,
                                            json: ["username": username, "position": "committeeMember"])
                #expect(res.status == .accepted && res.object["state"] as? String == "pending", "\(username): \(res.status) \(res.body)")
                answers.append(Set(res.object.keys))
            }
            #expect(Set(answers).count == 1, "one shape of answer for members and others")
            for username in ["resident.b", "officer.other"] {
                let offers = try await app.api(.GET, "/api/v1/me/party-officer-offers", token: try await app.token(username))
                let offerID = try #require(offers.array.first?["id"] as? String, "\(offers.body)")
                let res = try await app.api(.POST, "/api/v1/me/party-officer-offers/\(offerID)/accept", token: try await app.token(username))
                #expect(res.status == .unprocessableEntity && res.body.contains("officer_not_member"), "\(username): \(res.status) \(res.body)")
                // Someone else's offer is nobody else's to answer: 404, logged under the account that tried.
                let denied = try await deniedCount(app)
                #expect(try await app.api(.POST, "/api/v1/me/party-officer-offers/\(offerID)/decline", token: try await app.token("member.a")).status == .notFound)
                #expect(try await deniedCount(app) == denied + 1)
            }
            #expect(try await app.count(Grant.self) == grants)
            let members = try await app.api(.GET, "/api/v1/party-organizations/\(tree.communityOrg)/members", token: official)
            #expect(members.status == .notFound)
            #expect(!members.body.contains("李明"))
            // A member registered with the community's organisation may serve as its officer: they accept from their page.
            let browser = Browser(app)
            try await browser.signIn("member.a")
            let page = try await browser.get("/party-building/me")
            let offerID = try #require(try await app.api(.GET, "/api/v1/me/party-officer-offers", token: try await app.token("member.a")).array.first?["id"] as? String)
            #expect(page.body.contains("/party-building/me/offers/\(offerID)/accept"))
            let ok = try await browser.post("/party-building/me/offers/\(offerID)/accept", form: [:])
            #expect(ok.status.code < 400, "\(ok.status) \(ok.body)")
            #expect(try await app.count(Grant.self) == grants + 1)
            #expect(try await PartyOfficerOffer.find(UUID(uuidString: offerID), on: app.db)?.state == .accepted)
        }
    }

    /// F6: an officer's own attendance and certificate are recorded by another officer; an issued certificate's
    /// figure stays true. F14: an activity's date is a month back to a year ahead.
    @Test func anOfficerRecordsNoAttendanceOrCertificateOfTheirOwn() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app)
            let official = try await app.token("official.street")
            let secretary = try await app.token("officer.community")
            let member = try await app.token("member.a")
            // member.a, registered here, becomes a committee member: an officer of the community organisation.
            let appointed = try await appointAndAccept(app, org: tree.communityOrg, by: official, username: "member.a", position: "committeeMember")
            #expect(appointed.status == .created, "\(appointed.body)")
            let activities = try await app.count(PartyActivity.self)
            for day in [partyDay(-31), partyDay(366), "1900-01-01", "9999-12-31"] {
                let res = try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/activities", token: secretary,
                                            json: ["title": "日期不对", "heldOn": day, "place": "党群服务中心"])
                // The schema's own date bounds refuse the far future first (invalid_value); the rest is the module's rule.
                #expect(res.status == .unprocessableEntity && (res.body.contains("activity_date") || day.hasPrefix("9999")), "\(day): \(res.status) \(res.body)")
            }
            #expect(try await app.count(PartyActivity.self) == activities)
            let made = try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/activities", token: secretary,
                                         json: ["title": "主题党日", "heldOn": partyDay(-1), "place": "党群服务中心"])
            let activity = try #require(made.object["id"] as? String, "\(made.body)")

            let denied = try await deniedCount(app)
            let own = try await app.api(.POST, "/api/v1/party-activities/\(activity)/attendance", token: member,
                                        json: ["membershipID": tree.membershipID, "attended": true])
            #expect(own.status == .forbidden && own.body.contains("own_record"), "\(own.body)")
            #expect(try await deniedCount(app) == denied + 1)
            let refusal = try #require(try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").filter(\.$detail == "own_record").first())
            #expect(refusal.actor == "member.a", "an officer's refusal names the officer")
            #expect(try await PartyParticipation.query(on: app.db).count() == 0)
            let recorded = try await app.api(.POST, "/api/v1/party-activities/\(activity)/attendance", token: secretary,
                                             json: ["membershipID": tree.membershipID, "attended": true])
            #expect(recorded.status == .ok, "\(recorded.body)")

            let requested = try await app.api(.POST, "/api/v1/me/party-membership/certificates", token: member, json: ["year": partyYear(-1)])
            let certificate = try #require(requested.object["id"] as? String, "\(requested.body)")
            let selfIssued = try await app.api(.POST, "/api/v1/party-certificates/\(certificate)/issue", token: member)
            #expect(selfIssued.status == .forbidden && selfIssued.body.contains("own_record"))
            #expect(try await PartyCertificate.find(UUID(uuidString: certificate), on: app.db)?.issuedOn == nil)
            let issued = try await app.api(.POST, "/api/v1/party-certificates/\(certificate)/issue", token: secretary)
            #expect(issued.status == .ok && issued.object["attended"] as? Int == 1, "\(issued.body)")
            // The certificate counted one attendance: nobody turns it into an absence afterwards.
            let late = try await app.api(.POST, "/api/v1/party-activities/\(activity)/attendance", token: secretary,
                                         json: ["membershipID": tree.membershipID, "attended": false])
            #expect(late.status == .conflict && late.body.contains("certificate_issued"), "\(late.body)")
            #expect(try await PartyParticipation.query(on: app.db).first()?.attended == true)
        }
    }

    /// An offer is answered once; two secretaries' offers accepted at once leave one secretary (the database's index).
    @Test func offersAreAnsweredOnceAndTheSecretaryIsOne() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app)
            let official = try await app.token("official.street")
            let secretaryAccount = try #require(try await Account.query(on: app.db).filter(\.$username == "officer.community").first()?.id)
            #expect(try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/officers/\(secretaryAccount)/remove", token: official).status == .ok)
            var offers: [String: String] = [:]
            for username in ["member.a", "officer.community"] {
                let res = try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/officers", token: official,
                                            json: ["username": username, "position": "secretary"])
                offers[username] = try #require(res.object["id"] as? String, "\(res.body)")
            }
            let pathA = "/api/v1/me/party-officer-offers/\(offers["member.a"] ?? "")/accept"
            let pathB = "/api/v1/me/party-officer-offers/\(offers["officer.community"] ?? "")/accept"
            let tokenA = try await app.token("member.a"), tokenB = try await app.token("officer.community")
            async let a = app.api(.POST, pathA, token: tokenA)
            async let b = app.api(.POST, pathB, token: tokenB)
            let codes = [try await a.status.code, try await b.status.code].sorted()
            #expect(codes == [201, 409], "\(codes)")
            let org = try #require(UUID(uuidString: tree.communityOrg))
            #expect(try await PartyOfficer.query(on: app.db).filter(\.$organizationID == org).filter(\.$position == .secretary).count() == 1)
            // The accepted offer answered again is a 409 (not a 500, not a second post).
            let again = try await app.api(.POST, "/api/v1/me/party-officer-offers/\(offers["member.a"] ?? "")/accept", token: try await app.token("member.a"))
            let againOther = try await app.api(.POST, "/api/v1/me/party-officer-offers/\(offers["officer.community"] ?? "")/accept",
                                               token: try await app.token("officer.community"))
            #expect([again.status.code, againOther.status.code].allSatisfy { $0 == 409 || $0 == 422 }, "\(again.body) \(againOther.body)")
            #expect(try await PartyOfficer.query(on: app.db).filter(\.$organizationID == org).filter(\.$position == .secretary).count() == 1)
        }
    }
}
