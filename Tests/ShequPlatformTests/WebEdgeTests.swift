import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOCore
import ShequTestSupport
import Testing
import Vapor
import VaporTesting
@testable import ShequPlatform

/// Sends a request as if from `peer`, through every middleware, as the server would answer it.
private func send(_ app: Application, _ path: String, method: HTTPMethod = .GET, peer: String?, headers: HTTPHeaders = [:],
                  json: [String: Any]? = nil) async throws -> Response {
    try await app.asyncBoot()
    var headers = headers
    var body = ByteBuffer()
    if let json {
        body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        headers.contentType = .json
    }
    let request = Request(application: app, method: method, url: URI(path: path), headers: headers, collectedBody: body,
                          remoteAddress: try peer.map { try SocketAddress(ipAddress: $0, port: 40000) },
                          on: app.eventLoopGroup.next())
    return try await app.responder.respond(to: request).get()
}

/// Issue 9 findings 6, 7 and 11, and the hardening of its "Proof" section.
@Suite struct WebEdgeTests {
    // MARK: Finding 6: open redirect after sign-in

    @Test func signInGoesOnlyToSameSitePaths() async throws {
        try await withShequ { app in
            let nasty = ["/\t/evil.example", "/%09/evil.example", "//evil.example", "/\\evil.example", "\\/evil.example",
                         "/\n/evil.example", "https://evil.example/", " //evil.example", "/%2F/evil.example", "/%5Cevil.example",
                         "/\u{200B}/evil.example", "evil.example", ""]
            for next in nasty {
                let browser = Browser(app)
                try await browser.get("/sign-in?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                let res = try await browser.post("/sign-in", form: ["username": "admin", "password": adminPassword, "next": next])
                #expect(res.status == .seeOther, "\(next.debugDescription)")
                // No next at all lands on the workbench; an unsafe one only ever on the home page.
                #expect(res.headers.first(name: .location) == (next.isEmpty ? "/workbench" : "/"), "\(next.debugDescription)")
            }
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let kept = try await browser.post("/sign-in", form: ["username": "admin", "password": adminPassword, "next": "/accounts?page=2"])
            #expect(kept.headers.first(name: .location) == "/accounts?page=2")
            try await browser.get("/")
            // The language switch uses the same rule.
            let lang = try await browser.post("/preferences", form: ["lang": "en", "back": "/\t/evil.example"])
            #expect(lang.headers.first(name: .location) == "/")
        }
    }

    // MARK: Finding 7: client addresses

    @Test func aForwardedForHeaderIsBelievedOnlyFromATrustedProxy() async throws {
        let none = TrustedProxies.none
        #expect(none.clientAddress(peer: "198.51.100.20", forwardedFor: ["203.0.113.9"]) == "198.51.100.20")
        #expect(none.clientAddress(peer: nil, forwardedFor: ["203.0.113.9"]) == nil)
        let proxies = TrustedProxies(parsing: "10.0.0.0/8, 2001:db8::1")
        #expect(proxies.invalidEntries.isEmpty)
        // The right-most address that is not a proxy of ours; what the client wrote to its left proves nothing.
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.2.3.4, 203.0.113.9", "10.0.0.7"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "2001:db8::1", forwardedFor: ["203.0.113.9"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "::ffff:10.0.0.2", forwardedFor: ["203.0.113.9"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "11.0.0.1", forwardedFor: ["203.0.113.9"]) == "11.0.0.1")
        #expect(proxies.clientAddress(peer: "10.0.0.2", forwardedFor: ["not-an-address"]) == "10.0.0.2")
        #expect(proxies.clientAddress(peer: "10.0.0.2", forwardedFor: []) == "10.0.0.2")
        #expect(TrustedProxies(parsing: "10.0.0.0/33, example.org, 10.0.0.1").invalidEntries == ["10.0.0.0/33", "example.org"])
    }

    @Test func theAuditLogRecordsTheAddressThePeerOrATrustedProxyGives() async throws {
        for (trusted, expected) in [("", "198.51.100.20"), ("198.51.100.0/24", "203.0.113.9")] {
            try await withShequ(adjust: { $0.trustedProxies = TrustedProxies(parsing: trusted) }) { app in
                let res = try await send(app, "/api/v1/auth/token", method: .POST, peer: "198.51.100.20",
                                         headers: ["X-Forwarded-For": "203.0.113.9"], json: ["username": "admin", "password": "wrong"])
                #expect(res.status == .unauthorized)
                let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "account.signIn").first())
                #expect(entry.ip == expected)
            }
        }
    }

    @Test func anInvalidTrustedProxyEntryRefusesTheStart() async throws {
        await #expect(throws: (any Error).self) {
            try await withShequ(adjust: { $0.trustedProxies = TrustedProxies(parsing: "10.0.0.0/8, proxy.internal") }) { _ in }
        }
    }

    // MARK: Finding 11: the database going away

    @Test func withTheDatabaseGoneReadsAndPagesAnswer503WithRetryAfter() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let browser = Browser(app)
            try await browser.signIn("admin", adminPassword)
            #expect(try await browser.get("/accounts").status == .ok)

            let home: DatabaseID = app.db.isPostgres ? .psql : .sqlite
            let gone = DatabaseID(string: "gone")
            if app.db.isPostgres {
                // Nothing listens on port 1: connections are refused, as with the server stopped.
                let config = SQLPostgresConfiguration(hostname: "127.0.0.1", port: 1, username: "shequ", password: "x",
                                                      database: "shequ", tls: .disable)
                app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 1, connectionPoolTimeout: .seconds(5)),
                                  as: gone, isDefault: true)
            } else {
                let missing = FileManager.default.temporaryDirectory.appendingPathComponent("gone-\(UUID().uuidString)/shequ.sqlite").path
                app.databases.use(.sqlite(.file(missing)), as: gone, isDefault: true)
            }
            defer { app.databases.default(to: home) }

            let health = try await app.api(.GET, "/healthz")
            #expect(health.status == .serviceUnavailable)
            #expect(health.headers.first(name: "Retry-After") == "5")

            let read = try await app.api(.GET, "/api/v1/me", token: token)
            #expect(read.status == .serviceUnavailable)
            #expect(read.headers.first(name: "Retry-After") == "5")
            #expect(read.object["code"] as? String == "unavailable")

            let page = try await browser.get("/accounts")
            #expect(page.status == .serviceUnavailable)
            #expect(page.headers.first(name: "Retry-After") == "5")
            #expect(page.body.contains("服务暂时不可用"))
            browser.cookies[Language.cookieName] = "en"
            let english = try await browser.get("/accounts")
            #expect(english.status == .serviceUnavailable)
            #expect(english.body.contains("The service is briefly unavailable"))

            // Back again: the same session and token work without a restart.
            app.databases.default(to: home)
            #expect(try await app.api(.GET, "/api/v1/me", token: token).status == .ok)
            #expect(try await browser.get("/accounts").status == .ok)
        }
    }

    // MARK: Hardening: sessions, CSRF, metrics

    @Test func aSessionIdleTooLongOrTooOldIsRefusedOnTheServer() async throws {
        try await withShequ { app in
            for (seen, created) in [(-31.0 * 60, -40.0 * 60), (-10.0, -13.0 * 3600)] {
                let browser = Browser(app)
                try await browser.signIn("admin", adminPassword)
                #expect(try await browser.get("/accounts").status == .ok)
                let stolen = browser.cookies
                let now = Date()
                try await WebSession.query(on: app.db).set(\.$seenAt, to: now.addingTimeInterval(seen))
                    .set(\.$createdAt, to: now.addingTimeInterval(created)).update()
                // The cookie is replayed as it was: the server no longer knows it.
                let replay = Browser(app)
                replay.cookies = stolen
                let res = try await replay.get("/accounts")
                #expect(res.status == .unauthorized)
                #expect(try await app.count(WebSession.self) == 0)
            }
        }
    }

    @Test func sessionIDsAreStoredOnlyAsHashesAndAStaleCookieLeavesNoRow() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            try await browser.signIn("admin", adminPassword)
            let id = try #require(browser.cookies["shequ-session"])
            let stored = try await WebSession.query(on: app.db).all().map(\.keyHash)
            #expect(stored == [AccountService.hash(id)])
            let stranger = Browser(app)
            stranger.cookies["shequ-session"] = "made-up"
            for _ in 0..<3 { try await stranger.get("/") }
            #expect(try await app.count(WebSession.self) == 1)
        }
    }

    @Test func theOldSessionTableIsDroppedAndComesBackOnRevert() async throws {
        try await withShequ { app in
            let sql = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) { try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_sessions").all() }
            try await DropFluentSessions().revert(on: app.db)
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_sessions").first()?.decode(column: "n", as: Int.self)
            #expect(count == 0)
            try await DropFluentSessions().prepare(on: app.db)
        }
    }

    @Test func endedSessionsSpentAddressWindowsAndDeadTokensArePurged() async throws {
        try await withShequ { app in
            let live = try await app.token("admin", adminPassword)
            let expired = try await app.token("admin", adminPassword)
            let revoked = try await app.token("admin", adminPassword)
            #expect(try await app.api(.DELETE, "/api/v1/auth/token", token: revoked).status == .noContent)
            try await APIToken.query(on: app.db).filter(\.$tokenHash == AccountService.hash(expired))
                .set(\.$expiresAt, to: Date().addingTimeInterval(-1)).update()
            let now = Date()
            let empty = SessionData(initialData: ["account": UUID().uuidString])
            for (key, seen, created) in [("live", -60.0, -3600.0), ("idle", -31.0 * 60, -3600.0), ("old", -60.0, -13.0 * 3600)] {
                let row = WebSession(keyHash: key, data: empty, now: now)
                row.seenAt = now.addingTimeInterval(seen)
                row.createdAt = now.addingTimeInterval(created)
                try await row.create(on: app.db)
            }
            _ = try await SignInLedger.reserveAddress("198.51.100.1", window: 900, now: now.addingTimeInterval(-3600), on: app.db)
            _ = try await SignInLedger.reserveAddress("198.51.100.2", window: 900, now: now, on: app.db)
            try await SessionPurge.run(settings: app.shequSettings, throttle: app.signInThrottle, now: now, on: app.db)
            #expect(try await WebSession.query(on: app.db).all().map(\.keyHash) == ["live"])
            let addresses = try await (app.db as! any SQLDatabase).raw("SELECT address FROM sign_in_addresses").all()
                .map { try $0.decode(column: "address", as: String.self) }
            // "unknown" is this test's own sign-ins (the in-memory tester has no address), in a live window.
            #expect(Set(addresses) == ["198.51.100.2", "unknown"])
            #expect(try await APIToken.query(on: app.db).all().map(\.tokenHash) == [AccountService.hash(live)])
        }
    }

    @Test func signingInAndOutGivesANewCSRFToken() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let before = try #require(browser.csrf)
            let cookieBefore = browser.cookies[CSRFMiddleware.cookieName]
            try await browser.signIn("admin", adminPassword)
            #expect(browser.cookies[CSRFMiddleware.cookieName] != cookieBefore)
            // The token from before sign-in no longer passes.
            let stale = try await browser.post("/sign-out", form: ["_csrf": before], withToken: false)
            #expect(stale.status == .forbidden)
            try await browser.get("/accounts")
            let after = try #require(browser.csrf)
            #expect(after != before)
            let signedOut = try await browser.post("/sign-out", form: [:])
            #expect(signedOut.status == .seeOther)
            #expect(browser.cookies[CSRFMiddleware.cookieName] != after)
        }
    }

    @Test func metricsAnswerOnlyLoopbackUnlessOpened() async throws {
        try await withShequ { app in
            let unknownPeer = try await app.api(.GET, "/metrics").status
            let publicPeer = try await send(app, "/metrics", peer: "203.0.113.9").status
            let loopback = try await send(app, "/metrics", peer: "127.0.0.1").status
            let loopback6 = try await send(app, "/metrics", peer: "::1").status
            // A proxy on this host relaying a public client is not the local scraper.
            let relayed = try await send(app, "/metrics", peer: "127.0.0.1", headers: ["X-Forwarded-For": "203.0.113.9"]).status
            #expect([unknownPeer, publicPeer, loopback, loopback6, relayed] == [.notFound, .notFound, .ok, .ok, .notFound])
            // Every relaying convention counts, not only the two most common ones.
            for header in ["Forwarded", "X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP"] {
                let value = header == "Forwarded" ? "for=8.8.8.8" : "8.8.8.8"
                let status = try await send(app, "/metrics", peer: "127.0.0.1", headers: [header: value]).status
                #expect(status == .notFound, "\(header) relayed from loopback must not reach /metrics")
            }
        }
        try await withShequ(adjust: { $0.metricsPublic = true }) { app in
            let opened = try await send(app, "/metrics", peer: "203.0.113.9").status
            #expect(opened == .ok)
        }
    }
}
