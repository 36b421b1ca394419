import Fluent
import SQLKit

struct CreateChannels: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ChannelMessage.schema)
            .id()
            .field("division_code", .string, .required)
            .field("channel", .string, .required)
            .field("resident_id", .uuid)
            .field("author_name", .string, .required)
            .field("anonymous", .bool, .required)
            .field("subject", .string, .required)
            .field("text", .string, .required)
            .field("recorded_by", .string)
            .field("due_on", .string, .required)
            .field("answer", .string)
            .field("answered_on", .string)
            .field("answered_by", .string)
            .field("matter_id", .uuid, .references(Matter.schema, "id"))
            .field("tracking_number", .string)
            .field("hidden", .bool, .required)
            .field("hidden_reason", .string)
            .field("appeal", .string)
            .field("appeal_state", .string)
            .field("appeal_decision", .string)
            .field("created_at", .datetime)
            .create()
        try await database.schema(ForumReply.schema)
            .id()
            .field("message_id", .uuid, .required, .references(ChannelMessage.schema, "id"))
            .field("resident_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("text", .string, .required)
            .field("hidden", .bool, .required)
            .field("hidden_reason", .string)
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        // The unanswered list, by due date, per community.
        try await sql.create(index: "channel_messages_division_due").on(ChannelMessage.schema)
            .column("division_code").column("answered_on").column("due_on").run()
        try await sql.create(index: "forum_replies_message").on(ForumReply.schema).column("message_id").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ForumReply.schema).delete()
        try await database.schema(ChannelMessage.schema).delete()
    }
}
