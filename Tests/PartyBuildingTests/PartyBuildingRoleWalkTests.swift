import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import PartyBuilding

/// Every route of the module with every role of the walk (none of them an officer of a party organisation, none a
/// member): the figures and the organisations are public; setting up and appointing is the street's and the
/// district's; members' records reach no office by its division scope. Every refusal is in the audit log.
@Suite struct PartyBuildingRoleWalkTests {
    static let everyone = Set(Role.allCases)
    static let officials: Set<Role> = [.streetOfficial, .districtOfficial]

    struct Case {
        let method: HTTPMethod
        let path: String
        let template: String
        let allowed: Set<Role>
        var json: [String: Any]? = nil
        /// What answers 404 without a log to anyone (a member's own record, for those who are no member).
        var absent = false
    }

    static func fixture(_ app: Application) async throws -> (PartyTree, String, String) {
        let tree = try await PartyTree.make(app)
        let officer = try await app.token("officer.community")
        let activity = try #require(try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/activities", token: officer,
                                                      json: ["title": "走查活动", "heldOn": partyDay(-1), "place": "走查"]).object["id"] as? String)
        let certificate = try #require(try await app.api(.POST, "/api/v1/me/party-membership/certificates", token: try await app.token("member.a"),
                                                         json: ["year": 2025]).object["id"] as? String)
        return (tree, activity, certificate)
    }

    /// A post offered to resident.b: no role of the walk may accept or decline it.
    static func pendingOffer(_ app: Application, _ tree: PartyTree) async throws -> String {
        let res = try await app.api(.POST, "/api/v1/party-organizations/\(tree.communityOrg)/officers", token: try await app.token("official.street"),
                                    json: ["username": "resident.b", "position": "committeeMember"])
        return try #require(res.object["id"] as? String, "\(res.status) \(res.body)")
    }

    /// An entry for a number nobody on the walk holds: no role's confirmation or refusal may touch it.
    static func pendingEntry(_ app: Application, _ tree: PartyTree) async throws -> String {
        let res = try await app.api(.POST, "/api/v1/party-organizations/\(tree.workplaceOrg)/members", token: try await app.token("officer.work"),
                                    json: ["idNumber": validID("44040219650101777"), "standing": "full"])
        return try #require(res.object["id"] as? String, "\(res.status) \(res.body)")
    }

    @Test func everyAPIRouteWithEveryRole() async throws {
        try await withShequ { app in
            let (tree, activity, certificate) = try await Self.fixture(app)
            let entry = try await Self.pendingEntry(app, tree)
            let offer = try await Self.pendingOffer(app, tree)
            let org = tree.communityOrg
            let cases = [
                Case(method: .GET, path: "/api/v1/party-building/coverage", template: "party-building/coverage", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/party-building/three-in-one", template: "party-building/three-in-one", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/party-building/three-in-one/\(communityA)", template: "party-building/three-in-one/:code", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/party-building/qualification-rules", template: "party-building/qualification-rules", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/party-organizations", template: "party-organizations", allowed: Self.everyone),
                Case(method: .POST, path: "/api/v1/party-organizations", template: "party-organizations", allowed: Self.officials,
                     json: ["kind": "branch", "name": "走查党支部", "divisionCode": communityA, "hostKind": "division", "parentID": org]),
                Case(method: .GET, path: "/api/v1/party-organizations/\(org)", template: "party-organizations/:id", allowed: Self.everyone),
                Case(method: .POST, path: "/api/v1/party-organizations/\(org)/officers", template: "party-organizations/:id/officers", allowed: Self.officials,
                     json: ["username": "resident.b", "position": "committeeMember"]),
                Case(method: .POST, path: "/api/v1/party-organizations/\(org)/officers/\(UUID())/remove", template: "party-organizations/:id/officers/:accountID/remove",
                     allowed: Self.officials, absent: true),
                Case(method: .GET, path: "/api/v1/party-organizations/\(org)/members", template: "party-organizations/:id/members", allowed: []),
                Case(method: .POST, path: "/api/v1/party-organizations/\(tree.workplaceOrg)/members", template: "party-organizations/:id/members", allowed: [],
                     json: ["idNumber": tree.memberIDNumber, "standing": "full"]),
                Case(method: .GET, path: "/api/v1/party-organizations/\(tree.workplaceOrg)/entries", template: "party-organizations/:id/entries", allowed: []),
                Case(method: .GET, path: "/api/v1/me/party-membership/entries", template: "me/party-membership/entries", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/me/party-officer-offers", template: "me/party-officer-offers", allowed: Self.everyone),
                Case(method: .POST, path: "/api/v1/me/party-officer-offers/\(offer)/accept", template: "me/party-officer-offers/:id/accept", allowed: []),
                Case(method: .POST, path: "/api/v1/me/party-officer-offers/\(offer)/decline", template: "me/party-officer-offers/:id/decline", allowed: []),
                Case(method: .POST, path: "/api/v1/me/party-membership/entries/\(entry)/confirm", template: "me/party-membership/entries/:id/confirm", allowed: []),
                Case(method: .POST, path: "/api/v1/me/party-membership/entries/\(entry)/decline", template: "me/party-membership/entries/:id/decline", allowed: []),
                Case(method: .GET, path: "/api/v1/party-organizations/\(org)/activities", template: "party-organizations/:id/activities", allowed: Self.everyone),
                Case(method: .POST, path: "/api/v1/party-organizations/\(org)/activities", template: "party-organizations/:id/activities", allowed: [],
                     json: ["title": "走查", "heldOn": partyDay(-2), "place": "走查"]),
                Case(method: .GET, path: "/api/v1/party-organizations/\(org)/certificates", template: "party-organizations/:id/certificates", allowed: []),
                Case(method: .GET, path: "/api/v1/party-activities/\(activity)/participants", template: "party-activities/:id/participants", allowed: []),
                Case(method: .POST, path: "/api/v1/party-activities/\(activity)/sign-up", template: "party-activities/:id/sign-up", allowed: []),
                Case(method: .POST, path: "/api/v1/party-activities/\(activity)/attendance", template: "party-activities/:id/attendance", allowed: [],
                     json: ["membershipID": tree.membershipID, "attended": false]),
                Case(method: .GET, path: "/api/v1/me/party-membership", template: "me/party-membership", allowed: [], absent: true),
                Case(method: .POST, path: "/api/v1/me/party-membership/registration", template: "me/party-membership/registration", allowed: [],
                     json: ["organizationID": org]),
                Case(method: .POST, path: "/api/v1/me/party-membership/certificates", template: "me/party-membership/certificates", allowed: [],
                     json: ["year": 2024]),
                Case(method: .GET, path: "/api/v1/party-memberships/\(tree.membershipID)", template: "party-memberships/:id", allowed: []),
                Case(method: .GET, path: "/api/v1/party-certificates/\(certificate)", template: "party-certificates/:id", allowed: []),
                Case(method: .POST, path: "/api/v1/party-certificates/\(certificate)/issue", template: "party-certificates/:id/issue", allowed: []),
            ]
            let walked = Set(cases.map { "\($0.method.rawValue) api/v1/\($0.template)" })
            for route in app.routes.all where route.shequModule == "partyBuilding" && route.path.first?.description == "api" {
                let key = "\(route.method.rawValue) " + route.path.map(\.description).joined(separator: "/")
                #expect(walked.contains(key), "\(key) is not walked")
            }
            for role in Role.allCases {
                let username = "walk.\(role.rawValue)".lowercased()
                try await makeAccount(app, username, role, walkScopes[role] ?? communityA)
                let token = try await app.token(username)
                for c in cases {
                    let before = try await deniedCount(app)
                    let res = try await app.api(c.method, c.path, token: token, json: c.json)
                    #expect(res.status.code < 500, "\(role) \(c.method) \(c.path) → \(res.status) \(res.body)")
                    let refused = res.status == .forbidden || res.status == .notFound
                    if c.allowed.contains(role) {
                        #expect(res.status != .forbidden && res.status != .unauthorized && (c.absent || res.status != .notFound),
                                "\(role) should be allowed \(c.method) \(c.path), got \(res.status) \(res.body)")
                    } else {
                        #expect(refused, "\(role) should be refused \(c.method) \(c.path), got \(res.status) \(res.body)")
                        if !c.absent {
                            #expect(try await deniedCount(app) > before, "\(role) was refused \(c.method) \(c.path) without an audit entry")
                        }
                    }
                }
            }
            for c in cases where !c.allowed.isSuperset(of: Self.everyone) || c.method == .POST {
                #expect(try await app.api(c.method, c.path, json: c.json).status == .unauthorized, "\(c.method) \(c.path) without a token")
            }
            // Nothing the refused roles tried landed: the officers and one member, the certificate still waiting.
            #expect(try await app.count(PartyMembership.self) == 5)
            #expect(try await PartyMemberEntry.find(UUID(uuidString: entry), on: app.db)?.state == .pending)
            #expect(try await PartyOfficerOffer.find(UUID(uuidString: offer), on: app.db)?.state == .pending)
            #expect(try await PartyCertificate.find(UUID(uuidString: certificate), on: app.db)?.issuedOn == nil)
        }
    }

    @Test func everyPageWithEveryRole() async throws {
        try await withShequ { app in
            let (tree, activity, certificate) = try await Self.fixture(app)
            let entry = try await Self.pendingEntry(app, tree)
            let offer = try await Self.pendingOffer(app, tree)
            let org = tree.communityOrg
            let cases: [(HTTPMethod, String, String, Set<Role>, [String: String])] = [
                (.GET, "/party-building", "party-building", Self.everyone, [:]),
                (.GET, "/party-building/coverage", "party-building/coverage", Self.everyone, [:]),
                (.GET, "/party-building/coverage?division=\(communityA)", "party-building/coverage", Self.everyone, [:]),
                (.GET, "/party-building/coverage.csv", "party-building/coverage.csv", Self.everyone, [:]),
                (.GET, "/party-building/three-in-one?division=\(streetA)", "party-building/three-in-one", Self.everyone, [:]),
                (.GET, "/party-building/three-in-one.csv", "party-building/three-in-one.csv", Self.everyone, [:]),
                (.GET, "/party-building/three-in-one/\(communityA)", "party-building/three-in-one/:code", Self.everyone, [:]),
                (.GET, "/party-building/me", "party-building/me", Self.everyone, [:]),
                (.POST, "/party-building/me/registration", "party-building/me/registration", [], ["organizationID": org, "compoundID": ""]),
                (.POST, "/party-building/me/certificates", "party-building/me/certificates", [], ["year": "2024"]),
                (.POST, "/party-building/me/entries/\(entry)/confirm", "party-building/me/entries/:id/confirm", [], [:]),
                (.POST, "/party-building/me/entries/\(entry)/decline", "party-building/me/entries/:id/decline", [], [:]),
                (.POST, "/party-building/me/offers/\(offer)/accept", "party-building/me/offers/:id/accept", [], [:]),
                (.POST, "/party-building/me/offers/\(offer)/decline", "party-building/me/offers/:id/decline", [], [:]),
                (.GET, "/party-organizations", "party-organizations", Self.everyone, [:]),
                (.GET, "/party-organizations.csv", "party-organizations.csv", Self.everyone, [:]),
                (.POST, "/party-organizations", "party-organizations", Self.officials,
                 ["kind": "branch", "name": "页面走查党支部", "divisionCode": communityA, "hostKind": "division", "parentID": org, "hostID": ""]),
                (.GET, "/party-organizations/\(org)", "party-organizations/:id", Self.everyone, [:]),
                (.POST, "/party-organizations/\(org)/officers", "party-organizations/:id/officers", Self.officials,
                 ["username": "resident.b", "position": "committeeMember"]),
                (.POST, "/party-organizations/\(org)/officers/\(UUID())/remove", "party-organizations/:id/officers/:accountID/remove", [], [:]),
                (.GET, "/party-organizations/\(org)/members", "party-organizations/:id/members", [], [:]),
                (.GET, "/party-organizations/\(org)/members.csv", "party-organizations/:id/members.csv", [], [:]),
                (.POST, "/party-organizations/\(tree.workplaceOrg)/members", "party-organizations/:id/members", [],
                 ["idNumber": tree.memberIDNumber, "standing": "full"]),
                (.POST, "/party-organizations/\(org)/activities", "party-organizations/:id/activities", [],
                 ["title": "走查", "heldOn": partyDay(-2), "place": "走查"]),
                (.GET, "/party-organizations/\(org)/certificates", "party-organizations/:id/certificates", [], [:]),
                (.GET, "/party-activities/\(activity)", "party-activities/:id", Self.everyone, [:]),
                (.GET, "/party-activities/\(activity)/participants.csv", "party-activities/:id/participants.csv", [], [:]),
                (.POST, "/party-activities/\(activity)/sign-up", "party-activities/:id/sign-up", [], [:]),
                (.POST, "/party-activities/\(activity)/attendance", "party-activities/:id/attendance", [],
                 ["membershipID": tree.membershipID, "attended": "true"]),
                (.GET, "/party-memberships/\(tree.membershipID)", "party-memberships/:id", [], [:]),
                (.GET, "/party-certificates/\(certificate)", "party-certificates/:id", [], [:]),
                (.POST, "/party-certificates/\(certificate)/issue", "party-certificates/:id/issue", [], [:]),
            ]
            let walked = Set(cases.map { "\($0.0.rawValue) \($0.2)" })
            for route in app.routes.all where route.shequModule == "partyBuilding" && route.path.first?.description != "api" {
                let key = "\(route.method.rawValue) " + route.path.map(\.description).joined(separator: "/")
                #expect(walked.contains(key), "\(key) is not walked")
            }
            for role in Role.allCases {
                let username = "web.\(role.rawValue)".lowercased()
                try await makeAccount(app, username, role, walkScopes[role] ?? communityA)
                let browser = Browser(app)
                try await browser.signIn(username)
                for (method, path, _, allowed, fields) in cases {
                    let res: APIResult
                    if method == .GET {
                        res = try await browser.get(path)
                    } else {
                        try await browser.get("/")
                        res = try await browser.post(path, form: fields)
                    }
                    #expect(res.status.code < 500, "\(role) \(method) \(path) → \(res.status)")
                    let refused = res.status == .forbidden || res.status == .notFound
                    if allowed.contains(role) {
                        #expect(!refused && res.status != .unauthorized, "\(role) should be allowed \(method) \(path), got \(res.status)")
                    } else {
                        #expect(refused, "\(role) should be refused \(method) \(path), got \(res.status)")
                    }
                    // No page shows a member's name to a role without party office.
                    #expect(!res.body.contains("李明"), "\(role) \(path) shows the member")
                }
            }
        }
    }
}
