import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import Vapor

/// O5's referral doors: the committee refers and reads its community's referrals; the officer named reads and
/// answers theirs. The resident shows as SelfGovernance shows them to the public (masked, or 匿名): the officer
/// needs what was said, not who said it.
enum PoliceReferralsAPIController {
    static let entity = "police_referral"

    struct ReferralInput: Content, ValidatedInput {
        var messageID: UUID
        var officerID: UUID
        var note: String?
        static var inputSchema: InputSchema { PolicingInputs.referral }
    }

    struct AnswerInput: Content, ValidatedInput {
        var text: String
        static var inputSchema: InputSchema { PolicingInputs.answer }
    }

    enum State: String, Codable, CaseIterable { case waiting, answered }

    struct ReferralView: Content {
        var id: UUID
        var messageID: UUID
        var community: String
        var channel: String
        var subject: String
        var text: String
        var author: String
        var dueOn: String
        var overdue: Bool
        var officerID: UUID
        var officerName: String
        var policeNumber: String
        var referredBy: String
        var referredAt: Date?
        var note: String?
        var state: State
        var answer: String?
        var answeredOn: String?
        var answeredBy: String?
    }

    static let stateQuery = QueryParameter.oneOf("state", State.allCases.map(\.rawValue))

    // MARK: - Commands

    static func refer(_ req: Request) async throws -> Response {
        let code = try await req.policingCommunity()
        let actor = try await req.authorize(.policeRefer, at: code, entity: entity)
        let input = try req.validatedContent(ReferralInput.self)
        guard let m = try await ChannelMessage.find(input.messageID, on: req.db), m.divisionCode == code else { throw ShequError.notFound }
        guard let officer = try await PoliceOfficer.find(input.officerID, on: req.db) else {
            throw ShequError.invalid(.policingNotAttached, input.officerID.uuidString, code: "officer_not_attached")
        }
        let referral = try await req.writeAudited("policing.refer", entity: entity) { db in
            let r = try await PoliceReferrals.refer(m, to: officer, note: input.note, by: actor.username, on: db)
            return Audited(r, id: r.id, scope: code, detail: "message \(input.messageID.uuidString) → \(officer.name) \(officer.policeNumber)")
        }
        return try await views([referral], on: req.db)[0].encodeResponse(status: .created, for: req)
    }

    static func answer(_ req: Request) async throws -> ReferralView {
        let r = try await load(req)
        let actor = try req.requireActor()
        guard try await PoliceReferrals.isOfficer(actor, of: r, on: req.db) else {
            // The committee that reads it is told no; anyone else learns no more than `show` tells them: not found.
            let reader = Policy.may(actor, .policeReferralRead, at: r.divisionCode)
            try await req.refusePolicing(.policeReferralAnswer, entity: entity, entityID: r.id?.uuidString, scope: r.divisionCode, hide: !reader)
        }
        let input = try req.validatedContent(AnswerInput.self)
        guard let m = try await ChannelMessage.find(r.messageID, on: req.db) else { throw ShequError.notFound }
        try await req.writeAudited("policing.answer", entity: entity) { db in
            try await PoliceReferrals.answer(r, message: m, text: input.text, by: actor.username, today: LocalDate(instant: Date()), on: db)
            return Audited(true, id: r.id, scope: r.divisionCode, detail: "message \(r.messageID.uuidString) answered")
        }
        return try await views([r], on: req.db)[0]
    }

    // MARK: - Reads

    /// The community's referrals, for its residents' committee.
    static func community(_ req: Request) async throws -> ListPage<ReferralView> {
        let code = try await req.policingCommunity()
        try await req.authorize(.policeReferralRead, at: code, entity: entity)
        return try await page(communityQuery(code, state: try state(req), on: req.db), req)
    }

    static func communityQuery(_ code: String, state: State?, on db: any Database) -> QueryBuilder<PoliceReferral> {
        filtered(PoliceReferral.query(on: db).filter(\.$divisionCode == code), state: state)
    }

    /// The signed-in officer's referrals, within their grant; an officer not yet recorded has none.
    static func mine(_ req: Request) async throws -> ListPage<ReferralView> {
        let actor = try await req.authorize(.policeReferralAnswer, entity: entity)
        return try await page(try await mineQuery(actor, state: try state(req), on: req.db), req)
    }

