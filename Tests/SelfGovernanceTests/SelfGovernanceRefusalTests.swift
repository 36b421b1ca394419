import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import SelfGovernance

/// Each refusal names its rule and changes nothing.
@Suite struct SelfGovernanceRefusalTests {
    func stage(_ app: Vapor.Application, _ matter: String) async throws -> String? {
        (try await app.api(.GET, "/api/v1/matters/\(matter)").object["matter"] as? [String: Any])?["stage"] as? String
    }

    @Test func secondBallotsLateBallotsAndOutsidersAreRefused() async throws {
        try await withGovernance { app, g in
            let (matter, assembly) = try await matterOpenForVote(app, g)
            #expect(try await vote(app, assembly, g.voters[0].token, "inFavor").status == .created)
            let again = try await vote(app, assembly, g.voters[0].token, "against")
            #expect(again.status == .conflict)
            #expect(again.object["code"] as? String == "already_voted")
            let child = try await vote(app, assembly, g.child.token, "inFavor")
            #expect(child.status == .forbidden && child.object["code"] as? String == "too_young")
            #expect(try await vote(app, assembly, g.outsider.token, "inFavor").status == .forbidden)
            #expect(try await vote(app, assembly, g.committee, "inFavor").status == .forbidden)
            #expect(try await vote(app, assembly, g.voters[1].token, "maybe").status == .badRequest)
            #expect(try await Ballot.query(on: app.db).count() == 1)
            // The refused staff vote is in the audit log.
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "assembly.vote").filter(\.$outcome == "denied").count() >= 1)

