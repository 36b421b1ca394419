import Fluent
import Foundation
import ShequKernel

/// What authorises a movement: every entry cites one (A3: "every entry cites its plan or agreement").
public struct LedgerCitation: Sendable, Codable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case fundingDecision, allocationDecision, plan, agreement
        /// The budget document that appropriates money to a budget line (referenceID = the line).
        case budgetDecision
    }

    public let kind: Kind
    public let referenceID: UUID?
    /// e.g. 珠字〔2010〕7号, or the plan's number.
    public let document: String

    public init(kind: Kind, referenceID: UUID? = nil, document: String) {
        self.kind = kind
        self.referenceID = referenceID
        self.document = document
    }
}

/// One movement of money, in the order its fund's lock gave it (`seq`, per fund).
public final class LedgerTransactionRecord: Model, @unchecked Sendable {
    public static let schema = "ledger_transactions"

    @ID public var id: UUID?
    @Field(key: "fund_id") public var fundID: UUID
    @Field(key: "seq") public var seq: Int64
    @Enum(key: "citation_kind") public var citationKind: LedgerCitation.Kind
    @OptionalField(key: "citation_reference_id") public var citationReferenceID: UUID?
    @Field(key: "citation_document") public var citationDocument: String
    @Field(key: "memo") public var memo: String
    @Field(key: "actor") public var actor: String
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}
}

/// One side of a transaction: a signed amount in fen added to one account. Each entry
/// carries its transaction's citation (so "every entry cites" holds row by row and
/// a committee's receipts under one agreement are one indexed filter) and the account
/// on the other side (so reports can tell money moved inside a department's plans
/// from money that came in or went out to a committee).
public final class LedgerEntry: Model, @unchecked Sendable {
    public static let schema = "ledger_entries"

    @ID public var id: UUID?
    @Field(key: "transaction_id") public var transactionID: UUID
    @Field(key: "fund_id") public var fundID: UUID
    @Field(key: "seq") public var seq: Int64
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "counter_account_id") public var counterAccountID: UUID
    @Field(key: "amount_fen") public var amountFen: Int64
    @Enum(key: "citation_kind") public var citationKind: LedgerCitation.Kind
    @OptionalField(key: "citation_reference_id") public var citationReferenceID: UUID?
    @Field(key: "citation_document") public var citationDocument: String
    @Field(key: "memo") public var memo: String
    @Field(key: "actor") public var actor: String
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}

    public var amount: Money { Money(fen: amountFen) }
    public var citation: LedgerCitation { LedgerCitation(kind: citationKind, referenceID: citationReferenceID, document: citationDocument) }
}
