import Fluent
import ShequKernel
import ShequPlatform
import Vapor

extension Compound: Content {}
extension GuidanceRecord: Content {}
extension ThreePartyMeeting: Content {}
extension MeetingFollowUp: Content {}

/// S4: compounds, the residents' committee's guidance and supervision of
/// owners' committees, and three-party meetings with their follow-ups.
enum CompoundsAPIController {
    struct CompoundInput: Content {
        var name: String
        var ownersCommitteeID: UUID?
        var propertyManagerID: UUID?
    }

    struct GuidanceInput: Content {
        var kind: GuidanceKind
        var text: String
    }

    struct MeetingInput: Content {
        var heldOn: String
        var topic: String
        var minutes: String
        /// Names present for each party; all three must be there.
        var attendees: [String: String]
        var followUps: [FollowUpInput]?
    }

    struct FollowUpInput: Content {
        var party: MeetingParty
        var text: String
        var dueOn: String
    }

    struct OutcomeInput: Content { var outcome: String }

    struct CompoundDetail: Content {
        var compound: Compound
        var guidance: [GuidanceRecord]
        var meetings: [ThreePartyMeeting]
        var followUps: [MeetingFollowUp]
    }

    static func list(_ req: Request) async throws -> ListPage<Compound> {
        let community = try await req.community()
        return try await Compound.query(on: req.db).filter(\.$divisionCode == community).sort(\.$name).sort(\.$id).paged(ListPageRequest(req))
    }

    static func create(_ req: Request) async throws -> Response {
        let community = try await req.community()
        let input = try req.validatedContent(CompoundInput.self)
        return try await register(input, at: community, req: req).encodeResponse(status: .created, for: req)
    }

    /// The command both doors run: the API's JSON and the page's form.
    static func register(_ input: CompoundInput, at community: String, req: Request) async throws -> Compound {
        let who = try await req.actingFor(.residentsCommittee, .bodyWrite, at: community, entity: "compound")
        let name = try Matters.clean(input.name, field: "name", max: 100)
        if let id = input.ownersCommitteeID {
            guard let body = try await GovernanceBody.find(id, on: req.db), body.kind == .ownersCommittee, body.divisionCode == community else {
                throw ShequError.invalid(.errorInvalidValue, "ownersCommitteeID", code: "invalid")
            }
        }
        if let id = input.propertyManagerID {
            guard let org = try await Organization.find(id, on: req.db), org.kind == .propertyManager else {
                throw ShequError.invalid(.errorInvalidValue, "propertyManagerID", code: "invalid")
            }
        }
        return try await req.writeRecorded("compound.create", entity: "compound", scope: community) { db in
            let c = Compound()
            c.divisionCode = community
            c.name = name
            c.ownersCommitteeID = input.ownersCommitteeID
            c.propertyManagerID = input.propertyManagerID
            try await c.create(on: db)
            try await PublicRecord.append(.init(community: community, matterID: nil, kind: "compound.created", body: who.body, summary: name), on: db)
            return c
        }
    }

    static func load(_ req: Request) async throws -> Compound {
        guard let id = req.parameters.get("id", as: UUID.self), let c = try await Compound.find(id, on: req.db) else { throw ShequError.notFound }
        return c
    }

    static func show(_ req: Request) async throws -> CompoundDetail {
        let c = try await load(req)
        let meetings = try await ThreePartyMeeting.query(on: req.db).filter(\.$compoundID == c.id!).sort(\.$heldOn, .descending).all()
        return CompoundDetail(compound: c,
                              guidance: try await GuidanceRecord.query(on: req.db).filter(\.$compoundID == c.id!).sort(\.$createdAt).all(),
                              meetings: meetings,
                              followUps: try await MeetingFollowUp.query(on: req.db).filter(\.$meetingID ~~ meetings.compactMap(\.id)).all())
    }

