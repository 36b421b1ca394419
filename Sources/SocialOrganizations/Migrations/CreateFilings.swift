import Fluent
import SQLKit

/// The filings and the communities each serves. Category, partner and state are plain strings (not database
/// enums), so a later category or state is a new value, not a schema change on PostgreSQL.
struct CreateFilings: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Filing.schema)
            .id()
            .field("name", .string, .required)
            .field("category", .string, .required)
            .field("street_code", .string, .required)
            .field("purpose", .string, .required)
            .field("contact_name", .string, .required)
            .field("contact_phone_sealed", .string, .required)
            .field("contact_phone_masked", .string, .required)
            .field("members", .int, .required)
            .field("partner", .string, .required)
            .field("state", .string, .required)
            .field("reason", .string)
            .field("filed_by_account_id", .uuid, .required)
            .field("filed_by", .string, .required)
            .field("filed_at", .datetime)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .field("organization_id", .uuid)
            .create()
        try await database.schema(FilingCommunity.schema)
            .id()
            .field("filing_id", .uuid, .required, .references(Filing.schema, "id", onDelete: .cascade))
            .field("division_code", .string, .required)
            .unique(on: "filing_id", "division_code")
            .create()
        // The review queue (a street's submitted filings), one filer's filings, and the registry's page of an organisation.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "social_organization_filings_state_street").on(Filing.schema).column("state").column("street_code").run()
            try await sql.create(index: "social_organization_filings_author").on(Filing.schema).column("filed_by_account_id").run()
            try await sql.create(index: "social_organization_filings_organization").on(Filing.schema).column("organization_id").run()
        }
    }

    /// The directory rows approvals made stay (the directory owns them); only this module's tables go.
    func revert(on database: Database) async throws {
        try await database.schema(FilingCommunity.schema).delete()
        try await database.schema(Filing.schema).delete()
    }
}
