import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import PartyBuilding

/// P1: membership is sensitive personal data. The member, the officers of the workplace organisation and of the
/// community organisation the member registered with, and the officers above them, read the record; nobody else
/// does, whatever office they hold, and every refusal and every reading is in the audit log.
@Suite struct PartyMembershipVisibilityTests {
    @Test func onlyTheMemberAndTheOrganisationsConcernedReadTheRecord() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app)
            let record = "/api/v1/party-memberships/\(tree.membershipID)"
            for username in ["member.a", "officer.work", "officer.community", "officer.street"] {
                let res = try await app.api(.GET, record, token: try await app.token(username))
                #expect(res.status == .ok, "\(username) should read the record: \(res.status) \(res.body)")
                #expect(res.body.contains("李明"))
            }
            for username in ["official.street", "officer.other", "staff.community", "resident.b"] {
                let before = try await deniedCount(app)
                let res = try await app.api(.GET, record, token: try await app.token(username))
                #expect(res.status == .notFound, "\(username) must not read the record: \(res.status)")
                #expect(!res.body.contains("李明"))
                #expect(try await deniedCount(app) == before + 1, "\(username)'s refusal is logged")
            }
            // Without registering, the community's officers do not reach the member.
            let unregistered = try await app.api(.GET, record, token: try await app.token("officer.other"))
            #expect(unregistered.status == .notFound)
        }
    }

    @Test func memberListsAreTheOfficersAndEveryReadingIsAudited() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app)
            for (org, allowed) in [(tree.communityOrg, ["officer.community", "officer.street"]), (tree.workplaceOrg, ["officer.work", "officer.street"])] {
                let path = "/api/v1/party-organizations/\(org)/members"
                for username in PartyTree.accounts {
                    let token = try await app.token(username)
                    let reads = try await AuditEntry.query(on: app.db).filter(\.$action == "party.memberList").count()
                    let denied = try await deniedCount(app)
                    let res = try await app.api(.GET, path, token: token)
                    if allowed.contains(username) {
                        #expect(res.status == .ok && res.items.count == 2 && res.body.contains("李明"), "\(username) \(path): \(res.body)")
                        #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "party.memberList").count() == reads + 1,
                                "\(username)'s reading of the list is audited")
                    } else {
                        #expect(res.status == .notFound, "\(username) must not read \(path): \(res.status)")
                        #expect(try await deniedCount(app) == denied + 1)
                        #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "party.memberList").count() == reads)
                    }
                }
            }
            // The CSV and the page are the same reading, audited the same way.
            let browser = Browser(app)
            try await browser.signIn("officer.community")
            let reads = try await AuditEntry.query(on: app.db).filter(\.$action == "party.memberList").count()
            let page = try await browser.get("/party-organizations/\(tree.communityOrg)/members")
            #expect(page.status == .ok && page.body.contains("李明"))
            let csv = try await browser.get("/party-organizations/\(tree.communityOrg)/members.csv")
            #expect(csv.status == .ok && csv.body.contains("李明"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "party.memberList").count() == reads + 2)
            // The audit entries name the organisation and how many, never the member.
            let entries = try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["party.memberList", "party.memberManage.enter"]).all()
            #expect(entries.allSatisfy { !$0.detail.contains("李明") && !$0.detail.contains(tree.memberIDNumber) })
        }
    }

    @Test func theDatabaseAloneTiesNoResidentToTheParty() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app)
            let m = try #require(try await PartyMembership.find(UUID(uuidString: tree.membershipID), on: app.db))
            let id = tree.memberResident.uuidString
            for text in [m.residentSealed, m.residentIndex] {
                #expect(!text.lowercased().contains(id.lowercased()) && !text.contains(tree.memberIDNumber))
            }
            #expect(try PartyMemberships.resident(of: m, app.partyTestVault) == tree.memberResident)
        }
    }

    @Test func aResidentsPageNeverShowsTheMembership() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app)
            for username in ["staff.community", "official.street", "officer.community"] {
                try await makeAccount(app, username + ".web", username == "officer.community" ? .communityStaff : .streetOfficial,
                                      username == "staff.community" ? communityA : streetA)
            }
            for username in ["staff.community.web", "official.street.web"] {
                let browser = Browser(app)
                try await browser.signIn(username)
                let page = try await browser.get("/residents/\(tree.memberResident)")
                #expect(page.status == .ok, "\(username): \(page.status)")
                #expect(page.body.contains("李明"))
                for word in ["党员", "党支部", "党委", "Full member", "/party-memberships/"] {
                    #expect(!page.body.contains(word), "\(username) sees \(word) on the resident's page")
                }
            }
            // The community's page shows its organisation, never a member.
            let browser = Browser(app)
            try await browser.signIn("resident.b")
            let community = try await browser.get("/communities/\(communityA)/governance")
            #expect(community.body.contains("紫荆社区党委"))
            #expect(!community.body.contains("李明"))
        }
    }

    @Test func theMemberSignsUpTheOfficersRecordAndTheCommunityIssuesTheCertificate() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app)
            let officer = try await app.token("officer.community")
            let member = try await app.token("member.a")
            let past = try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/activities", token: officer,
                                         json: ["title": "主题党日", "heldOn": partyDay(-1), "place": "党群服务中心"])
            let activity = try #require(past.object["id"] as? String, "\(past.body)")
            // Sign-ups close when the day has passed; the officers record attendance afterwards.
            #expect(try await app.api(.POST, "/api/v1/party-activities/\(activity)/sign-up", token: member).status == .conflict)
            let recorded = try await app.api(.POST, "/api/v1/party-activities/\(activity)/attendance", token: officer,
                                             json: ["membershipID": tree.membershipID, "attended": true])
            #expect(recorded.status == .ok && recorded.body.contains("李明"), "\(recorded.body)")
            // Another community's officer records nothing here (403, logged), and another resident signs up for nothing.
            let denied = try await deniedCount(app)
            #expect(try await app.api(.POST, "/api/v1/party-activities/\(activity)/attendance", token: try await app.token("officer.other"),
                                      json: ["membershipID": tree.membershipID, "attended": false]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/party-activities/\(activity)/sign-up", token: try await app.token("resident.b")).status == .forbidden)
            #expect(try await deniedCount(app) == denied + 2)

            // The workplace's officers see the participation recorded in the community.
            let seen = try await app.api(.GET, "/api/v1/party-memberships/\(tree.membershipID)", token: try await app.token("officer.work"))
            #expect(seen.body.contains("主题党日"))

            let requested = try await app.api(.POST, "/api/v1/me/party-membership/certificates", token: member, json: ["year": partyYear(-1)])
            let certificate = try #require(requested.object["id"] as? String, "\(requested.body)")
            #expect(try await app.api(.POST, "/api/v1/me/party-membership/certificates", token: member, json: ["year": partyYear(-1)]).status == .conflict)
            #expect(try await app.api(.POST, "/api/v1/party-certificates/\(certificate)/issue", token: try await app.token("officer.work")).status == .forbidden)
            let issued = try await app.api(.POST, "/api/v1/party-certificates/\(certificate)/issue", token: officer)
            #expect(issued.status == .ok && issued.object["attended"] as? Int == 1, "\(issued.body)")
            let browser = Browser(app)
            try await browser.signIn("member.a")
            let printable = try await browser.get("/party-certificates/\(certificate)")
            #expect(printable.status == .ok && printable.body.contains("李明") && printable.body.contains("主题党日"))
            #expect(try await app.api(.GET, "/api/v1/party-certificates/\(certificate)", token: try await app.token("resident.b")).status == .notFound)
        }
    }
}

extension Application {
    var partyTestVault: PersonalDataVault { PersonalDataVault(secrets: secrets) }
}
