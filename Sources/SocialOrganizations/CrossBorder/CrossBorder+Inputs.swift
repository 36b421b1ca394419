import ShequKernel
import ShequPlatform

/// C4's inputs, declared once: published in the OpenAPI document and checked before decoding, for the JSON routes
/// and the pages' forms alike.
enum CrossBorderInputs {
    static let nameMax = 30
    static let qualificationMax = 200
    static let titleMax = 80
    static let summaryMax = 1000

    static let worker = InputSchema("PartnerWorkerInput", [
        .string("name", max: nameMax, min: 1, required: true, description: "the social worker's name as on the permit"),
        .oneOf("credentialKind", CrossBorderCredential.Kind.self, required: true,
               description: "travelPermit 港澳居民来往内地通行证 (H or M and 8 digits, or 10 on the old booklet) or residencePermit 港澳居民居住证 (18 characters, 810000 or 820000 first)"),
        .string("credentialNumber", max: 18, min: 9, required: true, description: "the permit's number; stored sealed, shown masked"),
        .string("qualification", max: qualificationMax, min: 1, required: true,
                description: "their professional standing at home, e.g. 澳门社会工作者专业资格 and its registration number"),
    ])

    static let project = InputSchema("JointProjectInput", [
        .string("title", max: titleMax, min: 1, required: true, description: "the project's name"),
        .string("summary", max: summaryMax, min: 1, required: true, description: "what it does, with whom, for whom"),
        .string("streetCode", max: 9, min: 9, required: true, description: "the street (nine-digit division code) where it runs"),
        .date("startsOn", required: true, description: "its first day (yyyy-MM-dd)"),
        .date("endsOn", description: "its last day, if it has one; not before startsOn"),
    ])
}
