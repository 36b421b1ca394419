import ShequPlatform
import Vapor

/// H8's inputs, declared once: published in the OpenAPI document and checked before decoding, for the JSON routes
/// and the pages' forms alike.
enum OfficeInputs {
    static let titleMax = 200
    static let textMax = 8000
    static let summaryMax = 2000
    static let peopleMax = 500
    static let nameMax = 60
    static let referenceMax = 50
    static let noteMax = 200

    /// What one record may carry on the wire: minutes of `textMax` Chinese characters are 24 kB as JSON and about
    /// 72 kB as a form (each character three bytes, each byte %XX), far past the application's 16 kB default, which
    /// refused them 413 while the form and the schema offered them.
    static let bodyLimit: ByteCount = "128kb"

    static let corrects = InputField.uuid("corrects", description: "the entry this one corrects (same kind and community); the old one stays, marked corrected")

    static let minutes = InputSchema("OfficeMinutesInput", [
        .date("heldOn", required: true, description: "the meeting's day, not after today"),
        .string("title", max: titleMax, min: 1, required: true, description: "the meeting, e.g. 居委会例会"),
        .string("attendees", max: peopleMax, min: 1, required: true, description: "who attended"),
        .string("text", max: textMax, min: 1, required: true, description: "the minutes: matters discussed and decided"),
        corrects,
    ])

    static let duty = InputSchema("OfficeDutyInput", [
        .date("dutyOn", required: true, description: "the day of duty (up to a year ahead)"),
        .string("startsAt", max: 5, min: 5, required: true, description: "HH:MM"),
        .string("endsAt", max: 5, min: 5, required: true, description: "HH:MM, after startsAt"),
        .string("person", max: nameMax, min: 1, required: true, description: "who is on duty"),
        .string("note", max: noteMax, description: "where, or what the duty covers"),
        corrects,
    ])

    static let log = InputSchema("OfficeLogInput", [
        .date("loggedOn", required: true, description: "the day, not after today"),
        .string("title", max: titleMax, min: 1, required: true, description: "what was done"),
        .string("text", max: textMax, min: 1, required: true, description: "the log entry"),
        corrects,
    ])

    static func document(_ name: String, counterpart: String) -> InputSchema {
        InputSchema(name, [
            .date("dated", required: true, description: "the day it was received or sent, not after today"),
            .string("title", max: titleMax, min: 1, required: true, description: "the document's title"),
            .string("counterpart", max: titleMax, min: 1, required: true, description: counterpart),
            .string("reference", max: referenceMax, description: "its number 文号"),
            .date("deadline", description: "by when it must be dealt with: not before the day, at most a year after"),
            .string("summary", max: summaryMax, description: "what it asks or says"),
            corrects,
        ])
    }

    static let documentReceived = document("OfficeDocumentReceivedInput", counterpart: "the body that sent it")
    static let documentSent = document("OfficeDocumentSentInput", counterpart: "the body it was sent to")

    static let sealUse = InputSchema("OfficeSealUseInput", [
        .date("usedOn", required: true, description: "the day the seal was used, not after today"),
        .string("document", max: titleMax, min: 1, required: true, description: "the document the seal was put on"),
        .string("purpose", max: summaryMax, min: 1, required: true, description: "what for"),
        .string("usedBy", max: nameMax, min: 1, required: true, description: "who used the seal"),
        .string("approvedBy", max: nameMax, min: 1, required: true, description: "who approved its use; not the one who used it"),
        corrects,
    ])

    static let handled = InputSchema("OfficeDocumentHandledInput", [
        .date("handledOn", required: true, description: "the day it was dealt with, not before it was received or sent nor after today"),
        .string("text", max: summaryMax, min: 1, required: true, description: "how it was dealt with"),
    ])
}
