import Fluent
import Foundation
import ShequPlatform
import PostgresNIO
import SQLKit

/// Anonymous tracking lookups answer only with the right last four characters;
/// without a limit those four could be guessed. Failures are counted in the
/// database (shared by every instance), per tracking number and per address.
public enum LookupThrottle {
    public static let perNumberPerHour = 5
    public static let perAddressPerHour = 30

    static func keys(number: String?, ip: String?) -> [String] {
        [number.map { "tn:" + $0 }, ip.map { "ip:" + $0 }].compactMap { $0 }
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
        let blocked: Bool
        let application: Found?
    }

    /// The two failure counts and the application in one statement: the lookup
    /// is public and cheap to send, so it must be cheap to answer.
    static func lookupRow(number: String, ip: String?, now: Date, on db: any Database) async throws -> LookupRow {
        let since = now.addingTimeInterval(-3600)
        if let pg = db as? any PostgresDatabase {
            return try await LookupStatement.run(number: number, ip: ip, since: since, on: pg)
        }
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT (SELECT COUNT(*) FROM lookup_failures WHERE "key" = \(bind: "tn:" + number) AND "at" > \(bind: since)) AS number_failures,
                   (SELECT COUNT(*) FROM lookup_failures WHERE "key" = \(bind: "ip:" + (ip ?? "")) AND "at" > \(bind: since)) AS address_failures,
                   a.resident_id, a.item_id, a.state, a.due_on, a.lookup_id_digest, a.lookup_phone_digest
            FROM (SELECT 1 AS one) AS o LEFT JOIN applications a ON a.tracking_number = \(bind: number)
            """).first()!
        let blocked = try row.decode(column: "number_failures", as: Int.self) >= perNumberPerHour
            || (ip != nil && (try row.decode(column: "address_failures", as: Int.self)) >= perAddressPerHour)
        guard let residentID = try row.decode(column: "resident_id", as: UUID?.self),
              let state = ApplicationState(rawValue: try row.decode(column: "state", as: String.self)) else {
            return LookupRow(blocked: blocked, application: nil)
        }
        return LookupRow(blocked: blocked, application: .init(
            residentID: residentID, itemID: try row.decode(column: "item_id", as: UUID.self), state: state,
            dueOn: try row.decode(column: "due_on", as: String?.self),
            idDigest: try row.decode(column: "lookup_id_digest", as: String?.self),
            phoneDigest: try row.decode(column: "lookup_phone_digest", as: String?.self)))
    }

    public static func recordFailure(number: String?, ip: String?, now: Date, on db: any Database) async throws {
        for key in keys(number: number, ip: ip) {
            let failure = LookupFailure()
            failure.key = key
            failure.at = now
            try await failure.create(on: db)
        }
        // Yesterday's failures no longer count; dropping them keeps the table small.
        try await LookupFailure.query(on: db).filter(\.$at < now.addingTimeInterval(-86400)).delete()
    }
}

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
