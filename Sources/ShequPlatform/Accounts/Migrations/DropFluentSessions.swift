import Fluent

/// Page sessions moved to `web_sessions`; the old table's rows held session ids in
/// clear and would never be read again, so it goes rather than linger in backups.
struct DropFluentSessions: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("_fluent_sessions").delete()
    }

    func revert(on database: Database) async throws {
        try await database.schema("_fluent_sessions")
            .id()
            .field("key", .string, .required)
            .field("data", .json, .required)
            .unique(on: "key")
            .create()
    }
}
