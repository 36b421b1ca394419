import Fluent
import SQLKit

/// Keyed chains: each audit head gets the sequence its keyed links start from
/// and a keyed seal, and the checkpoints of heads get their table. Chains already
/// on file are sealed as they stand (`ChainHead.upgradeToKeyed`), with the key
/// from `Secrets`, so they keep verifying without rewriting a single entry.
struct AddChainSeals: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ChainCheckpoint.schema)
            .id()
            .field("chain_set", .string, .required)
            .field("sealed_at", .double, .required)
            .field("heads", .string, .required)
            .field("seal", .string, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "chain_checkpoints_latest").on(ChainCheckpoint.schema)
            .column("chain_set").column("sealed_at").run()
        // Nullable only because SQLite adds no NOT NULL column without a default; every head gets both below.
        try await database.schema(AuditChainHead.schema).field("keyed_from", .int).update()
        try await database.schema(AuditChainHead.schema).field("seal", .string).update()
        try await AuditLog.heads.upgradeToKeyed(on: database)
    }

    func revert(on database: Database) async throws {
        try await database.schema(AuditChainHead.schema).deleteField("seal").update()
        try await database.schema(AuditChainHead.schema).deleteField("keyed_from").update()
        try await database.schema(ChainCheckpoint.schema).delete()
    }
}
