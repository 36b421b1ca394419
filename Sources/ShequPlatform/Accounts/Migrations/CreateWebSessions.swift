import Fluent
import SQLKit

/// Page sessions with the times the server needs to end them (idle and absolute),
/// and the session id stored only as a hash, so a copy of the table signs no one in.
struct CreateWebSessions: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(WebSession.schema)
            .id()
            .field("key_hash", .string, .required)
            .field("data", .json, .required)
            .field("created_at", .datetime, .required)
            .field("seen_at", .datetime, .required)
            .unique(on: "key_hash")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX web_sessions_seen_at ON web_sessions (seen_at)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(WebSession.schema).delete()
    }
}
