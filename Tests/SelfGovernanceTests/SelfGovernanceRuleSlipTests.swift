import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import SelfGovernance

private func rulesJSON(_ rules: CharterRules) throws -> Any {
    try JSONSerialization.jsonObject(with: JSONEncoder().encode(rules))
}

private func adopt(_ app: Vapor.Application, _ g: Governance, rules: Any) async throws -> APIResult {
    try await app.api(.POST, "/api/v1/communities/\(communityA)/charters", token: g.committee,
                      json: ["title": "紫荆社区居民自治章程", "text": "第一条……", "rules": rules])
}

/// Raises a matter and takes it to the point where an assembly can be convened.
private func recommendedMatter(_ app: Vapor.Application, _ g: Governance, title: String = "加装电梯") async throws -> String {
    let raised = try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.committee,
                                   json: ["title": title, "description": "3栋居民希望加装电梯。"])
    let matter = try #require(raised.object["id"] as? String, "\(raised.body)")
    _ = try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation, json: ["step": "takeUp"])
    _ = try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation, json: ["step": "recommend", "text": "表决"])
    return matter
}

private func convene(_ app: Vapor.Application, _ g: Governance, _ matter: String) async throws -> APIResult {
    try await app.api(.POST, "/api/v1/matters/\(matter)/assemblies", token: g.committee,
                      json: ["kind": "residents", "title": "居民会议", "place": "活动室", "startsAt": afterNotice()])
}

private func refusals(_ app: Vapor.Application, _ action: String, _ code: String) async throws -> Int {
    try await AuditEntry.query(on: app.db).filter(\.$action == action).filter(\.$outcome == "denied").filter(\.$detail == code).count()
}

/// Issue 9, finding 1 (the charter half): numbers a request chose never trap the process.
@Suite struct SelfGovernanceCharterOverflowTests {
    @Test func aQuorumOfTheLargestIntegerIsRefusedAndTheServerKeepsAnswering() async throws {
        try await withGovernance { app, g in
            for (numerator, denominator) in [(Int.max, 2), (Int.max, Int.max), (1, Int.max), (Int.min, 2)] {
                let res = try await adopt(app, g, rules: ["residentsAssemblyBase": "adults", "majorityBase": "present", "noticeDays": 7,
                                                          "secretBallot": false, "migrantsVoteAfterMonths": 6, "representativesPerGroup": [2, 3],
                                                          "minimumAge": 18, "majority": ["numerator": 1, "denominator": 2, "strictlyMore": true],
                                                          "quorum": ["numerator": numerator, "denominator": denominator, "strictlyMore": true]])
                #expect(res.status == .unprocessableEntity, "\(numerator)/\(denominator): \(res.status) \(res.body)")
            }
            #expect(try await Charter.query(on: app.db).count() == 0)
            #expect(try await app.api(.GET, "/healthz").status == .ok)
            #expect(try await app.api(.GET, "/api/v1/communities/\(communityA)/charter").status == .ok)
        }
    }
}

/// Issue 9, finding 10: the Organic Law's and the charter's rules hold.
@Suite struct SelfGovernanceRuleSlipTests {
    @Test func aCharterAskingLessThanTheOrganicLawIsRefusedCitingIt() async throws {
        try await withGovernance { app, g in
            var atLeastHalf = CharterRules.organicLaw
            atLeastHalf.quorum = Threshold(1, 2, strictlyMore: false)
            var twoFifths = CharterRules.organicLaw
            twoFifths.majority = Threshold(2, 5, strictlyMore: true)
            var votesCastOnly = CharterRules.organicLaw
            votesCastOnly.majorityBase = .votesCast
            for (rules, names) in [(atLeastHalf, "quorum"), (twoFifths, "majority"), (votesCastOnly, "majorityBase")] {
                let refused = try await adopt(app, g, rules: try rulesJSON(rules))
                #expect(refused.status == .unprocessableEntity && refused.object["code"] as? String == "charter_below_law", "\(refused.body)")
                #expect(refused.body.contains("城市居民委员会组织法") && refused.body.contains(names))
            }
            #expect(try await Charter.query(on: app.db).count() == 0)
            #expect(try await refusals(app, "charter.adopt", "charter_below_law") == 3)
            // Stricter than the law is the community's right.
            var stricter = CharterRules.organicLaw
            stricter.quorum = .twoThirds
            #expect(try await adopt(app, g, rules: try rulesJSON(stricter)).status == .created)
        }
    }

    /// Organic Law Art. 8, 9: residents vote from eighteen; a charter may not lower the age.
    @Test func aCharterLettingSixteenYearOldsVoteIsRefusedCitingTheLaw() async throws {
        try await withGovernance { app, g in
            var young = CharterRules.organicLaw
            young.minimumAge = 16
            let refused = try await adopt(app, g, rules: try rulesJSON(young))
            #expect(refused.status == .unprocessableEntity && refused.object["code"] as? String == "charter_below_law", "\(refused.body)")
            #expect(refused.body.contains("城市居民委员会组织法") && refused.body.contains("minimumAge"))
            #expect(try await refusals(app, "charter.adopt", "charter_below_law") == 1)
            #expect(try await Charter.query(on: app.db).count() == 0)
            var older = CharterRules.organicLaw
            older.minimumAge = 20
            #expect(try await adopt(app, g, rules: try rulesJSON(older)).status == .created)
        }
    }

