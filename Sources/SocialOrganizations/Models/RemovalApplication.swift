import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// An organisation's own application to come off a list, with the rectification it made (C3). The street decides
/// within 5 working days (社会组织信用信息管理办法); recording the removal closes the application.
public final class RemovalApplication: Model, @unchecked Sendable {
    public static let schema = "social_organization_removal_applications"

    @ID public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "street_code") public var streetCode: String
    @Enum(key: "list") public var list: CreditList
    @Field(key: "rectification") public var rectification: String
    @Field(key: "applied_by_account_id") public var appliedByAccountID: UUID
    @Field(key: "applied_by") public var appliedBy: String
    /// `yyyy-MM-dd`: the 5 working days count from the next working day.
    @Field(key: "applied_on") public var appliedOn: String
    /// The removal that closed it; nil while it waits.
    @OptionalField(key: "removal_id") public var removalID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
