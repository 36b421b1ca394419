import Fluent
import SQLKit

/// C3's tables: the integrity entries, the annual reports (one per organisation and year, held by a unique
/// index so two filings at once cannot both land) and the list removals. Kinds, sources, severities and lists are
/// plain strings, so a later value is not a schema change on PostgreSQL.
struct CreateIntegrityRecord: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(IntegrityEntry.schema)
            .id()
            .field("organization_id", .uuid, .required)
            .field("street_code", .string, .required)
            .field("kind", .string, .required)
            .field("source", .string, .required)
            .field("severity", .string, .required)
            .field("fine_fen", .int64)
            .field("summary", .string, .required)
            .field("evidence", .string, .required)
            .field("source_reference", .string)
            .field("corrects_id", .uuid)
            .field("recorded_by", .string, .required)
            .field("occurred_on", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(AnnualReport.schema)
            .id()
            .field("organization_id", .uuid, .required)
            .field("street_code", .string, .required)
            .field("year", .int, .required)
            .field("activities", .string, .required)
            .field("members", .int, .required)
            .field("income_fen", .int64, .required)
            .field("spending_fen", .int64, .required)
            .field("filed_by_account_id", .uuid, .required)
            .field("filed_by", .string, .required)
            .field("filed_on", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "organization_id", "year")
            .create()
        try await database.schema(ListRemoval.schema)
            .id()
            .field("organization_id", .uuid, .required)
            .field("street_code", .string, .required)
            .field("list", .string, .required)
            .field("rectification", .string, .required)
            .field("recorded_by", .string, .required)
            .field("removed_on", .string, .required)
            .field("created_at", .datetime)
            .create()
        // An organisation's record, read on its page and for the lists.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "social_organization_integrity_entries_org").on(IntegrityEntry.schema)
                .column("organization_id").column("occurred_on").run()
            try await sql.create(index: "social_organization_list_removals_org").on(ListRemoval.schema).column("organization_id").run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema(ListRemoval.schema).delete()
        try await database.schema(AnnualReport.schema).delete()
        try await database.schema(IntegrityEntry.schema).delete()
    }
}
