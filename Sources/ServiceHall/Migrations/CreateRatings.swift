import Fluent
import SQLKit

struct CreateRatings: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Rating.schema)
            .id()
            .field("application_id", .uuid, .required, .references(Application.schema, "id"))
            .field("division_code", .string, .required)
            .field("level", .string, .required)
            .field("comment", .string, .required)
            .field("place_id", .uuid)
            .field("staff_account_id", .uuid)
            .field("created_at", .datetime)
            .unique(on: "application_id")
            .create()
        try await database.schema(FollowUp.schema)
            .id()
            .field("rating_id", .uuid, .required, .references(Rating.schema, "id"))
            .field("division_code", .string, .required)
            .field("due_on", .string, .required)
            .field("state", .string, .required)
            .field("appeal_ground", .string)
            .field("response", .string, .required)
            .field("answered_on", .string)
            .field("answered_by", .string)
            .unique(on: "rating_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "ratings_division").on(Rating.schema).column("division_code").run()
        try await sql.create(index: "follow_ups_division_state").on(FollowUp.schema).column("division_code").column("state").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(FollowUp.schema).delete()
        try await database.schema(Rating.schema).delete()
    }
}
