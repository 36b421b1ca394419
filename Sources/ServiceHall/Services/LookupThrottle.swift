import Fluent
import Foundation
import ShequPlatform
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

    public static func isBlocked(number: String?, ip: String?, now: Date, on db: any Database) async throws -> Bool {
        let since = now.addingTimeInterval(-3600)
        if let number, try await LookupFailure.query(on: db).filter(\.$key == "tn:" + number).filter(\.$at > since).count() >= perNumberPerHour {
            return true
        }
        if let ip, try await LookupFailure.query(on: db).filter(\.$key == "ip:" + ip).filter(\.$at > since).count() >= perAddressPerHour {
            return true
        }
        return false
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
