import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Staff of one street must not read, search, count, export or guess their way into another street's residents.
@Suite struct JurisdictionTests {
    @Test func streetStaffSeeOnlyTheirOwnStreet() async throws {
        try await withShequ { app in
            try await makeAccount(app, "center.a", .centerStaff, streetA)
            try await makeAccount(app, "center.b", .centerStaff, streetB)
            let a = try await app.token("center.a"), b = try await app.token("center.b")
            let inA = try await app.api(.POST, "/api/v1/residents", token: a, json: residentJSON(communityA, "甲", "44040219800101123", phone: "13800138000"))
            let inB = try await app.api(.POST, "/api/v1/residents", token: b, json: residentJSON(communityB, "乙", "44040219810101123", phone: "13900139000"))
            let idB = try #require(inB.object["id"] as? String)
            #expect(inA.status == .created)

            let list = try await app.api(.GET, "/api/v1/residents", token: a)
            #expect(list.object["total"] as? Int == 1)
            #expect((list.object["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["甲"])
            for q in [validID("44040219810101123"), "13900139000", "乙"] {
                let found = try await app.api(.GET, "/api/v1/residents?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: a)
                #expect(found.object["total"] as? Int == 0, "search \(q) leaked")
            }
            let scoped = try await app.api(.GET, "/api/v1/residents?community=\(communityB)", token: a)
            #expect(scoped.object["total"] as? Int == 0)
            #expect(try await app.api(.GET, "/api/v1/residents/\(idB)", token: a).status == .notFound)
            #expect(try await app.api(.PATCH, "/api/v1/residents/\(idB)", token: a, json: ["name": "改"]).status == .notFound)
            #expect(try await app.api(.POST, "/api/v1/residents/\(idB)/move", token: a, json: ["divisionCode": communityA]).status == .notFound)
            #expect(try await app.api(.POST, "/api/v1/residents/\(idB)/reveal", token: a).status == .notFound)
            let export = try await app.api(.GET, "/api/v1/residents/export", token: a)
            #expect(export.status == .ok)
            #expect(export.body.contains("甲"))
            #expect(!export.body.contains("乙"))
            #expect(!export.body.contains(validID("44040219800101123")))

            // Creating in, or moving into, another street is refused too.
            let create = try await app.api(.POST, "/api/v1/residents", token: a, json: residentJSON(communityB, "丙", "44040219820101123"))
            #expect(create.status == .forbidden)
            let idA = try #require(inA.object["id"] as? String)
            #expect(try await app.api(.POST, "/api/v1/residents/\(idA)/move", token: a, json: ["divisionCode": communityB]).status == .forbidden)
            #expect(try await app.api(.GET, "/api/v1/residents/\(idA)", token: a).object["divisionCode"] as? String == communityA)

            // Every refusal was logged with who tried.
            let denied = try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").all()
            #expect(denied.count >= 5)
            #expect(Set(denied.map(\.actor)) == ["center.a"])
            // Nothing about B changed.
            #expect(try await app.api(.GET, "/api/v1/residents/\(idB)", token: b).object["name"] as? String == "乙")
        }
    }

    @Test func residentSeesOnlyTheirOwnRecord() async throws {
        try await withShequ { app in
            let admin = try await app.token("admin", adminPassword)
            let me = try await app.api(.POST, "/api/v1/residents", token: admin, json: residentJSON(communityA, "本人", "44040219800101123"))
            let other = try await app.api(.POST, "/api/v1/residents", token: admin, json: residentJSON(communityA, "邻居", "44040219810101123"))
            let myID = try #require(UUID(uuidString: me.object["id"] as? String ?? ""))
            try await makeAccount(app, "resident", .resident, communityA, residentID: myID)
            let token = try await app.token("resident")
            #expect(try await app.api(.GET, "/api/v1/residents/\(myID)", token: token).status == .ok)
            #expect(try await app.api(.GET, "/api/v1/residents/\(other.object["id"] as! String)", token: token).status == .notFound)
            #expect(try await app.api(.GET, "/api/v1/residents", token: token).status == .forbidden)
            #expect(try await app.api(.PATCH, "/api/v1/residents/\(myID)", token: token, json: ["name": "x"]).status == .notFound)
        }
    }
}

/// Walks every API route with every role. The expected matrix is written out
/// here by hand: it is the specification the policy is checked against.
@Suite struct RoleWalkTests {
    static let window: Set<Role> = [.communityStaff, .stationStaff, .centerStaff]
    static let readers: Set<Role> = window.union([.streetOfficial, .districtOfficial, .cityAdministrator])
    static let everyone = Set(Role.allCases)
    /// An office's staff: organisation staff and party officers act for their body, not an office, and read no directory.
    static let staff = everyone.subtracting([.resident, .organizationStaff, .partyOfficer])

