import Fluent
import SQLKit

/// Failed sign-ins per client address, in the database so that every instance
/// counts the same guesses (one row per address and window).
struct CreateSignInAddresses: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("sign_in_addresses")
            .field("address", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("window_started_at", .datetime, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("sign_in_addresses").delete()
    }
}
