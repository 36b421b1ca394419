import Fluent
import Foundation
import ShequKernel

/// A Hong Kong or Macao social worker taking part through a partner organisation (C4), identified by a Mainland
/// permit. The number is personal data: sealed, masked on every screen, found again only by its keyed index.
public final class PartnerWorker: Model, @unchecked Sendable {
    public static let schema = "social_organization_partner_workers"

    @ID public var id: UUID?
    /// The directory organisation (an approved Hong Kong or Macao partner) the worker serves through.
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "name") public var name: String
    @Enum(key: "region") public var region: CrossBorderRegion
    @Enum(key: "credential_kind") public var credentialKind: CrossBorderCredential.Kind
    @Field(key: "credential_sealed") public var credentialSealed: String
    @Field(key: "credential_masked") public var credentialMasked: String
    /// The keyed blind index: one worker per permit, across organisations.
    @Field(key: "credential_index") public var credentialIndex: String
    /// Their professional standing at home, as written (e.g. 澳门社会工作者专业资格 注册编号 …).
    @Field(key: "qualification") public var qualification: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A project run with a Hong Kong or Macao partner organisation (C4) in a street of the city: the joint work the
/// policy's linkage target for 横琴, 拱北 and 湾仔 counts.
public final class JointProject: Model, @unchecked Sendable {
    public static let schema = "social_organization_joint_projects"

    @ID public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    /// Where it runs: the street whose linkage it counts for.
    @Field(key: "street_code") public var streetCode: String
    @Field(key: "starts_on") public var startsOn: String
    @OptionalField(key: "ends_on") public var endsOn: String?
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
