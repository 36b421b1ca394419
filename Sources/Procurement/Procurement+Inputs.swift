import ShequKernel
import ShequPlatform

/// The purchase cycle's inputs, declared once: published in the OpenAPI document and checked before decoding, for
/// the JSON routes and the pages' forms alike. Amounts: fen as an integer (JSON) or yuan as text (forms).
enum ProcurementInputs {
    static let titleMax = 100
    static let textMax = 4000
    static let reasonMax = 1000
    /// A panel of at least three, so no one or two officials alone decide who is paid.
    static let panelMin = 3
    static let fen = 1...Int(Money.largest.fen)

    static func amount(_ name: String, _ what: String) -> [InputField] {
        [.integer(name + "Fen", fen, description: "\(what) in fen (1 yuan = 100 fen); or give \(name)"),
         .string(name, max: 24, description: "\(what) in yuan as text, e.g. \"120,000.00\" (page forms); used when \(name)Fen is absent")]
    }

    static let plan = InputSchema("PurchasePlanInput", [
        .string("title", max: titleMax, min: 1, required: true, description: "what is bought, e.g. 居家养老上门服务"),
        .oneOf("area", ServiceArea.self, required: true, description: "B1's eight areas"),
        .string("scopeCode", max: 9, min: 6, required: true, description: "the buying street (nine digits) or district (six)"),
        .string("description", max: textMax, min: 1, required: true, description: "the service, for whom, where"),
        .uuid("fundID", required: true, description: "the fund of the ledger it is paid from (the district's allocation of it)"),
        .integer("termMonths", 1...PurchaseTerm.longestMonths, required: true, description: "Art. 24: at most 12 months, or up to 36 with longTermReason"),
        .string("longTermReason", max: reasonMax, description: "why a term over 12 months (stable, continuous, steadily funded service)"),
        .boolean("isService",
                 description: "Art. 10: the buyer states this is a service within its duties, not goods, works, financing or its own hiring; must be true"),
    ] + amount("budget", "the budget"))

    static let call = InputSchema("PurchaseCallInput", [
        .oneOf("method", ProcurementMethod.self, required: true, description: "open, selective (named invitees) or direct (one invitee, with reason)"),
        .string("reason", max: reasonMax, description: "required for a direct call"),
        .array("invitees", of: .string(maxLength: 36, minLength: 36, format: .uuid), maxItems: 20, description: "registry organisation ids (selective, direct)"),
        .date("closesOn", required: true, description: "the last day applications are taken"),
        .integer("weightQuality", 1...100, required: true, description: "weight in percent of the service proposal and its quality"),
        .integer("weightExperience", 1...100, required: true, description: "weight of experience and integrity"),
        .integer("weightPrice", 1...100, required: true, description: "weight of the price; the three total 100"),
        .array("panel", of: .string(maxLength: 64), maxItems: PanelScoring.maxMembers, minItems: 1, required: true,
               description: "usernames of the scoring panel's members, at least \(panelMin) once empty entries (a form's unused fields) are dropped; fewer is 422 panel_size"),
    ])

    static let application = InputSchema("PurchaseApplicationInput", [
        .uuid("organizationID", required: true, description: "the registry organisation applying (the caller is its staff)"),
        .string("proposal", max: textMax, min: 1, required: true, description: "how it will provide the service"),
    ] + amount("price", "the price offered"))

    static let sheet = InputSchema("PurchaseScoreInput", [
        .boolean("noConflict", description: "true: the member declares no conflict of interest with this applicant and scores it"),
        .string("conflictStatement", max: reasonMax, description: "the conflict declared (when noConflict is not true); the member is excluded"),
        .integer("scoreQuality", 0...PanelScoring.maxScore), .integer("scoreExperience", 0...PanelScoring.maxScore),
        .integer("scorePrice", 0...PanelScoring.maxScore),
    ])

    static let award = InputSchema("PurchaseAwardInput", [
        .uuid("applicationID", required: true, description: "the winning application"),
        .string("reason", max: reasonMax, min: 1, required: true, description: "why this application wins"),
        .string("preferenceReason", max: reasonMax,
                description: "B2: required when a social organisation scoring at least the winner's quality is passed over"),
    ])

    static let contract = InputSchema("PurchaseContractInput", [
        .string("content", max: textMax, min: 1, required: true, description: "Art. 23: the service's content"),
        .string("quantity", max: reasonMax, min: 1, required: true, description: "Art. 23: quantity"),
        .string("quality", max: reasonMax, min: 1, required: true, description: "Art. 23: quality standards"),
        .string("settlement", max: reasonMax, min: 1, required: true, description: "Art. 23: how it is paid"),
        .string("liability", max: reasonMax, min: 1, required: true, description: "Art. 23: liability for breach"),
        .date("termStart", required: true, description: "the term's first day; it runs the planned number of months"),
    ] + amount("price", "the contract price, at most the award's value"))

    static let payment = InputSchema("PurchasePaymentInput", [
        .string("milestone", max: titleMax, min: 1, required: true, description: "the milestone paid for"),
    ] + amount("amount", "the amount"))

    static let supervision = InputSchema("PurchaseSupervisionInput", [
        .date("visitedOn", required: true),
        .oneOf("finding", SupervisionFinding.self, required: true),
        .string("text", max: textMax, min: 1, required: true, description: "what was found"),
    ])

    static let evaluation = InputSchema("PurchaseEvaluationInput", [
        .integer("score", 0...100, required: true, description: "the performance evaluation's score; 60 or more is a pass"),
        .string("summary", max: textMax, min: 1, required: true, description: "the evaluation, with its evidence"),
    ])

    static let empty = InputSchema("PurchaseStepInput", [])
}