    static func mineQuery(_ actor: Actor, state: State?, on db: any Database) async throws -> QueryBuilder<PoliceReferral> {
        let q = filtered(PoliceReferral.query(on: db), state: state)
        guard let officer = try await PoliceOfficers.officer(of: actor, on: db), let id = officer.id else {
            return q.filter(\.$id == UUID())
        }
        let scopes = Policy.scopes(of: actor, for: .policeReferralAnswer)
        return q.filter(\.$officerID == id).group(.or) { or in
            for scope in scopes { or.group(.and) { $0.filter(\.$divisionCode >= scope).filter(\.$divisionCode < scope + "~") } }
        }
    }

    static func show(_ req: Request) async throws -> ReferralView {
        let r = try await load(req)
        try await requireReader(r, req)
        return try await views([r], on: req.db)[0]
    }

    /// The committee of the referral's community, or the officer it names; anyone else is answered 404 and logged.
    static func requireReader(_ r: PoliceReferral, _ req: Request) async throws {
        let actor = try req.requireActor()
        if Policy.may(actor, .policeReferralRead, at: r.divisionCode) { return }
        if try await PoliceReferrals.isOfficer(actor, of: r, on: req.db) { return }
        try await req.refusePolicing(.policeReferralRead, entity: entity, entityID: r.id?.uuidString, scope: r.divisionCode, hide: true)
    }

    static func load(_ req: Request) async throws -> PoliceReferral {
        guard let id = req.parameters.get("id", as: UUID.self), let r = try await PoliceReferral.find(id, on: req.db) else { throw ShequError.notFound }
        return r
    }

    static func state(_ req: Request) throws -> State? {
        guard let raw = req.query[String.self, at: "state"], !raw.isEmpty else { return nil }
        guard let s = State(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "state") }
        return s
    }

    static func filtered(_ q: QueryBuilder<PoliceReferral>, state: State?) -> QueryBuilder<PoliceReferral> {
        q.join(ChannelMessage.self, on: \PoliceReferral.$messageID == \ChannelMessage.$id)
        switch state {
        case .waiting: q.filter(ChannelMessage.self, \.$answeredOn == nil)
        case .answered: q.filter(ChannelMessage.self, \.$answeredOn != nil)
        case nil: break
        }
        return q.sort(\.$referredAt, .descending).sort(\.$id)
    }

    static func page(_ q: QueryBuilder<PoliceReferral>, _ req: Request) async throws -> ListPage<ReferralView> {
        try await q.paged(try ListPageRequest(req)) { rows in try await views(rows, on: req.db) }
    }

    static func views(_ rows: [PoliceReferral], on db: any Database) async throws -> [ReferralView] {
        let messageIDs = Array(Set(rows.map(\.messageID)))
        let officerIDs = Array(Set(rows.map(\.officerID)))
        let messages = messageIDs.isEmpty ? [:] : Dictionary(try await ChannelMessage.query(on: db).filter(\.$id ~~ messageIDs).all()
            .compactMap { m in m.id.map { ($0, m) } }, uniquingKeysWith: { a, _ in a })
        let officers = officerIDs.isEmpty ? [:] : Dictionary(try await PoliceOfficer.query(on: db).filter(\.$id ~~ officerIDs).all()
            .compactMap { o in o.id.map { ($0, o) } }, uniquingKeysWith: { a, _ in a })
        let today = LocalDate(instant: Date()).description
        return try rows.compactMap { r in
            guard let m = messages[r.messageID] else { return nil }
            let officer = officers[r.officerID]
            return ReferralView(id: try r.requireID(), messageID: r.messageID, community: r.divisionCode, channel: m.channel.rawValue,
                                subject: m.subject, text: m.text, author: Channels.publicAuthor(m), dueOn: m.dueOn,
                                overdue: m.answeredOn == nil && m.dueOn < today, officerID: r.officerID,
                                officerName: officer?.name ?? "", policeNumber: officer?.policeNumber ?? "", referredBy: r.referredBy,
                                referredAt: r.referredAt, note: r.note, state: m.answeredOn == nil ? .waiting : .answered,
                                answer: m.answer, answeredOn: m.answeredOn, answeredBy: m.answeredBy)
        }
    }
}
