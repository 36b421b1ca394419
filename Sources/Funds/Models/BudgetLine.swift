import Fluent
import Foundation

/// A named part of a fund's budget for one purpose (F1: budgets tracked per fund), e.g.
/// 社区工作经费, 培训, 购买服务. It holds no money itself: its ledger account (kind
/// `budgetLine`, reference = this id) does, so what it was given and what it still has are
/// sums of entries like every other balance.
public final class BudgetLine: Model, @unchecked Sendable {
    public static let schema = "fund_budget_lines"

    @ID public var id: UUID?
    @Field(key: "fund_id") public var fundID: UUID
    /// Unique within the fund: how the budget document numbers the line, e.g. 2011-01.
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    /// Within the fund's years.
    @Field(key: "first_year") public var firstYear: Int
    @Field(key: "last_year") public var lastYear: Int
    /// The budget document that sets the line up, e.g. 珠社领办〔2011〕3号.
    @Field(key: "document") public var document: String
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
