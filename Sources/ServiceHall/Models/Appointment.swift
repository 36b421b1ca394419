import Fluent
import Foundation

/// 预约: bookable time at a place, per item and day, with a capacity.
public final class AppointmentSlot: Model, @unchecked Sendable {
    public static let schema = "appointment_slots"

    @ID public var id: UUID?
    @Field(key: "place_id") public var placeID: UUID
    @OptionalField(key: "item_code") public var itemCode: String?
    @Field(key: "day") public var day: String
    @Field(key: "start_minute") public var startMinute: Int
    @Field(key: "end_minute") public var endMinute: Int
    @Field(key: "capacity") public var capacity: Int
    /// Kept beside the capacity so one conditional UPDATE books a place atomically on either database.
    @Field(key: "booked") public var booked: Int

    public init() {}
}

public enum AppointmentState: String, Codable, Sendable, CaseIterable {
    case booked, cancelled, arrived
}

public final class Appointment: Model, @unchecked Sendable {
    public static let schema = "appointments"

    @ID public var id: UUID?
    @Field(key: "slot_id") public var slotID: UUID
    @Field(key: "resident_id") public var residentID: UUID
    @Enum(key: "state") public var state: AppointmentState
    @OptionalField(key: "ticket_id") public var ticketID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

struct CreateAppointments: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AppointmentSlot.schema)
            .id()
            .field("place_id", .uuid, .required, .references(ServicePlace.schema, "id", onDelete: .cascade))
            .field("item_code", .string)
            .field("day", .string, .required)
            .field("start_minute", .int, .required)
            .field("end_minute", .int, .required)
            .field("capacity", .int, .required)
            .field("booked", .int, .required)
            .create()
        try await database.schema(Appointment.schema)
            .id()
            .field("slot_id", .uuid, .required, .references(AppointmentSlot.schema, "id", onDelete: .cascade))
            .field("resident_id", .uuid, .required)
            .field("state", .string, .required)
            .field("ticket_id", .uuid)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(Appointment.schema).delete()
        try await database.schema(AppointmentSlot.schema).delete()
    }
}
