import Foundation
import ShequKernel
import ShequPlatform

/// The service hall's inputs, declared once: published in the OpenAPI document
/// and checked before decoding, for the JSON routes and the pages' forms alike.
enum ServiceHallInputs {
    static let itemCode = InputField.string("itemCode", max: 32)

    /// A catalogue code as written in the catalogue ("MZ-000"): anything else is no item, and is never sent to
    /// the database (PostgreSQL refuses a NUL in text with an error, not an empty answer).
    static func isItemCode(_ raw: String) -> Bool {
        raw.count <= 32 && raw.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
    }
    static let hhmm = InputKind.string(maxLength: 5)

    static let application = InputSchema("ApplicationInput", [
        InputField("itemCode", itemCode.kind, required: true), .string("details", max: 2000),
        .uuid("residentID", description: "staff applying on a resident's behalf"),
        .string("residentIDNumber", max: 20, description: "staff applying on a resident's behalf (一号式)"),
        .oneOf("channel", ApplicationChannel.self), .uuid("placeID")])
    static let applyForm = InputSchema("ApplyForm", [.string("details", max: 2000)])
    static let stepFields: [InputField] = [
        .string("reason", max: 2000), .array("materialIDs", of: .string(maxLength: 36, format: .uuid), maxItems: 100),
        .boolean("arisesLater"), .string("outcome", max: 2000)]
    static let step = InputSchema("StepInput", [.oneOf("step", ApplicationStep.self, required: true)] + stepFields + [
        .uuid("departmentID", description: "transfer: to a department"), .uuid("outpostID", description: "transfer: to a department's outpost"),
        .uuid("centerID", description: "transfer: to a service centre")])
    static let stepForm = InputSchema("StepForm", [.oneOf("step", ApplicationStep.self, required: true)] + stepFields + [
        .string("transferTo", max: 50, description: "department:<id>, outpost:<id> or center:<id>")])
    static let rating = InputSchema("RatingInput", [.oneOf("level", RatingLevel.self, required: true), .string("comment", max: 1000)])
    static let followUp = InputSchema("FollowUpAnswer", [
        .oneOf("state", FollowUpState.self, required: true), .string("response", max: 2000, required: true),
        .oneOf("appealGround", AppealGround.self)])
    static let upload = InputSchema("MaterialUpload", [InputField("file", .string(maxLength: 10 * 1024 * 1024, format: .binary), required: true)])
    // No contracted hours here: they are the staff records' (Workforce, `Application.contractedHours`).
    static let roster = InputSchema("RosterInput", [
        .array("shifts", of: .object([
            .string("username", max: 64, required: true), .integer("window", 1...999, required: true),
            .integer("weekday", 1...7, required: true, description: "1 = Monday … 7 = Sunday"),
            InputField("start", hhmm, required: true, description: "HH:MM"), InputField("end", hhmm, required: true, description: "HH:MM")]),
               maxItems: 5000, required: true)])
    static let slot = InputSchema("SlotInput", [
        itemCode, .date("day", required: true), InputField("start", hhmm, required: true, description: "HH:MM"),
        InputField("end", hhmm, required: true, description: "HH:MM"), .integer("capacity", 1...500, required: true)])
    static let ticket = InputSchema("TicketInput", [itemCode])
    static let open311 = InputSchema("Open311Request", [
        .string("api_key", max: 200), .string("service_code", max: 32), .string("description", max: 4000),
        InputField("attribute", .map(.string(maxLength: 1000), maxItems: 50))])
}

extension ApplicationsAPIController.SubmitInput: ValidatedInput { static var inputSchema: InputSchema { ServiceHallInputs.application } }
extension StepInput: ValidatedInput { public static var inputSchema: InputSchema { ServiceHallInputs.step } }
extension RatingInput: ValidatedInput { public static var inputSchema: InputSchema { ServiceHallInputs.rating } }
extension FollowUpAnswer: ValidatedInput { public static var inputSchema: InputSchema { ServiceHallInputs.followUp } }
extension RosterController.RosterInput: ValidatedInput { static var inputSchema: InputSchema { ServiceHallInputs.roster } }
extension AppointmentsController.SlotInput: ValidatedInput { static var inputSchema: InputSchema { ServiceHallInputs.slot } }
extension QueueController.TakeInput: ValidatedInput { static var inputSchema: InputSchema { ServiceHallInputs.ticket } }
extension QueueController.TakeForm: ValidatedInput { static var inputSchema: InputSchema { ServiceHallInputs.ticket } }
extension ServiceHallPages.ApplyForm: ValidatedInput { static var inputSchema: InputSchema { ServiceHallInputs.applyForm } }
extension ServiceHallPages.StepForm: ValidatedInput { static var inputSchema: InputSchema { ServiceHallInputs.stepForm } }
extension Open311Controller.PostForm: ValidatedInput { static var inputSchema: InputSchema { ServiceHallInputs.open311 } }
