import Fluent
import ServiceHall
import ShequKernel
import ShequPlatform
import Vapor

enum ChannelsAPIController {
    struct MessageInput: Content {
        var channel: Channel
        var subject: String
        var text: String
        /// Hidden from the public only; the committee always knows the author.
        var anonymous: Bool?
    }

    struct CallInput: Content {
        var residentID: UUID?
        var callerName: String
        var subject: String
        var text: String
    }

    struct TextInput: Content { var text: String }
    struct AppealDecision: Content { var reverse: Bool; var reason: String }
    struct ApplicationInput: Content { var itemCode: String }

    /// What anyone may read: no resident ids, the author masked or anonymous.
    struct PublicMessage: Content {
        var id: UUID
        var channel: Channel
        var author: String
        var subject: String
        var text: String
        var dueOn: String
        var answer: String?
        var answeredOn: String?
        var matterID: UUID?
        var hidden: Bool
        var hiddenReason: String?
        var appealState: AppealState?
        var replies: [PublicReply]?
    }

    struct PublicReply: Content {
        var id: UUID
        var author: String
        var text: String
        var hidden: Bool
        var hiddenReason: String?
    }

    static func view(_ m: ChannelMessage, replies: [ForumReply]? = nil) -> PublicMessage {
        PublicMessage(id: m.id!, channel: m.channel, author: Channels.publicAuthor(m), subject: m.subject,
                      text: m.hidden ? "" : m.text, dueOn: m.dueOn, answer: m.answer, answeredOn: m.answeredOn, matterID: m.matterID,
                      hidden: m.hidden, hiddenReason: m.hiddenReason, appealState: m.appealState,
                      replies: replies?.map { PublicReply(id: $0.id!, author: Channels.mask($0.authorName), text: $0.hidden ? "" : $0.text,
                                                          hidden: $0.hidden, hiddenReason: $0.hiddenReason) })
    }

    static func dueOn(_ req: Request) throws -> LocalDate {
        let today = LocalDate(instant: Date())
        return try req.application.workingCalendar.deadline(from: today, workingDays: req.application.selfGovernanceSettings.answerDays)
    }

    /// A resident writes to the mailbox or opens a forum topic in their own community.
    static func post(_ req: Request) async throws -> Response {
        let community = try await req.community()
        let input = try req.validatedContent(MessageInput.self)
        guard input.channel != .hotline else { throw ShequError.invalid(.errorInvalidValue, "channel", code: "invalid") }
        let resident = try await req.residentOf(community, action: .messagePost, entity: "message")
        let residentID = try resident.requireID()
        let due = try dueOn(req)
        let m = try await req.writeRecorded("message.post", entity: "message", scope: community) { db in
            try await Channels.submit(input.channel, community: community, residentID: residentID, authorName: resident.name,
                                      anonymous: input.anonymous ?? false, subject: input.subject, text: input.text,
                                      recordedBy: nil, dueOn: due, db: db)
        }
        return try await view(m).encodeResponse(status: .created, for: req)
    }

    /// The residents' committee logs a call to the community hotline for a resident.
    static func call(_ req: Request) async throws -> Response {
        let community = try await req.community()
        let input = try req.validatedContent(CallInput.self)
        let who = try await req.actingFor(.residentsCommittee, .matterExecute, at: community, entity: "message")
        if let id = input.residentID {
            guard let r = try await Resident.find(id, on: req.db), r.divisionCode == community else {
                throw ShequError.invalid(.errorNotAMember, code: "not_a_resident")
            }
        }
        let due = try dueOn(req)
        let m = try await req.writeRecorded("message.call", entity: "message", scope: community) { db in
            try await Channels.submit(.hotline, community: community, residentID: input.residentID, authorName: input.callerName,
                                      anonymous: false, subject: input.subject, text: input.text, recordedBy: who.actor.username,
                                      dueOn: due, db: db)
        }
        return try await view(m).encodeResponse(status: .created, for: req)
    }

