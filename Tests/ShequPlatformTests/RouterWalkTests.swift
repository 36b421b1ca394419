import Fluent
import Foundation
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import ShequPlatform

/// Every route the router knows, with every demo role and with none: a route added
/// by any module is walked here without anyone listing it.
@Suite struct RouterWalkTests {
    /// The platform's own plumbing, registered outside any module.
    static let plumbing: Set<String> = ["GET /assets/shequ.css", "POST /preferences", "GET /healthz", "GET /metrics", "GET /api/v1/openapi.json"]

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    /// Real values where a path names a place or an application, a well-formed unknown id elsewhere.
    static func fill(_ route: Route, tracking: String) -> String {
        "/" + route.path.map { component -> String in
            guard case .parameter(let name) = component else { return component.description }
            switch name {
            case "code": return communityA
            case "trackingNumber": return tracking
            default: return UUID().uuidString
            }
        }.joined(separator: "/")
    }

    @Test func everyRouteBelongsToAModuleAndNoRoleMakesAnyFail() async throws {
        try await withShequ { app in
            _ = try await DemoCommand.fill(app)
            for module in app.shequModules { _ = try await module.demo(app) }
            let tracking = try await (app.db as! any SQLDatabase).raw("SELECT tracking_number FROM applications LIMIT 1")
                .first()?.decode(column: "tracking_number", as: String.self) ?? "0000000000"

            let routes = app.routes.all.filter { !Self.plumbing.contains(Self.key($0)) }
            #expect(routes.count > 100)
            for route in routes {
                #expect(route.shequModule != nil, "\(Self.key(route)) was registered outside any module")
            }

            // Without an account: the API asks for a token, pages never fail.
            for route in routes where route.method != .DELETE {
                let path = Self.fill(route, tracking: tracking)
                let res = try await app.api(route.method, path, json: route.method == .GET ? nil : [:])
                #expect(res.status.code < 500, "anonymous \(Self.key(route)) → \(res.status)")
            }

            for (username, role, _) in DemoCommand.staff {
                let token = try await app.token(username, DemoCommand.password)
                let browser = Browser(app)
                try await browser.signIn(username, DemoCommand.password)
                _ = try await browser.get("/")
                for route in routes where route.method != .DELETE {
                    let path = Self.fill(route, tracking: tracking)
                    let denied = try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").count()
                    let res: APIResult
                    if route.path.first?.description == "api" {
                        res = try await app.api(route.method, path, token: token, json: route.method == .GET ? nil : [:])
                    } else if route.method == .GET {
                        res = try await browser.get(path)
                        _ = try await browser.get("/")
                    } else {
                        res = try await browser.post(path, form: [:])
                        _ = try await browser.get("/")
                    }
                    #expect(res.status.code < 500, "\(role) \(Self.key(route)) → \(res.status) \(res.body.prefix(200))")
                    // Open311 names its caller by an api_key in the request, which this walk does not send.
                    if res.status == .forbidden && route.path.first?.description != "open311" {
                        let after = try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").count()
                        #expect(after > denied, "\(role) was refused \(Self.key(route)) without an audit entry: \(res.body.prefix(200))")
                    }
                }
            }
            #expect(try await app.api(.GET, "/healthz").status == .ok)
        }
    }
}
