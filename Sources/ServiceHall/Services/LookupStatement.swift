import Foundation
import Logging
import PostgresNIO
import ShequPlatform

/// The tracking lookup on PostgreSQL as a prepared statement: planned once
/// per connection instead of on every call. Planning was most of the
/// database's share of a lookup (BENCHMARKS.md). The SQL is the same as the
/// SQLite path in `LookupThrottle.lookupRow`.
struct LookupStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT (SELECT COUNT(*) FROM lookup_failures WHERE "key" = $1 AND "at" > $2) AS number_failures,
               (SELECT COUNT(*) FROM lookup_failures WHERE "key" = $3 AND "at" > $2) AS address_failures,
               a.resident_id, a.item_id, a.state, a.due_on, a.lookup_id_digest, a.lookup_phone_digest
        FROM (SELECT 1 AS one) AS o LEFT JOIN applications a ON a.tracking_number = $4
        """
    typealias Row = (Int64, Int64, UUID?, UUID?, String?, String?, String?, String?)

    var numberKey: String
    var since: Date
    var addressKey: String
    var number: String
    /// Made once: `Logger(label:)` asks the logging system for a handler, and this runs on every lookup.
    static let logger = Logger(label: "shequ.lookup")

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        bindings.append(numberKey)
        bindings.append(since)
        bindings.append(addressKey)
        bindings.append(number)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }

    static func run(number: String, ip: String?, since: Date, on db: any PostgresDatabase) async throws -> LookupThrottle.LookupRow {
        let statement = LookupStatement(numberKey: "tn:" + number, since: since, addressKey: "ip:" + (ip ?? ""), number: number)
        guard let row = try await db.rows(of: statement, logger: Self.logger).first else { return .init(blocked: false, application: nil) }
        let blocked = row.0 >= LookupThrottle.perNumberPerHour || (ip != nil && row.1 >= LookupThrottle.perAddressPerHour)
        guard let residentID = row.2, let itemID = row.3, let state = row.4.flatMap(ApplicationState.init(rawValue:)) else {
            return .init(blocked: blocked, application: nil)
        }
        return .init(blocked: blocked, application: .init(residentID: residentID, itemID: itemID, state: state, dueOn: row.5,
                                                          idDigest: row.6, phoneDigest: row.7))
    }
}
