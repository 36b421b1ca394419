import Fluent
import Foundation
import ShequPlatform

public enum PartyMemberEntryState: String, Codable, Sendable, CaseIterable {
    case pending, confirmed, declined

    public var phrase: Phrase {
        switch self {
        case .pending: .pbEntryPending
        case .confirmed: .pbEntryConfirmed
        case .declined: .pbEntryDeclined
        }
    }
}

/// A workplace organisation's entry of a member, waiting for the person to confirm it on their own page.
///
/// Membership is sensitive personal data (PIPL art. 28–29: it is processed with the person's separate consent), and
/// answering the officer at once would tell them what the platform knows about whoever holds the ID number they typed:
/// whether such a resident lives in the city, their name, whether they are already a member elsewhere (review F2, F7).
/// So every entry is answered alike, and only the person can turn it into a membership. Who was entered is kept as a
/// keyed index of the ID number in a space of its own, matched against the resident's own number when they sign in.
public final class PartyMemberEntry: Model, @unchecked Sendable {
    public static let schema = "party_member_entries"

    @ID public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Enum(key: "standing") public var standing: PartyStanding
    @Field(key: "id_index") public var idIndex: String
    /// What the officer typed, its area code and last four characters only: enough to tell their own entries apart.
    @Field(key: "id_masked") public var idMasked: String
    @Field(key: "entered_on") public var enteredOn: String
    @Enum(key: "state") public var state: PartyMemberEntryState
    @OptionalField(key: "decided_on") public var decidedOn: String?
    @OptionalField(key: "membership_id") public var membershipID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
