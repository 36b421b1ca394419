import Fluent
import ServiceHall
import ShequKernel
import ShequPlatform
import Vapor

/// The mailbox and the forum on a phone: read every message and its answer,
/// write one, reply, and for the committee answer and moderate. Forms run
/// the API's handlers and come back to the page they were sent from.
enum ChannelPages {
    static func list(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let code = try await req.community()
        let page = try await ChannelsAPIController.list(req)
        let messages = page.items
        var content: [BodyNode] = []
        if let actor = ctx.actor, let id = actor.residentID, let r = try await Resident.find(id, on: req.db), r.divisionCode == code {
            let f = ctx.forms
            content.append(f.form(action: "/communities/\(code)/messages", [
                f.select(.channelKind, name: "channel", options: [("mailbox", ctx.t(.channelMailbox)), ("forum", ctx.t(.channelForum))], selected: "mailbox"),
                f.field(.channelSubject, name: "subject", required: true),
                H.tag("div", [("class", "field")], [
                    H.tag("label", [("for", "f-text")], [.text(ctx.t(.channelText))]),
                    H.tag("textarea", [("name", "text"), ("id", "f-text"), ("rows", "5"), ("maxlength", "4000"), ("required", "required")], []),
                ]),
                f.checkbox(.channelAnonymous, name: "anonymous"),
                f.submit(.channelSend),
            ]))
        }
        if let actor = ctx.actor, Policy.may(actor, .matterExecute, at: code) {
            let f = ctx.forms
            content.append(H.tag("h2", [], [.text(ctx.t(.hotlineLog))]))
            content.append(f.form(action: "/communities/\(code)/hotline-calls", [
                f.field(.hotlineCaller, name: "callerName", required: true, maxLength: 100),
                f.field(.channelSubject, name: "subject", required: true),
                H.tag("div", [("class", "field")], [
                    H.tag("label", [("for", "f-call")], [.text(ctx.t(.channelText))]),
                    H.tag("textarea", [("name", "text"), ("id", "f-call"), ("rows", "4"), ("maxlength", "4000"), ("required", "required")], []),
                ]),
                f.submit(.hotlineRecord),
            ]))
        }
        content.append(messages.isEmpty ? H.tag("p", [], [.text(ctx.t(.channelNone))]) : H.tag("ul", [], messages.map { m in
            H.tag("li", [], [
                H.link("/messages/\(m.id.uuidString)", m.hidden ? ctx.t(.channelHidden) : m.subject),
                .text(" · " + ctx.t(m.channel.phrase) + " · " + m.author + " · "
                      + (m.answeredOn.map { ctx.t(.channelAnswered) + " " + $0 } ?? ctx.t(.channelDue) + " " + m.dueOn)),
            ])
        }))
        content.append(Pager.nav(ctx, page, path: "/communities/\(code)/messages", keep: [("channel", req.queryValue("channel"))]))
        return WebPage(title: ctx.t(.channels), content)
    }

    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let stored = try await ChannelsAPIController.load(req)
        let m = try await ChannelsAPIController.publicView(stored, on: req.db)
        let f = ctx.forms
        var content: [BodyNode] = [H.tag("p", [], [.text(ctx.t(m.channel.phrase) + " · " + m.author)])]
        if m.hidden {
            content.append(H.tag("p", [("class", "notice")], [.text(ctx.t(.channelHidden) + "：" + (m.hiddenReason ?? ""))]))
            if let state = m.appealState { content.append(H.tag("p", [], [.text(ctx.t(.channelAppeal) + "：" + ctx.t(state.phrase))])) }
        } else {
            content.append(H.tag("p", [], [.text(m.text)]))
        }
        content.append(H.tag("h2", [], [.text(ctx.t(.channelAnswer))]))
        content.append(H.tag("p", [("role", "status")], [.text(m.answer.map { $0 + "（\(m.answeredOn ?? "")）" } ?? ctx.t(.channelDue) + " " + m.dueOn)]))
        for r in m.replies ?? [] {
            content.append(H.tag("p", [("class", "reply")], [.text(r.author + "：" + (r.hidden ? ctx.t(.channelHidden) + "（\(r.hiddenReason ?? "")）" : r.text))]))
        }
        let id = m.id.uuidString
        if let actor = ctx.actor {
            let own = actor.residentID != nil && actor.residentID == stored.residentID
            let resident = try await actor.residentID.asyncMap { try await Resident.find($0, on: req.db) } ?? nil
            if m.channel == .forum, !m.hidden, resident?.divisionCode == stored.divisionCode {
                content.append(f.form(action: "/messages/\(id)/replies", [textarea(.channelReply, ctx), f.submit(.channelSend)]))
            }
            if own, m.hidden, m.appealState == nil {
                content.append(f.form(action: "/messages/\(id)/appeal", [textarea(.channelAppeal, ctx), f.submit(.channelAppeal)]))
            }
            if Policy.may(actor, .matterExecute, at: stored.divisionCode) {
                if m.answeredOn == nil {
                    content.append(f.form(action: "/messages/\(id)/answer", [textarea(.channelAnswer, ctx), f.submit(.channelAnswer)]))
                }
                if m.channel == .forum, !m.hidden {
                    content.append(f.form(action: "/messages/\(id)/hide", [textarea(.channelHideReason, ctx), f.submit(.channelHide)]))
                }
            }
            content += MessageActions.forms(m, stored: stored, actor: actor, ctx)
        }
        if let matter = m.matterID {
            content.append(H.tag("p", [], [H.link("/matters/\(matter.uuidString)", ctx.t(.gpBecameMatter))]))
        }
        return WebPage(title: m.hidden ? ctx.t(.channelHidden) : m.subject, content)
    }

    static func textarea(_ label: Phrase, _ ctx: RequestContext) -> BodyNode {
        H.tag("div", [("class", "field")], [
            H.tag("label", [("for", "f-text")], [.text(ctx.t(label))]),
            H.tag("textarea", [("name", "text"), ("id", "f-text"), ("rows", "3"), ("maxlength", "4000"), ("required", "required")], []),
        ])
    }

    /// Where a new letter, post or logged call sends the browser back to.
    static func messagesOf(_ req: Request) async throws -> String { "/communities/\(try await req.community())/messages" }

    static func back(_ req: Request) async throws -> String { "/messages/" + (req.parameters.get("id") ?? "") }
}

