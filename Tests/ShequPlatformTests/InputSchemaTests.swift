import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Bounds are declared once: the OpenAPI document publishes them and both doors
/// (the JSON route and the page form) enforce them, before anything is written.
@Suite struct InputSchemaTests {
    /// Every string has a maxLength, every number a minimum and maximum, every array a maxItems.
    static func unbounded(_ schema: [String: Any], at path: String) -> [String] {
        var out: [String] = []
        switch schema["type"] as? String {
        case "string" where schema["maxLength"] == nil: out.append(path)
        case "integer", "number":
            if schema["minimum"] == nil || schema["maximum"] == nil { out.append(path) }
        case "array":
            if schema["maxItems"] == nil { out.append(path) }
            if let items = schema["items"] as? [String: Any] { out += unbounded(items, at: path + "[]") }
        case "object":
            for (name, property) in schema["properties"] as? [String: [String: Any]] ?? [:] {
                out += unbounded(property, at: path + "." + name)
            }
            if let extra = schema["additionalProperties"] as? [String: Any] { out += unbounded(extra, at: path + ".*") }
            if schema["properties"] == nil && schema["additionalProperties"] == nil { out.append(path + " (free object)") }
        default: break
        }
        return out
    }

    @Test func everyPublishedInputAndParameterIsBounded() async throws {
        try await withShequ { app in
            let document = try #require(try await app.api(.GET, "/api/v1/openapi.json").json as? [String: Any])
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            var problems: [String] = []
            for (name, schema) in schemas where name != "Error" { problems += Self.unbounded(schema, at: name) }
            for (path, methods) in document["paths"] as? [String: [String: [String: Any]]] ?? [:] {
                for (method, op) in methods {
                    for parameter in op["parameters"] as? [[String: Any]] ?? [] {
                        problems += Self.unbounded(parameter["schema"] as? [String: Any] ?? [:],
                                                   at: "\(method) \(path) \(parameter["name"] ?? "")")
                    }
                    if let ref = (((op["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
                                  as? [String: Any])?["schema"] as? [String: String], let target = ref["$ref"] {
                        #expect(schemas[String(target.split(separator: "/").last ?? "")] != nil, "\(method) \(path) names \(target)")
                    }
                }
            }
            #expect(problems.isEmpty, "unbounded: \(problems.sorted())")
            // A roster names shifts only: the contracted hours it is checked against are the staff records'.
            let roster = try #require(schemas["RosterInput"]?["properties"] as? [String: Any])
            #expect(roster["contracts"] == nil)
            let shift = (roster["shifts"] as? [String: Any])?["items"] as? [String: Any]
            let weekday = (shift?["properties"] as? [String: Any])?["weekday"] as? [String: Any]
            #expect(weekday?["maximum"] as? Double == 7)
        }
    }

    @Test func thePageFormAndTheAPIRefuseTheSameValuesAndChangeNothing() async throws {
        try await withShequ { app in
            try await makeAccount(app, "staff.a", .communityStaff, communityA)
            let token = try await app.token("staff.a")
            let browser = Browser(app)
            try await browser.signIn("staff.a")
            _ = try await browser.get("/households")
            let before = try await app.count(Household.self)

            for address in [String(repeating: "路", count: 201), "中山路\u{0}1号"] {
                let api = try await app.api(.POST, "/api/v1/households", token: token,
                                            json: ["divisionCode": communityA, "address": address], headers: ["Accept-Language": "en"])
                #expect(api.status == .unprocessableEntity, "\(api.body)")
                #expect((api.object["reason"] as? String ?? "").contains("address"))
                let page = try await browser.post("/households", form: ["divisionCode": communityA, "address": address])
                #expect(page.status == .unprocessableEntity)
                #expect(page.body.contains("address"))
                _ = try await browser.get("/households")
            }
            // A number out of its bounds names the field in the reader's language.
            let zh = try await app.api(.POST, "/api/v1/residents", token: token, raw: #"{"divisionCode":"440402001001","name":"甲","idNumber":"1","residency":"registered","phone":12}"#)
            #expect(zh.status == .badRequest)
            #expect((zh.object["reason"] as? String ?? "").contains("字段类型不正确：phone"))
            #expect(try await app.count(Household.self) == before)
            #expect(try await app.count(Resident.self) == 0)
        }
    }

    @Test func documentedQueryParametersAreChecked() async throws {
        try await withShequ { app in
            let long = try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=" + String(repeating: "9", count: 500) + "&last4=1234")
            #expect(long.status == .unprocessableEntity)
            #expect(long.object["code"] as? String == "too_long")
            let token = try await app.token("admin", adminPassword)
            let page = try await app.api(.GET, "/api/v1/residents?page=9223372036854775807", token: token)
            #expect(page.status == .unprocessableEntity)
            #expect(page.object["code"] as? String == "out_of_range")
        }
    }
}
