import Foundation
import SQLKit
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Issue 9, "Proof": every operation the published OpenAPI document lists gets
/// boundary values in every body field, query and path parameter, from roles
/// that may reach it. No answer may be a 5xx, and the server must still answer
/// afterwards (a trap would end this test process, which is the point).
@Suite struct BoundaryFuzzTests {
    /// Values that have broken servers: edges of the integers, a double no integer holds,
    /// very long and control-character text, wrong types, and ids that are not ids.
    nonisolated(unsafe) static let hostile: [Any] = [
        0, -1, Int64.max, -Int64.max, 1e300, String(repeating: "长", count: 10_000), "\u{0}\u{1}\u{7}\u{1B}[2J\u{7F}",
        true, [Any](), [String: Any](), NSNull(), "not-a-uuid", "",
    ]
    static let hostileText = ["0", "-1", "9223372036854775807", "-9223372036854775807", "1e300",
                              String(repeating: "x", count: 10_000), "%00%01%1B", "not-a-uuid", "%E9%95%BF%FF"]
    static let hostileBodies = ["[]", "\"text\"", "12", "null", "{", "{\"a\":", String(repeating: "[", count: 5_000), ""]

    typealias Schema = [String: Any]

    struct Operation {
        let method: HTTPMethod
        let path: String
        let query: [String]
        let body: Schema?
        let isPublic: Bool
    }

    @Test func noOperationAnswers5xxToBoundaryValues() async throws {
        try await withShequ { app in
            _ = try await DemoCommand.fill(app)
            for module in app.shequModules { _ = try await module.demo(app) }
            let document = try #require(try await app.api(.GET, "/api/v1/openapi.json").json as? [String: Any])
            let operations = Self.operations(document)
            #expect(operations.count > 80)

            var tokens: [String] = []
            for username in ["community.cuixiang", "center.cuixiang", "city.admin", "resident.demo", "supervision.demo",
                             "deliberation.demo", "station.cuixiang", "street.cuixiang", "department.civil"] {
                tokens.append(try await app.token(username, DemoCommand.password))
            }
            let ids = try await Self.realIDs(app, resident: tokens[3])
            var failures: [String] = []
            var sent = 0

            // Signing out revokes the token it is called with: that operation gets tokens of its own.
            var allowed: [String] = tokens
            func send(_ op: Operation, path: String, query: String = "", json: Any? = nil, raw: String? = nil, note: String,
                      token fixed: String? = nil) async throws {
                let token = fixed ?? allowed[sent % allowed.count]
                sent += 1
                let target = path + (query.isEmpty ? "" : "?" + query)
                let res: APIResult
                if let raw {
                    res = try await app.api(op.method, target, token: token, raw: raw, contentType: .json)
                } else if let json {
                    let data = try JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed])
                    res = try await app.api(op.method, target, token: token, raw: String(decoding: data, as: UTF8.self), contentType: .json)
                } else {
                    res = try await app.api(op.method, target, token: token)
                }
                if res.status.code >= 500 {
                    failures.append("\(op.method) \(op.path) \(note) → \(res.status.code) \(res.body.prefix(160))")
                }
            }

