import ShequKernel
import ShequPlatform

/// Task-access inputs, declared once: published in the OpenAPI document and checked
/// before decoding, for the JSON routes and the pages' forms alike. Amounts are yuan
/// as text ("12,000.50"), read into integer fen by `Money(yuan:)`, never a float.
enum TaskAccessInputs {
    static let year = InputField.integer("year", 2000...2100, required: true)
    static let community = InputField.string("community", max: 12, min: 12, required: true, description: "the community's 12-digit division code")
    static func amount(_ name: String) -> InputField {
        InputField.string(name, max: 20, required: true, description: "yuan, at most two decimals, e.g. 12000.00")
    }
    static let reason = InputField.string("reason", max: 2000, required: true)

    static let task = InputSchema("TaskInput", [
        .string("title", max: 200, required: true), .string("legalBasis", max: 500, required: true),
        .uuid("departmentID", description: "the owning department; department staff may leave it out for their own"),
        .oneOf("classification", TaskClassification.self, required: true), .string("classifiedBy", max: 200, required: true),
        .oneOf("nature", TaskNature.self, required: true, description: "licensing, penalty and enforcement are refused (rule A1)"),
        .integer("hoursPerYear", 0...10_000, required: true), .boolean("inForce", required: true),
        .integer("fromYear", 2000...2100, required: true), .integer("toYear", 2000...2100)])
    static let assign = InputSchema("AssignmentInput", [community, year])
    static let plan = InputSchema("PlanInput", [
        year, .string("title", max: 200, required: true), .uuid("departmentID"), .uuid("fundID", required: true),
        amount("amountPerCommittee"), .string("workingConditions", max: 2000, required: true),
        .string("policyGuidance", max: 2000, required: true),
        .oneOf("agreementKind", AgreementKind.self, required: true, description: "responsibilityLetter is refused (rule A4)"),
        .oneOf("grouping", AgreementGrouping.self, required: true),
        .array("taskIDs", of: .string(maxLength: 36, format: .uuid), maxItems: 200, minItems: 1, required: true),
        .array("communities", of: .string(maxLength: 12, minLength: 12), maxItems: 400, minItems: 1, required: true)])
    static let planStep = InputSchema("PlanStepInput", [
        .oneOf("step", PlanStep.self, required: true), .string("reason", max: 2000, description: "required for approve, requestChanges and reject")])
    static let deadlines = InputSchema("PlanDeadlineInput", [year, .date("submitBy", required: true), .date("reviewBy", required: true)])
    static let agreementTerms = InputSchema("AgreementTermsInput", [
        .oneOf("kind", AgreementKind.self, description: "by default the plan's; responsibilityLetter is refused (rule A4)"),
        .date("termStart", required: true), .date("termEnd", required: true), .string("deliverables", max: 4000, required: true),
        .string("inspectionSchedule", max: 500, required: true)])
    static let convert = InputSchema("AgreementConvertInput", [
        .oneOf("kind", [AgreementKind.entrustment.rawValue, AgreementKind.purchaseOfService.rawValue], required: true), reason])
    static let terminate = InputSchema("AgreementTerminateInput", [reason])
    static let inspection = InputSchema("InspectionInput", [
        .date("inspectedOn", required: true), .oneOf("result", InspectionResult.self, required: true), .string("findings", max: 4000, required: true)])
    static let disbursement = InputSchema("DisbursementInput", [community, amount("amount"), .string("memo", max: 500)])
    static let shortfall = InputSchema("ShortfallInput", [
        .oneOf("kind", ShortfallKind.self, required: true), .string("text", max: 4000, required: true), .uuid("agreementID")])
    static let answer = InputSchema("ShortfallAnswerInput", [.string("answer", max: 4000, required: true)])
}

extension TasksAPIController.TaskInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.task } }
extension TasksAPIController.AssignmentInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.assign } }
extension PlansAPIController.PlanInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.plan } }
extension PlansAPIController.StepInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.planStep } }
extension PlansAPIController.DeadlineInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.deadlines } }
extension AgreementsAPIController.TermsInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.agreementTerms } }
extension AgreementsAPIController.ConvertInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.convert } }
extension AgreementsAPIController.TerminateInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.terminate } }
extension AgreementsAPIController.InspectionInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.inspection } }
extension AgreementsAPIController.DisbursementInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.disbursement } }
extension BurdenAPIController.ShortfallInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.shortfall } }
extension BurdenAPIController.AnswerInput: ValidatedInput { static var inputSchema: InputSchema { TaskAccessInputs.answer } }
