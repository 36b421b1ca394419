import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Workforce

/// Every route of the module with every role: the hand-written matrix is the specification the policy is checked
/// against, and every refusal of a signed-in role is in the audit log. Commands carry input the rules refuse (422)
/// once the policy let the role in, so the walk writes nothing but the city's drafts.
@Suite struct WorkforceRoleWalkTests {
    static let everyone = Set(Role.allCases)
    static let officials: Set<Role> = [.streetOfficial, .districtOfficial, .cityAdministrator]
    static let keepers: Set<Role> = [.streetOfficial, .districtOfficial]
    static let city: Set<Role> = [.cityAdministrator]

    struct Case {
        let method: HTTPMethod
        let path: String
        let template: String
        let allowed: Set<Role>
        var json: [String: Any]? = nil
    }

    static func setUp(_ app: Vapor.Application) async throws -> (staff: String, draft: String) {
        try await makeAccount(app, "keeper", .streetOfficial, streetA)
        try await makeAccount(app, "mayor", .cityAdministrator, "4404")
        let made = try await app.api(.POST, "/api/v1/workforce/staff", token: try await app.token("keeper"),
                                     json: WorkforceFixture.record(username: nil, serviceSince: "2015-01-01"))
        let staff = try #require((made.object["record"] as? [String: Any])?["id"] as? String, "\(made.body)")
        let draft = try #require(try await app.api(.POST, "/api/v1/workforce/rule-sets", token: try await app.token("mayor"),
                                                   json: RuleSetTests.table(.sanGangShiBaJi)).object["id"] as? String)
        return (staff, draft)
    }

    @Test func everyRouteWithEveryRole() async throws {
        try await withShequ { app in
            let (staff, draft) = try await Self.setUp(app)
            let year = LocalDate(instant: Date()).components.year
            let cases = [
                Case(method: .GET, path: "/api/v1/workforce/staff", template: "workforce/staff", allowed: Self.officials),
                Case(method: .POST, path: "/api/v1/workforce/staff", template: "workforce/staff", allowed: Self.keepers,
                     json: WorkforceFixture.record(username: nil, post: "chief", serviceSince: "2015-01-01")),
                Case(method: .GET, path: "/api/v1/workforce/staff/\(staff)", template: "workforce/staff/:id", allowed: Self.officials),
                Case(method: .POST, path: "/api/v1/workforce/staff/\(staff)/contract", template: "workforce/staff/:id/contract", allowed: Self.keepers,
                     json: ["weeklyHours": 40, "education": "secondary"]),
                Case(method: .POST, path: "/api/v1/workforce/staff/\(staff)/rotations", template: "workforce/staff/:id/rotations", allowed: Self.keepers,
                     json: ["divisionCode": communityA, "post": "staff", "startsOn": "2025-01-01", "reason": "走查"]),
                Case(method: .POST, path: "/api/v1/workforce/staff/\(staff)/training", template: "workforce/staff/:id/training", allowed: Self.keepers,
                     json: ["title": "走查", "provider": "走查", "hours": 1, "completedOn": "2999-01-01"]),
                Case(method: .POST, path: "/api/v1/workforce/staff/\(staff)/certificates", template: "workforce/staff/:id/certificates", allowed: Self.keepers,
                     json: ["title": "走查", "number": "1", "issuedOn": "2999-01-01"]),
                Case(method: .POST, path: "/api/v1/workforce/staff/\(staff)/appraisals", template: "workforce/staff/:id/appraisals", allowed: Self.keepers,
                     json: ["year": year, "result": "competent"]),
                Case(method: .GET, path: "/api/v1/communities/\(communityA)/staff", template: "communities/:code/staff", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/workforce/workload", template: "workforce/workload", allowed: Self.officials),
                Case(method: .GET, path: "/api/v1/workforce/rule-sets", template: "workforce/rule-sets", allowed: Self.everyone),
                Case(method: .POST, path: "/api/v1/workforce/rule-sets", template: "workforce/rule-sets", allowed: Self.city,
                     json: RuleSetTests.table(.sanGangShiBaJi, name: "走查")),
                Case(method: .GET, path: "/api/v1/workforce/rule-sets/\(draft)/preview", template: "workforce/rule-sets/:id/preview", allowed: Self.city),
                Case(method: .POST, path: "/api/v1/workforce/rule-sets/\(draft)/adopt", template: "workforce/rule-sets/:id/adopt", allowed: Self.city),
            ]
            // The worker's own record: every walking account has none, so 404 for all (not a refusal to log).
            let walked = Set(cases.map { "\($0.method.rawValue) api/v1/\($0.template)" } + ["GET api/v1/me/workforce"])
            for route in app.routes.all where route.shequModule == "workforce" && route.path.first?.description == "api" {
                let key = "\(route.method.rawValue) " + route.path.map(\.description).joined(separator: "/")
                #expect(walked.contains(key), "\(key) is not walked")
            }
            for role in Role.allCases {
                let username = "walk.\(role.rawValue)".lowercased()
                try await makeAccount(app, username, role, walkScopes[role] ?? communityA)
                let token = try await app.token(username)
                #expect(try await app.api(.GET, "/api/v1/me/workforce", token: token).status == .notFound)
                for c in cases {
                    let before = try await denied(app)
                    let res = try await app.api(c.method, c.path, token: token, json: c.json)
                    #expect(res.status.code < 500, "\(role) \(c.method) \(c.path) → \(res.status) \(res.body)")
                    let refused = res.status == .forbidden || res.status == .notFound
                    if c.allowed.contains(role) {
                        #expect(!refused && res.status != .unauthorized, "\(role) should be allowed \(c.method) \(c.path), got \(res.status) \(res.body)")
                    } else {
                        #expect(refused, "\(role) should be refused \(c.method) \(c.path), got \(res.status) \(res.body)")
                        #expect(try await denied(app) > before, "\(role) was refused \(c.method) \(c.path) without an audit entry")
                    }
                }
            }
            for c in cases where !c.allowed.isSuperset(of: Self.everyone) || c.method == .POST {
                #expect(try await app.api(c.method, c.path, json: c.json).status == .unauthorized, "\(c.method) \(c.path) without a token")
            }
            #expect(try await StaffRecord.query(on: app.db).count() == 1)
            #expect(try await StaffAppraisal.query(on: app.db).count() == 0)
            #expect(try await StaffPosting.query(on: app.db).count() == 1)
        }
    }

    @Test func everyPageWithEveryRole() async throws {
        try await withShequ { app in
            let (staff, draft) = try await Self.setUp(app)
            let year = LocalDate(instant: Date()).components.year
            var record: [String: String] = [:]
            for (k, v) in WorkforceFixture.record(username: nil, post: "chief", serviceSince: "2015-01-01") { record[k] = "\(v)" }
            let cases: [(HTTPMethod, String, String, Set<Role>, [String: String])] = [
                (.GET, "/workforce", "workforce", Self.officials, [:]),
                (.GET, "/workforce/staff.csv", "workforce/staff.csv", Self.officials, [:]),
                (.GET, "/workforce/staff/new", "workforce/staff/new", Self.keepers, [:]),
                (.POST, "/workforce/staff", "workforce/staff", Self.keepers, record),
                (.GET, "/workforce/staff/\(staff)", "workforce/staff/:id", Self.officials, [:]),
                (.POST, "/workforce/staff/\(staff)/contract", "workforce/staff/:id/contract", Self.keepers, ["weeklyHours": "40", "education": "secondary"]),
                (.POST, "/workforce/staff/\(staff)/rotations", "workforce/staff/:id/rotations", Self.keepers,
                 ["divisionCode": communityA, "post": "staff", "startsOn": "2025-01-01", "reason": "走查"]),
                (.POST, "/workforce/staff/\(staff)/training", "workforce/staff/:id/training", Self.keepers,
                 ["title": "走查", "provider": "走查", "hours": "1", "completedOn": "2999-01-01"]),
                (.POST, "/workforce/staff/\(staff)/certificates", "workforce/staff/:id/certificates", Self.keepers,
                 ["title": "走查", "number": "1", "issuedOn": "2999-01-01"]),
                (.POST, "/workforce/staff/\(staff)/appraisals", "workforce/staff/:id/appraisals", Self.keepers, ["year": "\(year)", "result": "competent"]),
                (.GET, "/workforce/me", "workforce/me", Self.everyone, [:]),
                (.GET, "/workforce/workload", "workforce/workload", Self.officials, [:]),
                (.GET, "/workforce/workload.csv", "workforce/workload.csv", Self.officials, [:]),
                (.GET, "/workforce/rules", "workforce/rules", Self.everyone, [:]),
                (.POST, "/workforce/rules", "workforce/rules", Self.city,
                 ["name": "走查", "posts": "head seven 18 正职 Head", "stepYears": "3", "payBands": "3600"]),
                (.GET, "/workforce/rules/\(draft)", "workforce/rules/:id", Self.city, [:]),
                (.GET, "/workforce/rules/\(draft)/moves.csv", "workforce/rules/:id/moves.csv", Self.city, [:]),
                (.POST, "/workforce/rules/\(draft)/adopt", "workforce/rules/:id/adopt", Self.city, [:]),
                (.GET, "/communities/\(communityA)/staff", "communities/:code/staff", Self.everyone, [:]),
                (.GET, "/communities/\(communityA)/staff.csv", "communities/:code/staff.csv", Self.everyone, [:]),
            ]
            let walked = Set(cases.map { "\($0.0.rawValue) \($0.2)" })
            for route in app.routes.all where route.shequModule == "workforce" && route.path.first?.description != "api" {
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
            #expect(try await StaffRecord.query(on: app.db).count() == 1)
            #expect(try await StaffAppraisal.query(on: app.db).count() == 0)
        }
    }
}
