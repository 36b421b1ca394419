import Fluent
import Foundation

/// 小区: a residential compound with its owners' committee and property
/// manager, under the residents' committee's guidance and supervision (S4).
public final class Compound: Model, @unchecked Sendable {
    public static let schema = "compounds"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "name") public var name: String
    /// A `GovernanceBody` of kind `.ownersCommittee`.
    @OptionalField(key: "owners_committee_id") public var ownersCommitteeID: UUID?
    /// An `Organization` of kind `.propertyManager`.
    @OptionalField(key: "property_manager_id") public var propertyManagerID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public enum GuidanceKind: String, Codable, Sendable, CaseIterable {
    case guidance     // 指导
    case supervision  // 监督
}

/// The residents' committee's guidance or supervision of an owners' committee.
public final class GuidanceRecord: Model, @unchecked Sendable {
    public static let schema = "guidance_records"

    @ID public var id: UUID?
    @Field(key: "compound_id") public var compoundID: UUID
    @Enum(key: "kind") public var kind: GuidanceKind
    @Field(key: "text") public var text: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public enum MeetingParty: String, Codable, Sendable, CaseIterable {
    case residentsCommittee, ownersCommittee, propertyManager
}

/// 三方联席会议: residents' committee, owners' committee and property manager together.
public final class ThreePartyMeeting: Model, @unchecked Sendable {
    public static let schema = "three_party_meetings"

    @ID public var id: UUID?
    @Field(key: "compound_id") public var compoundID: UUID
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "topic") public var topic: String
    @Field(key: "minutes") public var minutes: String
    /// Who came for each party, as "party: names" lines.
    @Field(key: "attendees") public var attendees: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// What a meeting agreed a party would do, by when, and whether it did.
public final class MeetingFollowUp: Model, @unchecked Sendable {
    public static let schema = "meeting_follow_ups"

    @ID public var id: UUID?
    @Field(key: "meeting_id") public var meetingID: UUID
    @Enum(key: "party") public var party: MeetingParty
    @Field(key: "text") public var text: String
    @Field(key: "due_on") public var dueOn: String
    @OptionalField(key: "done_on") public var doneOn: String?
    @OptionalField(key: "outcome") public var outcome: String?

    public init() {}
}
