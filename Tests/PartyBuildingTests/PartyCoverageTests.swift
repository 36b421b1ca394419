import Fluent
import Foundation
import SelfGovernance
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import PartyBuilding

/// P2 and P3 from the records: an owners' committee qualifies by its full members (residents of the compound or
/// seated on the committee, each once; probationary members do not count; the rule's row in force decides), the
/// coverage of each level is counted from those facts, and 三位一体 holds only for the same resident.
@Suite struct PartyCoverageTests {
    func residents(_ app: Application, _ n: Int, at code: String) async throws -> [(UUID, String)] {
        try await makeAccount(app, "staff.\(code)", .communityStaff, code)
        let token = try await app.token("staff.\(code)")
        var out: [(UUID, String)] = []
        for i in 0..<n {
            let body = "44040219700101" + String(format: "%03d", 100 + i + (code == communityA ? 0 : 50))
            let res = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(code, "居民\(i)", body))
            out.append((try #require(UUID(uuidString: res.object["id"] as? String ?? ""), "\(res.body)"), validID(body)))
        }
        return out
    }

    @Test func anOwnersCommitteeQualifiesWithThreeFullMembersCountedOnce() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app, register: false)
            let people = try await residents(app, 5, at: communityA)
            // Two full members live in the compound; one of them and a third sit on its committee; one probationary.
            let compound = try await makeCompound(app, "测试花园", at: communityA, seats: [people[1].0, people[2].0])
            let work = try await app.token("officer.work")
            for (i, standing) in [(0, "full"), (1, "full"), (2, "full"), (3, "probationary")] {
                try await makeAccount(app, "p\(i)", .resident, communityA, residentID: people[i].0)
                try await enterAndConfirm(app, org: tree.workplaceOrg, officer: work, idNumber: people[i].1, standing: standing, as: "p\(i)")
            }
            func coverage() async throws -> [String: Any] {
                let res = try await app.api(.GET, "/api/v1/party-building/coverage?division=\(communityA)", token: try await app.token("official.street"))
                #expect(res.status == .ok, "\(res.body)")
                return res.object
            }
            func compoundRow() async throws -> [String: Any] {
                (try await coverage()["compounds"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "测试花园" } ?? [:]
            }
            // Committee seats only: two full members (people 1, 2).
            #expect(try await compoundRow()["qualifies"] as? Bool == false)
            // Person 1 also registers the compound as home: still counted once.
            for username in ["p1", "p3"] {
                let res = try await app.api(.POST, "/api/v1/me/party-membership/registration", token: try await app.token(username),
                                            json: ["organizationID": tree.communityOrg, "compoundID": compound.id!.uuidString])
                #expect(res.status == .ok, "\(res.body)")
            }
            #expect(try await compoundRow()["qualifies"] as? Bool == false, "one person counts once; a probationary member not at all")
            let reg = try await app.api(.POST, "/api/v1/me/party-membership/registration", token: try await app.token("p0"),
                                        json: ["organizationID": tree.communityOrg, "compoundID": compound.id!.uuidString])
            #expect(reg.status == .ok)
            #expect(try await compoundRow()["qualifies"] as? Bool == true)
            let total = try #require(try await coverage()["total"] as? [String: Any])
            #expect(total["qualifying"] as? Int == 1 && total["qualifyingCovered"] as? Int == 0)

            // A later rule (five members) judges from its day on; the day before it the committee still qualifies.
            let rule = PartyQualificationRuleRow()
            rule.effectiveFrom = "2000-01-01"
            rule.minimumFullMembers = 5
            rule.basis = "test"
            try await rule.create(on: app.db)
            #expect(try await compoundRow()["qualifies"] as? Bool == true, "the 2010 rule is later, so still in force")
            let stricter = PartyQualificationRuleRow()
            stricter.effectiveFrom = "2025-01-01"
            stricter.minimumFullMembers = 5
            stricter.basis = "test"
            try await stricter.create(on: app.db)
            #expect(try await compoundRow()["qualifies"] as? Bool == false)
            try await stricter.delete(on: app.db)

            // An organisation set up in it covers it, and every level above counts it.
            let official = try await app.token("official.street")
            let made = try await app.api(.POST, "/api/v1/party-organizations", token: official,
                                         json: ["kind": "branch", "name": "测试花园党支部", "divisionCode": communityA, "hostKind": "ownersCommittee",
                                                "hostID": compound.id!.uuidString, "parentID": tree.communityOrg])
            #expect(made.status == .created, "\(made.body)")
            for code in [communityA, streetA, "440402", "4404"] {
                let res = try await app.api(.GET, "/api/v1/party-building/coverage?division=\(code)")
                let t = res.object["total"] as? [String: Any] ?? [:]
                #expect(t["qualifying"] as? Int == 1 && t["qualifyingCovered"] as? Int == 1 && res.object["coverage"] as? String == "100.0%", "\(code): \(res.body)")
            }
            let street = try await app.api(.GET, "/api/v1/party-building/coverage?division=\(streetA)")
            let row = (street.object["children"] as? [[String: Any]] ?? []).first { $0["code"] as? String == communityA }
            #expect((row?["figure"] as? [String: Any])?["qualifyingCovered"] as? Int == 1)
            // A second organisation in the same owners' committee is refused, nothing written.
            let count = try await app.count(PartyOrganization.self)
            let again = try await app.api(.POST, "/api/v1/party-organizations", token: official,
                                          json: ["kind": "branch", "name": "测试花园第二党支部", "divisionCode": communityA, "hostKind": "ownersCommittee",
                                                 "hostID": compound.id!.uuidString, "parentID": tree.communityOrg])
            #expect(again.status == .conflict)
            #expect(try await app.count(PartyOrganization.self) == count)

            // A compound added by SelfGovernance after a figure was read is counted at the next reading (the figures are
            // remembered only with the key of the records they came from).
            let before = (try await app.api(.GET, "/api/v1/party-building/coverage?division=\(streetA)").object["total"] as? [String: Any])?["qualifying"] as? Int
            _ = try await makeCompound(app, "新增花园", at: communityA, seats: [people[0].0, people[1].0, people[2].0])
            let after = (try await app.api(.GET, "/api/v1/party-building/coverage?division=\(streetA)").object["total"] as? [String: Any])?["qualifying"] as? Int
            #expect(before == 1 && after == 2)

            // Compound by compound is the street's (F8): anyone else gets the community's figures alone.
            for token in [nil, try await app.token("resident.b"), try await app.token("member.a")] as [String?] {
                let res = try await app.api(.GET, "/api/v1/party-building/coverage?division=\(communityA)", token: token)
                #expect(res.status == .ok && res.object["compoundsWithheld"] as? Bool == true && !res.body.contains("测试花园"), "\(res.body)")
                #expect((res.object["total"] as? [String: Any])?["qualifying"] as? Int == 2)
            }
            let anonymous = try await Browser(app).get("/party-building/coverage?division=\(communityA)")
            #expect(anonymous.status == .ok && !anonymous.body.contains("测试花园") && anonymous.body.contains("只向街道"))
            // The page and the CSV show the same figures; the CSV has no member in it.
            let browser = Browser(app)
            try await browser.signIn("official.street")
            let page = try await browser.get("/party-building/coverage?division=\(communityA)")
            #expect(page.status == .ok && page.body.contains("测试花园"))
            let csv = try await browser.get("/party-building/coverage.csv?division=\(streetA)")
            #expect(csv.status == .ok && csv.body.contains(communityA) && !csv.body.contains("居民0"))
        }
    }

    @Test func threeInOneHoldsWhenTheSecretaryChairsAndTheStationIsCrossStaffed() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app, register: false)
            let people = try await residents(app, 2, at: communityA)
            let committee = GovernanceBody()
            committee.divisionCode = communityA
            committee.kind = .residentsCommittee
            committee.name = "紫荆社区居民委员会"
            try await committee.create(on: app.db)
            func seat(_ r: UUID, _ role: MemberRole) async throws {
                let m = BodyMember()
                m.bodyID = committee.id!
                m.residentID = r
                m.displayName = role == .chair ? "陈书记" : "周委员"
                m.role = role
                m.termStart = "2020-01-01"
                m.termEnd = "2099-12-31"
                try await m.create(on: app.db)
            }
            // The answers are kept per state of the audit chains (ThreeInOneCache): the app's writes are audited in
            // their transaction, so these direct writes append the entry their command would.
            func audited(_ action: String) async throws {
                try await AuditLog.append(AuditDraft(actor: "test", action: action, entity: "test", scope: streetA, detail: ""), on: app.db)
            }
            func holding() async throws -> Int? {
                let share = try await app.api(.GET, "/api/v1/party-building/three-in-one?division=\(streetA)")
                return (share.object["total"] as? [String: Any])?["holding"] as? Int
            }
            #expect(try await holding() == 0)
            try await seat(people[0].0, .chair)
            try await seat(people[1].0, .member)
            try await audited("body.addMember")
            func holds() async throws -> Bool {
                try await app.api(.GET, "/api/v1/party-building/three-in-one/\(communityA)").object["holds"] as? Bool ?? false
            }
            #expect(try await holds() == false, "officer.community is not the chair")
            // The secretary's account is the chair's resident record; a station account is the other member's.
            let secretary = try #require(try await Account.query(on: app.db).filter(\.$username == "officer.community").first())
            secretary.residentID = people[0].0
            try await secretary.save(on: app.db)
            try await audited("account.update")
            #expect(try await holds() == false, "the station is not staffed from the team yet")
            try await makeAccount(app, "station.x", .stationStaff, communityA, residentID: people[1].0)
            try await audited("account.create")
            #expect(try await holds() == true)
            #expect(try await holding() == 1, "the street's share read before the change is not served again")
            let share = try await app.api(.GET, "/api/v1/party-building/three-in-one?division=\(streetA)")
            let total = share.object["total"] as? [String: Any] ?? [:]
            #expect(total["holding"] as? Int == 1 && (total["communities"] as? Int ?? 0) > 1, "\(share.body)")
            let team = try await Browser(app).get("/party-building/three-in-one/\(communityA)")
            #expect(team.status == .ok && team.body.contains("陈书记") && team.body.contains("周委员"))
            _ = tree
        }
    }

    @Test func badInputIsRefusedAndChangesNothing() async throws {
        try await withShequ { app in
            let tree = try await PartyTree.make(app)
            let official = try await app.token("official.street")
            let orgs = try await app.count(PartyOrganization.self)
            let bad: [[String: Any]] = [
                ["kind": "nonsense", "name": "x党支部", "divisionCode": communityA, "hostKind": "division", "parentID": tree.communityOrg],
                ["kind": "branch", "name": "", "divisionCode": communityA, "hostKind": "division", "parentID": tree.communityOrg],
                ["kind": "branch", "name": "无上级党支部", "divisionCode": communityA, "hostKind": "division"],
                ["kind": "streetWorkingCommittee", "name": "社区党工委", "divisionCode": communityA, "hostKind": "division"],
                ["kind": "branch", "name": "他街党支部", "divisionCode": communityB, "hostKind": "division", "parentID": tree.communityOrg],
                ["kind": "branch", "name": "无小区党支部", "divisionCode": communityA, "hostKind": "ownersCommittee", "hostID": UUID().uuidString,
                 "parentID": tree.communityOrg],
                ["kind": "branch", "name": String(repeating: "长", count: 101), "divisionCode": communityA, "hostKind": "division", "parentID": tree.communityOrg],
            ]
            // Out of the declared values (400), against the rules (422), or a place outside the official's street (403).
            for json in bad {
                let res = try await app.api(.POST, "/api/v1/party-organizations", token: official, json: json)
                #expect([400, 403, 422].contains(res.status.code), "\(json): \(res.status) \(res.body)")
            }
            #expect(try await app.count(PartyOrganization.self) == orgs)
            // Another street's official sets up nothing here (403, logged).
            try await makeAccount(app, "official.b", .streetOfficial, streetB)
            let denied = try await deniedCount(app)
            #expect(try await app.api(.POST, "/api/v1/party-organizations", token: try await app.token("official.b"),
                                      json: ["kind": "branch", "name": "越界党支部", "divisionCode": communityA, "hostKind": "division",
                                             "parentID": tree.communityOrg]).status == .forbidden)
            #expect(try await deniedCount(app) == denied + 1)
            #expect(try await app.count(PartyOrganization.self) == orgs)

            let work = try await app.token("officer.work")
            let members = try await app.count(PartyMembership.self)
            let entries = try await app.count(PartyMemberEntry.self)
            for json: [String: Any] in [["idNumber": "44040219800101123Y", "standing": "full"], ["idNumber": tree.memberIDNumber, "standing": "honorary"]] {
                let res = try await app.api(.POST, "/api/v1/party-organizations/\(tree.workplaceOrg)/members", token: work, json: json)
                #expect([400, 422].contains(res.status.code), "\(json): \(res.status) \(res.body)")
            }
            #expect(try await app.count(PartyMemberEntry.self) == entries)
            // Nobody holds the one number, a member already holds the other: the officer gets the same answer for both
            // (F2, F7), an entry waiting for a confirmation, and no membership is made.
            let unknown = try await app.api(.POST, "/api/v1/party-organizations/\(tree.workplaceOrg)/members", token: work,
                                            json: ["idNumber": validID("44040219990101999"), "standing": "full"])
            let known = try await app.api(.POST, "/api/v1/party-organizations/\(tree.workplaceOrg)/members", token: work,
                                          json: ["idNumber": tree.memberIDNumber, "standing": "full"])
            #expect(unknown.status == .accepted && known.status == .accepted, "\(unknown.body) \(known.body)")
            #expect(Set(unknown.object.keys) == Set(known.object.keys))
            #expect(unknown.object["state"] as? String == "pending" && known.object["state"] as? String == "pending")
            #expect(!known.body.contains("李明") && !unknown.body.contains("李明"))
            #expect(try await app.count(PartyMembership.self) == members)

            // Officers: a second secretary, an unknown account; an officer appoints in their own organisation only from above.
            let grants = try await app.count(Grant.self)
            #expect(try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/officers", token: official,
                                      json: ["username": "resident.b", "position": "secretary"]).status == .conflict)
            #expect(try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/officers", token: official,
                                      json: ["username": "nobody.here", "position": "committeeMember"]).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/officers", token: try await app.token("officer.community"),
                                      json: ["username": "resident.b", "position": "committeeMember"]).status == .forbidden)
            #expect(try await app.count(Grant.self) == grants)
            // The street's officer appoints below, and removing the post removes the grant.
            let appointed = try await appointAndAccept(app, org: tree.communityOrg, by: try await app.token("officer.street"), username: "member.a",
                                                       position: "committeeMember")
            #expect(appointed.status == .created, "\(appointed.body)")
            let account = try #require(appointed.object["accountID"] as? String)
            #expect(try await app.count(Grant.self) == grants + 1)
            #expect(try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/officers/\(account)/remove", token: official).status == .ok)
            #expect(try await app.count(Grant.self) == grants)

            // A member registers only where they live.
            let member = try await app.token("member.a")
            #expect(try await app.api(.POST, "/api/v1/me/party-membership/registration", token: member,
                                      json: ["organizationID": tree.otherCommunityOrg]).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/api/v1/me/party-membership/certificates", token: member, json: ["year": 2999]).status == .unprocessableEntity)
        }
    }
}