            for op in operations {
                let path = Self.fill(op.path, ids: ids)
                let base = op.body.map { Self.valid($0, document) } ?? nil
                if op.method == .DELETE, op.path.hasSuffix("auth/token") {
                    allowed = [try await app.token("city.admin", DemoCommand.password)]
                } else {
                    // The roles this operation lets through, so hostile values reach past the policy too.
                    allowed = []
                    for token in tokens {
                        let status = try await app.api(op.method, path, token: token, json: base as? [String: Any] ?? [:]).status
                        if status.code >= 500 { failures.append("\(op.method) \(op.path) valid body → \(status.code)") }
                        if status != .unauthorized && status != .forbidden && status != .notFound { allowed.append(token) }
                    }
                    if allowed.isEmpty { allowed = tokens }
                }
                // Each path parameter on its own, the others real.
                for (name, _) in Self.pathParameters(op.path) {
                    for value in Self.hostileText {
                        let mutated = Self.fill(op.path, ids: ids, override: (name, value))
                        try await send(op, path: mutated, json: base, note: "path \(name)=\(value.prefix(20))")
                    }
                }
                for name in op.query {
                    for value in Self.hostileText {
                        try await send(op, path: path, query: "\(name)=\(value)", json: base, note: "query \(name)=\(value.prefix(20))")
                    }
                }
                guard let schema = op.body, let valid = base else {
                    if op.method != .GET { try await send(op, path: path, json: [String: Any](), note: "empty object") }
                    continue
                }
                try await send(op, path: path, json: valid, note: "valid body")
                for raw in Self.hostileBodies {
                    try await send(op, path: path, raw: raw, note: "body \(raw.prefix(10))")
                }
                try await send(op, path: path, json: [String: Any](), note: "empty object")
                for fieldPath in Self.fieldPaths(schema, document) {
                    for value in Self.hostile {
                        let body = Self.replacing(valid, at: fieldPath, with: value)
                        try await send(op, path: path, json: body, note: "\(fieldPath.map(\.description).joined(separator: ".")) = \(String(describing: value).prefix(20))")
                    }
                }
            }
            #expect(sent > 3000)
            let report = "\(failures.count) answers were 5xx:\n" + failures.prefix(60).joined(separator: "\n")
            #expect(failures.isEmpty, Comment(rawValue: report))
            #expect(try await app.api(.GET, "/healthz").status == .ok)
        }
    }

    /// The doors without an OpenAPI entry: every page, Open311 and the public feeds, found from the router,
    /// with hostile path segments, query values and form fields, signed in as several roles.
    @Test func noPageAnswers5xxToBoundaryValues() async throws {
        try await withShequ { app in
            _ = try await DemoCommand.fill(app)
            for module in app.shequModules { _ = try await module.demo(app) }
            let ids = try await Self.realIDs(app, resident: try await app.token("resident.demo", DemoCommand.password))
            let routes = app.routes.all.filter { $0.path.first?.description != "api" && $0.method != .DELETE }
                .filter { !["assets", "metrics", "healthz", "sign-out"].contains($0.path.first?.description ?? "") }
            let queries = ["q", "page", "per", "community", "kind", "channel", "due", "state", "day", "trackingNumber", "last4", "next",
                           "api_key", "service_code", "service_request_id", "status", "start_date", "end_date", "jurisdiction_id", "lang"]
            let fields = ["divisionCode", "name", "idNumber", "phone", "residency", "address", "step", "reason", "materialIDs", "choice",
                          "text", "subject", "channel", "kind", "title", "place", "startsAt", "level", "comment", "details", "itemCode",
                          "service_code", "description", "attribute[x]", "lat", "long", "householdID", "served", "username", "password"]
            var failures: [String] = []
            for username in ["community.cuixiang", "resident.demo"] {
                let browser = Browser(app)
                try await browser.signIn(username, DemoCommand.password)
                for route in routes {
                    let template = "/" + route.path.map { c -> String in
                        if case .parameter(let name) = c { return "{\(name)}" }
                        return c.description
                    }.joined(separator: "/")
                    let key = "\(route.method) \(template)"
                    func check(_ res: APIResult, _ note: String) {
                        if res.status.code >= 500 { failures.append("\(username) \(key) \(note) → \(res.status.code)") }
                    }
                    for (name, _) in Self.pathParameters(template) {
                        for value in ["-1", "9223372036854775807", String(repeating: "x", count: 2_000), "%00%01%1B", "not-a-uuid"] {
                            let path = Self.fill(template, ids: ids, override: (name, value))
                            if route.method == .GET { check(try await browser.get(path), "path \(name)=\(value.prefix(12))") }
                            else { _ = try await browser.get("/"); check(try await browser.post(path, form: [:]), "path \(name)=\(value.prefix(12))") }
                        }
                    }
                    let path = Self.fill(template, ids: ids)
                    if route.method == .GET {
                        // Every parameter a handler might read, in one request per value: a page reads the ones it knows.
                        for value in ["0", "9223372036854775807", "1e300", "%00%1B", String(repeating: "x", count: 2_000)] {
                            check(try await browser.get(path + "?" + queries.map { "\($0)=\(value)" }.joined(separator: "&")),
                                  "query = \(value.prefix(12))")
                        }
                    } else {
                        // 520 characters in every field stays under the default 16 kB form limit, so each field's own bound
                        // is tried; 10,000 in every field is refused whole (413) except where a route takes large forms.
                        for value in ["-1", "9223372036854775807", "1e300", "\u{0}\u{1B}", String(repeating: "x", count: 520),
                                      String(repeating: "长", count: 10_000), "not-a-uuid"] {
                            _ = try await browser.get("/")
                            check(try await browser.post(path, form: Dictionary(uniqueKeysWithValues: fields.map { ($0, value) })),
                                  "form = \(value.prefix(12))")
                        }
                    }
                }
            }
            let report = "\(failures.count) answers were 5xx:\n" + failures.prefix(60).joined(separator: "\n")
            #expect(failures.isEmpty, Comment(rawValue: report))
            #expect(try await app.api(.GET, "/healthz").status == .ok)
        }
    }

    // MARK: - Reading the document

    static func operations(_ document: [String: Any]) -> [Operation] {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        var result: [Operation] = []
        for (path, methods) in paths.sorted(by: { $0.key < $1.key }) {
            for (method, raw) in methods.sorted(by: { $0.key < $1.key }) {
                guard let op = raw as? [String: Any] else { continue }
                let parameters = op["parameters"] as? [[String: Any]] ?? []
                let query = parameters.filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String }
                let content = (op["requestBody"] as? [String: Any])?["content"] as? [String: Any]
                let schema = (content?["application/json"] as? [String: Any])?["schema"] as? Schema
                result.append(Operation(method: HTTPMethod(rawValue: method.uppercased()), path: path, query: query,
                                        body: schema, isPublic: op["security"] == nil))
            }
        }
        return result
    }

    static func resolve(_ schema: Schema, _ document: [String: Any]) -> Schema {
        guard let ref = schema["$ref"] as? String else { return schema }
        let name = String(ref.split(separator: "/").last ?? "")
        let components = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        return components?[name] as? Schema ?? [:]
    }

    /// A body every bound accepts, so one hostile field at a time reaches as deep as it can.
    static func valid(_ raw: Schema, _ document: [String: Any]) -> Any? {
        let schema = resolve(raw, document)
        if let values = schema["enum"] as? [Any] { return values.first }
        switch schema["type"] as? String {
        case "object":
            // Required fields only: an optional one is added by its own mutations.
            let required = Set(schema["required"] as? [String] ?? [])
            var out: [String: Any] = [:]
            for (name, property) in schema["properties"] as? [String: Schema] ?? [:] where required.contains(name) {
                out[name] = valid(property, document)
            }
            return out
        case "array":
            guard let items = schema["items"] as? Schema else { return [Any]() }
            let count = max(1, schema["minItems"] as? Int ?? 1)
            return (0..<count).compactMap { i -> Any? in
                // Increasing integers, so a [fewest, most] pair is in order.
                if let n = valid(items, document) as? Int { return n + i }
                return valid(items, document)
            }
        case "integer": return (schema["minimum"] as? Int) ?? 1
        case "number": return (schema["minimum"] as? Double) ?? 1
        case "boolean": return false
        case "string":
            switch schema["format"] as? String {
            case "uuid": return UUID().uuidString
            case "date": return "2026-12-21"
            case "date-time": return "2026-12-21T10:00:00Z"
            default:
                let max = schema["maxLength"] as? Int ?? 10
                return String("测试ab12".prefix(max))
            }
        default: return nil
        }
    }

    enum Step: CustomStringConvertible {
        case key(String), index(Int)
        var description: String { switch self { case .key(let k): k; case .index(let i): "[\(i)]" } }
    }

    /// Every field, nested ones too (the first item of an array of objects).
    static func fieldPaths(_ raw: Schema, _ document: [String: Any], prefix: [Step] = []) -> [[Step]] {
        let schema = resolve(raw, document)
        var out: [[Step]] = []
        switch schema["type"] as? String {
        case "object":
            for (name, property) in (schema["properties"] as? [String: Schema] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let here = prefix + [.key(name)]
                out.append(here)
                out += fieldPaths(property, document, prefix: here)
            }
        case "array":
            if let items = schema["items"] as? Schema {
                let here = prefix + [.index(0)]
                if (resolve(items, document)["type"] as? String) != "object" { out.append(here) }
                out += fieldPaths(items, document, prefix: here)
            }
        default: break
        }
        return out
    }

    static func replacing(_ value: Any, at path: [Step], with replacement: Any) -> Any {
        guard let first = path.first else { return replacement }
        switch first {
        case .key(let k):
            var object = value as? [String: Any] ?? [:]
            object[k] = replacing(object[k] ?? [String: Any](), at: Array(path.dropFirst()), with: replacement)
            return object
        case .index:
            var array = value as? [Any] ?? []
            if array.isEmpty { array = [[String: Any]()] }
            array[0] = replacing(array[0], at: Array(path.dropFirst()), with: replacement)
            return array
        }
    }

    // MARK: - Real ids, so hostile values reach past the lookups

    static func pathParameters(_ path: String) -> [(String, String)] {
        let parts = path.split(separator: "/").map(String.init)
        return parts.enumerated().compactMap { i, part in
            part.hasPrefix("{") ? (String(part.dropFirst().dropLast()), i > 0 ? parts[i - 1] : "") : nil
        }
    }

    static func fill(_ path: String, ids: [String: String], override: (String, String)? = nil) -> String {
        let parts = path.split(separator: "/").map(String.init)
        return "/" + parts.enumerated().map { i, part -> String in
            guard part.hasPrefix("{") else { return part }
            let name = String(part.dropFirst().dropLast())
            if let override, override.0 == name { return override.1 }
            let collection = i > 0 ? parts[i - 1] : ""
            return ids[collection + "/" + name] ?? ids[name] ?? UUID().uuidString
        }.joined(separator: "/")
    }

    static func realIDs(_ app: Application, resident: String) async throws -> [String: String] {
        let sql = app.db as! any SQLDatabase
        // The demo has no application or forum topic yet; a resident makes one of each.
        if let item = try await sql.raw("SELECT code FROM service_items LIMIT 1").first()?.decode(column: "code", as: String.self) {
            _ = try await app.api(.POST, "/api/v1/applications", token: resident, json: ["itemCode": item, "details": "边界测试"])
        }
        let topic = try await app.api(.POST, "/api/v1/communities/\(communityA)/messages", token: resident,
                                      json: ["channel": "forum", "subject": "边界测试", "text": "边界测试"])
        if let id = topic.object["id"] as? String {
            _ = try await app.api(.POST, "/api/v1/messages/\(id)/replies", token: resident, json: ["text": "回复"])
        }
        func first(_ table: String, _ column: String = "id") async throws -> String? {
            guard let row = try await sql.raw("SELECT \(ident: column) AS v FROM \(ident: table) LIMIT 1").first() else { return nil }
            if let id = try? row.decode(column: "v", as: UUID.self) { return id.uuidString }
            return try? row.decode(column: "v", as: String.self)
        }
        let tables = [
            "service-places": "service_places", "residents": "residents", "households": "households", "matters": "matters",
            "assemblies": "assemblies", "tasks": "matter_tasks", "messages": "channel_messages", "replies": "forum_replies",
            "compounds": "compounds", "meeting-follow-ups": "meeting_follow_ups", "bodies": "governance_bodies",
            "slots": "appointment_slots", "appointments": "appointments", "service-windows": "service_windows",
            "follow-ups": "follow_ups", "materials": "material_requirements", "files": "material_uploads",
        ]
        var ids: [String: String] = ["code": communityA, "divisions/code": "440402001", "trackingNumber": "0000000000"]
        for (collection, table) in tables {
            let name = ["materials": "materialID", "files": "uploadID"][collection] ?? "id"
            if let id = try await first(table) { ids[collection + "/" + name] = id }
        }
        if let tracking = try await first("applications", "tracking_number") { ids["trackingNumber"] = tracking }
        if let item = try await first("service_items", "code") { ids["service-items/code"] = item }
        return ids
    }
}
