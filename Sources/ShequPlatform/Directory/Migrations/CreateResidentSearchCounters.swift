import Fluent

/// Exact searches by ID number or phone, counted per account and window
/// (`ResidentSearchThrottle`), in the database so every instance shares them.
struct CreateResidentSearchCounters: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ResidentSearchThrottle.table)
            .field("key", .string, .identifier(auto: false))
            .field("window_end", .datetime, .required)
            .field("attempts", .int, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ResidentSearchThrottle.table).delete()
    }
}
