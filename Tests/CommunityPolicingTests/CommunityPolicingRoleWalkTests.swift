import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import CommunityPolicing

/// Every route of the module with every role: the hand-written matrix is the specification the policy is checked
/// against, and every refusal of a signed-in role over the API is in the audit log.
@Suite struct CommunityPolicingRoleWalkTests {
    static let everyone = Set(Role.allCases)
    static let recorders: Set<Role> = [.districtOfficial, .cityAdministrator]

    struct Case {
        let method: HTTPMethod
        let path: String
        let template: String
        let allowed: Set<Role>
        var json: [String: Any]? = nil
    }

    /// The fixture's officers and a referral to officer A (no walking role is that officer), and a forum topic
    /// whose referral the rules refuse (422) once the policy has let the committee in.
    static func setUp(_ app: Application) async throws -> (officer: String, referral: String, forum: String) {
        let world = try await PolicingFixture.world(app)
        let call = try await PolicingFixture.message(app, .hotline)
        let forum = try await PolicingFixture.message(app, .forum, subject: "走查论坛")
        let referral = try #require(try await app.api(.POST, "/api/v1/communities/\(communityA)/police-referrals",
                                                      token: try await app.token(PolicingFixture.committeeA),
                                                      json: ["messageID": call, "officerID": world.officerA]).object["id"] as? String)
        return (world.officerA, referral, forum)
    }

    @Test func everyRouteWithEveryRole() async throws {
        try await withShequ { app in
            let (officer, referral, forum) = try await Self.setUp(app)
            var update = PolicingFixture.officerJSON(PolicingFixture.officerA, name: "陈建华", number: "031204", communities: [communityA])
            update.removeValue(forKey: "username")
            let cases = [
                Case(method: .GET, path: "/api/v1/police-officers", template: "police-officers", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/police-officers/\(officer)", template: "police-officers/:id", allowed: Self.everyone),
                Case(method: .POST, path: "/api/v1/police-officers", template: "police-officers", allowed: Self.recorders,
                     json: PolicingFixture.officerJSON("no.such.account", name: "走查", number: "039999", communities: [communityA])),
                Case(method: .POST, path: "/api/v1/police-officers/\(officer)", template: "police-officers/:id", allowed: Self.recorders, json: update),
                Case(method: .POST, path: "/api/v1/communities/\(communityA)/police-referrals", template: "communities/:code/police-referrals",
                     allowed: [.communityStaff], json: ["messageID": forum, "officerID": officer]),
                Case(method: .GET, path: "/api/v1/communities/\(communityA)/police-referrals", template: "communities/:code/police-referrals",
                     allowed: [.communityStaff]),
                Case(method: .GET, path: "/api/v1/me/police-referrals", template: "me/police-referrals", allowed: [.communityPolice]),
                Case(method: .GET, path: "/api/v1/police-referrals/\(referral)", template: "police-referrals/:id", allowed: [.communityStaff]),
                Case(method: .POST, path: "/api/v1/police-referrals/\(referral)/answer", template: "police-referrals/:id/answer", allowed: [],
                     json: ["text": "走查答复"]),
            ]
            let walked = Set(cases.map { "\($0.method.rawValue) api/v1/\($0.template)" })
            for route in app.routes.all where route.shequModule == "communityPolicing" && route.path.first?.description == "api" {
                let key = "\(route.method.rawValue) " + route.path.map(\.description).joined(separator: "/")
                #expect(walked.contains(key), "\(key) is not walked")
            }
            for role in Role.allCases {
                let username = "walk.\(role.rawValue)".lowercased()
                try await makeAccount(app, username, role, walkScopes[role] ?? communityA)
                let token = try await app.token(username)
                for c in cases {
                    let before = try await PolicingFixture.denied(app)
                    let res = try await app.api(c.method, c.path, token: token, json: c.json)
                    #expect(res.status.code < 500, "\(role) \(c.method) \(c.path) → \(res.status)")
                    let refused = res.status == .forbidden || res.status == .notFound
                    if c.allowed.contains(role) {
                        #expect(!refused && res.status != .unauthorized, "\(role) should be allowed \(c.method) \(c.path), got \(res.status) \(res.body)")
                    } else {
                        #expect(refused, "\(role) should be refused \(c.method) \(c.path), got \(res.status) \(res.body)")
                        #expect(try await PolicingFixture.denied(app) > before, "\(role) was refused \(c.method) \(c.path) without an audit entry")
                    }
                }
            }
            for c in cases where !c.allowed.isSuperset(of: Self.everyone) || c.method == .POST {
                #expect(try await app.api(c.method, c.path, json: c.json).status == .unauthorized, "\(c.method) \(c.path) without a token")
            }
            #expect(try await PoliceReferral.query(on: app.db).count() == 1)
            #expect(try await app.count(PoliceOfficer.self) == 2)
        }
    }

    @Test func everyPageWithEveryRole() async throws {
        try await withShequ { app in
            let (officer, referral, forum) = try await Self.setUp(app)
            let officerForm = ["name": "陈建华", "policeNumber": "031204", "workPhone": "0756-2212110", "dutyHours": "周二 9:00–17:00",
                               "communities[]": communityA]
            var recordForm = officerForm
            recordForm["username"] = "no.such.account"
            recordForm["policeNumber"] = "039999"
            let cases: [(HTTPMethod, String, String, Set<Role>, [String: String])] = [
                (.GET, "/police-officers", "police-officers", Self.everyone, [:]),
                (.GET, "/police-officers.csv", "police-officers.csv", Self.everyone, [:]),
                (.GET, "/police-officers/\(officer)", "police-officers/:id", Self.everyone, [:]),
                (.POST, "/police-officers", "police-officers", Self.recorders, recordForm),
                (.POST, "/police-officers/\(officer)", "police-officers/:id", Self.recorders, officerForm),
                (.GET, "/police/referrals", "police/referrals", [.communityPolice], [:]),
                (.GET, "/police/referrals.csv", "police/referrals.csv", [.communityPolice], [:]),
                (.GET, "/communities/\(communityA)/police-referrals", "communities/:code/police-referrals", [.communityStaff], [:]),
                (.GET, "/communities/\(communityA)/police-referrals.csv", "communities/:code/police-referrals.csv", [.communityStaff], [:]),
                (.POST, "/communities/\(communityA)/police-referrals", "communities/:code/police-referrals", [.communityStaff],
                 ["messageID": forum, "officerID": officer]),
                (.GET, "/police-referrals/\(referral)", "police-referrals/:id", [.communityStaff], [:]),
                (.POST, "/police-referrals/\(referral)/answer", "police-referrals/:id/answer", [], ["text": "走查答复"]),
            ]
            let walked = Set(cases.map { "\($0.0.rawValue) \($0.2)" })
            for route in app.routes.all where route.shequModule == "communityPolicing" && route.path.first?.description != "api" {
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
                }
            }
            #expect(try await PoliceReferral.query(on: app.db).count() == 1)
        }
    }
}
