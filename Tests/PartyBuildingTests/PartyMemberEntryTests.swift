import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import PartyBuilding

/// Review F2, F7, F12: an officer's entry of an ID number tells them nothing about whoever holds it; only the person
/// turns it into a membership, from their own page; the log names no member by their account.
@Suite struct PartyMemberEntryTests {
    static func person(_ app: Application, _ name: String, _ body: String, account: String) async throws -> String {
        let staff = try await app.token("staff.community")
        let made = try await app.api(.POST, "/api/v1/residents", token: staff, json: residentJSON(communityA, name, body))
        let rid = try #require(UUID(uuidString: made.object["id"] as? String ?? ""), "\(made.body)")
        try await makeAccount(app, account, .resident, communityA, residentID: rid)
        return validID(body)
    }

    @Test func anEntryBecomesAMembershipOnlyWhenThePersonConfirmsIt() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app)
            let number = try await Self.person(app, "赵新", "44040219900202123", account: "new.member")
            let work = try await app.token("officer.work")
            let members = try await app.count(PartyMembership.self)
            let entered = try await app.api(.POST, "/api/v1/party-organizations/\(tree.workplaceOrg)/members", token: work,
                                            json: ["idNumber": number, "standing": "probationary"])
            #expect(entered.status == .accepted, "\(entered.body)")
            let entryID = try #require(entered.object["id"] as? String)
            #expect(!entered.body.contains("赵新"))
            #expect(try await app.count(PartyMembership.self) == members, "no membership before the person confirms")
            // The officers see the masked number they typed and its state, never the name.
            let list = try await app.api(.GET, "/api/v1/party-organizations/\(tree.workplaceOrg)/entries", token: work)
            #expect(list.status == .ok)
            #expect(list.body.contains(String(number.prefix(6)) + "********" + String(number.suffix(4))))
            #expect(!list.body.contains(number) && !list.body.contains("赵新"))
            let page = Browser(app)
            try await page.signIn("officer.work")
            let membersPage = try await page.get("/party-organizations/\(tree.workplaceOrg)/members")
            #expect(membersPage.body.contains(String(number.suffix(4))) && !membersPage.body.contains("赵新"))

            // Only the person it names sees it waiting; someone else's confirmation is a logged 404 naming no account.
            #expect(try await app.api(.GET, "/api/v1/me/party-membership/entries", token: try await app.token("resident.b")).body == "[]")
            let denied = try await deniedCount(app)
            let other = try await app.api(.POST, "/api/v1/me/party-membership/entries/\(entryID)/confirm", token: try await app.token("member.a"))
            #expect(other.status == .notFound)
            #expect(try await deniedCount(app) == denied + 1)
            let refusals = try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").filter(\.$entity == "party_member_entry").all()
            #expect(refusals.count == 1 && refusals.allSatisfy { $0.actor == "member.a" }, "whoever probes another's entry is named")
            let mine = try await app.api(.GET, "/api/v1/me/party-membership/entries", token: try await app.token("new.member"))
            #expect(mine.body.contains(entryID) && mine.body.contains("测试单位党支部"), "\(mine.body)")

            // The person confirms from their own page, through the same command.
            let browser = Browser(app)
            try await browser.signIn("new.member")
            let own = try await browser.get("/party-building/me")
            #expect(own.body.contains("/party-building/me/entries/\(entryID)/confirm"))
            let confirmed = try await browser.post("/party-building/me/entries/\(entryID)/confirm", form: [:])
            #expect(confirmed.status.code < 400, "\(confirmed.status) \(confirmed.body)")
            #expect(try await app.count(PartyMembership.self) == members + 1)
            let record = try await app.api(.GET, "/api/v1/me/party-membership", token: try await app.token("new.member"))
            #expect(record.status == .ok)
            #expect((record.object["membership"] as? [String: Any])?["standing"] as? String == "probationary")
            #expect(try await PartyMemberEntry.find(UUID(uuidString: entryID), on: app.db)?.state == .confirmed)
            // Decided once: a second answer is told so (409), and not logged under the member's account.
            let before = try await deniedCount(app)
            let again0 = try await app.api(.POST, "/api/v1/me/party-membership/entries/\(entryID)/decline", token: try await app.token("new.member"))
            #expect(again0.status == .conflict && again0.body.contains("entry_decided"), "\(again0.body)")
            #expect(try await deniedCount(app) == before)
            #expect(try await PartyMemberEntry.find(UUID(uuidString: entryID), on: app.db)?.state == .confirmed)
            #expect(try await app.count(PartyMembership.self) == members + 1)
            // Entering a member again makes an entry; confirming it is refused, one membership per person.
            let again = try await app.api(.POST, "/api/v1/party-organizations/\(tree.workplaceOrg)/members", token: work,
                                          json: ["idNumber": number, "standing": "full"])
            let twice = try await app.api(.POST, "/api/v1/me/party-membership/entries/\(again.object["id"] as? String ?? "")/confirm",
                                          token: try await app.token("new.member"))
            #expect(twice.status == .conflict && twice.body.contains("already_member"), "\(twice.body)")
            #expect(try await app.count(PartyMembership.self) == members + 1)

            // The log of the person's own acts names no account: whoever reads it learns nobody's membership.
            let own_acts = try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["party.memberSelf.confirm", "party.memberSelf.register"]).all()
            #expect(!own_acts.isEmpty)
            #expect(own_acts.allSatisfy { $0.actor == partyMemberLabel && $0.ip == nil })
        }
    }

    @Test func aPersonDeclinesAnEntryThatIsNotTheirs() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app, register: false)
            let number = try await Self.person(app, "钱不是", "44040219910303123", account: "not.member")
            let work = try await app.token("officer.work")
            let members = try await app.count(PartyMembership.self)
            let entered = try await app.api(.POST, "/api/v1/party-organizations/\(tree.workplaceOrg)/members", token: work,
                                            json: ["idNumber": number, "standing": "full"])
            let entryID = try #require(entered.object["id"] as? String)
            // Entering the same number again while it waits gives the same entry back.
            let repeated = try await app.api(.POST, "/api/v1/party-organizations/\(tree.workplaceOrg)/members", token: work,
                                             json: ["idNumber": number.lowercased(), "standing": "full"])
            #expect(repeated.object["id"] as? String == entryID)
            let browser = Browser(app)
            try await browser.signIn("not.member")
            try await browser.get("/party-building/me")
            let declined = try await browser.post("/party-building/me/entries/\(entryID)/decline", form: [:])
            #expect(declined.status.code < 400, "\(declined.status)")
            #expect(try await PartyMemberEntry.find(UUID(uuidString: entryID), on: app.db)?.state == .declined)
            #expect(try await app.count(PartyMembership.self) == members)
            let list = try await app.api(.GET, "/api/v1/party-organizations/\(tree.workplaceOrg)/entries", token: work)
            // To the officers a declined entry still looks like one waiting: nothing says the number is someone's here.
            #expect(list.body.contains("pending") && !list.body.contains("declined"), "\(list.body)")
            let read = try await AuditEntry.query(on: app.db).filter(\.$action == "party.entryList").filter(\.$actor == "officer.work").count()
            #expect(read >= 1, "reading the entries is audited like the member list")
            // Nor can it be confirmed afterwards.
            #expect(try await app.api(.POST, "/api/v1/me/party-membership/entries/\(entryID)/confirm", token: try await app.token("not.member")).status == .conflict)
            #expect(try await app.count(PartyMembership.self) == members)
            // Entered again, the number gets the same entry back, waiting again: nothing tells the officer it was declined.
            let reentered = try await app.api(.POST, "/api/v1/party-organizations/\(tree.workplaceOrg)/members", token: work,
                                              json: ["idNumber": number, "standing": "full"])
            #expect(reentered.object["id"] as? String == entryID && reentered.object["state"] as? String == "pending", "\(reentered.body)")
            #expect(try await app.count(PartyMemberEntry.self) == 2, "member.a's and this one")
        }
    }

    /// Two answers at once (a double click, two tabs): exactly one takes effect, the other is a 409; never a 500.
    @Test func twoAnswersAtOnceDecideOnce() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app, register: false)
            let number = try await Self.person(app, "孙并发", "44040219920404123", account: "race.member")
            let work = try await app.token("officer.work")
            let token = try await app.token("race.member")
            let members = try await app.count(PartyMembership.self)
            for round in 0..<2 {
                let entered = try await app.api(.POST, "/api/v1/party-organizations/\(tree.workplaceOrg)/members", token: work,
                                                json: ["idNumber": number, "standing": "full"])
                let entryID = try #require(entered.object["id"] as? String)
                // Round 0: confirm twice at once. Round 1 (a member by now): decline and confirm at once.
                let second = round == 0 ? "confirm" : "decline"
                async let a = app.api(.POST, "/api/v1/me/party-membership/entries/\(entryID)/confirm", token: token)
                async let b = app.api(.POST, "/api/v1/me/party-membership/entries/\(entryID)/\(second)", token: token)
                let codes = [try await a.status.code, try await b.status.code].sorted()
                #expect(codes.allSatisfy { $0 < 500 }, "\(codes)")
                #expect(codes.filter { $0 == 409 }.count >= 1, "\(round): \(codes)")
                let e = try #require(try await PartyMemberEntry.find(UUID(uuidString: entryID), on: app.db))
                if round == 0 {
                    #expect(codes == [201, 409] && e.state == .confirmed && e.membershipID != nil, "\(codes) \(e.state)")
                } else {
                    #expect(e.membershipID == nil, "no second membership")
                }
            }
            #expect(try await app.count(PartyMembership.self) == members + 1)
        }
    }
}
