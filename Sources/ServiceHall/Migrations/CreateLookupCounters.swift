import Fluent
import SQLKit

/// `/track` failure counters, one row per tracking number and per address,
/// taken by a conditional upsert before a guess is judged (`LookupThrottle`).
/// They replace counting rows of `lookup_failures`, which parallel guesses
/// could all read under the limit before any of them was written.
struct CreateLookupCounters: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("lookup_counters")
            .field("key", .string, .identifier(auto: false))
            .field("window_start", .datetime, .required)
            .field("attempts", .int, .required)
            .field("ceiling", .int, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("lookup_counters").delete()
    }
}
