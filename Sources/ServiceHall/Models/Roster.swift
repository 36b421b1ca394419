import Fluent
import Foundation

/// A staff member's contracted weekly hours at a place, and their shifts at its windows (H6).
final class StaffContract: Model, @unchecked Sendable {
    static let schema = "staff_contracts"

    @ID var id: UUID?
    @Field(key: "place_id") var placeID: UUID
    @Field(key: "username") var username: String
    @Field(key: "weekly_minutes") var weeklyMinutes: Int

    init() {}

    init(placeID: UUID, username: String, weeklyMinutes: Int) {
        self.placeID = placeID
        self.username = username
        self.weeklyMinutes = weeklyMinutes
    }
}

final class RosterShift: Model, @unchecked Sendable {
    static let schema = "roster_shifts"

    @ID var id: UUID?
    @Field(key: "place_id") var placeID: UUID
    @Field(key: "username") var username: String
    @Field(key: "window_number") var windowNumber: Int
    @Field(key: "weekday") var weekday: Int
    @Field(key: "start_minute") var startMinute: Int
    @Field(key: "end_minute") var endMinute: Int

    init() {}
}

struct CreateRoster: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(StaffContract.schema)
            .id()
            .field("place_id", .uuid, .required, .references(ServicePlace.schema, "id", onDelete: .cascade))
            .field("username", .string, .required)
            .field("weekly_minutes", .int, .required)
            .unique(on: "place_id", "username")
            .create()
        try await database.schema(RosterShift.schema)
            .id()
            .field("place_id", .uuid, .required, .references(ServicePlace.schema, "id", onDelete: .cascade))
            .field("username", .string, .required)
            .field("window_number", .int, .required)
            .field("weekday", .int, .required)
            .field("start_minute", .int, .required)
            .field("end_minute", .int, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(RosterShift.schema).delete()
        try await database.schema(StaffContract.schema).delete()
    }
}
