import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import CommunityPolicing

/// Officers as the district records them and residents see them.
@Suite struct PoliceOfficerTests {
    @Test func recordedOfficersAreOnTheCommunityPageWithTheirWorkPhoneOnly() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let list = try await app.api(.GET, "/api/v1/police-officers")
            #expect(list.status == .ok)
            #expect(list.object["total"] as? Int == 2)
            let a = try #require(list.items.first { $0["id"] as? String == world.officerA })
            #expect(a["workPhone"] as? String == "0756-2212110")
            #expect(a["policeNumber"] as? String == "031204")
            // No account name, nothing personal beyond the work phone.
            #expect(!list.body.contains(PolicingFixture.officerA))
            let filtered = try await app.api(.GET, "/api/v1/police-officers?community=\(communityB)")
            #expect(filtered.items.map { $0["id"] as? String } == [world.officerB])
            // A filter that is no division code is the asker's mistake on either database (PostgreSQL refused the NUL with a 500).
            for bad in ["%00%1B", "4404020010x1", "x"] {
                let refused = try await app.api(.GET, "/api/v1/police-officers?community=\(bad)")
                #expect(refused.status == .unprocessableEntity, "\(bad): \(refused.body)")
                #expect(try await Browser(app).get("/police-officers?community=\(bad)").status == .unprocessableEntity)
            }
            #expect(try await app.api(.GET, "/api/v1/police-officers?community=x").object["code"] as? String == "unknown_division")