    /// "More than 1/1" can never be met: such a charter could never hold an assembly or decide.
    @Test func aCharterWhoseThresholdNoCountCanMeetIsRefused() async throws {
        try await withGovernance { app, g in
            var impossibleQuorum = CharterRules.organicLaw
            impossibleQuorum.quorum = Threshold(1, 1, strictlyMore: true)
            var impossibleMajority = CharterRules.organicLaw
            impossibleMajority.majority = Threshold(5, 5, strictlyMore: true)
            for (rules, name) in [(impossibleQuorum, "quorum"), (impossibleMajority, "majority")] {
                let refused = try await adopt(app, g, rules: try rulesJSON(rules))
                #expect(refused.status == .unprocessableEntity && refused.object["code"] as? String == "charter_rules", "\(refused.body)")
                #expect(refused.body.contains(name))
            }
            #expect(try await Charter.query(on: app.db).count() == 0)
            // Everyone, counted inclusively, is demanding but possible.
            var unanimous = CharterRules.organicLaw
            unanimous.majority = Threshold(1, 1, strictlyMore: false)
            #expect(try await adopt(app, g, rules: try rulesJSON(unanimous)).status == .created)
        }
    }

    @Test func aLooseCharterAdoptedBeforeTheCheckGovernsNoVoteBelowTheLaw() async throws {
        try await withGovernance { app, g in
            var loose = CharterRules.organicLaw
            loose.quorum = Threshold(1, 3, strictlyMore: false)
            loose.majorityBase = .votesCast
            let charter = Charter()
            charter.divisionCode = communityA
            charter.version = 1
            charter.title = "旧章程"
            charter.text = "……"
            charter.rulesJSON = String(decoding: try JSONEncoder().encode(loose), as: UTF8.self)
            charter.inForceFrom = "2020-01-01"
            charter.adoptedBy = "residentsCommittee · rc.a"
            try await charter.create(on: app.db)
            let inForce = try await app.api(.GET, "/api/v1/communities/\(communityA)/charter")
            let rules = try #require(inForce.object["rules"] as? [String: Any])
            #expect((rules["quorum"] as? [String: Any])?["strictlyMore"] as? Bool == true)
            #expect(rules["majorityBase"] as? String == "present")
            // Two of five present is no quorum, whatever the old charter said.
            let (_, assembly) = try await matterOpenForVote(app, g)
            for v in g.voters[0...1] { #expect(try await vote(app, assembly, v.token, "inFavor").status == .created) }
            let count = try await app.api(.POST, "/api/v1/assemblies/\(assembly)/close", token: g.committee)
            #expect(count.status == .conflict && count.object["code"] as? String == "no_quorum")
        }
    }

    @Test func votingOpensOnlyWhenTheAssemblyStartsAndBallotsOnlyWhileItIsOpen() async throws {
        try await withGovernance { app, g in
            let matter = try await recommendedMatter(app, g)
            let convened = try await convene(app, g, matter)
            let assembly = try #require(convened.object["id"] as? String, "\(convened.body)")
            // A week before the meeting: no opening, so the notice period means something.
            let early = try await app.api(.POST, "/api/v1/assemblies/\(assembly)/open", token: g.committee)
            #expect(early.status == .conflict && early.object["code"] as? String == "before_start", "\(early.body)")
            #expect(try await Assembly.find(UUID(uuidString: assembly), on: app.db)?.state == .scheduled)
            #expect(try await PublicRecordEntry.query(on: app.db).filter(\.$kind == "assembly.votingOpened").count() == 0)
            #expect(try await refusals(app, "assembly.open", "before_start") == 1)
            // An assembly opened early before the rule (as the old demo's was) takes no ballot and no count before it starts.
            try await (app.db as! any SQLDatabase).raw("UPDATE assemblies SET state = 'voting', eligible = 5 WHERE id = \(bind: UUID(uuidString: assembly)!)").run()
            let ballot = try await vote(app, assembly, g.voters[0].token, "inFavor")
            #expect(ballot.status == .conflict && ballot.object["code"] as? String == "before_start")
            let count = try await app.api(.POST, "/api/v1/assemblies/\(assembly)/close", token: g.committee)
            #expect(count.status == .conflict && count.object["code"] as? String == "before_start")
            #expect(try await Ballot.query(on: app.db).count() == 0)
            try await (app.db as! any SQLDatabase).raw("UPDATE assemblies SET state = 'scheduled', eligible = NULL WHERE id = \(bind: UUID(uuidString: assembly)!)").run()
            // The meeting begins: voting opens, ballots count, the count closes it; after that no ballot is taken.
            try await arrive(app, assembly)
            #expect(try await app.api(.POST, "/api/v1/assemblies/\(assembly)/open", token: g.committee).status == .ok)
            for v in g.voters[0...2] { #expect(try await vote(app, assembly, v.token, "inFavor").status == .created) }
            #expect(try await app.api(.POST, "/api/v1/assemblies/\(assembly)/close", token: g.committee).status == .ok)
            let late = try await vote(app, assembly, g.voters[3].token, "inFavor")
            #expect(late.status == .conflict && late.object["code"] as? String == "voting_closed")
        }
    }

    @Test func theCommitteesPageCannotOpenVotingEarlyEither() async throws {
        try await withGovernance { app, g in
            let matter = try await recommendedMatter(app, g)
            let assembly = try #require(try await convene(app, g, matter).object["id"] as? String)
            let rc = Browser(app)
            try await rc.signIn("rc.a")
            let page = try await rc.get("/matters/\(matter)")
            #expect(page.body.contains("会议开始后"))
            let early = try await rc.post("/assemblies/\(assembly)/open", form: [:])
            #expect(early.status == .conflict && early.body.contains("<html") && early.body.contains("会议尚未开始"))
            #expect(try await Assembly.find(UUID(uuidString: assembly), on: app.db)?.state == .scheduled)
            try await arrive(app, assembly)
            _ = try await rc.get("/matters/\(matter)")
            #expect(try await rc.post("/assemblies/\(assembly)/open", form: [:]).status == .seeOther)
            #expect(try await Assembly.find(UUID(uuidString: assembly), on: app.db)?.state == .voting)
        }
    }

    @Test func oneMatterHasOneAssemblyAtATimeEvenWhenConvenedAtOnce() async throws {
        try await withGovernance { app, g in
            let matter = try await recommendedMatter(app, g)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for _ in 0..<8 { group.addTask { try await convene(app, g, matter).status } }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 7, "\(statuses)")
            #expect(try await Assembly.query(on: app.db).count() == 1)
            let second = try await convene(app, g, matter)
            #expect(second.status == .conflict && second.object["code"] as? String == "assembly_pending")
            // Once it has ended (here adjourned), the matter can go to another assembly.
            let first = try #require(try await Assembly.query(on: app.db).first())
            #expect(try await app.api(.POST, "/api/v1/assemblies/\(first.id!)/adjourn", token: g.committee).status == .ok)
            #expect(try await convene(app, g, matter).status == .created)
            // The committee's page form is refused the same way, as a page.
            let rc = Browser(app)
            try await rc.signIn("rc.a")
            _ = try await rc.get("/matters/\(matter)")
            let starts = BeijingTime.text(Date().addingTimeInterval(8 * 86_400)).replacingOccurrences(of: " ", with: "T")
            let page = try await rc.post("/matters/\(matter)/assemblies", form: ["kind": "residents", "title": "再次召集", "place": "活动室", "startsAt": starts])
            #expect(page.status == .conflict && page.body.contains("<html") && page.body.contains("尚未结束"))
            #expect(try await Assembly.query(on: app.db).filter(\.$state != .closed).count() == 1)
        }
    }

    @Test func aMigrantsResidenceIsCountedFromTheDayItBeganNotFromTheRecord() async throws {
        try await withGovernance { app, g in
            func migrant(_ name: String, _ idBody: String, since: String, keyedIn: Date) async throws -> String {
                var json = residentJSON(communityA, name, idBody)
                json["residency"] = "migrant"
                let res = try await app.api(.POST, "/api/v1/residents", token: g.admin, json: json)
                let id = try #require(UUID(uuidString: res.object["id"] as? String ?? ""), "\(res.body)")
                try await (app.db as! any SQLDatabase).raw("""
                    UPDATE residents SET resident_since = \(bind: since), created_at = \(bind: keyedIn) WHERE id = \(bind: id)
                    """).run()
                try await makeAccount(app, "m.\(idBody.suffix(4))", .resident, communityA, residentID: id)
                return try await app.token("m.\(idBody.suffix(4))")
            }
            // Living here since 2020 but entered today (an import from the street's old register)…
            let longResident = try await migrant("老住户", "51010219850101003", since: "2020-03-01", keyedIn: Date())
            // …and arrived last month, though a record under that name was keyed in long ago.
            let newcomer = try await migrant("新住户", "51010219860101004", since: LocalDate(instant: Date()).adding(days: -30).description,
                                             keyedIn: Date().addingTimeInterval(-800 * 86_400))
            let (_, assembly) = try await matterOpenForVote(app, g)
            // Five registered adults and the long resident.
            #expect(try await app.api(.GET, "/api/v1/assemblies/\(assembly)").object["eligible"] as? Int == 6)
            #expect(try await vote(app, assembly, longResident, "inFavor").status == .created)
            let tooSoon = try await vote(app, assembly, newcomer, "inFavor")
            #expect(tooSoon.status == .forbidden && tooSoon.object["code"] as? String == "migrant_period")
        }
    }
}
