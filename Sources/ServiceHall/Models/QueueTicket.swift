import Fluent
import Foundation

public enum TicketState: String, Codable, Sendable, CaseIterable {
    case waiting, called, served, noShow
}

/// 取号: a numbered ticket for one place on one day. Numbers start at 1 each
/// day and have no gaps or duplicates, however many instances hand them out.
public final class QueueTicket: Model, @unchecked Sendable {
    public static let schema = "queue_tickets"

    @ID public var id: UUID?
    @Field(key: "place_id") public var placeID: UUID
    @Field(key: "day") public var day: String
    @Field(key: "number") public var number: Int
    @OptionalField(key: "item_code") public var itemCode: String?
    @Enum(key: "state") public var state: TicketState
    @OptionalField(key: "window_id") public var windowID: UUID?
    @OptionalField(key: "called_at") public var calledAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    /// How the number is shown and called out: three digits, zero-padded.
    public var display: String { String(format: "%03d", number) }
}
