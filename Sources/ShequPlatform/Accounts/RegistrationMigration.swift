import Fluent
import SQLKit

/// Residents' account requests, and the counters that throttle them (one row
/// per address or ID number and window, taken by a conditional upsert).
struct CreateRegistrationRequests: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(RegistrationRequest.schema)
            .id()
            .field("reference", .string, .required)
            .field("username", .string, .required)
            .field("name", .string, .required)
            .field("id_number_sealed", .string, .required)
            .field("id_number_index", .string, .required)
            .field("id_number_masked", .string, .required)
            .field("phone_sealed", .string, .required)
            .field("phone_masked", .string, .required)
            .field("division_code", .string, .required)
            .field("named_division_code", .string, .required)
            .field("resident_id", .uuid)
            .field("password_hash", .string, .required)
            .field("state", .string, .required)
            .field("code_hash", .string, .required)
            .field("code_expires_at", .datetime, .required)
            .field("code_attempts", .int, .required)
            .field("language", .string, .required)
            .field("account_id", .uuid)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .field("reason", .string)
            .field("created_at", .datetime)
            .unique(on: "reference")
            .create()
        let sql = database as! any SQLDatabase
        // The committee's list: its communities' open requests, oldest first.
        try await sql.create(index: "registration_requests_division_state").on(RegistrationRequest.schema)
            .column("division_code").column("state").column("created_at").run()
        try await database.schema(RegistrationThrottle.table)
            .field("key", .string, .identifier(auto: false))
            .field("window_end", .datetime, .required)
            .field("attempts", .int, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(RegistrationThrottle.table).delete()
        try await database.schema(RegistrationRequest.schema).delete()
    }
}
