import Foundation
import Logging
import PostgresNIO

/// The API token's actor on PostgreSQL as a prepared statement: every API
/// call runs it, and planning it each time cost more than running it. Same
/// SQL as the SQLite path in `ActorMiddleware.actor(forToken:on:)`.
struct ActorStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT t.expires_at, t.revoked_at IS NOT NULL, a.id, a.username, a.resident_id, a.disabled, g.role, g.scope, g.department_id, g.organization_id
        FROM api_tokens t JOIN accounts a ON a.id = t.account_id LEFT JOIN grants g ON g.account_id = a.id
        WHERE t.token_hash = $1
        """
    typealias Row = (Date, Bool, UUID, String, UUID?, Bool, String?, String?, UUID?, UUID?)

    var tokenHash: String
    /// Made once: `Logger(label:)` asks the logging system for a handler, and this runs on every API call.
    static let logger = Logger(label: "shequ.actor")

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(tokenHash)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }

    static func run(tokenHash: String, on db: any PostgresDatabase) async throws -> Actor? {
        let rows = try await db.rows(of: ActorStatement(tokenHash: tokenHash), logger: Self.logger)
        guard let first = rows.first, !first.1, first.0 > Date(), !first.5 else { return nil }
        let grants: [GrantValue] = rows.compactMap { row in
            guard let role = row.6.flatMap(Role.init(rawValue:)), let scope = row.7 else { return nil }
            return GrantValue(role: role, scope: scope, departmentID: row.8, organizationID: row.9)
        }
        return Actor(accountID: first.2, username: first.3, residentID: first.4, grants: grants)
    }
}