    struct Case {
        let method: HTTPMethod
        let path: String
        let allowed: Set<Role>
        var json: [String: Any]? = nil
    }

    static func cases(resident: String, household: String, department: String) -> [Case] {
        [
            Case(method: .GET, path: "/api/v1/residents", allowed: readers),
            Case(method: .GET, path: "/api/v1/residents/\(resident)", allowed: readers),
            Case(method: .PATCH, path: "/api/v1/residents/\(resident)", allowed: window.union([.cityAdministrator]), json: ["residency": "migrant"]),
            Case(method: .POST, path: "/api/v1/residents/\(resident)/move", allowed: window.union([.cityAdministrator]), json: ["divisionCode": communityA]),
            Case(method: .POST, path: "/api/v1/residents/\(resident)/reveal", allowed: window),
            Case(method: .GET, path: "/api/v1/residents/export", allowed: readers),
            Case(method: .POST, path: "/api/v1/residents", allowed: window.union([.cityAdministrator]),
                 json: ["divisionCode": communityA, "name": "走查", "idNumber": "bad", "residency": "registered"]),
            Case(method: .GET, path: "/api/v1/households", allowed: readers),
            Case(method: .GET, path: "/api/v1/households/\(household)", allowed: readers),
            Case(method: .POST, path: "/api/v1/households", allowed: window.union([.cityAdministrator]),
                 json: ["divisionCode": communityA, "address": ""]),
            Case(method: .PATCH, path: "/api/v1/households/\(household)", allowed: window.union([.cityAdministrator]),
                 json: ["address": "1栋"]),
            Case(method: .POST, path: "/api/v1/households/\(household)/move", allowed: window.union([.cityAdministrator]),
                 json: ["divisionCode": communityA, "address": ""]),
            Case(method: .GET, path: "/api/v1/residents-groups", allowed: readers),
            Case(method: .POST, path: "/api/v1/residents-groups", allowed: window.union([.cityAdministrator]),
                 json: ["divisionCode": communityA, "name": ""]),
            Case(method: .GET, path: "/api/v1/buildings", allowed: readers),
            Case(method: .POST, path: "/api/v1/buildings", allowed: window.union([.cityAdministrator]),
                 json: ["divisionCode": communityA, "name": ""]),
            Case(method: .GET, path: "/api/v1/organizations", allowed: staff),
            Case(method: .POST, path: "/api/v1/organizations", allowed: window.union([.streetOfficial, .districtOfficial, .cityAdministrator]),
                 json: ["kind": "unit", "name": "", "category": "", "contact": "", "divisionCode": communityA]),
            Case(method: .GET, path: "/api/v1/departments", allowed: everyone),
            Case(method: .POST, path: "/api/v1/departments", allowed: [.cityAdministrator], json: ["name": "", "divisionCode": "4404"]),
            Case(method: .GET, path: "/api/v1/outposts", allowed: everyone),
            Case(method: .POST, path: "/api/v1/outposts", allowed: [.cityAdministrator],
                 json: ["departmentID": department, "divisionCode": communityA, "name": ""]),
            Case(method: .GET, path: "/api/v1/accounts", allowed: [.cityAdministrator]),
            Case(method: .POST, path: "/api/v1/accounts", allowed: [.cityAdministrator],
                 json: ["username": "x", "password": "y", "displayName": "z", "role": "resident", "scope": communityA]),
            // A resident's id is no account's: the administrator's 404, everyone else's 403.
            Case(method: .GET, path: "/api/v1/accounts/\(resident)", allowed: [.cityAdministrator]),
            Case(method: .POST, path: "/api/v1/accounts/\(resident)/disable", allowed: [.cityAdministrator]),
            Case(method: .POST, path: "/api/v1/accounts/\(resident)/enable", allowed: [.cityAdministrator]),
            Case(method: .POST, path: "/api/v1/accounts/\(resident)/grants", allowed: [.cityAdministrator], json: ["role": "resident", "scope": communityA]),
            Case(method: .DELETE, path: "/api/v1/accounts/\(resident)/grants/:grantID", allowed: [.cityAdministrator]),
            Case(method: .POST, path: "/api/v1/accounts/\(resident)/password-reset", allowed: [.cityAdministrator]),
            Case(method: .POST, path: "/api/v1/accounts/\(resident)/second-factor-reset", allowed: [.cityAdministrator]),
            Case(method: .POST, path: "/api/v1/me/password", allowed: everyone, json: ["currentPassword": "wrong", "newPassword": "x"]),
            Case(method: .GET, path: "/api/v1/audit/verify", allowed: [.cityAdministrator, .leadingGroupOffice]),
            Case(method: .GET, path: "/api/v1/me", allowed: everyone),
            Case(method: .POST, path: "/api/v1/residents/import", allowed: window.union([.cityAdministrator])),
            Case(method: .DELETE, path: "/api/v1/auth/token", allowed: []),
        ]
    }

