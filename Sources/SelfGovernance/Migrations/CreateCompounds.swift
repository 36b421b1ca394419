import Fluent
import SQLKit

struct CreateCompounds: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Compound.schema)
            .id()
            .field("division_code", .string, .required)
            .field("name", .string, .required)
            .field("owners_committee_id", .uuid, .references(GovernanceBody.schema, "id"))
            .field("property_manager_id", .uuid)
            .field("created_at", .datetime)
            .create()
        try await database.schema(GuidanceRecord.schema)
            .id()
            .field("compound_id", .uuid, .required, .references(Compound.schema, "id"))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("recorded_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(ThreePartyMeeting.schema)
            .id()
            .field("compound_id", .uuid, .required, .references(Compound.schema, "id"))
            .field("held_on", .string, .required)
            .field("topic", .string, .required)
            .field("minutes", .string, .required)
            .field("attendees", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(MeetingFollowUp.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(ThreePartyMeeting.schema, "id"))
            .field("party", .string, .required)
            .field("text", .string, .required)
            .field("due_on", .string, .required)
            .field("done_on", .string)
            .field("outcome", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "compounds_division").on(Compound.schema).column("division_code").run()
        try await sql.create(index: "guidance_records_compound").on(GuidanceRecord.schema).column("compound_id").run()
        try await sql.create(index: "three_party_meetings_compound").on(ThreePartyMeeting.schema).column("compound_id").run()
        try await sql.create(index: "meeting_follow_ups_meeting").on(MeetingFollowUp.schema).column("meeting_id").run()
    }

    func revert(on database: Database) async throws {
        for schema in [MeetingFollowUp.schema, ThreePartyMeeting.schema, GuidanceRecord.schema, Compound.schema] {
            try await database.schema(schema).delete()
        }
    }
}
