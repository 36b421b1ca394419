import ShequKernel
import ShequPlatform

/// Self-governance inputs, declared once: published in the OpenAPI document and
/// checked before decoding, for the JSON routes and the committees' forms alike.
enum SelfGovernanceInputs {
    static let text = InputField.string("text", max: 4000, required: true)
    static let threshold = InputKind.object([
        .integer("numerator", 1...Threshold.largestDenominator, required: true),
        .integer("denominator", 1...Threshold.largestDenominator, required: true),
        .boolean("strictlyMore", required: true, description: "true: more than the fraction (过半数); false: at least it")])

    // The charter's bounds, shared by the API's nested rules and the page's flat form.
    static let thresholdTerm = 1...Threshold.largestDenominator
    static let noticeDays = 0...60
    static let migrantMonths = 0...120
    static let representatives = 1...20
    static let minimumAge = 16...25

    static let charter = InputSchema("CharterInput", [
        .string("title", max: 200, required: true), .string("text", max: 20000, required: true), .date("inForceFrom"),
        .object("rules", [
            .oneOf("residentsAssemblyBase", AssemblyBase.self), InputField("quorum", threshold), InputField("majority", threshold),
            .oneOf("majorityBase", MajorityBase.self), .integer("noticeDays", noticeDays), .boolean("secretBallot"),
            .integer("migrantsVoteAfterMonths", migrantMonths),
            .array("representativesPerGroup", of: .integer(min: representatives.lowerBound, max: representatives.upperBound),
                   maxItems: 2, minItems: 2, description: "[fewest, most]"),
            .integer("minimumAge", minimumAge)])])
    /// The page's charter form: a browser sends one level of fields, so each rule is its own box;
    /// `confirmed` is absent on the first post (the rules are shown in words) and set on the second (adopted).
    static let charterForm = InputSchema("CharterForm", [
        .string("title", max: 200, required: true), .string("text", max: 20000, required: true), .date("inForceFrom"),
        .oneOf("residentsAssemblyBase", AssemblyBase.self, required: true),
        .integer("quorumNumerator", thresholdTerm, required: true), .integer("quorumDenominator", thresholdTerm, required: true),
        .boolean("quorumStrictlyMore"),
        .integer("majorityNumerator", thresholdTerm, required: true), .integer("majorityDenominator", thresholdTerm, required: true),
        .boolean("majorityStrictlyMore"),
        .oneOf("majorityBase", MajorityBase.self, required: true), .integer("noticeDays", noticeDays, required: true), .boolean("secretBallot"),
        .integer("migrantsVoteAfterMonths", migrantMonths, description: "empty: only registered residents vote"),
        .integer("representativesFewest", representatives, required: true), .integer("representativesMost", representatives, required: true),
        .integer("minimumAge", minimumAge, required: true), .boolean("confirmed")])
    static let body = InputSchema("BodyInput", [.oneOf("kind", BodyKind.self, required: true), .string("name", max: 100, required: true)])
    static let member = InputSchema("MemberInput", [
        .uuid("residentID", required: true), .oneOf("role", MemberRole.self, required: true),
        .date("termStart", required: true), .date("termEnd", required: true), .uuid("groupID")])
    static let matter = InputSchema("MatterInput", [
        .string("title", max: 200, required: true), .string("description", max: 4000, required: true), .oneOf("source", MatterSource.self)])
    static let matterStep = InputSchema("MatterStepInput", [.oneOf("step", MatterStep.self, required: true), .string("text", max: 4000)])
    static let note = InputSchema("NoteInput", [.oneOf("kind", MatterNoteKind.self, required: true), text])
    static let conveneFields: [InputField] = [
        .oneOf("kind", AssemblyKind.self, required: true), .string("title", max: 200, required: true), .string("place", max: 200, required: true)]
    static let convene = InputSchema("ConveneInput", conveneFields + [.dateTime("startsAt", required: true)])
    /// The page's `datetime-local` box: Beijing time without a zone.
    static let conveneForm = InputSchema("ConveneForm", conveneFields + [.string("startsAt", max: 16, required: true, description: "YYYY-MM-DDTHH:MM")])
    /// The page's seat form: the resident is named by the ID card shown, as at an assembly's door.
    static let memberForm = InputSchema("MemberForm", [
        .string("idNumber", max: 20, required: true), .oneOf("role", MemberRole.self, required: true),
        .date("termStart", required: true), .date("termEnd", required: true), .uuid("groupID")])
    static let attendance = InputSchema("AttendanceInput", [.uuid("residentID", required: true)])
    static let attendanceForm = InputSchema("AttendanceForm", [.string("idNumber", max: 20, required: true)])
    static let ballot = InputSchema("BallotInput", [.oneOf("choice", BallotChoice.self, required: true)])
    static let task = InputSchema("TaskInput", [
        .string("title", max: 200, required: true), .string("owner", max: 100, required: true), .date("dueOn", required: true)])
    static let report = InputSchema("ReportInput", [text, .integer("progress", 0...100, required: true)])
    static let assist = InputSchema("AssistInput", [.uuid("organizationID", required: true), text])
    static let finding = InputSchema("FindingInput", [
        text, .boolean("asDecided", required: true), .string("taskID", max: 36, description: "a task's id, or empty for the matter")])
    static let message = InputSchema("MessageInput", [
        .oneOf("channel", [Channel.mailbox.rawValue, Channel.forum.rawValue], required: true), .string("subject", max: 200, required: true),
        text, .boolean("anonymous")])
    static let call = InputSchema("CallInput", [
        .uuid("residentID"), .string("callerName", max: 100, required: true), .string("subject", max: 200, required: true), text])
    static let textInput = InputSchema("TextInput", [text])
    static let appealDecision = InputSchema("AppealDecision", [.boolean("reverse", required: true), .string("reason", max: 1000, required: true)])
    static let messageApplication = InputSchema("MessageApplicationInput", [.string("itemCode", max: 32, required: true)])
    static let compound = InputSchema("CompoundInput", [
        .string("name", max: 100, required: true), .uuid("ownersCommitteeID"), .uuid("propertyManagerID")])
    /// The page's meeting form: who came for each party, and a few follow-up rows (a row without text is left out).
    static let followUpRows = 3
    static let meetingForm = InputSchema("MeetingForm", [
        .date("heldOn", required: true), .string("topic", max: 200, required: true), .string("minutes", max: 4000, required: true)]
        + MeetingParty.allCases.map { .string($0.rawValue + "Present", max: 200) }
        + (1...followUpRows).flatMap { i -> [InputField] in
            [.oneOf("followUp\(i)Party", MeetingParty.self), .string("followUp\(i)Text", max: 1000), .date("followUp\(i)DueOn")]
        })
    static let guidance = InputSchema("GuidanceInput", [.oneOf("kind", GuidanceKind.self, required: true), text])
    static let meeting = InputSchema("MeetingInput", [
        .date("heldOn", required: true), .string("topic", max: 200, required: true), .string("minutes", max: 4000, required: true),
        .object("attendees", MeetingParty.allCases.map { .string($0.rawValue, max: 200) }, required: true,
                description: "who was present for each party; all three must be"),
        .array("followUps", of: .object([
            .oneOf("party", MeetingParty.self, required: true), .string("text", max: 1000, required: true), .date("dueOn", required: true)]),
               maxItems: 50)])
    static let outcome = InputSchema("OutcomeInput", [.string("outcome", max: 1000, required: true)])
}