            for v in g.voters[1...3] { _ = try await vote(app, assembly, v.token, "inFavor") }
            #expect(try await app.api(.POST, "/api/v1/assemblies/\(assembly)/close", token: g.committee).status == .ok)
            let late = try await vote(app, assembly, g.voters[4].token, "against")
            #expect(late.status == .conflict && late.object["code"] as? String == "voting_closed")
            #expect(try await stage(app, matter) == "execution")
        }
    }

    @Test func withoutQuorumNothingIsDecidedAndNothingChanges() async throws {
        try await withGovernance { app, g in
            let (matter, assembly) = try await matterOpenForVote(app, g)
            // 2 of 5 present, then exactly half would still be short: 3 are needed.
            for v in g.voters[0...1] { _ = try await vote(app, assembly, v.token, "inFavor") }
            let refused = try await app.api(.POST, "/api/v1/assemblies/\(assembly)/close", token: g.committee, headers: ["Accept-Language": "en"])
            #expect(refused.status == .conflict)
            #expect(refused.object["code"] as? String == "no_quorum")
            let reason = refused.object["reason"] as? String ?? ""
            #expect(reason.contains("Organic Law") && reason.contains("2 / 5, ≥ 3"))
            #expect(try await app.api(.GET, "/api/v1/assemblies/\(assembly)").object["state"] as? String == "voting")
            #expect(try await stage(app, matter) == "decision")
            // Nothing was decided, so nothing can be executed.
            let task = try await app.api(.POST, "/api/v1/matters/\(matter)/tasks", token: g.committee,
                                         json: ["title": "施工", "owner": "居委会", "dueOn": "2027-01-31"])
            #expect(task.status == .conflict && task.object["code"] as? String == "not_decided")
            #expect(try await MatterTask.query(on: app.db).count() == 0)
            // Adjourned: closed without a decision; the matter still waits for one.
            #expect(try await app.api(.POST, "/api/v1/assemblies/\(assembly)/adjourn", token: g.committee).status == .ok)
            #expect(try await stage(app, matter) == "decision")
            #expect(try await vote(app, assembly, g.voters[2].token, "inFavor").status == .conflict)
        }
    }

    @Test func eachStepBelongsToOneBodyAndComesInOrder() async throws {
        try await withGovernance { app, g in
            let raised = try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.committee,
                                           json: ["title": "垃圾分类", "description": "试行定时定点投放。"])
            let matter = try #require(raised.object["id"] as? String)
            // The residents' committee may not take the deliberation committee's step, and the refusal is logged.
            #expect(try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.committee, json: ["step": "takeUp"]).status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "matter.deliberate").filter(\.$outcome == "denied").count() == 1)
            // Out of order: a recommendation before the matter is taken up, a convening before a recommendation.
            let early = try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation, json: ["step": "recommend", "text": "x"])
            #expect(early.status == .conflict && early.object["code"] as? String == "out_of_order")
            let convene = try await app.api(.POST, "/api/v1/matters/\(matter)/assemblies", token: g.committee,
                                            json: ["kind": "residents", "title": "会议", "place": "活动室", "startsAt": afterNotice()])
            #expect(convene.status == .conflict)
            // Adoption comes only from a count.
            let byHand = try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation, json: ["step": "adopt"])
            #expect(byHand.status == .conflict && byHand.object["code"] as? String == "by_vote_only")
            #expect(try await stage(app, matter) == "raised")
            // Another community's committee cannot touch it.
            #expect(try await app.api(.POST, "/api/v1/matters/\(matter)/tasks", token: g.otherCommittee,
                                      json: ["title": "x", "owner": "y", "dueOn": "2027-01-01"]).status == .forbidden)
            _ = try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation, json: ["step": "takeUp"])
            _ = try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation, json: ["step": "recommend", "text": "建议表决"])
            // The notice period comes from the charter (Organic Law default: 7 days here).
            let short = try await app.api(.POST, "/api/v1/matters/\(matter)/assemblies", token: g.committee,
                                          json: ["kind": "residents", "title": "会议", "place": "活动室", "startsAt": afterNotice(days: 2)])
            #expect(short.status == .unprocessableEntity && short.object["code"] as? String == "notice_period")
            #expect(try await Assembly.query(on: app.db).count() == 0)
            let recordBefore = try await PublicRecordEntry.query(on: app.db).count()
            #expect(try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.committee,
                                      json: ["title": "", "description": "x"]).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.committee,
                                      json: ["title": "x"]).status == .badRequest)
            #expect(try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.outsider.token,
                                      json: ["title": "x", "description": "y"]).status == .forbidden)
            #expect(try await PublicRecordEntry.query(on: app.db).count() == recordBefore)
        }
    }

    @Test func concurrentBallotsCountOncePerVoter() async throws {
        try await withGovernance { app, g in
            let admin = g.admin
            var tokens: [String] = []
            for i in 0..<24 {
                let res = try await app.api(.POST, "/api/v1/residents", token: admin,
                                            json: residentJSON(communityA, "并发\(i)", "4404021975" + String(format: "%02d%02d", 1 + i / 28, 1 + i % 28) + "001"))
                let id = try #require(UUID(uuidString: res.object["id"] as? String ?? ""))
                try await makeAccount(app, "burst.\(i)", .resident, communityA, residentID: id)
                tokens.append(try await app.token("burst.\(i)"))
            }
            let (_, assembly) = try await matterOpenForVote(app, g)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for token in tokens + tokens {
                    group.addTask { try await vote(app, assembly, token, "inFavor").status }
                }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 24)
            #expect(statuses.filter { $0 == .conflict }.count == 24)
            #expect(try await Ballot.query(on: app.db).count() == 24)
            #expect(try await BallotReceipt.query(on: app.db).count() == 24)
        }
    }
}