/// What a message can become, and the appeal decision, each for the body the policy names:
/// a matter (residents' committee), a service application for its author (window staff),
/// a decision on a pending appeal (supervision committee).
enum MessageActions {
    static func forms(_ m: ChannelsAPIController.PublicMessage, stored: ChannelMessage, actor: Actor, _ ctx: RequestContext) -> [BodyNode] {
        let f = ctx.forms, id = m.id.uuidString, code = stored.divisionCode
        var out: [BodyNode] = []
        let open = m.answeredOn == nil && m.matterID == nil
        if open, Policy.may(actor, .matterRaise, at: code) {
            out.append(f.form(action: "/messages/\(id)/matter", [f.submit(.gpToMatter)]))
        }
        if open, stored.residentID != nil, Policy.may(actor, .applicationSubmitForResident, at: code) {
            out.append(f.form(action: "/messages/\(id)/application", [
                f.field(.gpItemCode, name: "itemCode", required: true, autocomplete: "off", maxLength: 32), f.submit(.gpToApplication)]))
        }
        if m.appealState == .pending, Policy.may(actor, .matterSupervise, at: code) {
            out.append(SupervisionPages.appealForm(m, ctx))
        }
        return out
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension Channel {
    var phrase: Phrase {
        switch self {
        case .mailbox: .channelMailbox
        case .hotline: Phrase(zh: "社区热线", en: "Community hotline")
        case .forum: .channelForum
        }
    }
}

extension AppealState {
    var phrase: Phrase {
        switch self {
        case .pending: Phrase(zh: "待监督委员会裁决", en: "awaiting the supervision committee")
        case .upheld: Phrase(zh: "维持隐藏", en: "hiding upheld")
        case .reversed: Phrase(zh: "已恢复显示", en: "restored")
        }
    }
}

extension Phrase {
    static let channels = Phrase(zh: "民情信箱与居民论坛", en: "Mailbox and forum")
    static let channelKind = Phrase(zh: "写到", en: "Write to")
    static let channelMailbox = Phrase(zh: "民情信箱", en: "Opinion mailbox")
    static let channelForum = Phrase(zh: "居民论坛", en: "Residents' forum")
    static let channelSubject = Phrase(zh: "标题", en: "Subject")
    static let channelText = Phrase(zh: "内容", en: "Message")
    static let channelAnonymous = Phrase(zh: "对公众匿名（居委会仍知道是您）", en: "Anonymous to the public (the committee still knows it is you)")
    static let channelSend = Phrase(zh: "发送", en: "Send")
    static let channelNone = Phrase(zh: "暂无留言。", en: "No messages yet.")
    static let channelHidden = Phrase(zh: "已隐藏", en: "Hidden")
    static let channelAnswered = Phrase(zh: "已答复", en: "answered")
    static let channelDue = Phrase(zh: "答复期限", en: "answer due")
    static let channelAnswer = Phrase(zh: "答复", en: "Answer")
    static let channelReply = Phrase(zh: "回复", en: "Reply")
    static let channelAppeal = Phrase(zh: "申诉", en: "Appeal")
    static let channelHide = Phrase(zh: "隐藏", en: "Hide")
    static let channelHideReason = Phrase(zh: "隐藏理由", en: "Reason for hiding")
    static let hotlineLog = Phrase(zh: "社区热线登记", en: "Log a hotline call")
    static let hotlineCaller = Phrase(zh: "来电人", en: "Caller")
    static let hotlineRecord = Phrase(zh: "登记来电", en: "Log the call")
}
