import Fluent
import Foundation
import ShequKernel

public enum PlanState: String, Codable, Sendable, CaseIterable {
    case draft, submitted, changesRequested, approved, rejected
}

public enum AgreementKind: String, Codable, Sendable, CaseIterable {
    /// 委托管理
    case entrustment
    /// 购买服务
    case purchaseOfService
    /// 行政责任书: recorded legacy only; never created, only converted or terminated (A4).
    case responsibilityLetter
}

/// One agreement for each district the plan reaches, or one for each committee.
public enum AgreementGrouping: String, Codable, Sendable, CaseIterable {
    case perDistrict, perCommittee
}

/// A department's annual plan for may-undertake tasks (A2, O3).
public final class TaskPlan: Model, @unchecked Sendable {
    public static let schema = "ta_plans"

    @ID public var id: UUID?
    @Field(key: "department_id") public var departmentID: UUID
    @Field(key: "year") public var year: Int
    @Field(key: "title") public var title: String
    @Field(key: "fund_id") public var fundID: UUID
    /// Integer fen for one committee for the year.
    @Field(key: "amount_per_committee") public var amountPerCommitteeFen: Int64
    @Field(key: "working_conditions") public var workingConditions: String
    @Field(key: "policy_guidance") public var policyGuidance: String
    @Field(key: "agreement_kind") public var agreementKind: AgreementKind
    @Field(key: "grouping") public var grouping: AgreementGrouping
    @Field(key: "state") public var state: PlanState
    /// Who reviews it: the district's code when every community lies in one district, else the city's.
    @Field(key: "reach") public var reach: String
    @Field(key: "created_by") public var createdBy: String
    @OptionalField(key: "submitted_on") public var submittedOn: String?
    @OptionalField(key: "decided_on") public var decidedOn: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var amountPerCommittee: Money { Money(fen: amountPerCommitteeFen) }
}

public final class TaskPlanTask: Model, @unchecked Sendable {
    public static let schema = "ta_plan_tasks"
    @ID public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "task_id") public var taskID: UUID
    public init() {}
    public init(planID: UUID, taskID: UUID) { self.planID = planID; self.taskID = taskID }
}

public final class TaskPlanCommunity: Model, @unchecked Sendable {
    public static let schema = "ta_plan_communities"
    @ID public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "division_code") public var divisionCode: String
    public init() {}
    public init(planID: UUID, divisionCode: String) { self.planID = planID; self.divisionCode = divisionCode }
}

/// Every move of a plan, with its reason: the plan's history.
public final class TaskPlanEvent: Model, @unchecked Sendable {
    public static let schema = "ta_plan_events"
    @ID public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "from_state") public var fromState: PlanState
    @Field(key: "to_state") public var toState: PlanState
    @Field(key: "reason") public var reason: String
    @Field(key: "actor") public var actor: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// The last day to submit and to decide a year's plans; without a row, the defaults apply.
public final class PlanDeadline: Model, @unchecked Sendable {
    public static let schema = "ta_plan_deadlines"
    @ID public var id: UUID?
    @Field(key: "year") public var year: Int
    @Field(key: "submit_by") public var submitBy: String
    @Field(key: "review_by") public var reviewBy: String
    @Field(key: "set_by") public var setBy: String
    public init() {}
}
