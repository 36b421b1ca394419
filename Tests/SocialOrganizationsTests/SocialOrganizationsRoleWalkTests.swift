import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SocialOrganizations

/// Every API route of the module with every role: the hand-written matrix is the specification the policy is
/// checked against, and every refusal of a signed-in role is in the audit log.
@Suite struct SocialOrganizationsRoleWalkTests {
    static let everyone = Set(Role.allCases)
    static let reviewers: Set<Role> = [.streetOfficial, .districtOfficial]

    struct Case {
        let method: HTTPMethod
        let path: String
        let template: String
        let allowed: Set<Role>
        var json: [String: Any]? = nil
    }

    @Test func everyRouteWithEveryRole() async throws {
        try await withShequ { app in
            try await makeAccount(app, "filer", .resident, communityA)
            let filer = try await app.token("filer")
            let filed = try await app.api(.POST, "/api/v1/organization-filings", token: filer, json: FilingFixture.json("走查服务队"))
            let waiting = try #require(filed.object["id"] as? String, "\(filed.body)")
            let done = try #require(try await app.api(.POST, "/api/v1/organization-filings", token: filer, json: FilingFixture.json("走查已定服务队"))
                .object["id"] as? String)
            try await makeAccount(app, "reviewer", .streetOfficial, streetA)
            let reviewer = try await app.token("reviewer")
            #expect(try await app.api(.POST, "/api/v1/organization-filings/\(done)/approve", token: reviewer, json: [:]).status == .ok)
            let org = try #require(try await app.api(.GET, "/api/v1/organization-filings/\(done)", token: reviewer).object["organizationID"] as? String)

            // Deciding without a reason is refused by the rules (422) only after the policy let the role in;
            // deciding a decided filing is a 409 for a reviewer and no one else's business.
            let cases = [
                Case(method: .GET, path: "/api/v1/social-organizations", template: "social-organizations", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/social-organizations/\(org)", template: "social-organizations/:id", allowed: Self.everyone),
                Case(method: .POST, path: "/api/v1/organization-filings", template: "organization-filings", allowed: [.resident],
                     json: FilingFixture.json("走查新服务队")),
                Case(method: .GET, path: "/api/v1/organization-filings", template: "organization-filings", allowed: Self.reviewers),
                Case(method: .GET, path: "/api/v1/me/organization-filings", template: "me/organization-filings", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/organization-filings/\(waiting)", template: "organization-filings/:id", allowed: Self.reviewers),
                Case(method: .POST, path: "/api/v1/organization-filings/\(waiting)/refuse", template: "organization-filings/:id/refuse",
                     allowed: Self.reviewers, json: [:]),
                Case(method: .POST, path: "/api/v1/organization-filings/\(waiting)/return", template: "organization-filings/:id/return",
                     allowed: Self.reviewers, json: [:]),
                Case(method: .POST, path: "/api/v1/organization-filings/\(done)/approve", template: "organization-filings/:id/approve",
                     allowed: Self.reviewers, json: [:]),
                // C3: the record, the class and the lists are public; the street records; only the organisation's staff report.
                Case(method: .GET, path: "/api/v1/social-organizations/abnormal", template: "social-organizations/abnormal", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/social-organizations/dishonest", template: "social-organizations/dishonest", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/social-organizations/\(org)/supervision", template: "social-organizations/:id/supervision",
                     allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/social-organizations/\(org)/integrity-entries", template: "social-organizations/:id/integrity-entries",
                     allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/social-organizations/\(org)/annual-reports", template: "social-organizations/:id/annual-reports",
                     allowed: Self.everyone),
                Case(method: .POST, path: "/api/v1/social-organizations/\(org)/integrity-entries", template: "social-organizations/:id/integrity-entries",
                     allowed: Self.reviewers, json: IntegrityFixture.entry()),
                Case(method: .POST, path: "/api/v1/social-organizations/\(org)/annual-reports", template: "social-organizations/:id/annual-reports",
                     allowed: [], json: IntegrityFixture.report()),
                Case(method: .POST, path: "/api/v1/social-organizations/\(org)/list-removals", template: "social-organizations/:id/list-removals",
                     allowed: Self.reviewers, json: ["list": "abnormal", "rectification": "走查"]),
                Case(method: .GET, path: "/api/v1/social-organizations/removal-applications", template: "social-organizations/removal-applications",
                     allowed: Self.reviewers),
                Case(method: .POST, path: "/api/v1/social-organizations/\(org)/removal-applications", template: "social-organizations/:id/removal-applications",
                     allowed: [], json: ["list": "abnormal", "rectification": "走查"]),
                // C4: the linkage and the projects are public; a partner's workers are its own and its street's (this organisation
                // is no partner, so the street's official is let in and then refused by the rules with 422).
                Case(method: .GET, path: "/api/v1/cross-border/linkage", template: "cross-border/linkage", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/joint-projects", template: "joint-projects", allowed: Self.everyone),
                Case(method: .GET, path: "/api/v1/social-organizations/\(org)/partner-workers", template: "social-organizations/:id/partner-workers",
                     allowed: Self.reviewers),
                Case(method: .POST, path: "/api/v1/social-organizations/\(org)/partner-workers", template: "social-organizations/:id/partner-workers",
                     allowed: Self.reviewers, json: ["name": "走查", "credentialKind": "travelPermit", "credentialNumber": "M12345678", "qualification": "走查"]),
                Case(method: .POST, path: "/api/v1/social-organizations/\(org)/joint-projects", template: "social-organizations/:id/joint-projects",
                     allowed: Self.reviewers, json: ["title": "走查", "summary": "走查", "streetCode": streetA, "startsOn": "2026-01-01"]),
                // Who acts for it: its street reads; only its own staff (no walking role) add or remove.
                Case(method: .GET, path: "/api/v1/social-organizations/\(org)/staff", template: "social-organizations/:id/staff", allowed: Self.reviewers),
                Case(method: .POST, path: "/api/v1/social-organizations/\(org)/staff", template: "social-organizations/:id/staff", allowed: [],
                     json: ["username": "filer"]),
                Case(method: .POST, path: "/api/v1/social-organizations/\(org)/staff/\(UUID())/remove",
                     template: "social-organizations/:id/staff/:accountID/remove", allowed: []),
            ]
            let walked = Set(cases.map { "\($0.method.rawValue) api/v1/\($0.template)" })
            for route in app.routes.all where route.shequModule == "socialOrganizations" && route.path.first?.description == "api" {
                let key = "\(route.method.rawValue) " + route.path.map(\.description).joined(separator: "/")
                #expect(walked.contains(key), "\(key) is not walked")
            }

            for role in Role.allCases {
                let username = "walk.\(role.rawValue)".lowercased()
                try await makeAccount(app, username, role, walkScopes[role] ?? communityA)
                let token = try await app.token(username)
                for c in cases {
                    let before = try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").count()
                    let res = try await app.api(c.method, c.path, token: token, json: c.json)
                    #expect(res.status.code < 500, "\(role) \(c.method) \(c.path) → \(res.status)")
                    let refused = res.status == .forbidden || res.status == .notFound
                    if c.allowed.contains(role) {
                        #expect(!refused && res.status != .unauthorized, "\(role) should be allowed \(c.method) \(c.path), got \(res.status) \(res.body)")
                    } else {
                        #expect(refused, "\(role) should be refused \(c.method) \(c.path), got \(res.status) \(res.body)")
                        let after = try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").count()
                        #expect(after > before, "\(role) was refused \(c.method) \(c.path) without an audit entry")
                    }
                }
            }
            for c in cases where !c.allowed.isSuperset(of: Self.everyone) || c.method == .POST {
                #expect(try await app.api(c.method, c.path, json: c.json).status == .unauthorized, "\(c.method) \(c.path) without a token")
            }
            #expect(try await Filing.find(UUID(uuidString: waiting), on: app.db)?.state == .submitted)
        }
    }

    /// The pages and their forms, with every role signed in: the same matrix as the API's, since the forms post to
    /// the API's handlers; every route of the module's pages is in it.
    @Test func everyPageWithEveryRole() async throws {
        try await withShequ { app in
            try await makeAccount(app, "filer", .resident, communityA)
            let filer = try await app.token("filer")
            let waiting = try #require(try await app.api(.POST, "/api/v1/organization-filings", token: filer, json: FilingFixture.json("页面走查服务队"))
                .object["id"] as? String)
            let done = try #require(try await app.api(.POST, "/api/v1/organization-filings", token: filer, json: FilingFixture.json("页面走查已定"))
                .object["id"] as? String)
            try await makeAccount(app, "reviewer", .streetOfficial, streetA)
            let reviewer = try await app.token("reviewer")
            let org = try #require(try await app.api(.POST, "/api/v1/organization-filings/\(done)/approve", token: reviewer, json: [:])
                .object["organizationID"] as? String)
            let form = ["name": "页面走查新服务队", "category": "other", "streetCode": streetA, "communities[]": communityA, "purpose": "走查",
                        "contactName": "走查", "contactPhone": FilingFixture.phone, "members": "3"]
            let cases: [(HTTPMethod, String, String, Set<Role>, [String: String])] = [
                (.GET, "/social-organizations", "social-organizations", Self.everyone, [:]),
                (.GET, "/social-organizations.csv", "social-organizations.csv", Self.everyone, [:]),
                (.GET, "/social-organizations/\(org)", "social-organizations/:id", Self.everyone, [:]),
                (.GET, "/organization-filings", "organization-filings", Self.reviewers, [:]),
                (.GET, "/organization-filings/new", "organization-filings/new", [.resident], [:]),
                (.GET, "/organization-filings/mine", "organization-filings/mine", Self.everyone, [:]),
                (.GET, "/organization-filings/\(waiting)", "organization-filings/:id", Self.reviewers, [:]),
                (.POST, "/organization-filings", "organization-filings", [.resident], form),
                (.POST, "/organization-filings/\(waiting)/refuse", "organization-filings/:id/refuse", Self.reviewers, ["reason": ""]),
                (.POST, "/organization-filings/\(waiting)/return", "organization-filings/:id/return", Self.reviewers, ["reason": ""]),
                (.POST, "/organization-filings/\(done)/approve", "organization-filings/:id/approve", Self.reviewers, [:]),
                (.GET, "/social-organizations/abnormal", "social-organizations/abnormal", Self.everyone, [:]),
                (.GET, "/social-organizations/dishonest", "social-organizations/dishonest", Self.everyone, [:]),
                (.GET, "/social-organizations/abnormal.csv", "social-organizations/abnormal.csv", Self.everyone, [:]),
                (.GET, "/social-organizations/dishonest.csv", "social-organizations/dishonest.csv", Self.everyone, [:]),
                (.GET, "/social-organizations/\(org)/annual-reports/new", "social-organizations/:id/annual-reports/new", [], [:]),
                (.POST, "/social-organizations/\(org)/annual-reports", "social-organizations/:id/annual-reports", [],
                 ["year": "2024", "activities": "走查", "members": "3"]),
                (.POST, "/social-organizations/\(org)/integrity-entries", "social-organizations/:id/integrity-entries", Self.reviewers,
                 ["kind": "good", "source": "inspection", "summary": "走查", "evidence": "走查", "occurredOn": "2025-01-02"]),
                (.POST, "/social-organizations/\(org)/list-removals", "social-organizations/:id/list-removals", Self.reviewers,
                 ["list": "abnormal", "rectification": "走查"]),
                (.GET, "/social-organizations/removal-applications", "social-organizations/removal-applications", Self.reviewers, [:]),
                (.POST, "/social-organizations/\(org)/removal-applications", "social-organizations/:id/removal-applications", [],
                 ["list": "abnormal", "rectification": "走查"]),
                (.GET, "/cross-border", "cross-border", Self.everyone, [:]),
                (.GET, "/cross-border/joint-projects.csv", "cross-border/joint-projects.csv", Self.everyone, [:]),
                (.GET, "/social-organizations/\(org)/cross-border", "social-organizations/:id/cross-border", Self.reviewers, [:]),
                (.POST, "/social-organizations/\(org)/partner-workers", "social-organizations/:id/partner-workers", Self.reviewers,
                 ["name": "走查", "credentialKind": "travelPermit", "credentialNumber": "M12345678", "qualification": "走查"]),
                (.POST, "/social-organizations/\(org)/joint-projects", "social-organizations/:id/joint-projects", Self.reviewers,
                 ["title": "走查", "summary": "走查", "streetCode": streetA, "startsOn": "2026-01-01"]),
                (.GET, "/social-organizations/\(org)/staff", "social-organizations/:id/staff", Self.reviewers, [:]),
                (.POST, "/social-organizations/\(org)/staff", "social-organizations/:id/staff", [], ["username": "filer"]),
                (.POST, "/social-organizations/\(org)/staff/\(UUID())/remove", "social-organizations/:id/staff/:accountID/remove", [], [:]),
            ]
            let walked = Set(cases.map { "\($0.0.rawValue) \($0.2)" })
            for route in app.routes.all where route.shequModule == "socialOrganizations" && route.path.first?.description != "api" {
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
            #expect(try await Filing.find(UUID(uuidString: waiting), on: app.db)?.state == .submitted)
            #expect(try await Filing.query(on: app.db).filter(\.$name == "页面走查新服务队").count() == 1)
        }
    }
}
