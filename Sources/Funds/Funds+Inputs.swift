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
        .string("district", max: 6, min: 6, required: true, description: "the district's six-digit code"), document, memo])
}