    static let scopes = walkScopes

    @Test func everyRouteWithEveryRole() async throws {
        try await withShequ { app in
            let admin = try await app.token("admin", adminPassword)
            let resident = try await app.api(.POST, "/api/v1/residents", token: admin, json: residentJSON(communityA, "走查", "44040219800101123"))
            let household = try await app.api(.POST, "/api/v1/households", token: admin, json: ["divisionCode": communityA, "address": "1栋"])
            let department = try await app.api(.POST, "/api/v1/departments", token: admin, json: ["name": "民政局", "divisionCode": "4404"])
            let cases = Self.cases(resident: resident.object["id"] as! String, household: household.object["id"] as! String,
                                   department: department.object["id"] as! String)

            // Every registered API route that needs a token is in the walk, so a new route cannot skip it.
            let walked = Set(cases.map { "\($0.method.rawValue) \($0.path.replacingOccurrences(of: resident.object["id"] as! String, with: ":id").replacingOccurrences(of: household.object["id"] as! String, with: ":id"))" })
            let publicRoutes: Set<String> = ["POST /api/v1/auth/token", "GET /api/v1/openapi.json", "GET /api/v1/divisions/:code", "GET /api/v1/divisions/:code/children",
                                                 "GET /api/v1/delegated-powers", "GET /api/v1/delegated-powers/export",
                                                 // Granting and revoking, with every role refused and audited: DelegatedPowerTests.
                                                 "POST /api/v1/delegated-powers", "POST /api/v1/delegated-powers/:id/revoke"]
            for route in app.routes.all where route.path.first?.description == "api" && !ownedByOtherModules(route) {
                let key = "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
                #expect(walked.contains(key) || publicRoutes.contains(key), "\(key) is not walked")
            }

            for role in Role.allCases {
                try await makeAccount(app, "walk.\(role.rawValue)", role, Self.scopes[role]!)
                let token = try await app.token("walk.\(role.rawValue)".lowercased())
                for c in cases {
                    let res: APIResult
                    if c.path.hasSuffix("/import") {
                        res = try await app.api(c.method, c.path, token: token, raw: "community_code\n", contentType: HTTPMediaType(type: "text", subType: "csv"))
                    } else if c.method == .DELETE {
                        continue
                    } else {
                        res = try await app.api(c.method, c.path, token: token, json: c.json)
                    }
                    let refused = res.status == .forbidden || (res.status == .notFound && c.path.contains("/api/v1/residents/") || res.status == .notFound && c.path.contains("/households/"))
                    if c.allowed.contains(role) {
                        #expect(!refused && res.status != .unauthorized, "\(role) should be allowed \(c.method) \(c.path), got \(res.status) \(res.body)")
                    } else {
                        #expect(refused, "\(role) should be refused \(c.method) \(c.path), got \(res.status) \(res.body)")
                    }
                }
                // Without a token every non-public route answers 401.
            }
            for c in cases where c.method != .DELETE {
                let res = try await app.api(c.method, c.path, json: c.json)
                #expect(res.status == .unauthorized, "\(c.method) \(c.path) without a token gave \(res.status)")
            }
        }
    }
}

/// Routes other modules register are walked by those modules' own tests; the router says whose each is.
func ownedByOtherModules(_ route: Route) -> Bool {
    !["platform", "directory", nil].contains(route.shequModule)
}
