import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import CommitteeOffice

/// Every route of the module with every role: the committee writes, it and its street read, no one else; every
/// refusal of a signed-in role over the API is in the audit log.
@Suite struct CommitteeOfficeRoleWalkTests {
    static let everyone = Set(Role.allCases)
    static let readers: Set<Role> = [.communityStaff, .streetOfficial]
    static let writers: Set<Role> = [.communityStaff]

    static var bodies: [OfficeKind: [String: Any]] { [
        .minutes: OfficeFixture.minutes, .duty: OfficeFixture.duty, .log: OfficeFixture.log,
        .documentReceived: OfficeFixture.received(deadline: 3), .documentSent: OfficeFixture.sent, .sealUse: OfficeFixture.seal,
    ] }

    static func document(_ app: Application) async throws -> String {
        try await makeAccount(app, "walk.clerk", .communityStaff, communityA)
        let res = try await app.api(.POST, "\(OfficeFixture.base)/documents-received", token: try await app.token("walk.clerk"),
                                    json: OfficeFixture.received(deadline: -1))
        return try #require(res.object["id"] as? String, "\(res.body)")
    }

    @Test func everyRouteWithEveryRole() async throws {
        try await withShequ { app in
            let doc = try await Self.document(app)
            var cases: [(HTTPMethod, String, String, Set<Role>, [String: Any]?)] = [
                (.GET, "\(OfficeFixture.base)/documents/overdue", "communities/:code/office/documents/overdue", Self.readers, nil),
                (.POST, "\(OfficeFixture.base)/documents/\(doc)/handled", "communities/:code/office/documents/:id/handled", Self.writers,
                 ["handledOn": OfficeFixture.day(0), "text": "走查办结"]),
            ]
            for kind in OfficeKind.listed {
                cases.append((.GET, "\(OfficeFixture.base)/\(kind.segment)", "communities/:code/office/\(kind.segment)", Self.readers, nil))
                cases.append((.POST, "\(OfficeFixture.base)/\(kind.segment)", "communities/:code/office/\(kind.segment)", Self.writers, Self.bodies[kind]))
            }
            let walked = Set(cases.map { "\($0.0.rawValue) api/v1/\($0.2)" })
            for route in app.routes.all where route.shequModule == "committeeOffice" && route.path.first?.description == "api" {
                let key = "\(route.method.rawValue) " + route.path.map(\.description).joined(separator: "/")
                #expect(walked.contains(key), "\(key) is not walked")
            }
            for role in Role.allCases {
                let username = "walk.\(role.rawValue)".lowercased()
                try await makeAccount(app, username, role, walkScopes[role] ?? communityA)
                let token = try await app.token(username)
                for (method, path, _, allowed, json) in cases {
                    let before = try await OfficeFixture.denied(app)
                    let res = try await app.api(method, path, token: token, json: json)
                    #expect(res.status.code < 500, "\(role) \(method) \(path) → \(res.status)")
                    let refused = res.status == .forbidden || res.status == .notFound
                    if allowed.contains(role) {
                        #expect(!refused && res.status != .unauthorized, "\(role) should be allowed \(method) \(path), got \(res.status) \(res.body)")
                    } else {
                        #expect(refused, "\(role) should be refused \(method) \(path), got \(res.status) \(res.body)")
                        #expect(try await OfficeFixture.denied(app) > before, "\(role) was refused \(method) \(path) without an audit entry")
                    }
                }
            }
            for (method, path, _, _, json) in cases {
                #expect(try await app.api(method, path, json: json).status == .unauthorized, "\(method) \(path) without a token")
            }
            // The committee's one walk wrote one entry of each kind and one handling; no one else wrote anything.
            #expect(try await app.count(OfficeEntry.self) == 1 + OfficeKind.listed.count + 1)
        }
    }

    @Test func everyPageWithEveryRole() async throws {
        try await withShequ { app in
            let doc = try await Self.document(app)
            let base = "/communities/\(communityA)/office"
            func form(_ json: [String: Any]?) -> [String: String] { (json ?? [:]).mapValues { "\($0)" } }
            var cases: [(HTTPMethod, String, String, Set<Role>, [String: String])] = [
                (.GET, base, "communities/:code/office", Self.readers, [:]),
                (.GET, "\(base)/overdue.csv", "communities/:code/office/overdue.csv", Self.readers, [:]),
                (.POST, "\(base)/documents/\(doc)/handled", "communities/:code/office/documents/:id/handled", Self.writers,
                 ["handledOn": OfficeFixture.day(0), "text": "走查办结"]),
            ]
            for kind in OfficeKind.listed {
                cases.append((.GET, "\(base)/\(kind.segment)", "communities/:code/office/\(kind.segment)", Self.readers, [:]))
                cases.append((.GET, "\(base)/\(kind.segment).csv", "communities/:code/office/\(kind.segment).csv", Self.readers, [:]))
                cases.append((.POST, "\(base)/\(kind.segment)", "communities/:code/office/\(kind.segment)", Self.writers, form(Self.bodies[kind])))
            }
            let walked = Set(cases.map { "\($0.0.rawValue) \($0.2)" })
            for route in app.routes.all where route.shequModule == "committeeOffice" && route.path.first?.description != "api" {
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
                        #expect(!refused && res.status != .unauthorized, "\(role) should be allowed \(method) \(path), got \(res.status) \(res.body.prefix(300))")
                    } else {
                        #expect(refused, "\(role) should be refused \(method) \(path), got \(res.status)")
                    }
                }
            }
            #expect(try await app.count(OfficeEntry.self) == 1 + OfficeKind.listed.count + 1)
        }
    }
}
