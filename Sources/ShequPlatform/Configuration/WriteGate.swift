import Fluent
import SQLKit
import Vapor

/// Every multi-statement write goes through here. PostgreSQL serialises what
/// must be serial with row locks; SQLite has one writer per file, and two
/// deferred transactions that both write end in SQLITE_BUSY, so on SQLite
/// write transactions take turns in-process (SQLite serves one instance only).
public struct WriteGate: Sendable {
    let mutex: AsyncMutex?

    public func transaction<T: Sendable>(on db: any Database,
                                         _ body: @Sendable @escaping (any Database) async throws -> T) async throws -> T {
        if let mutex {
            return try await mutex.withLock { try await db.transaction(body) }
        }
        return try await db.transaction(body)
    }
}

extension Application {
    private struct WriteGateKey: StorageKey { typealias Value = WriteGate }

    public var writeGate: WriteGate {
        get { storage[WriteGateKey.self] ?? WriteGate(mutex: nil) }
        set { storage[WriteGateKey.self] = newValue }
    }
}

extension Request {
    /// Runs `body` in one write transaction: all of it lands, or none of it.
    public func write<T: Sendable>(_ body: @Sendable @escaping (any Database) async throws -> T) async throws -> T {
        try await application.writeGate.transaction(on: db, body)
    }
}