    static func guide(_ req: Request) async throws -> Response {
        let c = try await load(req)
        let input = try req.validatedContent(GuidanceInput.self)
        let who = try await req.actingFor(.residentsCommittee, .bodyWrite, at: c.divisionCode, entity: "compound", entityID: c.id?.uuidString)
        try Compounds.requireOwnersCommittee(c)
        let text = try Matters.clean(input.text, field: "text")
        let record = try await req.writeRecorded("compound.guide", entity: "compound", scope: c.divisionCode) { db in
            let g = GuidanceRecord()
            g.compoundID = c.id!
            g.kind = input.kind
            g.text = text
            g.recordedBy = who.body
            try await g.create(on: db)
            try await PublicRecord.append(.init(community: c.divisionCode, matterID: nil, kind: "compound." + input.kind.rawValue,
                                                body: who.body, summary: "\(c.name)：\(text)"), on: db)
            return g
        }
        return try await record.encodeResponse(status: .created, for: req)
    }

    /// A three-party meeting needs all three parties, and a compound that has an owners' committee and a property manager.
    static func meet(_ req: Request) async throws -> Response {
        let c = try await load(req)
        let input = try req.validatedContent(MeetingInput.self)
        return try await recordMeeting(input, at: c, req: req).encodeResponse(status: .created, for: req)
    }

    /// The command both doors run: the API's JSON and the page's form with its follow-up rows.
    static func recordMeeting(_ input: MeetingInput, at c: Compound, req: Request) async throws -> ThreePartyMeeting {
        let who = try await req.actingFor(.residentsCommittee, .bodyWrite, at: c.divisionCode, entity: "compound", entityID: c.id?.uuidString)
        let attendees = try Compounds.threePartyAttendance(c, attendees: input.attendees)
        let heldOn = try GovernanceAPIController.date(input.heldOn, field: "heldOn")
        let topic = try Matters.clean(input.topic, field: "topic", max: 200)
        let minutes = try Matters.clean(input.minutes, field: "minutes")
        let followUps = try (input.followUps ?? []).map { f in
            (f.party, try Matters.clean(f.text, field: "followUps.text", max: 1000), try GovernanceAPIController.date(f.dueOn, field: "followUps.dueOn"))
        }
        return try await req.writeRecorded("compound.meeting", entity: "compound", scope: c.divisionCode) { db in
            let m = ThreePartyMeeting()
            m.id = UUID()
            m.compoundID = c.id!
            m.heldOn = heldOn.description
            m.topic = topic
            m.minutes = minutes
            m.attendees = attendees
            try await m.create(on: db)
            for (party, text, due) in followUps {
                let f = MeetingFollowUp()
                f.meetingID = m.id!
                f.party = party
                f.text = text
                f.dueOn = due.description
                try await f.create(on: db)
            }
            try await PublicRecord.append(.init(community: c.divisionCode, matterID: nil, kind: "compound.threePartyMeeting", body: who.body,
                                                summary: "\(c.name) \(heldOn)：\(topic)；跟进事项 \(followUps.count) 项"), on: db)
            return m
        }
    }

    static func completeFollowUp(_ req: Request) async throws -> MeetingFollowUp {
        guard let id = req.parameters.get("id", as: UUID.self), let f = try await MeetingFollowUp.find(id, on: req.db),
              let m = try await ThreePartyMeeting.find(f.meetingID, on: req.db), let c = try await Compound.find(m.compoundID, on: req.db) else {
            throw ShequError.notFound
        }
        let input = try req.validatedContent(OutcomeInput.self)
        let who = try await req.actingFor(.residentsCommittee, .bodyWrite, at: c.divisionCode, entity: "compound", entityID: id.uuidString)
        guard f.doneOn == nil else { throw ShequError(.conflict, .errorAlreadyAnswered, code: "already_done") }
        let outcome = try Matters.clean(input.outcome, field: "outcome", max: 1000)
        try await req.writeRecorded("compound.followUpDone", entity: "compound", scope: c.divisionCode) { db in
            f.doneOn = LocalDate(instant: Date()).description
            f.outcome = outcome
            try await f.save(on: db)
            try await PublicRecord.append(.init(community: c.divisionCode, matterID: nil, kind: "compound.followUpDone", body: who.body,
                                                summary: "\(c.name)：\(f.text) — \(outcome)"), on: db)
        }
        return f
    }
}

extension Phrase {
    static let errorNoOwnersCommittee = Phrase(zh: "该小区尚未登记业主委员会或物业服务企业。", en: "This compound has no owners' committee or property manager on record.")
    static let errorThreeParties = Phrase(zh: "三方联席会议须居委会、业主委员会和物业服务企业三方都有人参加，缺少：", en: "A three-party meeting needs the residents' committee, the owners' committee and the property manager. Missing: ")
}
