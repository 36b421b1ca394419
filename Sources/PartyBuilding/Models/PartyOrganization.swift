import Fluent
import Foundation
import ShequPlatform

/// The levels of party organisation the platform records (P1–P3).
public enum PartyOrganizationKind: String, Codable, Sendable, CaseIterable {
    /// 街道党工委: the street's party working committee, the top of the demo's tree.
    case streetWorkingCommittee
    /// 社区党委
    case communityCommittee
    /// 党总支
    case generalBranch
    /// 党支部
    case branch

    public var phrase: Phrase {
        switch self {
        case .streetWorkingCommittee: .pbKindStreet
        case .communityCommittee: .pbKindCommunity
        case .generalBranch: .pbKindGeneralBranch
        case .branch: .pbKindBranch
        }
    }
}

/// What a party organisation sits in.
public enum PartyHostKind: String, Codable, Sendable, CaseIterable {
    /// A street (the working committee) or a community: the division itself.
    case division
    /// An owners' committee: a SelfGovernance `Compound` (its `hostID`).
    case ownersCommittee
    /// A unit in the jurisdiction or a social organisation: a directory `Organization` (its `hostID`).
    case organization

    public var phrase: Phrase {
        switch self {
        case .division: .pbHostDivision
        case .ownersCommittee: .pbHostOwnersCommittee
        case .organization: .pbHostOrganization
        }
    }
}

public final class PartyOrganization: Model, @unchecked Sendable {
    public static let schema = "party_organizations"

    @ID public var id: UUID?
    @Enum(key: "kind") public var kind: PartyOrganizationKind
    @Field(key: "name") public var name: String
    @OptionalField(key: "parent_id") public var parentID: UUID?
    /// Where it sits: the street's or community's code; for a body, the community (or street) the body is in.
    @Field(key: "division_code") public var divisionCode: String
    @Enum(key: "host_kind") public var hostKind: PartyHostKind
    @OptionalField(key: "host_id") public var hostID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    /// A community-level organisation: the one residents register with and the one of 三位一体.
    public var isCommunityLevel: Bool { hostKind == .division && divisionCode.count == 12 && kind != .streetWorkingCommittee }
}

public enum PartyOfficerPosition: String, Codable, Sendable, CaseIterable {
    case secretary, deputySecretary, committeeMember

    public var phrase: Phrase {
        switch self {
        case .secretary: .pbSecretary
        case .deputySecretary: .pbDeputySecretary
        case .committeeMember: .pbCommitteeMember
        }
    }
}

/// An officer's post; the `partyOfficer` grant it made gives the account its reach (the policy's `.partyOfficer`).
public final class PartyOfficer: Model, @unchecked Sendable {
    public static let schema = "party_officers"

    @ID public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "grant_id") public var grantID: UUID
    @Enum(key: "position") public var position: PartyOfficerPosition
    @Field(key: "since") public var since: String

    public init() {}
}
