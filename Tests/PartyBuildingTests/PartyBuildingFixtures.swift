import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import PartyBuilding

/// A small party tree in 翠香街道 built through the module's own routes: the street's working committee, 紫荆社区's
/// committee and a neighbouring community's, a unit's branch as a workplace, each with an officer; a member who
/// works at the unit and lives in 紫荆社区.
struct PartyTree {
    let streetOrg: String
    let communityOrg: String
    let otherCommunityOrg: String
    let workplaceOrg: String
    let memberResident: UUID
    let memberIDNumber: String
    let membershipID: String

    static let otherCommunity = "440402001002"

    /// Every account the visibility tests ask with.
    static let accounts = ["member.a", "officer.work", "officer.community", "officer.street", "officer.other", "official.street",
                           "staff.community", "resident.b"]

    static func make(_ app: Application, register: Bool = true) async throws -> PartyTree {
        try await makeAccount(app, "official.street", .streetOfficial, streetA)
        try await makeAccount(app, "staff.community", .communityStaff, communityA)
        let official = try await app.token("official.street")
        let staff = try await app.token("staff.community")
        let idNumber = validID("44040219800101123")
        let made = try await app.api(.POST, "/api/v1/residents", token: staff, json: residentJSON(communityA, "李明", "44040219800101123"))
        let residentID = try #require(UUID(uuidString: made.object["id"] as? String ?? ""), "\(made.body)")
        _ = try await app.api(.POST, "/api/v1/residents", token: staff, json: residentJSON(communityA, "王居民", "44040219810101123"))
        try await makeAccount(app, "member.a", .resident, communityA, residentID: residentID)
        try await makeAccount(app, "resident.b", .resident, communityA)
        // Each officer is a resident with an account, entered below as a full member of the organisation they serve.
        var officerResidents: [String: UUID] = [:]
        for (i, name) in ["officer.work", "officer.community", "officer.street", "officer.other"].enumerated() {
            let body = "44040219700101\(i)12"
            let r = try await app.api(.POST, "/api/v1/residents", token: staff, json: residentJSON(communityA, "干部\(i)", body))
            let rid = try #require(UUID(uuidString: r.object["id"] as? String ?? ""), "\(r.body)")
            try await makeAccount(app, name, .resident, communityA, residentID: rid)
            officerResidents[name] = rid
        }
        let unit = Organization()
        unit.kind = .unit
        unit.name = "测试单位"
        unit.category = "企业"
        unit.contact = "0756-1234567"
        unit.divisionCode = streetA
        try await unit.create(on: app.db)

        func create(_ json: [String: Any], by token: String) async throws -> String {
            let res = try await app.api(.POST, "/api/v1/party-organizations", token: token, json: json)
            return try #require(res.object["id"] as? String, "\(res.status) \(res.body)")
        }
        let street = try await create(["kind": "streetWorkingCommittee", "name": "翠香街道党工委", "divisionCode": streetA, "hostKind": "division"], by: official)
        let community = try await create(["kind": "communityCommittee", "name": "紫荆社区党委", "divisionCode": communityA, "hostKind": "division",
                                          "parentID": street], by: official)
        let other = try await create(["kind": "communityCommittee", "name": "邻社区党委", "divisionCode": otherCommunity, "hostKind": "division",
                                      "parentID": street], by: official)
        let work = try await create(["kind": "branch", "name": "测试单位党支部", "divisionCode": streetA, "hostKind": "organization",
                                     "hostID": unit.id!.uuidString, "parentID": street], by: official)
        let vault = PersonalDataVault(secrets: app.secrets)
        for (org, username) in [(street, "officer.street"), (community, "officer.community"), (other, "officer.other"), (work, "officer.work")] {
            let o = try #require(try await PartyOrganization.find(UUID(uuidString: org), on: app.db))
            _ = try await PartyMemberships.admit(try #require(officerResidents[username]), standing: .full, workplace: o, vault, on: app.db)
        }
        for (org, username, position) in [(street, "officer.street", "secretary"), (community, "officer.community", "secretary"),
                                          (other, "officer.other", "secretary"), (work, "officer.work", "secretary")] {
            try await appointAndAccept(app, org: org, by: official, username: username, position: position)
        }
        let workOfficer = try await app.token("officer.work")
        let entered = try await app.api(.POST, "/api/v1/party-organizations/\(work)/members", token: workOfficer,
                                        json: ["idNumber": idNumber, "standing": "full"])
        #expect(entered.status == .accepted, "\(entered.body)")
        let entryID = try #require(entered.object["id"] as? String, "\(entered.status) \(entered.body)")
        let member = try await app.token("member.a")
        let confirmed = try await app.api(.POST, "/api/v1/me/party-membership/entries/\(entryID)/confirm", token: member)
        let membership = try #require(confirmed.object["membership"] as? [String: Any], "\(confirmed.status) \(confirmed.body)")
        let membershipID = try #require(membership["membershipID"] as? String)
        if register {
            let reg = try await app.api(.POST, "/api/v1/me/party-membership/registration", token: member, json: ["organizationID": community])
            #expect(reg.status == .ok, "\(reg.body)")
        }
        return PartyTree(streetOrg: street, communityOrg: community, otherCommunityOrg: other, workplaceOrg: work,
                         memberResident: residentID, memberIDNumber: idNumber, membershipID: membershipID)
    }
}

/// An official (or an officer above) offers a post (202) and the appointee, signed in as themself, accepts it (201).
@discardableResult
func appointAndAccept(_ app: Application, org: String, by token: String, username: String, position: String) async throws -> APIResult {
    let offered = try await app.api(.POST, "/api/v1/party-organizations/\(org)/officers", token: token, json: ["username": username, "position": position])
    #expect(offered.status == .accepted, "\(offered.body)")
    let offerID = try #require(offered.object["id"] as? String, "\(offered.status) \(offered.body)")
    let accepted = try await app.api(.POST, "/api/v1/me/party-officer-offers/\(offerID)/accept", token: try await app.token(username))
    return accepted
}

/// The workplace's officer enters an ID number (202, an entry) and the person, signed in as `username`, confirms it.
@discardableResult
func enterAndConfirm(_ app: Application, org: String, officer: String, idNumber: String, standing: String = "full", as username: String) async throws -> String {
    let entered = try await app.api(.POST, "/api/v1/party-organizations/\(org)/members", token: officer, json: ["idNumber": idNumber, "standing": standing])
    #expect(entered.status == .accepted, "\(entered.body)")
    let entryID = try #require(entered.object["id"] as? String, "\(entered.status) \(entered.body)")
    let confirmed = try await app.api(.POST, "/api/v1/me/party-membership/entries/\(entryID)/confirm", token: try await app.token(username))
    #expect(confirmed.status == .created, "\(confirmed.body)")
    let membership = try #require(confirmed.object["membership"] as? [String: Any], "\(confirmed.status) \(confirmed.body)")
    return try #require(membership["membershipID"] as? String)
}

/// A day relative to today, as the module's dates are checked against today (activities: a month back to a year ahead).
func partyDay(_ offset: Int) -> String { LocalDate(instant: Date()).adding(days: offset).description }
func partyYear(_ offset: Int) -> Int { LocalDate(instant: Date()).adding(days: offset).components.year }

func deniedCount(_ app: Application) async throws -> Int {
    try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").count()
}

/// A compound with an owners' committee whose given residents serve on it today.
func makeCompound(_ app: Application, _ name: String, at code: String, seats: [UUID] = []) async throws -> Compound {
    let body = GovernanceBody()
    body.divisionCode = code
    body.kind = .ownersCommittee
    body.name = name + "业主委员会"
    try await body.create(on: app.db)
    for r in seats {
        let m = BodyMember()
        m.bodyID = body.id!
        m.residentID = r
        m.displayName = "委员"
        m.role = .member
        m.termStart = "2020-01-01"
        m.termEnd = "2099-12-31"
        try await m.create(on: app.db)
    }
    let c = Compound()
    c.divisionCode = code
    c.name = name
    c.ownersCommitteeID = body.id
    try await c.create(on: app.db)
    return c
}
