import Fluent
import Foundation

/// The participation channels of S3. Online deliberation is the discussion
/// attached to a matter (`MatterNote.discussion`); the other three share one
/// table so that every message, whatever its channel, has one tracked answer
/// and one overdue list (docs/GLOSSARY.md).
public enum Channel: String, Codable, Sendable, CaseIterable {
    case mailbox   // 民情信箱 (MailboxMessage)
    case hotline   // 社区热线 (HotlineCall)
    case forum     // 居民论坛 (ForumTopic)
}

public enum AppealState: String, Codable, Sendable, CaseIterable {
    case pending, upheld, reversed
}

public final class ChannelMessage: Model, @unchecked Sendable {
    public static let schema = "channel_messages"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @Enum(key: "channel") public var channel: Channel
    /// The resident who wrote or called; known to the committee even when anonymous to the public.
    @OptionalField(key: "resident_id") public var residentID: UUID?
    @Field(key: "author_name") public var authorName: String
    @Field(key: "anonymous") public var anonymous: Bool
    @Field(key: "subject") public var subject: String
    @Field(key: "text") public var text: String
    /// Hotline calls: the staff member who took the call.
    @OptionalField(key: "recorded_by") public var recordedBy: String?
    @Field(key: "due_on") public var dueOn: String
    @OptionalField(key: "answer") public var answer: String?
    @OptionalField(key: "answered_on") public var answeredOn: String?
    @OptionalField(key: "answered_by") public var answeredBy: String?
    @OptionalField(key: "matter_id") public var matterID: UUID?
    @OptionalField(key: "tracking_number") public var trackingNumber: String?
    // Moderation (forum): hidden with a reason, which the author may appeal.
    @Field(key: "hidden") public var hidden: Bool
    @OptionalField(key: "hidden_reason") public var hiddenReason: String?
    @OptionalField(key: "appeal") public var appeal: String?
    @OptionalEnum(key: "appeal_state") public var appealState: AppealState?
    @OptionalField(key: "appeal_decision") public var appealDecision: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A reply in the residents' forum, moderated like a topic.
public final class ForumReply: Model, @unchecked Sendable {
    public static let schema = "forum_replies"

    @ID public var id: UUID?
    @Field(key: "message_id") public var messageID: UUID
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "author_name") public var authorName: String
    @Field(key: "text") public var text: String
    @Field(key: "hidden") public var hidden: Bool
    @OptionalField(key: "hidden_reason") public var hiddenReason: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
