import ShequKernel
import ShequPlatform

/// The funds' inputs, declared once: published in the OpenAPI document and checked before decoding,
/// for the JSON routes and the pages' forms alike.
enum FundsInputs {
    static let documentMax = 200
    static let memoMax = 1000
    /// Fen as an integer (JSON), or yuan as people write it (a page's form, "1,200.50"): one of the two.
    static let amount: [InputField] = [
        .integer("amountFen", 1...Int(Money.largest.fen), description: "the amount in fen (1 yuan = 100 fen); or give amount"),
        .string("amount", max: 24, description: "the amount in yuan as text, e.g. \"1,200.50\" (page forms); used when amountFen is absent"),
    ]
    static let document = InputField.string("document", max: documentMax, min: 1, required: true,
                                            description: "the decision that authorises it, e.g. 珠字〔2010〕7号")
    static let memo = InputField.string("memo", max: memoMax)

    static let fund = InputSchema("FundInput", [
        .string("name", max: 100, min: 1, required: true), .oneOf("kind", FundKind.self, required: true),
        .integer("firstYear", 2000...2100, required: true), .integer("lastYear", 2000...2100, required: true), document,
        .string("divisionCode", max: 12, description: "the government holding the fund; the city (4404) if absent")])
    static let contribution = InputSchema("ContributionInput", amount + [
        .string("divisionCode", max: 12, min: 4, required: true, description: "the contributing government: the city (4404) or a district"),
        document, memo])
    static let allocation = InputSchema("AllocationInput", amount + [
        .string("district", max: 6, min: 6, required: true, description: "the district's six-digit code"), document, memo,
        .uuid("budgetLineID", description: "allocate from this budget line of the fund; from the fund's unallocated pot if absent")])

    static let budgetLineCodeMax = 20
    static let budgetLineNameMax = 100
    static let budgetLine = InputSchema("BudgetLineInput", [
        .string("code", max: budgetLineCodeMax, min: 1, required: true, description: "unique within the fund, e.g. 2011-01"),
        .string("name", max: budgetLineNameMax, min: 1, required: true, description: "the purpose, e.g. 社区工作经费, 培训, 购买服务"),
        .integer("firstYear", 2000...2100, required: true, description: "within the fund's years"),
        .integer("lastYear", 2000...2100, description: "within the fund's years; firstYear if absent"),
        .string("document", max: documentMax, min: 1, required: true, description: "the budget document that sets the line up"),
    ])
    static let appropriation = InputSchema("AppropriationInput", amount + [
        .uuid("budgetLineID", required: true, description: "the fund's budget line that receives the money"),
        .string("document", max: documentMax, description: "the budget decision it cites; the line's budget document if absent"),
        memo])
}