@Suite struct SelfGovernanceCharterTests {
    @Test func theCharterInForceDecidesHouseholdVotingAndSecrecy() async throws {
        try await withGovernance { app, g in
            var rules = CharterRules.organicLaw
            rules.residentsAssemblyBase = .households
            rules.secretBallot = true
            rules.noticeDays = 3
            let adopted = try await app.api(.POST, "/api/v1/communities/\(communityA)/charters", token: g.committee,
                                            json: ["title": "紫荆社区居民自治章程", "text": "第一条……",
                                                   "rules": try JSONSerialization.jsonObject(with: JSONEncoder().encode(rules))])
            #expect(adopted.status == .created, "\(adopted.body)")
            #expect(try await app.api(.GET, "/api/v1/communities/\(communityA)/charter").object["version"] as? Int == 1)
            // Voters 1 and 2 share a household; 3, 4 and 5 live alone.
            var households: [UUID] = []
            for _ in 0..<4 {
                let h = Household()
                h.divisionCode = communityA
                h.address = "1栋"
                try await h.create(on: app.db)
                households.append(h.id!)
            }
            for (i, v) in g.voters.enumerated() {
                try await Resident.query(on: app.db).filter(\.$id == v.id).set(\.$householdID, to: households[max(0, i - 1)]).update()
            }
            let raised = try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.committee,
                                           json: ["title": "停车管理", "description": "划定车位。"])
            let matter = try #require(raised.object["id"] as? String)
            _ = try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation, json: ["step": "takeUp"])
            _ = try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation, json: ["step": "recommend", "text": "表决"])
            let convened = try await app.api(.POST, "/api/v1/matters/\(matter)/assemblies", token: g.committee,
                                             json: ["kind": "residents", "title": "户代表会议", "place": "活动室", "startsAt": afterNotice(days: 3)])
            #expect(convened.status == .created, "\(convened.body)")
            let assembly = try #require(convened.object["id"] as? String)
            try await arrive(app, assembly)
            _ = try await app.api(.POST, "/api/v1/assemblies/\(assembly)/open", token: g.committee)
            #expect(try await app.api(.GET, "/api/v1/assemblies/\(assembly)").object["eligible"] as? Int == 4)
            #expect(try await vote(app, assembly, g.voters[0].token, "inFavor").status == .created)
            // The same household has already voted.
            let sameHousehold = try await vote(app, assembly, g.voters[1].token, "against")
            #expect(sameHousehold.status == .conflict && sameHousehold.object["code"] as? String == "already_voted")
            #expect(try await vote(app, assembly, g.voters[2].token, "inFavor").status == .created)
            #expect(try await vote(app, assembly, g.voters[3].token, "against").status == .created)
            // 3 of 4 households: quorum. 2 of 3 in favour: adopted.
            let closed = try await app.api(.POST, "/api/v1/assemblies/\(assembly)/close", token: g.committee)
            #expect(closed.object["present"] as? Int == 3 && closed.object["passed"] as? Bool == true)
            // Secret ballot: no ballot carries its voter.
            #expect(try await Ballot.query(on: app.db).filter(\.$voterKey != nil).count() == 0)
        }
    }

    @Test func rulesThatCannotWorkAreRefusedAndMigrantsVoteAfterTheCharterPeriod() async throws {
        try await withGovernance { app, g in
            var bad = CharterRules.organicLaw
            bad.quorum = Threshold(1, 3, strictlyMore: false)
            let refused = try await app.api(.POST, "/api/v1/communities/\(communityA)/charters", token: g.committee,
                                            json: ["title": "章程", "text": "……", "rules": try JSONSerialization.jsonObject(with: JSONEncoder().encode(bad))])
            #expect(refused.status == .unprocessableEntity && refused.object["code"] as? String == "charter_below_law")
            #expect(try await Charter.query(on: app.db).count() == 0)
            #expect(try await app.api(.POST, "/api/v1/communities/\(communityA)/charters", token: g.deliberation,
                                      json: ["title": "章程", "text": "……"]).status == .forbidden)

            let admin = g.admin
            var json = residentJSON(communityA, "外来务工", "51010219850101003")
            json["residency"] = "migrant"
            let res = try await app.api(.POST, "/api/v1/residents", token: admin, json: json)
            let migrant = try #require(UUID(uuidString: res.object["id"] as? String ?? ""))
            try await makeAccount(app, "migrant", .resident, communityA, residentID: migrant)
            let token = try await app.token("migrant")
            let (_, assembly) = try await matterOpenForVote(app, g)
            let tooSoon = try await vote(app, assembly, token, "inFavor")
            #expect(tooSoon.status == .forbidden && tooSoon.object["code"] as? String == "migrant_period")
            // Residence that began more than the charter's six months before the assembly counts.
            try await (app.db as! any SQLDatabase).raw("UPDATE residents SET resident_since = '2020-01-01' WHERE id = \(bind: migrant)").run()
            #expect(try await vote(app, assembly, token, "inFavor").status == .created)
        }
    }
}
