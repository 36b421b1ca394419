import Fluent
import NIOConcurrencyHelpers
import NIOCore
import ShequKernel
import Vapor

public final class WebSession: Model, @unchecked Sendable {
    public static let schema = "web_sessions"

    @ID public var id: UUID?
    @Field(key: "key_hash") public var keyHash: String
    @Field(key: "data") public var data: SessionData
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "seen_at") public var seenAt: Date

    public init() {}

    init(keyHash: String, data: SessionData, now: Date) {
        self.keyHash = keyHash
        self.data = data
        self.createdAt = now
        self.seenAt = now
    }
}

/// Page sessions that end on the server, not only in the browser: a cookie replayed
/// after `idleTimeout` without a request, or `lifetime` after sign-in, finds nothing.
/// Writes take the write gate, as every write does on SQLite.
struct ServerSessions: AsyncSessionDriver {
    let idleTimeout: TimeInterval
    let lifetime: TimeInterval
    /// Refreshing `seen_at` on every page view would be a write per view; a minute's slack costs nothing.
    static let touchInterval: TimeInterval = 60

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: CSRFMiddleware.newToken())
        // A stale or made-up cookie gives an empty session: nothing to keep, so no row per request.
        if data.snapshot.isEmpty { return id }
        let row = WebSession(keyHash: AccountService.hash(id.string), data: data, now: Date())
        try await request.write { db in try await row.create(on: db) }
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        let hash = AccountService.hash(sessionID.string)
        guard let row = try await WebSession.query(on: request.db).filter(\.$keyHash == hash).first() else { return nil }
        let now = Date()
        if Self.expired(seenAt: row.seenAt, createdAt: row.createdAt, now: now, idle: idleTimeout, lifetime: lifetime) {
            try await request.write { db in try await WebSession.query(on: db).filter(\.$keyHash == hash).delete() }
            return nil
        }
        if now.timeIntervalSince(row.seenAt) > Self.touchInterval {
            try await request.write { db in
                try await WebSession.query(on: db).filter(\.$keyHash == hash).set(\.$seenAt, to: now).update()
            }
        }
        return row.data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let hash = AccountService.hash(sessionID.string)
        try await request.write { db in
            try await WebSession.query(on: db).filter(\.$keyHash == hash).set(\.$data, to: data).set(\.$seenAt, to: Date()).update()
        }
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        let hash = AccountService.hash(sessionID.string)
        try await request.write { db in try await WebSession.query(on: db).filter(\.$keyHash == hash).delete() }
    }

    static func expired(seenAt: Date, createdAt: Date, now: Date, idle: TimeInterval, lifetime: TimeInterval) -> Bool {
        now.timeIntervalSince(seenAt) > idle || now.timeIntervalSince(createdAt) > lifetime
    }

    /// Deletes every session that has ended; run at start and then periodically.
    static func purge(idle: TimeInterval, lifetime: TimeInterval, now: Date, on db: any Database) async throws {
        // Bounded as the settings are: a date too far back traps in PostgreSQL's encoder.
        let bound = { (t: TimeInterval) in t.isFinite ? min(max(t, 0), ShequSettings.longestSession) : ShequSettings.longestSession }
        try await WebSession.query(on: db).group(.or) { or in
            or.filter(\.$seenAt < now.addingTimeInterval(-bound(idle)))
            or.filter(\.$createdAt < now.addingTimeInterval(-bound(lifetime)))
        }.delete()
    }
}

/// Clears ended sessions, spent sign-in windows and dead API tokens at start and every ten minutes,
/// so the tables hold only what is live. Registered after the database, so it stops first.
final class SessionPurge: LifecycleHandler {
    private let task = NIOLockedValueBox<RepeatedTask?>(nil)

    func didBoot(_ app: Application) throws {
        let settings = app.shequSettings
        let throttle = app.signInThrottle
        let loop = app.eventLoopGroup.next()
        let repeated = loop.scheduleRepeatedAsyncTask(initialDelay: .zero, delay: .minutes(10)) { _ in
            let promise = loop.makePromise(of: Void.self)
            promise.completeWithTask {
                do {
                    try await app.writeGate.transaction(on: app.db) { db in
                        try await Self.run(settings: settings, throttle: throttle, on: db)
                    }
                } catch {
                    app.logger.warning("could not purge ended sessions: \(String(reflecting: error))")
                }
            }
            return promise.futureResult
        }
        task.withLockedValue { $0 = repeated }
    }

    static func run(settings: ShequSettings, throttle: SignInThrottle, now: Date = Date(), on db: any Database) async throws {
        try await ServerSessions.purge(idle: settings.sessionIdleTimeout, lifetime: settings.sessionLifetime, now: now, on: db)
        try await SignInLedger.purgeAddresses(olderThan: throttle.addressWindow, now: now, on: db)
        // A token past its expiry or revoked works no more; its issue and revocation stay in the audit log.
        try await APIToken.query(on: db).group(.or) { or in
            or.filter(\.$expiresAt < now)
            or.filter(\.$revokedAt < now)
        }.delete()
    }

    /// Waits for a purge under way, so the pool does not close under it.
    func shutdownAsync(_ app: Application) async {
        guard let repeated = task.withLockedValue({ $0 }) else { return }
        let done = app.eventLoopGroup.next().makePromise(of: Void.self)
        repeated.cancel(promise: done)
        try? await done.futureResult.get()
    }

    func shutdown(_ app: Application) {
        task.withLockedValue { $0 }?.cancel()
    }
}
