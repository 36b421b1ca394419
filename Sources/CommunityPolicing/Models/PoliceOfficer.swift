import Fluent
import Foundation

/// A community police officer 社区民警 (O5) as the district records them: the account that holds
/// `Role.communityPolice`, and what residents are told (name, police number, work phone, duty hours). Nothing
/// personal beyond the work phone is kept here, so the whole record can be public.
public final class PoliceOfficer: Model, @unchecked Sendable {
    public static let schema = "police_officers"

    @ID public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "police_number") public var policeNumber: String
    @Field(key: "work_phone") public var workPhone: String
    @Field(key: "duty_hours") public var dutyHours: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

/// One community an officer serves: the attachment the referral rules and the community page go by.
public final class PoliceOfficerCommunity: Model, @unchecked Sendable {
    public static let schema = "police_officer_communities"

    @ID public var id: UUID?
    @Field(key: "officer_id") public var officerID: UUID
    @Field(key: "division_code") public var divisionCode: String

    public init() {}

    public init(officerID: UUID, divisionCode: String) {
        self.officerID = officerID
        self.divisionCode = divisionCode
    }
}

/// A hotline call or mailbox letter (SelfGovernance `ChannelMessage`) the residents' committee referred to the
/// community's officer: who referred it, when, to whom. The answer is the message's own (`Channels.answer`), so its
/// due date and the overdue list stay SelfGovernance's.
public final class PoliceReferral: Model, @unchecked Sendable {
    public static let schema = "police_referrals"

    @ID public var id: UUID?
    @Field(key: "message_id") public var messageID: UUID
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "officer_id") public var officerID: UUID
    @Field(key: "referred_by") public var referredBy: String
    @OptionalField(key: "note") public var note: String?
    @Timestamp(key: "referred_at", on: .create) public var referredAt: Date?

    public init() {}
}
