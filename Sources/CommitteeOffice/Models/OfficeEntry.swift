import Fluent
import Foundation

/// The kinds of record a residents' committee keeps of its own office work (H8).
public enum OfficeKind: String, Codable, Sendable, CaseIterable {
    case minutes            // 会议记录
    case duty               // 值班安排
    case log                // 工作日志
    case documentReceived   // 收文
    case documentSent       // 发文
    case sealUse            // 用印登记
    /// How a document received or sent was dealt with: closes it for the overdue list.
    case documentHandled    // 办理情况

    /// The kinds with a list of their own (a handling shows on its document).
    public static let listed: [OfficeKind] = [.minutes, .duty, .log, .documentReceived, .documentSent, .sealUse]
    public static let documents: [OfficeKind] = [.documentReceived, .documentSent]

    /// The path segment of the kind's list.
    public var segment: String {
        switch self {
        case .minutes: "minutes"
        case .duty: "duty-schedule"
        case .log: "work-log"
        case .documentReceived: "documents-received"
        case .documentSent: "documents-sent"
        case .sealUse: "seal-uses"
        case .documentHandled: "documents-handled"
        }
    }
}

/// One entry of a committee's office records. Entries are never changed or deleted, as an auditor expects of a
/// seal register or a document register: a mistake is put right by a new entry that `corrects` the old one, which
/// then shows as corrected; a document is closed by a `documentHandled` entry that `handles` it.
public final class OfficeEntry: Model, @unchecked Sendable {
    public static let schema = "committee_office_entries"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @Enum(key: "kind") public var kind: OfficeKind
    /// The day it happened: meeting, duty, log, received, sent, seal used, handled (yyyy-MM-dd).
    @Field(key: "on_date") public var onDate: String
    /// Meeting title, log title, document title, the document the seal was put on.
    @OptionalField(key: "title") public var title: String?
    /// Minutes, log text, document summary, seal purpose, duty note, how a document was handled.
    @OptionalField(key: "body") public var body: String?
    /// Attendees, who is on duty, the sending or receiving body, who used the seal.
    @OptionalField(key: "people") public var people: String?
    @OptionalField(key: "starts_at") public var startsAt: String?
    @OptionalField(key: "ends_at") public var endsAt: String?
    /// A document's number 文号.
    @OptionalField(key: "reference") public var reference: String?
    @OptionalField(key: "deadline") public var deadline: String?
    @OptionalField(key: "approved_by") public var approvedBy: String?
    @OptionalField(key: "corrects_id") public var correctsID: UUID?
    @OptionalField(key: "handles_id") public var handlesID: UUID?
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
