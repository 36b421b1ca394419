import ShequKernel
import ShequPlatform

/// The filing's inputs, declared once: published in the OpenAPI document and checked before decoding, for the
/// JSON routes and the pages' forms alike. The form is short on purpose (C1: a low threshold).
enum FilingInputs {
    static let nameMax = 60
    static let purposeMax = 500
    static let contactNameMax = 30
    static let reasonMax = 1000
    /// Enough for a street's every community; a filing names the few it serves.
    static let communitiesMax = 30
    static let membersRange = 1...100_000
    /// Filings one account may have waiting for review at once.
    static let openPerAccount = 5

    static let filing = InputSchema("OrganizationFilingInput", [
        .string("name", max: nameMax, min: 1, required: true, description: "the organisation's name, e.g. 翠香社区长者互助会"),
        .oneOf("category", SocialOrganizationCategory.self, required: true,
               description: "publicWelfare 公益慈善类, welfareServices 福利服务类, healthServices 卫生服务类, cultureSports 文体活动类, other 其他"),
        .string("streetCode", max: 9, min: 9, required: true, description: "the street (nine-digit division code) it is based in, whose office reviews it"),
        .array("communities", of: .string(maxLength: 12, minLength: 12), maxItems: communitiesMax, minItems: 1, required: true,
               description: "the communities (twelve-digit division codes) it serves"),
        .string("purpose", max: purposeMax, min: 1, required: true, description: "what it does and for whom"),
        .string("contactName", max: contactNameMax, min: 1, required: true, description: "the contact person"),
        .string("contactPhone", max: 20, min: 1, required: true,
                description: "the contact person's phone (11-digit mobile or landline with area code); shown masked"),
        .integer("members", membersRange, required: true, description: "how many members it has"),
        .oneOf("partner", CrossBorderPartner.self, description: "a Hong Kong or Macao partner organisation (C4): hongKong or macao; none if absent"),
    ])

    /// Refusing and returning need their reason (the street gives reasons for any refusal); approving may add a note.
    static let decision = InputSchema("OrganizationFilingDecisionInput", [
        .string("reason", max: reasonMax, description: "required to refuse or return a filing; a note when approving"),
    ])
}

/// C3's inputs, declared once like the filing's: an integrity entry, an annual report, a removal from a list.
enum IntegrityInputs {
    static let summaryMax = 200
    static let evidenceMax = 2000
    static let referenceMax = 200
    static let activitiesMax = 2000
    static let rectificationMax = 1000
    static let yearRange = 2000...2100
    /// Fen, as an integer (JSON); or yuan as text (a page's form).
    static func amount(_ name: String, _ what: String, required: Bool = false) -> [InputField] {
        [.integer(name + "Fen", 0...Int(Money.largest.fen), description: "\(what) in fen (1 yuan = 100 fen); or give \(name)"),
         .string(name, max: 24, description: "\(what) in yuan as text, e.g. \"12,000.50\" (page forms); used when \(name)Fen is absent")]
    }

    static let entry = InputSchema("IntegrityEntryInput", [
        .oneOf("kind", IntegrityKind.self, required: true, description: "good 良好 or bad 不良"),
        .oneOf("source", IntegritySource.self, required: true,
               description: "inspection 检查, serviceEvaluation 购买服务评估, complaintUpheld 投诉查实, annualReport 年度报告, other 其他"),
        .oneOf("severity", IntegritySeverity.self,
               description: "commendation (good); notice, warning, fine, suspension, revocation, judgmentDefaulter (bad); annulled (a correction withdrawing the entry it corrects). Default: commendation or notice"),
        .string("summary", max: summaryMax, min: 1, required: true, description: "what happened, in a sentence"),
        .string("evidence", max: evidenceMax, min: 1, required: true, description: "the evidence: what was found or decided, and where it is kept"),
        .string("sourceReference", max: referenceMax, description: "the source's own reference, e.g. an inspection's document number"),
        .date("occurredOn", required: true, description: "the day it happened (yyyy-MM-dd), not in the future"),
        .uuid("correctsID", description: "the entry this one corrects; it then counts instead of it"),
    ] + amount("fine", "a fine's amount (severity fine only)"))

    static let annualReport = InputSchema("AnnualReportInput", [
        .integer("year", yearRange, required: true, description: "the year reported on; it must be over"),
        .string("activities", max: activitiesMax, min: 1, required: true, description: "the year's activities and services"),
        .integer("members", 0...100_000, required: true, description: "members at the year's end"),
    ] + amount("income", "the year's income") + amount("spending", "the year's spending"))

    static let removal = InputSchema("ListRemovalInput", [
        .oneOf("list", CreditList.self, required: true, description: "abnormal 活动异常名录 or dishonest 严重违法失信名单"),
        .string("rectification", max: rectificationMax, min: 1, required: true, description: "the rectification made or the duty fulfilled, as applied for"),
    ])
}