extension GovernanceAPIController.CharterInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.charter } }
extension GovernanceAPIController.BodyInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.body } }
extension GovernanceAPIController.MemberInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.member } }
extension MattersAPIController.MatterInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.matter } }
extension MattersAPIController.StepInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.matterStep } }
extension MattersAPIController.NoteInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.note } }
extension MattersAPIController.TaskInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.task } }
extension MattersAPIController.ReportInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.report } }
extension MattersAPIController.AssistInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.assist } }
extension MattersAPIController.FindingInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.finding } }
extension AssembliesAPIController.ConveneInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.convene } }
extension AssembliesAPIController.AttendanceInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.attendance } }
extension AssembliesAPIController.BallotInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.ballot } }
extension ChannelsAPIController.MessageInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.message } }
extension ChannelsAPIController.CallInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.call } }
extension ChannelsAPIController.TextInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.textInput } }
extension ChannelsAPIController.AppealDecision: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.appealDecision } }
extension ChannelsAPIController.ApplicationInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.messageApplication } }
extension CompoundsAPIController.CompoundInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.compound } }
extension CompoundsAPIController.GuidanceInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.guidance } }
extension CompoundsAPIController.MeetingInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.meeting } }
extension CompoundsAPIController.OutcomeInput: ValidatedInput { static var inputSchema: InputSchema { SelfGovernanceInputs.outcome } }
