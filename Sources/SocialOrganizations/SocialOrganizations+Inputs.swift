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
