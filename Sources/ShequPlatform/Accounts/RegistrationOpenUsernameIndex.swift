import Fluent
import SQLKit

/// One open request per username, held by the database: two applicants sending the same
/// name at the same moment both pass the check before either row exists, on PostgreSQL.
/// Requests already open twice (from before) keep the older; the later is refused with the reason.
struct AddOpenRegistrationUsernameIndex: AsyncMigration {
    static let name = "registration_requests_open_username"

    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            UPDATE registration_requests SET state = 'refused', reason = 'another request for this username came first', password_hash = ''
            WHERE state IN ('awaitingCode', 'pending') AND EXISTS (
                SELECT 1 FROM registration_requests o
                WHERE o.username = registration_requests.username AND o.state IN ('awaitingCode', 'pending')
                  AND (o.created_at < registration_requests.created_at
                       OR (o.created_at = registration_requests.created_at AND o.reference < registration_requests.reference)))
            """).run()
        try await sql.raw("""
            CREATE UNIQUE INDEX \(ident: Self.name) ON registration_requests (username) WHERE state IN ('awaitingCode', 'pending')
            """).run()
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX \(ident: Self.name)").run()
    }
}
