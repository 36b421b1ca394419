import Fluent
import SelfGovernance
import SQLKit

/// O5: officers, the communities they serve, and the messages referred to them.
struct CreateCommunityPolicing: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.transaction { db in
            try await db.schema(PoliceOfficer.schema)
                .id()
                .field("account_id", .uuid, .required)
                .field("name", .string, .required)
                .field("police_number", .string, .required)
                .field("work_phone", .string, .required)
                .field("duty_hours", .string, .required)
                .field("recorded_by", .string, .required)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                // One record per account and per badge: the second is a mistake, answered 409 by the rules.
                .unique(on: "account_id", name: "police_officers_account")
                .unique(on: "police_number", name: "police_officers_number")
                .create()
            try await db.schema(PoliceOfficerCommunity.schema)
                .id()
                .field("officer_id", .uuid, .required, .references(PoliceOfficer.schema, "id"))
                .field("division_code", .string, .required)
                .unique(on: "officer_id", "division_code", name: "police_officer_communities_pair")
                .create()
            try await db.schema(PoliceReferral.schema)
                .id()
                .field("message_id", .uuid, .required, .references(ChannelMessage.schema, "id"))
                .field("division_code", .string, .required)
                .field("officer_id", .uuid, .required, .references(PoliceOfficer.schema, "id"))
                .field("referred_by", .string, .required)
                .field("note", .string)
                .field("referred_at", .datetime)
                // A message is referred once: two staff referring it at the same moment meet here.
                .unique(on: "message_id", name: "police_referrals_message")
                .create()
            let sql = db as! any SQLDatabase
            try await sql.raw("CREATE INDEX police_officer_communities_code ON police_officer_communities (division_code)").run()
            try await sql.raw("CREATE INDEX police_referrals_officer ON police_referrals (officer_id, referred_at)").run()
            try await sql.raw("CREATE INDEX police_referrals_division ON police_referrals (division_code, referred_at)").run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.transaction { db in
            try await db.schema(PoliceReferral.schema).delete()
            try await db.schema(PoliceOfficerCommunity.schema).delete()
            try await db.schema(PoliceOfficer.schema).delete()
        }
    }
}
