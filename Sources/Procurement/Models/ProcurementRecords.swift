import Fluent
import Foundation
import ShequPlatform

/// An organisation named in a selective or direct call: only these may apply.
public final class ProcurementInvitee: Model, @unchecked Sendable {
    public static let schema = "procurement_invitees"
    @ID public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "organization_id") public var organizationID: UUID
    public init() {}
    init(projectID: UUID, organizationID: UUID) {
        self.projectID = projectID
        self.organizationID = organizationID
    }
}

/// An account the buyer named to the project's scoring panel.
public final class ProcurementPanelMember: Model, @unchecked Sendable {
    public static let schema = "procurement_panel_members"
    @ID public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "username") public var username: String
    public init() {}
    init(projectID: UUID, accountID: UUID, username: String) {
        self.projectID = projectID
        self.accountID = accountID
        self.username = username
    }
}

/// An organisation's application to a call, made by its staff.
public final class ProcurementApplication: Model, @unchecked Sendable {
    public static let schema = "procurement_applications"
    @ID public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "organization_name") public var organizationName: String
    /// Every applicant today comes from the registry of social organisations; the flag keeps B2's rule honest
    /// if other suppliers (Art. 6: enterprises) are ever admitted.
    @Field(key: "is_social_organization") public var isSocialOrganization: Bool
    @Field(key: "proposal") public var proposal: String
    @Field(key: "price") public var priceFen: Int64
    @Field(key: "submitted_by") public var submittedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// One panel member's sheet for one application: the conflict-of-interest declaration, and the scores unless a
/// conflict was declared (a declared conflict excludes the member from that application). Filed once.
public final class ProcurementSheet: Model, @unchecked Sendable {
    public static let schema = "procurement_sheets"
    @ID public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "application_id") public var applicationID: UUID
    @Field(key: "member_account_id") public var memberAccountID: UUID
    @Field(key: "member") public var member: String
    @Field(key: "conflict") public var conflict: Bool
    @OptionalField(key: "conflict_statement") public var conflictStatement: String?
    @OptionalField(key: "score_quality") public var scoreQuality: Int?
    @OptionalField(key: "score_experience") public var scoreExperience: Int?
    @OptionalField(key: "score_price") public var scorePrice: Int?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}

    /// In the order of `PurchaseProject.criteria`; nil for a conflicted member.
    var scores: [Int]? {
        guard !conflict, let q = scoreQuality, let e = scoreExperience, let p = scorePrice else { return nil }
        return [q, e, p]
    }
}

/// A milestone paid under the contract: the money moved through the ledger in the same transaction.
public final class ProcurementPayment: Model, @unchecked Sendable {
    public static let schema = "procurement_payments"
    @ID public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "milestone") public var milestone: String
    @Field(key: "amount") public var amountFen: Int64
    @Field(key: "ledger_transaction_id") public var ledgerTransactionID: UUID
    @Field(key: "paid_by") public var paidBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public enum SupervisionFinding: String, Codable, Sendable, CaseIterable {
    case satisfactory, needsImprovement, unsatisfactory
}

/// The buyer's supervision of the contract's performance, on the public record.
public final class ProcurementSupervision: Model, @unchecked Sendable {
    public static let schema = "procurement_supervision_reports"
    @ID public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "visited_on") public var visitedOn: String
    @Enum(key: "finding") public var finding: SupervisionFinding
    @Field(key: "text") public var text: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}
