import Fluent
import Foundation

/// The standing bodies of a community's self-governance (S1, S4).
public enum BodyKind: String, Codable, Sendable, CaseIterable {
    case residentsCommittee          // 居委会
    case deliberationCommittee       // 议事协商委员会
    case supervisionCommittee        // 监督委员会
    case representativesAssembly     // 居民代表会议 (its members are the representatives)
    case residentsGroup              // 居民小组
    case ownersCommittee             // 业主委员会
}

public enum MemberRole: String, Codable, Sendable, CaseIterable {
    case chair, viceChair, member, representative, groupLeader, buildingHead
}

public final class GovernanceBody: Model, @unchecked Sendable {
    public static let schema = "governance_bodies"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @Enum(key: "kind") public var kind: BodyKind
    @Field(key: "name") public var name: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A seat on a body for a term. Migrant residents sit on equal terms (S5).
public final class BodyMember: Model, @unchecked Sendable {
    public static let schema = "body_members"

    @ID public var id: UUID?
    @Field(key: "body_id") public var bodyID: UUID
    @Field(key: "resident_id") public var residentID: UUID
    /// The name shown on the public record: members act in public.
    @Field(key: "display_name") public var displayName: String
    @Enum(key: "role") public var role: MemberRole
    @Field(key: "term_start") public var termStart: String
    @Field(key: "term_end") public var termEnd: String
    /// For a representative: the residents' group they were chosen by.
    @OptionalField(key: "group_id") public var groupID: UUID?

    public init() {}

    public func serves(on day: String) -> Bool { termStart <= day && day <= termEnd }
}
