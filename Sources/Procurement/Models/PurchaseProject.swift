import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// B1: the eight areas the policy lets government buy services in.
public enum ServiceArea: String, Codable, Sendable, CaseIterable {
    case legal, cultureSports, elderlyCare, socialWelfare, socialAssistance, publicHealth, publicEmployment, publicSecurity
}

/// 政府购买服务项目: one purchase of services by a street or district (its division code is the project's scope),
/// paid from one fund of the ledger, from plan to evaluation. The call's, the award's, the contract's (Art. 23) and
/// the evaluation's facts are the project's own columns: each is written once, at its stage.
public final class PurchaseProject: Model, @unchecked Sendable {
    public static let schema = "procurement_projects"

    @ID public var id: UUID?
    @Field(key: "title") public var title: String
    @Enum(key: "area") public var area: ServiceArea
    /// The buyer: a street (nine digits) or a district (six).
    @Field(key: "scope_code") public var scopeCode: String
    @Field(key: "description") public var description: String
    @Field(key: "fund_id") public var fundID: UUID
    @Field(key: "budget") public var budgetFen: Int64
    @Field(key: "term_months") public var termMonths: Int
    @OptionalField(key: "long_term_reason") public var longTermReason: String?
    @Enum(key: "stage") public var stage: ProcurementStage
    @Field(key: "planned_by") public var plannedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // The call.
    @OptionalEnum(key: "method") public var method: ProcurementMethod?
    @OptionalField(key: "method_reason") public var methodReason: String?
    @OptionalField(key: "closes_on") public var closesOn: String?
    @OptionalField(key: "weight_quality") public var weightQuality: Int?
    @OptionalField(key: "weight_experience") public var weightExperience: Int?
    @OptionalField(key: "weight_price") public var weightPrice: Int?

    // The award.
    @OptionalField(key: "winner_application_id") public var winnerApplicationID: UUID?
    @OptionalField(key: "award_reason") public var awardReason: String?
    /// B2: why the award passed over the social organisation the preference named, shown on the public page.
    @OptionalField(key: "preference_reason") public var preferenceReason: String?
    @OptionalField(key: "award_value") public var awardValueFen: Int64?
    @OptionalField(key: "awarded_at") public var awardedAt: Date?

    // The contract (Art. 23: content, term, quantity, quality, price, settlement, liability).
    @OptionalField(key: "contract_content") public var contractContent: String?
    @OptionalField(key: "contract_quantity") public var contractQuantity: String?
    @OptionalField(key: "contract_quality") public var contractQuality: String?
    @OptionalField(key: "contract_settlement") public var contractSettlement: String?
    @OptionalField(key: "contract_liability") public var contractLiability: String?
    @OptionalField(key: "contract_price") public var contractPriceFen: Int64?
    @OptionalField(key: "term_start") public var termStart: String?
    @OptionalField(key: "term_end") public var termEnd: String?
    @OptionalField(key: "contracted_at") public var contractedAt: Date?

    // The performance evaluation.
    @OptionalField(key: "evaluation_score") public var evaluationScore: Int?
    @OptionalField(key: "evaluation_summary") public var evaluationSummary: String?
    @OptionalField(key: "evaluated_by") public var evaluatedBy: String?
    @OptionalField(key: "evaluated_at") public var evaluatedAt: Date?

    public init() {}

    public var budget: Money { Money(fen: budgetFen) }

    /// The panel's criteria, in the order of a score sheet: quality of the proposal, experience and integrity, price.
    public var criteria: [ScoringCriterion] {
        [ScoringCriterion(weight: weightQuality ?? 0, isQuality: true), ScoringCriterion(weight: weightExperience ?? 0, isQuality: false),
         ScoringCriterion(weight: weightPrice ?? 0, isQuality: false)]
    }

    var resource: Resource { Resource(divisionCode: scopeCode) }
}
