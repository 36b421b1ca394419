import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import CommunityPolicing

/// What a hostile review of community policing found, each kept from coming back.
@Suite struct CommunityPolicingReviewTests {
    /// The committee may answer a referred message itself (SelfGovernance's own route) while the officer's request
    /// is on its way: the officer's answer must then be refused, not written over the committee's.
    @Test func anAnswerGivenMeanwhileIsNotOverwritten() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let message = try await PolicingFixture.message(app, .hotline)
            let committee = try await app.token(PolicingFixture.committeeA)
            let referred = try await app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals", token: committee,
                                             json: ["messageID": message, "officerID": world.officerA])
            let referralID = try #require(UUID(uuidString: referred.object["id"] as? String ?? ""))
            let referral = try #require(try await PoliceReferral.find(referralID, on: app.db))
            // The request loaded the message before the committee's answer was written.
            let loaded = try #require(try await ChannelMessage.find(referral.messageID, on: app.db))
            let meanwhile = try #require(try await ChannelMessage.find(referral.messageID, on: app.db))
            try await Channels.answer(meanwhile, text: "居委会已答复。", by: PolicingFixture.committeeA, today: LocalDate(instant: Date()), db: app.db)
            await #expect(throws: ShequError.self) {
                try await app.db.transaction { db in
                    try await PoliceReferrals.answer(referral, message: loaded, text: "民警的答复", by: PolicingFixture.officerA,
                                                     today: LocalDate(instant: Date()), on: db)
                }
            }
            let stored = try #require(try await ChannelMessage.find(referral.messageID, on: app.db))
            #expect(stored.answer == "居委会已答复。" && stored.answeredBy == PolicingFixture.committeeA)
        }
    }

    /// A message answered after the committee's request loaded it is not referred: the officer would be handed a
    /// message that needs nothing from them.
    @Test func aMessageAnsweredMeanwhileIsNotReferred() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let id = try #require(UUID(uuidString: try await PolicingFixture.message(app, .mailbox)))
            let loaded = try #require(try await ChannelMessage.find(id, on: app.db))
            let officer = try #require(try await PoliceOfficer.find(UUID(uuidString: world.officerA), on: app.db))
            let meanwhile = try #require(try await ChannelMessage.find(id, on: app.db))
            try await Channels.answer(meanwhile, text: "已答复。", by: PolicingFixture.committeeA, today: LocalDate(instant: Date()), db: app.db)
            await #expect(throws: ShequError.self) {
                _ = try await PoliceReferrals.refer(loaded, to: officer, note: nil, by: PolicingFixture.committeeA, on: app.db)
            }
            #expect(try await PoliceReferral.query(on: app.db).count() == 0)
        }
    }

    /// An answer as long as the form allows, in Chinese, is a form body past the application's 16 kB default.
    @Test func anAnswerAsLongAsTheFormAllowsIsSentFromThePage() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let message = try await PolicingFixture.message(app, .hotline)
            let referred = try await app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals", token: try await app.token(PolicingFixture.committeeA),
                                             json: ["messageID": message, "officerID": world.officerA])
            let referral = try #require(referred.object["id"] as? String)
            let browser = Browser(app)
            try await browser.signIn(PolicingFixture.officerA)
            _ = try await browser.get("/police-referrals/\(referral)")
            let text = String(repeating: "巡", count: PolicingInputs.answerMax)
            let posted = try await browser.post("/police-referrals/\(referral)/answer", form: ["text": text])
            #expect(posted.status == .seeOther, "\(posted.status)")
            #expect(try await ChannelMessage.find(UUID(uuidString: message), on: app.db)?.answer == text)
        }
    }
}

