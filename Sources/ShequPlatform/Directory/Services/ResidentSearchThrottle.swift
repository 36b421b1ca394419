import Fluent
import Foundation
import SQLKit
import Vapor

/// An exact search by ID number or phone tells the searcher whether that person
/// lives in their scope and which record is theirs: a reveal in all but name.
/// So each is audited, and each account may make only a few a minute and an
/// hour. The counters live in the database, shared by every instance, and a
/// search takes its place *before* it runs: one conditional upsert per window
/// either finds room under the limit or changes nothing, so parallel searches
/// cannot all read "under the limit".
public enum ResidentSearchThrottle {
    public static let perMinute = 5
    public static let perHour = 30
    static let table = "resident_search_counters"

    static func windows(for account: UUID) -> [(key: String, seconds: TimeInterval, ceiling: Int)] {
        [("m:" + account.uuidString, 60, perMinute), ("h:" + account.uuidString, 3600, perHour)]
    }

    private struct Full: Error {}

    /// Takes one search in every window, or none when any window is used up.
    public static func take(account: UUID, now: Date = Date(), gate: WriteGate, on db: any Database) async throws -> Bool {
        do {
            try await gate.transaction(on: db) { db in try await takeOrThrow(account: account, now: now, on: db) }
            return true
        } catch is Full {
            return false
        }
    }

    /// For a caller already inside a write transaction (the import): its rollback or
    /// commit carries the counters with it. A refusal may leave the minute window
    /// counted once more than it was used, which errs on the side of the limit.
    public static func take(account: UUID, now: Date = Date(), within db: any Database) async throws -> Bool {
        do {
            try await takeOrThrow(account: account, now: now, on: db)
            return true
        } catch is Full {
            return false
        }
    }

    private static func takeOrThrow(account: UUID, now: Date, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "SQL database required") }
        for window in windows(for: account) {
            let taken = try await sql.raw("""
                INSERT INTO \(ident: table) ("key", window_end, attempts)
                VALUES (\(bind: window.key), \(bind: now.addingTimeInterval(window.seconds)), 1)
                ON CONFLICT ("key") DO UPDATE SET
                    attempts = CASE WHEN \(ident: table).window_end <= \(bind: now) THEN 1 ELSE \(ident: table).attempts + 1 END,
                    window_end = CASE WHEN \(ident: table).window_end <= \(bind: now) THEN excluded.window_end
                                      ELSE \(ident: table).window_end END
                WHERE \(ident: table).window_end <= \(bind: now) OR \(ident: table).attempts < \(literal: window.ceiling)
                RETURNING "key"
                """).all()
            // This window is full: the transaction rolls back the other's increment too.
            guard !taken.isEmpty else { throw Full() }
        }
        if Int.random(in: 0..<200) == 0 {
            // Windows long past count for nothing; dropping them keeps the table small.
            try await sql.raw("DELETE FROM \(ident: table) WHERE window_end < \(bind: now.addingTimeInterval(-86400))").run()
        }
    }
}
