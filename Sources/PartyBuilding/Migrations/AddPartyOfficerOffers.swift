import Fluent
import SQLKit

/// Appointments waiting for the appointee's acceptance (PartyOfficerOffer).
struct AddPartyOfficerOffers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PartyOfficerOffer.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(PartyOrganization.schema, "id"))
            .field("account_id", .uuid, .required)
            .field("position", .string, .required)
            .field("offered_on", .string, .required)
            .field("offered_by", .string, .required)
            .field("state", .string, .required)
            .field("decided_on", .string)
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX party_officer_offers_account ON party_officer_offers (account_id, state)").run()
        try await sql.raw("CREATE INDEX party_officer_offers_organization ON party_officer_offers (organization_id, state)").run()
        // One secretary per organisation, held by the database: two offers of the post accepted at once would
        // otherwise both pass the check on PostgreSQL (read committed).
        try await sql.raw("CREATE UNIQUE INDEX party_officers_one_secretary ON party_officers (organization_id) WHERE position = 'secretary'").run()
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX party_officers_one_secretary").run()
        try await database.schema(PartyOfficerOffer.schema).delete()
    }
}
