import Fluent
import Foundation
import SQLKit

/// The sign-in counts, each changed by one conditional statement, so that parallel
/// guesses (on one instance or many) cannot all read "4 failures" and all be judged.
/// An attempt is counted *before* its password is checked; a right password gives it back.
enum SignInLedger {
    /// Takes one of the account's attempts; `nil` when it is locked or its attempts are taken.
    static func reserveAttempt(account: UUID, limit: Int, now: Date, on db: any Database) async throws -> Int? {
        let row = try await (db as! any SQLDatabase).raw("""
            UPDATE accounts SET failed_sign_ins = failed_sign_ins + 1
            WHERE id = \(bind: account) AND failed_sign_ins < \(bind: limit)
              AND (locked_until IS NULL OR locked_until <= \(bind: now))
            RETURNING failed_sign_ins
            """).first()
        return try row?.decode(column: "failed_sign_ins", as: Int.self)
    }

    /// A right password clears the count, unless a parallel wrong one locked the account meanwhile.
    static func clear(account: UUID, now: Date, on db: any Database) async throws -> Bool {
        let row = try await (db as! any SQLDatabase).raw("""
            UPDATE accounts SET failed_sign_ins = 0, locked_until = NULL
            WHERE id = \(bind: account) AND (locked_until IS NULL OR locked_until <= \(bind: now))
            RETURNING id
            """).first()
        return row != nil
    }

    /// The attempt that used the last allowance locks the account and starts the count again for after the lock.
    static func lock(account: UUID, until: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            UPDATE accounts SET failed_sign_ins = 0, locked_until = \(bind: until) WHERE id = \(bind: account)
            """).run()
    }

    /// Counts one attempt against the address and answers how many its window holds now.
    static func reserveAddress(_ address: String, window: TimeInterval, now: Date, on db: any Database) async throws -> Int {
        let windowStart = now.addingTimeInterval(-window)
        let row = try await (db as! any SQLDatabase).raw("""
            INSERT INTO sign_in_addresses (address, failures, window_started_at) VALUES (\(bind: address), 1, \(bind: now))
            ON CONFLICT (address) DO UPDATE SET
              failures = CASE WHEN sign_in_addresses.window_started_at <= \(bind: windowStart) THEN 1
                              ELSE sign_in_addresses.failures + 1 END,
              window_started_at = CASE WHEN sign_in_addresses.window_started_at <= \(bind: windowStart) THEN \(bind: now)
                                       ELSE sign_in_addresses.window_started_at END
            RETURNING failures
            """).first()
        return try row?.decode(column: "failures", as: Int.self) ?? 1
    }

    static func refundAddress(_ address: String, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            UPDATE sign_in_addresses SET failures = failures - 1 WHERE address = \(bind: address) AND failures > 0
            """).run()
    }

    /// Windows that have ended count nothing; dropping them keeps the table to the addresses guessing now.
    static func purgeAddresses(olderThan window: TimeInterval, now: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            DELETE FROM sign_in_addresses WHERE window_started_at <= \(bind: now.addingTimeInterval(-window))
            """).run()
    }
}