    static func list(_ req: Request) async throws -> ListPage<PublicMessage> {
        let community = try await req.community()
        let q = ChannelMessage.query(on: req.db).filter(\.$divisionCode == community)
        if let raw = req.query[String.self, at: "channel"] {
            guard let channel = Channel(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "channel") }
            q.filter(\.$channel == channel)
        }
        return try await q.sort(\.$createdAt, .descending).sort(\.$id, .descending).paged(ListPageRequest(req)) { view($0) }
    }

    /// Unanswered past their due date: what the supervision committee (and the committee itself) must see.
    static func overdue(_ req: Request) async throws -> ListPage<PublicMessage> {
        let community = try await req.community()
        try await req.authorize(.messageOverdueRead, at: community, entity: "message")
        return try await overdueQuery(community, on: req.db).paged(ListPageRequest(req)) { view($0) }
    }

    /// The one definition of overdue, for the list and its CSV.
    static func overdueQuery(_ community: String, on db: any Database) -> QueryBuilder<ChannelMessage> {
        let today = LocalDate(instant: Date()).description
        return ChannelMessage.query(on: db).filter(\.$divisionCode == community).filter(\.$answeredOn == nil)
            .filter(\.$dueOn < today).sort(\.$dueOn).sort(\.$id)
    }

    static func load(_ req: Request) async throws -> ChannelMessage {
        guard let id = req.parameters.get("id", as: UUID.self), let m = try await ChannelMessage.find(id, on: req.db) else { throw ShequError.notFound }
        return m
    }

    static func show(_ req: Request) async throws -> PublicMessage {
        try await publicView(try await load(req), on: req.db)
    }

    static func publicView(_ m: ChannelMessage, on db: any Database) async throws -> PublicMessage {
        let replies = m.channel == .forum ? try await ForumReply.query(on: db).filter(\.$messageID == m.id!).sort(\.$createdAt).all() : nil
        return view(m, replies: replies)
    }

    static func answer(_ req: Request) async throws -> PublicMessage {
        let m = try await load(req)
        let input = try req.validatedContent(TextInput.self)
        let who = try await req.actingFor(.residentsCommittee, .matterExecute, at: m.divisionCode, entity: "message", entityID: m.id?.uuidString)
        try await req.writeRecorded("message.answer", entity: "message", scope: m.divisionCode) { db in
            try await Channels.answer(m, text: input.text, by: who.actor.username, today: LocalDate(instant: Date()), db: db)
        }
        return view(m)
    }

    static func reply(_ req: Request) async throws -> Response {
        let m = try await load(req)
        guard m.channel == .forum, !m.hidden else { throw ShequError(.conflict, .errorInvalidValue, detail: "forum", code: "not_open") }
        let input = try req.validatedContent(TextInput.self)
        let resident = try await req.residentOf(m.divisionCode, action: .messagePost, entity: "message")
        let reply = try await req.writeRecorded("message.reply", entity: "message", scope: m.divisionCode) { db in
            try await Channels.reply(to: m, from: resident, text: input.text, db: db)
        }
        return try await PublicReply(id: reply.id!, author: Channels.mask(reply.authorName), text: reply.text, hidden: false, hiddenReason: nil)
            .encodeResponse(status: .created, for: req)
    }

    static func hide(_ req: Request) async throws -> PublicMessage {
        let m = try await load(req)
        let input = try req.validatedContent(TextInput.self)
        _ = try await req.actingFor(.residentsCommittee, .matterExecute, at: m.divisionCode, entity: "message", entityID: m.id?.uuidString)
        try await req.writeRecorded("message.hide", entity: "message", scope: m.divisionCode, detail: input.text) { db in
            try await Channels.hide(m, reason: input.text, db: db)
        }
        return view(m)
    }

    static func hideReply(_ req: Request) async throws -> PublicReply {
        guard let id = req.parameters.get("id", as: UUID.self), let r = try await ForumReply.find(id, on: req.db),
              let m = try await ChannelMessage.find(r.messageID, on: req.db) else { throw ShequError.notFound }
        let input = try req.validatedContent(TextInput.self)
        _ = try await req.actingFor(.residentsCommittee, .matterExecute, at: m.divisionCode, entity: "message", entityID: id.uuidString)
        try await req.writeRecorded("message.hideReply", entity: "message", scope: m.divisionCode, detail: input.text) { db in
            try await Channels.hide(r, reason: input.text, db: db)
        }
        return PublicReply(id: id, author: Channels.mask(r.authorName), text: "", hidden: true, hiddenReason: r.hiddenReason)
    }

    /// Only the author appeals.
    static func appeal(_ req: Request) async throws -> PublicMessage {
        let m = try await load(req)
        let input = try req.validatedContent(TextInput.self)
        try await req.authorize(.messageAppeal, on: Resource(residentID: m.residentID), entity: "message", entityID: m.id?.uuidString)
        try await req.writeRecorded("message.appeal", entity: "message", scope: m.divisionCode) { db in
            try await Channels.appeal(m, text: input.text, db: db)
        }
        return view(m)
    }

    static func decideAppeal(_ req: Request) async throws -> PublicMessage {
        let m = try await load(req)
        let input = try req.validatedContent(AppealDecision.self)
        _ = try await req.actingFor(.supervisionCommittee, .matterSupervise, at: m.divisionCode, entity: "message", entityID: m.id?.uuidString)
        try await req.writeRecorded("message.appealDecision", entity: "message", scope: m.divisionCode) { db in
            try await Channels.decideAppeal(m, reverse: input.reverse, reason: input.reason, db: db)
        }
        return view(m)
    }

    /// The committee turns a message into a matter; the message is answered with it.
    static func toMatter(_ req: Request) async throws -> Response {
        let m = try await load(req)
        let who = try await req.actingFor(.residentsCommittee, .matterRaise, at: m.divisionCode, entity: "message", entityID: m.id?.uuidString)
        let language = req.language
        let matter = try await req.writeRecorded("message.toMatter", entity: "message", scope: m.divisionCode) { db in
            try await Channels.toMatter(m, by: who.body, staff: who.actor.username, language: language, db: db)
        }
        return try await matter.encodeResponse(status: .created, for: req)
    }

    /// Window staff turn a message into a service application for its author.
    static func toApplication(_ req: Request) async throws -> PublicMessage {
        let m = try await load(req)
        let input = try req.validatedContent(ApplicationInput.self)
        try await req.authorize(.applicationSubmitForResident, at: m.divisionCode, entity: "message", entityID: m.id?.uuidString)
        guard let residentID = m.residentID else { throw ShequError.invalid(.errorInvalidValue, "resident", code: "no_resident") }
        guard m.answeredOn == nil else { throw ShequError(.conflict, .errorAlreadyAnswered, code: "already_answered") }
        let number = try await ServiceHallOnBehalf.apply(itemCode: input.itemCode, residentID: residentID, details: m.text, req: req)
        let actor = try req.requireActor()
        let language = req.language
        try await req.writeRecorded("message.toApplication", entity: "message", scope: m.divisionCode) { db in
            m.trackingNumber = number
            try await Channels.answer(m, text: Phrase.errorAnswerWithApplication.text(language) + number, by: actor.username,
                                      today: LocalDate(instant: Date()), db: db)
        }
        return view(m)
    }
}
