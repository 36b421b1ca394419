import Fluent
import Foundation
import ShequPlatform

public enum PartyStanding: String, Codable, Sendable, CaseIterable {
    /// 正式党员
    case full
    /// 预备党员
    case probationary

    public var phrase: Phrase { self == .full ? .pbStandingFull : .pbStandingProbationary }
}

/// 双重隶属 (P1): a member of the workplace organisation, registered with the community organisation of residence.
/// Who the member is never sits in clear: the resident's id is sealed with the platform's personal-data key and
/// found again by a keyed blind index, so the table alone ties no one to the party.
public final class PartyMembership: Model, @unchecked Sendable {
    public static let schema = "party_memberships"

    @ID public var id: UUID?
    @Field(key: "workplace_organization_id") public var workplaceOrganizationID: UUID
    @OptionalField(key: "community_organization_id") public var communityOrganizationID: UUID?
    /// The compound the member gave as their residence at registration (P2's count), if any.
    @OptionalField(key: "compound_id") public var compoundID: UUID?
    @Enum(key: "standing") public var standing: PartyStanding
    @Field(key: "resident_sealed") public var residentSealed: String
    @Field(key: "resident_index") public var residentIndex: String
    @OptionalField(key: "registered_on") public var registeredOn: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// An activity a party organisation offers its members (the community's, for those registered with it).
public final class PartyActivity: Model, @unchecked Sendable {
    public static let schema = "party_activities"

    @ID public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "place") public var place: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// One member at one activity: signed up by the member, attendance recorded by the organisation's officers.
public final class PartyParticipation: Model, @unchecked Sendable {
    public static let schema = "party_participations"

    @ID public var id: UUID?
    @Field(key: "activity_id") public var activityID: UUID
    @Field(key: "membership_id") public var membershipID: UUID
    @Field(key: "signed_up") public var signedUp: Bool
    @OptionalField(key: "attended") public var attended: Bool?

    public init() {}
}

/// The yearly participation certificate: requested by the member, issued by the community organisation's officers.
public final class PartyCertificate: Model, @unchecked Sendable {
    public static let schema = "party_certificates"

    @ID public var id: UUID?
    @Field(key: "membership_id") public var membershipID: UUID
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "year") public var year: Int
    @Field(key: "requested_on") public var requestedOn: String
    @OptionalField(key: "issued_on") public var issuedOn: String?
    @OptionalField(key: "issued_by") public var issuedBy: String?
    /// Activities attended in the year, counted when it was issued (the certificate says what it said).
    @OptionalField(key: "attended") public var attended: Int?

    public init() {}
}

/// P2's rule as data: from `effective_from`, an owners' committee qualifies with this many full members.
public final class PartyQualificationRuleRow: Model, @unchecked Sendable {
    public static let schema = "party_qualification_rules"

    @ID public var id: UUID?
    @Field(key: "effective_from") public var effectiveFrom: String
    @Field(key: "minimum_full_members") public var minimumFullMembers: Int
    @Field(key: "basis") public var basis: String

    public init() {}
}
