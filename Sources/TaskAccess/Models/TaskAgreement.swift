import Fluent
import Foundation
import ShequKernel

public enum AgreementState: String, Codable, Sendable, CaseIterable {
    case active, converted, terminated
}

/// An entrustment or purchase-of-service agreement that follows an approved plan, or a
/// legacy responsibility letter awaiting conversion (A4).
public final class TaskAgreement: Model, @unchecked Sendable {
    public static let schema = "ta_agreements"

    @ID public var id: UUID?
    @OptionalField(key: "plan_id") public var planID: UUID?
    @Field(key: "department_id") public var departmentID: UUID
    @Field(key: "kind") public var kind: AgreementKind
    @Field(key: "state") public var state: AgreementState
    /// The other party: a district (its committees together) or one committee.
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "title") public var title: String
    @Field(key: "term_start") public var termStart: String
    @Field(key: "term_end") public var termEnd: String
    @Field(key: "deliverables") public var deliverables: String
    @Field(key: "inspection_schedule") public var inspectionSchedule: String
    @OptionalField(key: "fund_id") public var fundID: UUID?
    @Field(key: "funding") public var fundingFen: Int64
    @OptionalField(key: "converted_from") public var convertedFrom: UUID?
    @OptionalField(key: "closing_reason") public var closingReason: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var funding: Money { Money(fen: fundingFen) }
}

/// What an agreement promises each committee it covers.
public final class AgreementCommunity: Model, @unchecked Sendable {
    public static let schema = "ta_agreement_communities"
    @ID public var id: UUID?
    @Field(key: "agreement_id") public var agreementID: UUID
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "promised") public var promisedFen: Int64
    public init() {}
    public init(agreementID: UUID, divisionCode: String, promised: Money) {
        self.agreementID = agreementID
        self.divisionCode = divisionCode
        self.promisedFen = promised.fen
    }
}

public enum InspectionResult: String, Codable, Sendable, CaseIterable {
    case satisfactory, needsImprovement, unsatisfactory
}

public final class AgreementInspection: Model, @unchecked Sendable {
    public static let schema = "ta_inspections"
    @ID public var id: UUID?
    @Field(key: "agreement_id") public var agreementID: UUID
    @Field(key: "inspected_on") public var inspectedOn: String
    @Field(key: "result") public var result: InspectionResult
    @Field(key: "findings") public var findings: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// A payment of agreement funding to a committee; the money itself is in the Funds ledger.
public final class AgreementDisbursement: Model, @unchecked Sendable {
    public static let schema = "ta_disbursements"
    @ID public var id: UUID?
    @Field(key: "agreement_id") public var agreementID: UUID
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "amount") public var amountFen: Int64
    @Field(key: "ledger_transaction_id") public var ledgerTransactionID: UUID
    @Field(key: "memo") public var memo: String
    @Field(key: "paid_by") public var paidBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public enum ShortfallKind: String, Codable, Sendable, CaseIterable {
    case funding, workingConditions
}

/// A committee's report that promised funding or working conditions did not arrive.
public final class ShortfallReport: Model, @unchecked Sendable {
    public static let schema = "ta_shortfalls"
    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @OptionalField(key: "agreement_id") public var agreementID: UUID?
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @Field(key: "kind") public var kind: ShortfallKind
    @Field(key: "text") public var text: String
    @Field(key: "reported_by") public var reportedBy: String
    @OptionalField(key: "answer") public var answer: String?
    @OptionalField(key: "answered_by") public var answeredBy: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}
