import Fluent
import Foundation

/// How an application reached the platform: 一网式 online, 一门式 at a window, 一号式 by hotline, or an Open311 client.
public enum ApplicationChannel: String, Codable, Sendable, CaseIterable {
    case online, window, hotline, open311
}

/// 办件.
public final class Application: Model, @unchecked Sendable {
    public static let schema = "applications"

    @ID public var id: UUID?
    @Field(key: "tracking_number") public var trackingNumber: String
    @Field(key: "item_id") public var itemID: UUID
    @Field(key: "resident_id") public var residentID: UUID
    /// The resident's community: the application's place in the jurisdiction.
    @Field(key: "division_code") public var divisionCode: String
    @OptionalField(key: "place_id") public var placeID: UUID?
    @Enum(key: "channel") public var channel: ApplicationChannel
    @Enum(key: "state") public var state: ApplicationState
    /// Where a supplement request returns to once the materials arrive.
    @OptionalEnum(key: "resume_state") public var resumeState: ApplicationState?
    @Field(key: "details") public var details: String
    /// 首问负责: the staff member who first took the matter up, until an explicit handover.
    @OptionalField(key: "responsible_account_id") public var responsibleAccountID: UUID?
    @OptionalField(key: "accepted_on") public var acceptedOn: String?
    /// yyyy-MM-dd the promised limit ends on; recomputed when a supplement wait ends.
    @OptionalField(key: "due_on") public var dueOn: String?
    /// Working days spent waiting for supplements, excluded from the limit.
    @Field(key: "paused_spans") public var pausedSpans: String
    @OptionalField(key: "outcome") public var outcome: String?
    /// Where a transfer sent it (at most one of outpost or centre; the department is set for an outpost too).
    /// Department staff reach only applications transferred to their own department.
    @OptionalField(key: "transfer_department_id") public var transferDepartmentID: UUID?
    @OptionalField(key: "transfer_outpost_id") public var transferOutpostID: UUID?
    @OptionalField(key: "transfer_center_id") public var transferCenterID: UUID?
    /// The language the resident applied in; their notices use it.
    @OptionalField(key: "language") public var language: String?
    /// The version of its item it was accepted under (the one current when it was submitted, until acceptance):
    /// its name, materials, limits and fee are that version's, whatever the item became later.
    @Field(key: "item_version") public var itemVersion: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

/// Every step taken on an application, by whom and why.
public final class ApplicationEvent: Model, @unchecked Sendable {
    public static let schema = "application_events"

    @ID public var id: UUID?
    @Field(key: "application_id") public var applicationID: UUID
    @Enum(key: "step") public var step: ApplicationStep
    @Enum(key: "from_state") public var fromState: ApplicationState
    @Enum(key: "to_state") public var toState: ApplicationState
    @Field(key: "actor") public var actor: String
    @Field(key: "reason") public var reason: String
    /// For supplement requests: the missing materials, listed all at once (一次性告知).
    @Field(key: "materials") public var materials: String
    @Timestamp(key: "at", on: .create) public var at: Date?

    public init() {}
}
