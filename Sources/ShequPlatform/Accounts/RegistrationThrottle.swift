import Fluent
import Foundation
import SQLKit

/// Each registration request can send an SMS to a resident's phone on file and
/// costs a password hash, so requests are limited per client address and per
/// ID number; the public doors that take a reference (status, code) are limited
/// per address. Counted in the database before the request is judged, by one
/// conditional upsert per window, as `ResidentSearchThrottle` does, so parallel
/// requests on any number of instances cannot all read "under the limit".
/// The per-number count is taken whether or not the number is on file, so a
/// refusal tells nobody anything about the number.
public enum RegistrationThrottle {
    public static let requestsPerAddressPerHour = 10
    public static let requestsPerNumberPerDay = 3
    public static let lookupsPerAddressPerHour = 60
    static let table = "registration_counters"

    struct Window {
        let key: String
        let seconds: TimeInterval
        let ceiling: Int
    }

    static func requestWindows(address: String, idIndex: String) -> [Window] {
        addressWindows(address: address) + numberWindows(idIndex: idIndex)
    }

    /// Taken before a request is judged at all, so that no answer (a taken username either) comes unlimited.
    static func addressWindows(address: String) -> [Window] {
        [Window(key: "ra:" + address, seconds: 3600, ceiling: requestsPerAddressPerHour)]
    }

    /// Taken once the request would go forward: a username someone else holds costs the number nothing.
    static func numberWindows(idIndex: String) -> [Window] {
        [Window(key: "rn:" + idIndex, seconds: 86400, ceiling: requestsPerNumberPerDay)]
    }

    static func lookupWindows(address: String) -> [Window] {
        [Window(key: "la:" + address, seconds: 3600, ceiling: lookupsPerAddressPerHour)]
    }

    private struct Full: Error {}

    /// Takes one place in every window, or none when any is used up.
    static func take(_ windows: [Window], now: Date = Date(), gate: WriteGate, on db: any Database) async throws -> Bool {
        do {
            try await gate.transaction(on: db) { db in
                let sql = db as! any SQLDatabase
                for window in windows {
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
                    // This window is full: the rollback takes back the others' increments too.
                    guard !taken.isEmpty else { throw Full() }
                }
                if Int.random(in: 0..<200) == 0 {
                    try await sql.raw("DELETE FROM \(ident: table) WHERE window_end < \(bind: now.addingTimeInterval(-86400))").run()
                }
            }
            return true
        } catch is Full {
            return false
        }
    }
}
