import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// Where an integrity entry comes from (C3): the street's inspection, the evaluation of a purchased service
/// (Procurement writes it), a complaint upheld, the annual report's review, or another source named in it.
public enum IntegritySource: String, Codable, Sendable, CaseIterable {
    case inspection
    case serviceEvaluation
    case complaintUpheld
    case annualReport
    case other
}

/// 诚信记录 (C3): one good or bad entry about a registry organisation, with its evidence and source. Never edited
/// or deleted: a correction is a new entry naming the one it corrects (`correctsID`), which it then replaces in
/// the rules (or annuls, with severity `annulled`).
public final class IntegrityEntry: Model, @unchecked Sendable {
    public static let schema = "social_organization_integrity_entries"

    @ID public var id: UUID?
    /// The directory's organisation (the approved filing's `organizationID`).
    @Field(key: "organization_id") public var organizationID: UUID
    /// The organisation's street: the scope that records (the district above it may too).
    @Field(key: "street_code") public var streetCode: String
    @Enum(key: "kind") public var kind: IntegrityKind
    @Enum(key: "source") public var source: IntegritySource
    @Enum(key: "severity") public var severity: IntegritySeverity
    /// A fine's amount in fen; nil for anything but a fine.
    @OptionalField(key: "fine_fen") public var fineFen: Int64?
    @Field(key: "summary") public var summary: String
    @Field(key: "evidence") public var evidence: String
    /// What the entry rests on elsewhere, e.g. "procurement-project:<uuid>" or an inspection's document number.
    @OptionalField(key: "source_reference") public var sourceReference: String?
    @OptionalField(key: "corrects_id") public var correctsID: UUID?
    /// The username that recorded it: kept for the audit, not shown to the public.
    @Field(key: "recorded_by") public var recordedBy: String
    /// `yyyy-MM-dd`, the day it happened (Beijing time).
    @Field(key: "occurred_on") public var occurredOn: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    var fine: Money? { fineFen.map { Money(fen: $0) } }
}

/// 年度报告 (C3): an organisation's report on one year, filed by its own staff; one per organisation and year.
public final class AnnualReport: Model, @unchecked Sendable {
    public static let schema = "social_organization_annual_reports"

    @ID public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "street_code") public var streetCode: String
    @Field(key: "year") public var year: Int
    @Field(key: "activities") public var activities: String
    @Field(key: "members") public var members: Int
    @Field(key: "income_fen") public var incomeFen: Int64
    @Field(key: "spending_fen") public var spendingFen: Int64
    @Field(key: "filed_by_account_id") public var filedByAccountID: UUID
    @Field(key: "filed_by") public var filedBy: String
    /// `yyyy-MM-dd`: on time if by 30 June of the next year.
    @Field(key: "filed_on") public var filedOn: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A removal from one of the two lists, applied for and recorded by the street with the rectification; the rules
/// decide whether it may be made (`CreditLists.removalRefusal`). The automatic removals are derived, not stored.
public final class ListRemoval: Model, @unchecked Sendable {
    public static let schema = "social_organization_list_removals"

    @ID public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "street_code") public var streetCode: String
    @Enum(key: "list") public var list: CreditList
    @Field(key: "rectification") public var rectification: String
    @Field(key: "recorded_by") public var recordedBy: String
    /// `yyyy-MM-dd`, the day it takes effect.
    @Field(key: "removed_on") public var removedOn: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