            // Anyone, signed in or not, finds the officer on the community's page, in both languages.
            let page = try await Browser(app).get("/communities/\(communityA)/governance")
            #expect(page.status == .ok)
            #expect(page.body.contains("陈建华") && page.body.contains("0756-2212110") && page.body.contains("本社区的社区民警"))
            #expect(!page.body.contains("黄志强"))
            #expect(!page.body.contains("/police-referrals"))
            let english = Browser(app)
            english.cookies["shequ-lang"] = "en"
            let en = try await english.get("/communities/\(communityA)/governance").body
            #expect(en.contains("s police officer") && !en.contains("本社区的社区民警") && en.contains("0756-2212110"))
            let officers = try await Browser(app).get("/police-officers")
            #expect(officers.body.contains("陈建华") && officers.body.contains("黄志强"))
            let csv = try await Browser(app).get("/police-officers.csv")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.contains("police_number") && csv.body.contains("031587"))
        }
    }

    @Test func refusalsChangeNothingAndForbiddenOnesAreLogged() async throws {
        try await withShequ { app in
            _ = try await PolicingFixture.world(app)
            let district = try await app.token(PolicingFixture.recorder)
            try await makeAccount(app, "pol.street", .streetOfficial, streetA)
            try await makeAccount(app, "pol.nobody", .communityStaff, communityA)
            try await makeAccount(app, "pol.officer.c", .communityPolice, communityA)
            let before = try await app.count(PoliceOfficer.self)
            let json = PolicingFixture.officerJSON("pol.officer.c", name: "李卫", number: "031999", communities: [communityA])

            var denied = try await PolicingFixture.denied(app)
            let street = try await app.api(.POST, "/api/v1/police-officers", token: try await app.token("pol.street"), json: json)
            #expect(street.status == .forbidden)
            #expect(try await PolicingFixture.denied(app) == denied + 1)

            // A community of another district is beyond a Xiangzhou official.
            denied = try await PolicingFixture.denied(app)
            var elsewhere = json
            elsewhere["communities"] = [communityA, "440403001001"]
            #expect(try await app.api(.POST, "/api/v1/police-officers", token: district, json: elsewhere).status == .forbidden)
            #expect(try await PolicingFixture.denied(app) == denied + 1)

            func refused(_ change: (inout [String: Any]) -> Void) async throws -> APIResult {
                var body = json
                change(&body)
                return try await app.api(.POST, "/api/v1/police-officers", token: district, json: body)
            }
            let noRole = try await refused { $0["username"] = "pol.nobody" }
            #expect(noRole.status == .unprocessableEntity && noRole.object["code"] as? String == "not_community_police", "\(noRole.body)")
            let outsideGrant = try await refused { $0["communities"] = [communityB] }
            #expect(outsideGrant.object["code"] as? String == "outside_police_grant", "\(outsideGrant.body)")
            let notCommunity = try await refused { $0["communities"] = ["440402001999"] }
            #expect(notCommunity.object["code"] as? String == "unknown_community", "\(notCommunity.body)")
            let badNumber = try await refused { $0["policeNumber"] = "03120A" }
            #expect(badNumber.object["code"] as? String == "invalid_police_number", "\(badNumber.body)")
            let shortNumber = try await refused { $0["policeNumber"] = "0312" }
            #expect(shortNumber.status == .unprocessableEntity)
            let badPhone = try await refused { $0["workPhone"] = "call me" }
            #expect(badPhone.object["code"] as? String == "invalid_work_phone", "\(badPhone.body)")
            let noCommunities = try await refused { $0["communities"] = [String]() }
            #expect(noCommunities.status.code >= 400 && noCommunities.status.code < 500)
            let taken = try await refused { $0["policeNumber"] = "031204" }
            #expect(taken.status == .conflict && taken.object["code"] as? String == "police_number_taken")
            let again = try await refused { $0["username"] = PolicingFixture.officerA; $0["policeNumber"] = "031998" }
            #expect(again.status == .conflict && again.object["code"] as? String == "officer_recorded")
            let unknown = try await refused { $0["username"] = "nobody.at.all" }
            #expect(unknown.object["code"] as? String == "unknown_account")
            #expect(try await app.count(PoliceOfficer.self) == before)
            #expect(try await app.count(PoliceOfficerCommunity.self) == 2)
        }
    }

    @Test func theDistrictChangesARecordButDoesNotDetachAnOfficerWithReferralsWaiting() async throws {
        try await withShequ { app in
            let world = try await PolicingFixture.world(app)
            let district = try await app.token(PolicingFixture.recorder)
            var json = PolicingFixture.officerJSON(PolicingFixture.officerA, name: "陈建华", number: "031204", communities: [communityA])
            json.removeValue(forKey: "username")
            json["dutyHours"] = "周一至周五 9:00–12:00 社区警务室"
            let changed = try await app.api(.POST, "/api/v1/police-officers/\(world.officerA)", token: district, json: json)
            #expect(changed.status == .ok, "\(changed.body)")
            #expect(changed.object["dutyHours"] as? String == "周一至周五 9:00–12:00 社区警务室")

            // With a referral waiting in 紫荆社区, the officer cannot be taken off it; a street cannot change the record.
            let message = try await PolicingFixture.message(app, .hotline)
            let refer = try await app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals", token: try await app.token(PolicingFixture.committeeA),
                                          json: ["messageID": message, "officerID": world.officerA])
            #expect(refer.status == .created, "\(refer.body)")
            try await makeAccount(app, "pol.officer.wide", .communityPolice, streetA)
            var moved = json
            moved["communities"] = ["440402001002"]
            // The officer's grant is at 紫荆社区 only, so the other community is refused first by the grant ...
            #expect(try await app.api(.POST, "/api/v1/police-officers/\(world.officerA)", token: district, json: moved).object["code"] as? String
                    == "outside_police_grant")
            // ... and an officer whose grant is the street keeps 紫荆社区 while its referral waits.
            let wide = try await app.api(.POST, "/api/v1/police-officers", token: district,
                                         json: PolicingFixture.officerJSON("pol.officer.wide", name: "周强", number: "031777", communities: [communityA]))
            let wideID = try #require(wide.object["id"] as? String, "\(wide.body)")
            let second = try await PolicingFixture.message(app, .mailbox, subject: "楼下聚集喧哗")
            #expect(try await app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals", token: try await app.token(PolicingFixture.committeeA),
                                      json: ["messageID": second, "officerID": wideID]).status == .created)
            var wideMoved = PolicingFixture.officerJSON("pol.officer.wide", name: "周强", number: "031777", communities: ["440402001002"])
            wideMoved.removeValue(forKey: "username")
            let detach = try await app.api(.POST, "/api/v1/police-officers/\(wideID)", token: district, json: wideMoved)
            #expect(detach.status == .conflict && detach.object["code"] as? String == "open_referrals", "\(detach.body)")
            let street = try await app.token(try await { try await makeAccount(app, "pol.street2", .streetOfficial, streetA); return "pol.street2" }())
            #expect(try await app.api(.POST, "/api/v1/police-officers/\(world.officerA)", token: street, json: json).status == .forbidden)
        }
    }
}
