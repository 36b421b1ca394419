import Fluent
import Foundation
import ShequPlatform
import PostgresNIO
import SQLKit

/// Anonymous tracking lookups answer only with the right last four characters;
/// without a limit those four could be guessed. Attempts are counted in the
/// database (shared by every instance), per tracking number and per address,
/// and an attempt is counted *before* it is judged: one conditional upsert
/// takes a place under the limit or finds none, so parallel guesses cannot
/// all read "under the limit" and all be judged. A right answer gives its
/// place back, so residents following their own application are not limited.
public enum LookupThrottle {
    public static let perNumberPerHour = 5
    public static let perAddressPerHour = 30
    static let window: TimeInterval = 3600

    static func keys(number: String?, ip: String?) -> [(key: String, ceiling: Int)] {
        [number.map { (key: "tn:" + $0, ceiling: perNumberPerHour) }, ip.map { (key: "ip:" + $0, ceiling: perAddressPerHour) }]
            .compactMap { $0 }
    }

    struct LookupRow {
        struct Found {
            let residentID: UUID
            let itemID: UUID
            let state: ApplicationState
            let dueOn: String?
            let idDigest: String?
            let phoneDigest: String?
        }
        let application: Found?
    }

    private struct Full: Error {}

    /// Takes one attempt for the number and for the address, both or neither; false when either is used up.
    /// The limit sits in the upsert's WHERE, so the count and the check are one atomic step on either database.
    public static func reserve(number: String, ip: String?, now: Date, gate: WriteGate, on db: any Database) async throws -> Bool {
        let keys = keys(number: number, ip: ip)
        let since = now.addingTimeInterval(-window)
        do {
            try await gate.transaction(on: db) { db in
                let sql = db as! any SQLDatabase
                let rows: [SQLQueryString] = keys.map { "(\(bind: $0.key), \(bind: now), 1, \(bind: $0.ceiling))" }
                let taken = try await sql.raw("""
                    INSERT INTO lookup_counters ("key", window_start, attempts, ceiling) VALUES \(rows.joined(separator: ", "))
                    ON CONFLICT ("key") DO UPDATE SET
                        attempts = CASE WHEN lookup_counters.window_start <= \(bind: since) THEN 1 ELSE lookup_counters.attempts + 1 END,
                        window_start = CASE WHEN lookup_counters.window_start <= \(bind: since) THEN \(bind: now) ELSE lookup_counters.window_start END,
                        ceiling = excluded.ceiling
                    WHERE lookup_counters.window_start <= \(bind: since) OR lookup_counters.attempts < excluded.ceiling
                    RETURNING "key"
                    """).all()
                // One key full: roll back the other's increment too.
                guard taken.count == keys.count else { throw Full() }
                if Int.random(in: 0..<100) == 0 {
                    // Counters idle for a day count for nothing; dropping them keeps the table small.
                    try await sql.raw("DELETE FROM lookup_counters WHERE window_start < \(bind: now.addingTimeInterval(-86400))").run()
                }
            }
            return true
        } catch is Full {
            return false
        }
    }

    /// A right answer is not a failure: its attempt is given back.
    public static func refund(number: String, ip: String?, gate: WriteGate, on db: any Database) async throws {
        let keys = keys(number: number, ip: ip).map(\.key)
        try await gate.transaction(on: db) { db in
            try await (db as! any SQLDatabase).raw("""
                UPDATE lookup_counters SET attempts = attempts - 1 WHERE "key" IN (\(binds: keys)) AND attempts > 0
                """).run()
        }
    }

    /// The application in one statement: the lookup is public and cheap to send, so it must be cheap to answer.
    static func lookupRow(number: String, on db: any Database) async throws -> LookupRow {
        if let pg = db as? any PostgresDatabase {
            return try await LookupStatement.run(number: number, on: pg)
        }
        guard let row = try await (db as! any SQLDatabase).raw("""
            SELECT a.resident_id, a.item_id, a.state, a.due_on, a.lookup_id_digest, a.lookup_phone_digest
            FROM applications a WHERE a.tracking_number = \(bind: number)
            """).first(),
              let state = ApplicationState(rawValue: try row.decode(column: "state", as: String.self)) else {
            return LookupRow(application: nil)
        }
        return LookupRow(application: .init(
            residentID: try row.decode(column: "resident_id", as: UUID.self), itemID: try row.decode(column: "item_id", as: UUID.self),
            state: state, dueOn: try row.decode(column: "due_on", as: String?.self),
            idDigest: try row.decode(column: "lookup_id_digest", as: String?.self),
            phoneDigest: try row.decode(column: "lookup_phone_digest", as: String?.self)))
    }
}

/// Rows of the counting that `lookup_counters` replaced; kept as its landed migration made it.
final class LookupFailure: Model, @unchecked Sendable {
    static let schema = "lookup_failures"

    @ID var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "at") var at: Date

    init() {}
}

struct CreateLookupFailures: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(LookupFailure.schema)
            .id()
            .field("key", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "lookup_failures_key_at").on(LookupFailure.schema)
            .column("key").column("at").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(LookupFailure.schema).delete()
    }
}

extension Phrase {
    static let errorLookupThrottled = Phrase(zh: "查询失败次数过多，请一小时后再试，或携带身份证到窗口查询。",
                                            en: "Too many failed lookups. Try again in an hour, or ask at a window with your ID card.")
}