extension CommunityPolicingReviewTests {
    /// A referral and the district taking the community from the officer at the same moment: either the referral
    /// is refused or the change is, never an officer detached with a referral there waiting (on PostgreSQL each
    /// checked before the other wrote).
    @Test func aReferralAndTheOfficersDetachmentTakeTurns() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let committee = try await app.token(PolicingFixture.committeeA)
            let recorder = try await app.token(PolicingFixture.recorder)
            // Officer A serves both communities, so taking 紫荆社区 away leaves a valid record.
            try await makeAccount(app, "pol.officer.ab", .communityPolice, "440402")
            let both = try await app.api(.POST, "/api/v1/police-officers", token: recorder,
                                         json: PolicingFixture.officerJSON("pol.officer.ab", name: "林海", number: "031999", communities: [communityA, communityB]))
            let officer = try #require(both.object["id"] as? String, "\(both.body)")
            _ = world
            func update(_ communities: [String]) -> [String: Any] {
                var json = PolicingFixture.officerJSON("", name: "林海", number: "031999", communities: communities)
                json["username"] = nil
                return json
            }
            for i in 0..<4 {
                let message = try await PolicingFixture.message(app, .hotline, subject: "夜间噪音\(i)")
                let restore = try await app.api(.POST, "/api/v1/police-officers/\(officer)", token: recorder, json: update([communityA, communityB]))
                #expect(restore.status == .ok, "\(restore.body)")
                async let referred = app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals", token: committee,
                                             json: ["messageID": message, "officerID": officer])
                async let detached = app.api(.POST, "/api/v1/police-officers/\(officer)", token: recorder, json: update([communityB]))
                let (r, d) = (try await referred.status, try await detached.status)
                #expect(!(r == .created && d == .ok), "referred \(r), detached \(d)")
                let attached = try await PoliceOfficerCommunity.query(on: app.db).filter(\.$officerID == UUID(uuidString: officer)!)
                    .filter(\.$divisionCode == communityA).count()
                let waiting = try await PoliceReferrals.waitingQuery(on: app.db).filter(\.$officerID == UUID(uuidString: officer)!)
                    .filter(\.$divisionCode == communityA).count()
                #expect(attached == 1 || waiting == 0)
                if r == .created {
                    // Answer it so the next round may detach again.
                    let id = try #require(try await PoliceReferral.query(on: app.db).filter(\.$divisionCode == communityA)
                        .filter(\.$officerID == UUID(uuidString: officer)!).sort(\.$referredAt, .descending).first()?.messageID)
                    let m = try #require(try await ChannelMessage.find(id, on: app.db))
                    try await Channels.answer(m, text: "已答复", by: PolicingFixture.committeeA, today: LocalDate(instant: Date()), db: app.db)
                }
            }
        }
    }
}

extension CommunityPolicingReviewTests {
    /// A zero-width joiner or a direction mark in a public officer's name makes it show exactly as another's.
    @Test func anOfficersNameCarriesNoInvisibleJoiner() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let recorder = try await app.token(PolicingFixture.recorder)
            for (name, duty) in [("陈\u{200D}建华", "周二"), ("陈建华", "周二\u{200E}")] {
                var json = PolicingFixture.officerJSON("", name: name, number: "031204", communities: [communityA])
                json["username"] = nil
                json["dutyHours"] = duty
                let res = try await app.api(.POST, "/api/v1/police-officers/\(world.officerA)", token: recorder, json: json)
                #expect(res.status == .unprocessableEntity, "\(res.status) \(res.body)")
            }
            #expect(try await PoliceOfficer.find(UUID(uuidString: world.officerA), on: app.db)?.name == "陈建华")
        }
    }

    /// The change form offered every community of the district, and each one outside the officer's own grant was
    /// refused only once sent.
    @Test func theChangeFormOffersOnlyCommunitiesTheOfficerMayServe() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let browser = Browser(app)
            try await browser.signIn(PolicingFixture.recorder)
            let page = try await browser.get("/police-officers/\(world.officerA)")
            #expect(page.body.contains("option value=\"\(communityA)\""))
            #expect(!page.body.contains("option value=\"\(communityB)\""))
        }
    }
}
