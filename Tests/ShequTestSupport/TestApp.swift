import Fluent
import Foundation
import ShequApp
import ShequKernel
import SQLKit
import Testing
import Vapor
import VaporTesting
import ShequPlatform

public let adminPassword = "Admin-pass-1"
public let staffPassword = "Staff-pass-1"

/// Runs `body` against a fresh platform: in-memory SQLite by default, or a
/// schema of its own on the PostgreSQL server named by DATABASE_URL, so tests
/// can run in parallel on either.
public func withShequ(adjust: (inout ShequSettings) -> Void = { _ in }, _ body: (Application) async throws -> Void) async throws {
    let onPostgres = !(ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty
    // A test that already holds a permit (two instances on one schema) opens its second app without waiting for one.
    guard onPostgres, !PostgresAppPermits.held else { return try await withShequApp(adjust: adjust, body) }
    await PostgresAppPermits.shared.acquire()
    do {
        try await PostgresAppPermits.$held.withValue(true) { try await withShequApp(adjust: adjust, body) }
    } catch {
        await PostgresAppPermits.shared.release()
        throw error
    }
    await PostgresAppPermits.shared.release()
}

/// How many test apps hold PostgreSQL connections at once. Swift Testing starts every test of the run together;
/// 645 tests with up to 6 pooled connections each passed the server's max_connections (1000), and the tests
/// that came last were answered 503 "unavailable" (CI, 2026-12-04). Tests wait here instead; two cores are
/// busy long before 48 apps are.
actor PostgresAppPermits {
    static let shared = PostgresAppPermits(
        Int(ProcessInfo.processInfo.environment["SHEQU_TEST_PG_APPS"] ?? "").map { max($0, 1) } ?? 48)
    @TaskLocal static var held = false

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ permits: Int) { free = permits }

    func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

private func withShequApp(adjust: (inout ShequSettings) -> Void, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shequ-test-\(UUID().uuidString)")
    var settings = ShequSettings(dataDirectory: dir, adminPassword: adminPassword)
    // The in-memory tester has no peer address; tests stand behind a trusted socket proxy,
    // so they choose the client's address with X-Forwarded-For (WebEdgeTests covers untrusted peers).
    settings.trustedProxies = TrustedProxies(parsing: "unix")
    let env = ProcessInfo.processInfo.environment
    var schema: String?
    if let url = env["DATABASE_URL"], !url.isEmpty {
        settings.databaseURL = url
        schema = "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        settings.postgresSchema = schema
        settings.postgresConnectionsPerLoop = 3
    } else {
        settings.inMemory = true
    }
    adjust(&settings)
    app.shequSettings = settings
    // Lockout is tested; the growing delay before it only slows the suite (it is unit-tested in the kernel).
    app.signInThrottle = SignInThrottle(failuresBeforeDelay: 1000)
    // Administrators sign in with a password alone unless they enrolled; the second-factor tests turn enforcement on.
    app.accountSecurity.adminSecondFactor = .enrolled
    do {
        try await ShequApp.configure(app)
        app.reuseOneResponder()
        try await body(app)
    } catch {
        try? await dropSchema(schema, app)
        try? await app.asyncShutdown()
        try? FileManager.default.removeItem(at: dir)
        throw error
    }
    try? await dropSchema(schema, app)
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(at: dir)
}

private func dropSchema(_ schema: String?, _ app: Application) async throws {
    // A start refused before the database was set up (a bad setting) left nothing to drop.
    guard let schema, !app.databases.ids().isEmpty else { return }
    try await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
}

/// Creates an account with one grant directly, for tests that need many roles.
@discardableResult
public func makeAccount(_ app: Application, _ username: String, _ role: Role, _ scope: String, residentID: UUID? = nil) async throws -> Account {
    let account = Account(username: username.lowercased(), passwordHash: try app.password.hash(staffPassword), displayName: username, residentID: residentID)
    try await account.create(on: app.db)
    try await Grant(accountID: account.requireID(), role: role, scope: scope).create(on: app.db)
    return account
}

public struct APIResult: Sendable {
    public let status: HTTPResponseStatus
    public let body: String
    public let headers: HTTPHeaders

    public init(status: HTTPResponseStatus, body: String, headers: HTTPHeaders) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    public var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
    public var object: [String: Any] { json as? [String: Any] ?? [:] }
    public var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    /// The rows of a paged list's answer (`ListPage`: items, total, page, perPage).
    public var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
}

extension Application {
    public func api(_ method: HTTPMethod, _ path: String, token: String? = nil, json: [String: Any]? = nil,
             raw: String? = nil, contentType: HTTPMediaType = .json, headers extra: HTTPHeaders = [:]) async throws -> APIResult {
        var headers = extra
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body: ByteBuffer? = nil
        if let json {
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
            headers.contentType = .json
        } else if let raw {
            body = ByteBuffer(string: raw)
            headers.contentType = contentType
        }
        let res = try await testing().sendRequest(method, path, headers: headers, body: body)
        return APIResult(status: res.status, body: res.body.string, headers: res.headers)
    }

    public func token(_ username: String, _ password: String = staffPassword) async throws -> String {
        let res = try await api(.POST, "/api/v1/auth/token", json: ["username": username, "password": password])
        guard let token = res.object["token"] as? String else {
            throw TestFailure("no token for \(username): \(res.status) \(res.body)")
        }
        return token
    }

    public func count<M: Model>(_ model: M.Type) async throws -> Int { try await M.query(on: db).count() }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

/// Builds a valid resident ID from a 17-digit body.
public func validID(_ body: String) -> String { body + String(ResidentID.checkCharacter(for: body)) }

/// Where each role's account sits in the role walks: one scope per role, all covering 紫荆社区.
public let walkScopes: [Role: String] = [
    .resident: communityA, .communityStaff: communityA, .stationStaff: communityA, .centerStaff: streetA,
    .streetOfficial: streetA, .districtOfficial: "440402", .cityAdministrator: "4404", .departmentStaff: "4404",
    .leadingGroupOffice: "4404", .deliberationMember: communityA, .supervisionMember: communityA,
    // An organisation's staff hold their grant at its street; these name no organisation, so act for none.
    .organizationStaff: streetA,
    // A party officer's grant names no party organisation here, so reaches no member; a community police
    // officer is attached to 紫荆社区.
    .partyOfficer: communityA, .communityPolice: communityA,
]

public let streetA = "440402001"       // 翠香街道
public let communityA = "440402001001" // 紫荆社区
public let streetB = "440402002"       // 梅华街道
public let communityB = "440402002001"

public func residentJSON(_ community: String, _ name: String, _ idBody: String, phone: String? = nil) -> [String: Any] {
    var json: [String: Any] = ["divisionCode": community, "name": name, "idNumber": validID(idBody), "residency": "registered"]
    if let phone { json["phone"] = phone }
    return json
}
