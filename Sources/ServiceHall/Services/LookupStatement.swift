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
        SELECT a.resident_id, a.item_id, a.state, a.due_on, a.lookup_id_digest, a.lookup_phone_digest
        FROM applications a WHERE a.tracking_number = $1
        """
    typealias Row = (UUID, UUID, String, String?, String?, String?)

    var number: String
    /// Made once: `Logger(label:)` asks the logging system for a handler, and this runs on every lookup.
    static let logger = Logger(label: "shequ.lookup")

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(number)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }

    static func run(number: String, on db: any PostgresDatabase) async throws -> LookupThrottle.LookupRow {
        guard let row = try await db.rows(of: LookupStatement(number: number), logger: Self.logger).first,
              let state = ApplicationState(rawValue: row.2) else { return .init(application: nil) }
        return .init(application: .init(residentID: row.0, itemID: row.1, state: state, dueOn: row.3, idDigest: row.4, phoneDigest: row.5))
    }
}
