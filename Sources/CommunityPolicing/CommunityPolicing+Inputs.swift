import ShequPlatform
import Vapor

/// O5's inputs, declared once: published in the OpenAPI document and checked before decoding, for the JSON routes
/// and the pages' forms alike.
enum PolicingInputs {
    static let nameMax = 30
    static let phoneMax = 20
    static let dutyMax = 100
    static let noteMax = 500
    static let answerMax = 4000
    static let communitiesMax = 20

    /// An answer of `answerMax` Chinese characters is 12 kB as JSON and about 36 kB as a form (%XX per byte): past
    /// the application's 16 kB default, which refused it 413 while the form offered it.
    static let answerBodyLimit: ByteCount = "64kb"

    private static let officerFields: [InputField] = [
        .string("name", max: nameMax, min: 1, required: true, description: "the officer's name as residents should know it"),
        .string("policeNumber", max: 6, min: 6, required: true, description: "the six-digit police number 警号 on the badge"),
        .string("workPhone", max: phoneMax, min: 3, required: true,
                description: "the work phone residents may call (digits and hyphens, e.g. 0756-2212110); public"),
        .string("dutyHours", max: dutyMax, min: 1, required: true, description: "when and where residents find the officer, e.g. 周二、周四 9:00–17:00 社区警务室"),
        .array("communities", of: .string(maxLength: 12, minLength: 12), maxItems: communitiesMax, minItems: 1, required: true,
               description: "the communities served (12-digit division codes), each within the recorder's scope and the officer's communityPolice grant"),
    ]

    static let officer = InputSchema("PoliceOfficerInput", [
        .string("username", max: 64, min: 1, required: true, description: "the officer's account, which holds the communityPolice role"),
    ] + officerFields)

    static let officerUpdate = InputSchema("PoliceOfficerUpdateInput", officerFields)

    static let referral = InputSchema("PoliceReferralInput", [
        .uuid("messageID", required: true, description: "an unanswered hotline call or mailbox letter of the community"),
        .uuid("officerID", required: true, description: "an officer attached to the community"),
        .string("note", max: noteMax, description: "what the committee asks of the officer (optional)"),
    ])

    static let answer = InputSchema("PoliceReferralAnswerInput", [
        .string("text", max: answerMax, min: 1, required: true, description: "the officer's answer to the resident; it becomes the message's answer"),
    ])
}
