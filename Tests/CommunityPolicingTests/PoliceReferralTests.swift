import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import CommunityPolicing

/// Referrals: the committee refers, the officer named answers through SelfGovernance, and no one else reads them.
@Suite struct PoliceReferralTests {
    @Test func aReferredCallIsAnsweredByTheOfficerAndTrackedAsTheMessagesAnswer() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let committee = try await app.token(PolicingFixture.committeeA)
            let officer = try await app.token(PolicingFixture.officerA)
            let onTime = try await PolicingFixture.message(app, .hotline)
            let late = try await PolicingFixture.message(app, .mailbox, subject: "东门商铺深夜喧哗", dueInDays: -2)

            let referred = try await app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals", token: committee,
                                             json: ["messageID": onTime, "officerID": world.officerA, "note": "请核实"])
            #expect(referred.status == .created, "\(referred.body)")
            #expect(referred.object["referredBy"] as? String == PolicingFixture.committeeA)
            #expect(referred.object["officerName"] as? String == "陈建华")
            #expect(referred.object["referredAt"] != nil)
            // The resident shows as the public sees them: masked.
            #expect(referred.object["author"] as? String == "王**")
            let referral = try #require(referred.object["id"] as? String)
            let lateReferral = try #require(try await app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals", token: committee,
                                                              json: ["messageID": late, "officerID": world.officerA]).object["id"] as? String)

            let mine = try await app.api(.GET, "/api/v1/me/police-referrals?state=waiting", token: officer)
            #expect(mine.object["total"] as? Int == 2)
            #expect(mine.items.first { $0["id"] as? String == lateReferral }?["overdue"] as? Bool == true)

            // The late one stays on SelfGovernance's overdue list until answered, like any other message.
            let overdueBefore = try await app.api(.GET, "/api/v1/communities/\(communityA)/messages/overdue", token: committee)
            #expect(overdueBefore.items.contains { $0["id"] as? String == late })

            let answered = try await app.api(.POST, "/api/v1/police-referrals/\(lateReferral)/answer", token: officer,
                                             json: ["text": "已安排夜间巡逻，并约谈商铺经营者。"])
            #expect(answered.status == .ok, "\(answered.body)")
            #expect(answered.object["state"] as? String == "answered")
            let stored = try #require(try await ChannelMessage.find(UUID(uuidString: late), on: app.db))
            #expect(stored.answer == "已安排夜间巡逻，并约谈商铺经营者。")
            #expect(stored.answeredBy == PolicingFixture.officerA)
            #expect(stored.answeredOn == LocalDateNow.today)
            let overdueAfter = try await app.api(.GET, "/api/v1/communities/\(communityA)/messages/overdue", token: committee)
            #expect(!overdueAfter.items.contains { $0["id"] as? String == late })
            // The public message shows the answer.
            #expect(try await app.api(.GET, "/api/v1/messages/\(late)").object["answer"] as? String == "已安排夜间巡逻，并约谈商铺经营者。")

            // One answer per message.
            let twice = try await app.api(.POST, "/api/v1/police-referrals/\(lateReferral)/answer", token: officer, json: ["text": "再答一次"])
            #expect(twice.status == .conflict)
            // Both are audited in their transactions.
            let actions = try await AuditEntry.query(on: app.db).filter(\.$outcome == "ok").all().map(\.action)
            #expect(actions.contains("policing.refer") && actions.contains("policing.answer"))

            let community = try await app.api(.GET, "/api/v1/communities/\(communityA)/police-referrals?state=answered", token: committee)
            #expect(community.items.map { $0["id"] as? String } == [lateReferral])
            #expect(try await app.api(.GET, "/api/v1/police-referrals/\(referral)", token: officer).status == .ok)

            // The pages: the officer's list and the answer form, the committee's list with the form to refer.
            let browser = Browser(app)
            try await browser.signIn(PolicingFixture.officerA)
            let list = try await browser.get("/police/referrals")
            #expect(list.body.contains("夜里有人撬车") && list.body.contains("东门商铺深夜喧哗"))
            try await browser.get("/police-referrals/\(referral)")
            #expect(browser.lastBody.contains("/police-referrals/\(referral)/answer"))
            let posted = try await browser.post("/police-referrals/\(referral)/answer", form: ["text": "已联系物业加装监控。"])
            #expect(posted.status == .seeOther, "\(posted.status)")
            #expect(try await ChannelMessage.find(UUID(uuidString: onTime), on: app.db)?.answeredBy == PolicingFixture.officerA)
            let csv = try await browser.get("/police/referrals.csv")
            #expect(csv.body.contains("referred_by") && csv.body.contains(PolicingFixture.committeeA))
            let workbench = try await browser.get("/workbench")
            #expect(workbench.body.contains("/police/referrals?state=waiting"))
        }
    }

    @Test func theCommitteeRefersFromItsPage() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let message = try await PolicingFixture.message(app, .hotline)
            _ = try await PolicingFixture.message(app, .forum, subject: "论坛话题")
            let browser = Browser(app)
            try await browser.signIn(PolicingFixture.committeeA)
            let page = try await browser.get("/communities/\(communityA)/police-referrals")
            #expect(page.status == .ok)
            #expect(page.body.contains(message) && page.body.contains(world.officerA))
            #expect(!page.body.contains("论坛话题"))
            let posted = try await browser.post("/communities/\(communityA)/police-referrals", form: ["messageID": message, "officerID": world.officerA, "note": ""])
            #expect(posted.status == .seeOther)
            #expect(try await app.count(PoliceReferral.self) == 1)
            let governance = try await browser.get("/communities/\(communityA)/governance")
            #expect(governance.body.contains("/communities/\(communityA)/police-referrals"))
            let workbench = try await browser.get("/workbench")
            #expect(workbench.body.contains("/communities/\(communityA)/police-referrals?state=waiting"))
            let csv = try await browser.get("/communities/\(communityA)/police-referrals.csv")
            #expect(csv.body.contains(message))
        }
    }

    @Test func onlyTheCommitteeAndTheOfficerNamedSeeAReferral() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let message = try await PolicingFixture.message(app, .hotline)
            let referral = try #require(try await app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals",
                                                          token: try await app.token(PolicingFixture.committeeA),
                                                          json: ["messageID": message, "officerID": world.officerA]).object["id"] as? String)
            try await makeAccount(app, "pol.resident", .resident, communityA)
            try await makeAccount(app, "pol.street", .streetOfficial, streetA)
            for outsider in [PolicingFixture.committeeB, PolicingFixture.officerB, PolicingFixture.otherOfficerA, "pol.resident", "pol.street"] {
                let token = try await app.token(outsider)
                var denied = try await PolicingFixture.denied(app)
                #expect(try await app.api(.GET, "/api/v1/police-referrals/\(referral)", token: token).status == .notFound, "\(outsider)")
                #expect(try await PolicingFixture.denied(app) == denied + 1, "\(outsider) read without a trace")
                denied = try await PolicingFixture.denied(app)
                let answer = try await app.api(.POST, "/api/v1/police-referrals/\(referral)/answer", token: token, json: ["text": "越权答复"])
                // Answered as `show` answers them: a 403 would tell an outsider the referral exists.
                #expect(answer.status == .notFound, "\(outsider): \(answer.status)")
                #expect(try await PolicingFixture.denied(app) == denied + 1)
                denied = try await PolicingFixture.denied(app)
                #expect(try await app.api(.GET, "/api/v1/communities/\(communityA)/police-referrals", token: token).status == .forbidden)
                #expect(try await PolicingFixture.denied(app) == denied + 1)
                let page = try await { () async throws -> APIResult in
                    let b = Browser(app)
                    try await b.signIn(outsider)
                    return try await b.get("/police-referrals/\(referral)")
                }()
                #expect(page.status == .notFound && !page.body.contains("3号楼车棚"))
            }
            // The committee that reads it is told it may not answer it.
            let committeeAnswer = try await app.api(.POST, "/api/v1/police-referrals/\(referral)/answer",
                                                    token: try await app.token(PolicingFixture.committeeA), json: ["text": "居委会代答"])
            #expect(committeeAnswer.status == .forbidden)
            // The other officers' own lists do not carry it.
            #expect(try await app.api(.GET, "/api/v1/me/police-referrals", token: try await app.token(PolicingFixture.officerB)).object["total"] as? Int == 0)
            #expect(try await app.api(.GET, "/api/v1/me/police-referrals", token: try await app.token(PolicingFixture.otherOfficerA)).object["total"] as? Int == 0)
            #expect(try await ChannelMessage.find(UUID(uuidString: message), on: app.db)?.answeredOn == nil)
        }
    }

    @Test func whatCannotBeReferredIsRefusedWithWhy() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let committee = try await app.token(PolicingFixture.committeeA)
            func refer(_ message: String, _ officer: String) async throws -> APIResult {
                try await app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals", token: committee, json: ["messageID": message, "officerID": officer])
            }
            let forum = try await PolicingFixture.message(app, .forum)
            #expect(try await refer(forum, world.officerA).object["code"] as? String == "not_referable")
            let call = try await PolicingFixture.message(app, .hotline)
            let notHere = try await refer(call, world.officerB)
            #expect(notHere.status == .unprocessableEntity && notHere.object["code"] as? String == "officer_not_attached")
            let elsewhere = try await PolicingFixture.message(app, .hotline, in: communityB)
            #expect(try await refer(elsewhere, world.officerA).status == .notFound)
            #expect(try await refer(call, world.officerA).status == .created)
            #expect(try await refer(call, world.officerA).object["code"] as? String == "already_referred")
            let answered = try await PolicingFixture.message(app, .mailbox, subject: "已答复的来信")
            let m = try #require(try await ChannelMessage.find(UUID(uuidString: answered), on: app.db))
            try await Channels.answer(m, text: "已答复", by: PolicingFixture.committeeA, today: .init(instant: Date()), db: app.db)
            #expect(try await refer(answered, world.officerA).object["code"] as? String == "already_answered")
            let bad = try await app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals", token: committee,
                                        json: ["messageID": "not-a-uuid", "officerID": world.officerA])
            #expect(bad.status.code >= 400 && bad.status.code < 500)
            let long = try await app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals", token: committee,
                                         json: ["messageID": call, "officerID": world.officerA, "note": String(repeating: "长", count: 501)])
            #expect(long.status == .unprocessableEntity)
            #expect(try await app.count(PoliceReferral.self) == 1)
            // An empty answer is refused and the message stays unanswered.
            let referral = try #require(try await PoliceReferral.query(on: app.db).first()?.id)
            let empty = try await app.api(.POST, "/api/v1/police-referrals/\(referral)/answer", token: try await app.token(PolicingFixture.officerA),
                                          json: ["text": "   "])
            #expect(empty.status == .unprocessableEntity)
            #expect(try await ChannelMessage.find(UUID(uuidString: call), on: app.db)?.answeredOn == nil)
        }
    }
}

enum LocalDateNow {
    static var today: String { ShequKernel.LocalDate(instant: Date()).description }
}
