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
        // The check a service hall runs on every step asks by street and power.
        try await (database as! any SQLDatabase).raw("CREATE INDEX delegated_powers_street ON delegated_powers (street_code, power)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(DelegatedPower.schema).delete()
    }
}
