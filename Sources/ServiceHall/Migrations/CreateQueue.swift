import Fluent
import SQLKit

struct CreateQueue: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One row per place and day holds the last number handed out; its row lock serialises takers.
        try await database.schema("queue_counters")
            .field("place_id", .uuid, .required, .references(ServicePlace.schema, "id", onDelete: .cascade))
            .field("day", .string, .required)
            .field("last_number", .int, .required)
            .compositeIdentifier(over: "place_id", "day")
            .create()
        try await database.schema(QueueTicket.schema)
            .id()
            .field("place_id", .uuid, .required, .references(ServicePlace.schema, "id", onDelete: .cascade))
            .field("day", .string, .required)
            .field("number", .int, .required)
            .field("item_code", .string)
            .field("state", .string, .required)
            .field("window_id", .uuid, .references(ServiceWindow.schema, "id"))
            .field("called_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "place_id", "day", "number")
            .create()
        try await (database as! any SQLDatabase).create(index: "queue_tickets_place_day_state")
            .on(QueueTicket.schema).column("place_id").column("day").column("state").column("number").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(QueueTicket.schema).delete()
        try await database.schema("queue_counters").delete()
    }
}
