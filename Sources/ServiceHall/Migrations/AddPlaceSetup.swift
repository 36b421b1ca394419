import Fluent
import SQLKit

/// Places set up on pages (issue 11): a station's ticked qualification factors, windows for named items,
/// closing instead of deleting, and the weekly hours as rows. The published `opening_hours` text stays.
struct AddPlaceSetup: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        try await database.schema(ServicePlace.schema).field("qualification_reasons", .string).update()
        try await database.schema(ServicePlace.schema).field("closed_at", .datetime).update()
        try await database.schema(ServiceWindow.schema).field("item_codes", .string).update()
        try await database.schema(ServiceWindow.schema).field("closed_at", .datetime).update()
        try await database.schema(PlaceHours.schema)
            .id()
            .field("place_id", .uuid, .required, .references(ServicePlace.schema, "id", onDelete: .cascade))
            .field("weekday", .int, .required)
            .field("start_minute", .int, .required)
            .field("end_minute", .int, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "service_place_hours_place").on(PlaceHours.schema)
            .column("place_id").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(PlaceHours.schema).delete()
        try await database.schema(ServiceWindow.schema).deleteField("closed_at").update()
        try await database.schema(ServiceWindow.schema).deleteField("item_codes").update()
        try await database.schema(ServicePlace.schema).deleteField("closed_at").update()
        try await database.schema(ServicePlace.schema).deleteField("qualification_reasons").update()
    }
}
