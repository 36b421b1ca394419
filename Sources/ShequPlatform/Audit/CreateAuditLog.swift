import Fluent

struct CreateAuditLog: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("chain", .string, .required)
            .field("sequence", .int, .required)
            .field("recorded_at", .string, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string)
            .field("scope", .string)
            .field("outcome", .string, .required)
            .field("ip", .string)
            .field("detail", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "chain", "sequence")
            .create()
        try await database.schema(AuditChainHead.schema)
            .field("chain", .string, .identifier(auto: false))
            .field("sequence", .int, .required)
            .field("hash", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AuditChainHead.schema).delete()
        try await database.schema(AuditEntry.schema).delete()
    }
}
