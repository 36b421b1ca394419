import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// S3: every message, by any channel, gets an answer tracked against a due
/// date in working days; moderation records its reason and can be appealed.
public enum Channels {
    public static func submit(_ channel: Channel, community: String, residentID: UUID?, authorName: String, anonymous: Bool,
                              subject: String, text: String, recordedBy: String?, dueOn: LocalDate, db: any Database) async throws -> ChannelMessage {
        let m = ChannelMessage()
        m.divisionCode = community
        m.channel = channel
        m.residentID = residentID
        m.authorName = try Matters.clean(authorName, field: "name", max: 100)
        m.anonymous = anonymous
        m.subject = try Matters.clean(subject, field: "subject", max: 200)
        m.text = try Matters.clean(text, field: "text")
        m.recordedBy = recordedBy
        m.dueOn = dueOn.description
        m.hidden = false
        try await m.create(on: db)
        return m
    }

    public static func answer(_ m: ChannelMessage, text: String, by staff: String, today: LocalDate, db: any Database) async throws {
        guard m.answeredOn == nil else { throw ShequError(.conflict, .errorAlreadyAnswered, code: "already_answered") }
        m.answer = try Matters.clean(text, field: "answer")
        m.answeredOn = today.description
        m.answeredBy = staff
        try await m.save(on: db)
    }

    /// Moderation hides, never deletes, and always says why.
    public static func hide(_ m: ChannelMessage, reason: String, db: any Database) async throws {
        guard m.channel == .forum else { throw ShequError.invalid(.errorInvalidValue, "channel", code: "not_forum") }
        guard !m.hidden else { throw ShequError(.conflict, .errorAlreadyHidden, code: "already_hidden") }
        m.hiddenReason = try Matters.clean(reason, field: "reason", max: 1000)
        m.hidden = true
        try await m.save(on: db)
    }

    /// Only a forum topic that is still shown takes replies.
    public static func reply(to m: ChannelMessage, from resident: Resident, text: String, db: any Database) async throws -> ForumReply {
        guard m.channel == .forum, !m.hidden else { throw ShequError(.conflict, .errorInvalidValue, detail: "forum", code: "not_open") }
        let r = ForumReply()
        r.messageID = try m.requireID()
        r.residentID = try resident.requireID()
        r.authorName = resident.name
        r.text = try Matters.clean(text, field: "text", max: 2000)
        r.hidden = false
        try await r.create(on: db)
        return r
    }

    public static func hide(_ r: ForumReply, reason: String, db: any Database) async throws {
        let reason = try Matters.clean(reason, field: "reason", max: 1000)
        guard !r.hidden else { throw ShequError(.conflict, .errorAlreadyHidden, code: "already_hidden") }
        r.hidden = true
        r.hiddenReason = reason
        try await r.save(on: db)
    }


    /// A message becomes a matter once, and only while it is unanswered; the answer says so.
    public static func toMatter(_ m: ChannelMessage, by body: String, staff: String, language: Language, db: any Database) async throws -> Matter {
        guard m.matterID == nil, m.answeredOn == nil else { throw ShequError(.conflict, .errorAlreadyAnswered, code: "already_answered") }
        let source: MatterSource = m.channel == .mailbox ? .mailbox : m.channel == .hotline ? .hotline : .forum
        let matter = try await Matters.raise(community: m.divisionCode, title: m.subject, description: m.text, source: source, by: body, on: db)
        m.matterID = matter.id
        try await answer(m, text: Phrase.errorAnswerWithMatter.text(language) + matter.title, by: staff, today: LocalDate(instant: Date()), db: db)
        return matter
    }

    public static func appeal(_ m: ChannelMessage, text: String, db: any Database) async throws {
        guard m.hidden, m.appealState == nil else { throw ShequError(.conflict, .errorNothingToAppeal, code: "nothing_to_appeal") }
        m.appeal = try Matters.clean(text, field: "appeal", max: 2000)
        m.appealState = .pending
        try await m.save(on: db)
    }

    /// The supervision committee decides appeals, not the moderator who hid the topic.
    public static func decideAppeal(_ m: ChannelMessage, reverse: Bool, reason: String, db: any Database) async throws {
        guard m.appealState == .pending else { throw ShequError(.conflict, .errorNothingToAppeal, code: "nothing_to_appeal") }
        m.appealDecision = try AppealReason.checked(reason)
        m.appealState = reverse ? .reversed : .upheld
        if reverse { m.hidden = false }
        try await m.save(on: db)
    }

    /// The public sees a masked name (or 匿名); the committee sees who wrote.
    public static func publicAuthor(_ m: ChannelMessage) -> String {
        m.anonymous ? "匿名" : mask(m.authorName)
    }

    static func mask(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }
}

extension Phrase {
    static let errorAlreadyAnswered = Phrase(zh: "该留言已经答复。", en: "This message has already been answered.")
    static let errorAlreadyHidden = Phrase(zh: "该帖子已被隐藏。", en: "This topic is already hidden.")
    static let errorNothingToAppeal = Phrase(zh: "没有可以申诉或待裁决的隐藏记录。", en: "There is no hidden post to appeal, or no appeal pending.")
    static let errorAnswerWithMatter = Phrase(zh: "已转为议题：", en: "Turned into a matter: ")
    static let errorAnswerWithApplication = Phrase(zh: "已转为办件，受理编号：", en: "Turned into a service application, tracking number: ")
}
