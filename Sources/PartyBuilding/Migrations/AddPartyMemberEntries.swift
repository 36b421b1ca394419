import Fluent
import SQLKit

/// Entries of members waiting for the person's confirmation (PartyMemberEntry).
struct AddPartyMemberEntries: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PartyMemberEntry.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(PartyOrganization.schema, "id"))
            .field("standing", .string, .required)
            .field("id_index", .string, .required)
            .field("id_masked", .string, .required)
            .field("entered_on", .string, .required)
            .field("state", .string, .required)
            .field("decided_on", .string)
            .field("membership_id", .uuid, .references(PartyMembership.schema, "id"))
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX party_member_entries_person ON party_member_entries (id_index, state)").run()
        try await sql.raw("CREATE INDEX party_member_entries_organization ON party_member_entries (organization_id, state)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(PartyMemberEntry.schema).delete()
    }
}
