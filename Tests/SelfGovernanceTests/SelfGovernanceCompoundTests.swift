import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SelfGovernance

/// S4: owners' committees under the residents' committee's guidance, and three-party meetings.
@Suite struct SelfGovernanceCompoundTests {
    @Test func threePartyMeetingsNeedAllThreePartiesAndTheirFollowUpsAreTracked() async throws {
        try await withGovernance { app, g in
            let oc = try #require(try await app.api(.POST, "/api/v1/communities/\(communityA)/bodies", token: g.committee,
                                                    json: ["kind": "ownersCommittee", "name": "翠香花园业主委员会"]).object["id"] as? String)
            let pm = Organization()
            pm.kind = .propertyManager
            pm.name = "珠海某物业服务有限公司"
            pm.category = "物业服务"
            pm.contact = "0756-1234567"
            pm.divisionCode = streetA
            try await pm.create(on: app.db)
            let bare = try #require(try await app.api(.POST, "/api/v1/communities/\(communityA)/compounds", token: g.committee,
                                                      json: ["name": "老旧小区"]).object["id"] as? String)
            // Without an owners' committee there is no one to guide and no three-party meeting.
            #expect(try await app.api(.POST, "/api/v1/compounds/\(bare)/guidance", token: g.committee,
                                      json: ["kind": "guidance", "text": "指导成立业委会"]).status == .conflict)
            #expect(try await app.api(.POST, "/api/v1/communities/\(communityA)/compounds", token: g.committee,
                                      json: ["name": "x", "propertyManagerID": oc]).status == .unprocessableEntity)
            let created = try await app.api(.POST, "/api/v1/communities/\(communityA)/compounds", token: g.committee,
                                            json: ["name": "翠香花园", "ownersCommitteeID": oc, "propertyManagerID": pm.id!.uuidString])
            #expect(created.status == .created)
            let compound = try #require(created.object["id"] as? String)
            #expect(try await app.api(.POST, "/api/v1/compounds/\(compound)/guidance", token: g.committee,
                                      json: ["kind": "supervision", "text": "督促业委会公开维修资金使用情况"]).status == .created)
            #expect(try await app.api(.POST, "/api/v1/compounds/\(compound)/guidance", token: g.deliberation,
                                      json: ["kind": "guidance", "text": "x"]).status == .forbidden)
            var meeting: [String: Any] = ["heldOn": "2026-11-20", "topic": "电梯维修", "minutes": "三方商定维修方案。",
                                          "attendees": ["residentsCommittee": "王主任", "ownersCommittee": "李主任"],
                                          "followUps": [["party": "propertyManager", "text": "两周内完成电梯维修", "dueOn": "2026-12-04"]]]
            let short = try await app.api(.POST, "/api/v1/compounds/\(compound)/meetings", token: g.committee, json: meeting)
            #expect(short.status == .unprocessableEntity && short.body.contains("propertyManager"))
            #expect(try await ThreePartyMeeting.query(on: app.db).count() == 0)
            meeting["attendees"] = ["residentsCommittee": "王主任", "ownersCommittee": "李主任", "propertyManager": "张经理"]
            #expect(try await app.api(.POST, "/api/v1/compounds/\(compound)/meetings", token: g.committee, json: meeting).status == .created)
            let detail = try await app.api(.GET, "/api/v1/compounds/\(compound)")
            let followUp = try #require((detail.object["followUps"] as? [[String: Any]])?.first?["id"] as? String)
            #expect((detail.object["guidance"] as? [[String: Any]])?.count == 1)
            #expect(try await app.api(.POST, "/api/v1/meeting-follow-ups/\(followUp)/done", token: g.otherCommittee,
                                      json: ["outcome": "x"]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/meeting-follow-ups/\(followUp)/done", token: g.voters[0].token,
                                      json: ["outcome": "x"]).status == .forbidden)
            let done = try await app.api(.POST, "/api/v1/meeting-follow-ups/\(followUp)/done", token: g.committee, json: ["outcome": "已修复"])
            #expect(done.status == .ok && done.object["outcome"] as? String == "已修复")
            #expect(try await app.api(.POST, "/api/v1/meeting-follow-ups/\(followUp)/done", token: g.committee, json: ["outcome": "again"]).status == .conflict)
            let kinds = try await app.api(.GET, "/api/v1/communities/\(communityA)/record").items
                .compactMap { $0["kind"] as? String }
            #expect(kinds.contains("compound.threePartyMeeting") && kinds.contains("compound.supervision") && kinds.contains("compound.followUpDone"))
        }
    }
}

@Suite struct SelfGovernanceRepresentativeTests {
    @Test func eachGroupSeatsAtMostTheCharterNumberOfRepresentatives() async throws {
        try await withGovernance { app, g in
            let group = ResidentsGroup(divisionCode: communityA, name: "第一居民小组")
            try await group.create(on: app.db)
            let body = try #require(try await app.api(.POST, "/api/v1/communities/\(communityA)/bodies", token: g.committee,
                                                      json: ["kind": "representativesAssembly", "name": "居民代表会议"]).object["id"] as? String)
            func seat(_ i: Int, group: String?) async throws -> APIResult {
                var json: [String: Any] = ["residentID": g.voters[i].id.uuidString, "role": "representative",
                                           "termStart": "2026-01-01", "termEnd": "2030-12-31"]
                if let group { json["groupID"] = group }
                return try await app.api(.POST, "/api/v1/bodies/\(body)/members", token: g.committee, json: json)
            }
            #expect(try await seat(0, group: nil).status == .unprocessableEntity)
            for i in 0..<3 { #expect(try await seat(i, group: group.id!.uuidString).status == .created) }
            // The Organic Law default allows three per group: the fourth is refused, citing the charter.
            let fourth = try await seat(3, group: group.id!.uuidString)
            #expect(fourth.status == .conflict && fourth.object["code"] as? String == "too_many_representatives")
            #expect(try await BodyMember.query(on: app.db).count() == 3)
            // Only serving representatives vote in a representatives' assembly.
            #expect(try await Voters.representatives(community: communityA, on: LocalDate("2026-11-27")!, db: app.db).count == 3)
        }
    }
}
