import Fluent
import SQLKit

struct CreateDelegatedPowers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(DelegatedPower.schema)
            .id()
            .field("power", .string, .required)
            .field("street_code", .string, .required)
            .field("district_code", .string, .required)
            .field("decision_document", .string, .required)
            .field("decided_on", .string, .required)
            .field("effective_from", .string, .required)
            .field("revoked_on", .string)
            .field("revocation_reason", .string)
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        // The check a service hall runs on every step asks by street and power.
        try await sql.raw("CREATE INDEX delegated_powers_street ON delegated_powers (street_code, power)").run()
        // One standing grant per street and power, even when two officials grant it at the same moment.
        try await sql.raw("""
            CREATE UNIQUE INDEX delegated_powers_standing ON delegated_powers (street_code, power) WHERE revoked_on IS NULL
            """).run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(DelegatedPower.schema).delete()
    }
}
