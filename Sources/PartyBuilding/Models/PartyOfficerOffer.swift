import Fluent
import Foundation
import ShequPlatform

public enum PartyOfficerOfferState: String, Codable, Sendable, CaseIterable {
    case pending, accepted, declined

    public var phrase: Phrase {
        switch self {
        case .pending: .pbEntryPending
        case .accepted: .pbOfferAccepted
        case .declined: .pbEntryDeclined
        }
    }
}

/// An appointment waiting for the appointee to accept it on their own page.
///
/// An officer must be a full member of the organisation (review F1). Checked when the official appoints, the refusal
/// told a street or district official, who reaches the appointment by their division role and not by any party
/// office, whether any account's resident is a full member (the 2026-12-04 review, its finding 1). So the official
/// only offers the post; the person accepts it, and the membership is checked then, told only to them.
public final class PartyOfficerOffer: Model, @unchecked Sendable {
    public static let schema = "party_officer_offers"

    @ID public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Enum(key: "position") public var position: PartyOfficerPosition
    @Field(key: "offered_on") public var offeredOn: String
    @Field(key: "offered_by") public var offeredBy: String
    @Enum(key: "state") public var state: PartyOfficerOfferState
    @OptionalField(key: "decided_on") public var decidedOn: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
