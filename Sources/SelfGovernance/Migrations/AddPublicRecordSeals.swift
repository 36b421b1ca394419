import Fluent
import SQLKit

/// Keyed public records: each community's head gets the sequence its keyed links
/// start from and a keyed seal; records already on file are sealed as they stand
/// (`ChainHead.upgradeToKeyed`), so they keep verifying without rewriting an entry.
struct AddPublicRecordSeals: AsyncMigration {
    func prepare(on database: Database) async throws {
        // Nullable only because SQLite adds no NOT NULL column without a default; every head gets both below.
        try await database.schema("public_record_heads").field("keyed_from", .int).update()
        try await database.schema("public_record_heads").field("seal", .string).update()
        try await PublicRecord.heads.upgradeToKeyed(on: database)
    }

    func revert(on database: Database) async throws {
        try await database.schema("public_record_heads").deleteField("seal").update()
        try await database.schema("public_record_heads").deleteField("keyed_from").update()
        try await (database as! any SQLDatabase).raw("DELETE FROM chain_checkpoints WHERE chain_set = 'public_record_heads'").run()
    }
}
