import Fluent
import SQLKit

/// Notifications, and the language each application was made in (so later messages speak it).
struct CreateNotifications: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ResidentNotification.schema)
            .id()
            .field("resident_id", .uuid, .required)
            .field("application_id", .uuid, .required, .references(Application.schema, "id", onDelete: .cascade))
            .field("language", .string, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "resident_notifications_resident")
            .on(ResidentNotification.schema).column("resident_id").run()
        try await database.schema(Application.schema).field("language", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(Application.schema).deleteField("language").update()
        try await database.schema(ResidentNotification.schema).delete()
    }
}
