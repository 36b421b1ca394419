import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

@Suite struct FoundationTests {
    @Test func healthReportsTheDatabase() async throws {
        try await withShequ { app in
            let res = try await app.api(.GET, "/healthz")
            #expect(res.status == .ok)
            #expect(res.object["status"] as? String == "ok")
            #expect(["sqlite", "postgresql"].contains(res.object["database"] as? String ?? ""))
        }
    }

    @Test func metricsCountRequestsInPrometheusText() async throws {
        // The in-memory tester has no peer address, so not loopback: open /metrics as an operator would.
        try await withShequ(adjust: { $0.metricsPublic = true }) { app in
            _ = try await app.api(.GET, "/api/v1/divisions/4404")
            let res = try await app.api(.GET, "/metrics")
            #expect(res.status == .ok)
            #expect(res.body.contains("# TYPE http_requests_total counter"))
            #expect(res.body.contains("path=\"/api/v1/divisions/:code\""))
        }
    }

    @Test func everyRequestCarriesARequestID() async throws {
        try await withShequ { app in
            let res = try await app.api(.GET, "/healthz")
            #expect(!(res.headers.first(name: "X-Request-Id") ?? "").isEmpty)
        }
    }

    @Test func loadsTheWholeCityIncludingThe2023Additions() async throws {
        try await withShequ { app in
            #expect(try await Division.query(on: app.db).filter(\.$level == .district).count() == 3)
            #expect(try await Division.query(on: app.db).filter(\.$level == .street).count() == 31)
            #expect(try await Division.query(on: app.db).filter(\.$level == .community).count() == 339 + 4)
            let city = try await app.api(.GET, "/api/v1/divisions/4404")
            #expect(city.object["name"] as? String == "珠海市")
            let districts = try await app.api(.GET, "/api/v1/divisions/4404/children")
            #expect(Set(districts.array.compactMap { $0["name"] as? String }) == ["香洲区", "斗门区", "金湾区"])
            let xiangshan = try await app.api(.GET, "/api/v1/divisions/440402001017")
            #expect(xiangshan.object["name"] as? String == "香山社区居民委员会")
        }
    }

    @Test func divisionLookupsRefuseUnknownAndMalformedCodes() async throws {
        try await withShequ { app in
            #expect(try await app.api(.GET, "/api/v1/divisions/440499").status == .notFound)
            let malformed = try await app.api(.GET, "/api/v1/divisions/abc")
            #expect(malformed.status == .unprocessableEntity)
            #expect(malformed.object["code"] as? String == "unknown_division")
        }
    }

    @Test func openAPIDocumentListsEveryRegisteredAPIRoute() async throws {
        try await withShequ { app in
            let res = try await app.api(.GET, "/api/v1/openapi.json")
            #expect(res.status == .ok)
            let doc = res.object
            #expect(doc["openapi"] as? String == "3.0.3")
            let paths = doc["paths"] as? [String: [String: Any]] ?? [:]
            let routes = app.routes.all.filter { $0.path.first?.description == "api" && $0.path.last?.description != "openapi.json" }
            #expect(routes.count > 20)
            for route in routes {
                let path = "/" + route.path.map { c -> String in
                    if case .parameter(let name) = c { return "{\(name)}" }
                    return c.description
                }.joined(separator: "/")
                let methods = paths[path]
                #expect(methods?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) is missing from openapi.json")
            }
        }
    }

    @Test func secretsAreGeneratedOnceWithOwnerOnlyPermissions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shequ-secrets-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try Secrets.load(dataDirectory: dir, environment: [:])
        let second = try Secrets.load(dataDirectory: dir, environment: [:])
        let attrs = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("secrets.json").path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let sealed = try PersonalDataVault(secrets: first).seal("440402198001011231")
        #expect(try PersonalDataVault(secrets: second).open(sealed) == "440402198001011231")
    }
}
