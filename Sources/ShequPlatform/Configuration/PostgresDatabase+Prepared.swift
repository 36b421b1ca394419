import Logging
import NIOCore
import PostgresNIO

extension PostgresDatabase {
    /// Every row of a prepared statement, on a pooled connection. PostgreSQL
    /// plans the statement once per connection and reuses the plan; the hot
    /// reads (the token's actor, the applicant, the tracking lookup) go this way.
    public func rows<Statement: PostgresPreparedStatement>(of statement: Statement, logger: Logger) async throws -> [Statement.Row]
    where Statement: Sendable, Statement.Row: Sendable {
        try await withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [Statement.Row] = []
                for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                return rows
            }
        }.get()
    }
}
