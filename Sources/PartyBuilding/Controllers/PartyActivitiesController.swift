import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// Activities, attendance and certificates: the organisation's officers offer and record, the member signs up.
enum PartyActivitiesController {
    static let entity = "party_activity"

    struct ActivityView: Content, Sendable {
        var id: UUID
        var organizationID: UUID
        var title: String
        var heldOn: String
        var place: String
    }

    static func view(_ a: PartyActivity) throws -> ActivityView {
        ActivityView(id: try a.requireID(), organizationID: a.organizationID, title: a.title, heldOn: a.heldOn, place: a.place)
    }

    /// What an organisation offers is public (a title, a day, a place): who comes is not.
    static func list(_ req: Request) async throws -> ListPage<ActivityView> {
        let org = try await req.partyOrganization()
        return try await PartyActivity.query(on: req.db).filter(\.$organizationID == org.requireID())
            .sort(\.$heldOn, .descending).sort(\.$id).paged(ListPageRequest(req)) { try view($0) }
    }

    static func officersOf(_ orgID: UUID, _ req: Request) async throws -> Resource {
        Resource(partyOrganizationPath: try await PartyOrganizations.path(of: orgID, on: req.db))
    }

    static func offer(_ req: Request) async throws -> Response {
        let org = try await req.partyOrganization()
        let input = try req.validatedContent(PartyInputs.Activity.self)
        try await req.authorize(.partyMemberManage, on: try await officersOf(org.requireID(), req), entity: entity, entityID: org.id?.uuidString)
        guard let heldOn = LocalDate(input.heldOn) else { throw ShequError.invalid(.errorInvalidValue, "heldOn") }
        let today = req.partyToday
        let title = try PlainText.clean(input.title, field: "title", max: 100, refusing: PlainText.invisible)
        let place = try PlainText.clean(input.place, field: "place", max: 100, refusing: PlainText.invisible)
        let a = try await req.writeAudited(Action.partyMemberManage.name + ".offer", entity: entity) { db in
            let a = try await PartyActivities.offer(title: title, heldOn: heldOn, place: place, by: org, today: today, on: db)
            return Audited(a, id: a.id, scope: org.divisionCode, detail: "\(org.name): \(heldOn) \(title)")
        }
        return try await view(a).encodeResponse(status: .created, for: req)
    }

    static func load(_ req: Request) async throws -> (PartyActivity, PartyOrganization) {
        guard let id = req.parameters.get("id", as: UUID.self), let a = try await PartyActivity.find(id, on: req.db),
              let org = try await PartyOrganization.find(a.organizationID, on: req.db) else { throw ShequError.notFound }
        return (a, org)
    }

    struct ParticipantRow: Content, Sendable {
        var membershipID: UUID
        var name: String
        var signedUp: Bool
        var attended: Bool?
    }

    /// Who signed up and who came: the organisation's officers and those above, audited as any member list.
    static func participants(_ req: Request) async throws -> [ParticipantRow] {
        let (a, org) = try await load(req)
        return try await participants(a, org, req)
    }

    static func participants(_ a: PartyActivity, _ org: PartyOrganization, _ req: Request) async throws -> [ParticipantRow] {
        let aid = try a.requireID()
        try await req.authorize(.partyMemberRead, on: try await officersOf(org.requireID(), req), entity: entity, entityID: aid.uuidString, hide: true)
        let ps = try await PartyParticipation.query(on: req.db).filter(\.$activityID == aid).all()
        let ms = try await PartyMembership.query(on: req.db).filter(\.$id ~~ ps.map(\.membershipID)).all()
        let names = Dictionary(try await PartyMemberships.rows(ms, req.partyVault, on: req.db).map { ($0.membershipID, $0.name) }, uniquingKeysWith: { a, _ in a })
        try await req.auditPartyRead("party.participantList", entity: entity, id: aid, scope: org.divisionCode, detail: "\(a.title): \(ps.count)")
        return ps.map { ParticipantRow(membershipID: $0.membershipID, name: names[$0.membershipID] ?? "—", signedUp: $0.signedUp, attended: $0.attended) }
            .sorted { $0.name < $1.name }
    }

    static func participantsCSV(_ req: Request) async throws -> Response {
        let rows = try await participants(req)
        return .csv(filename: "party-activity-participants.csv", header: ["membership_id", "name", "signed_up", "attended"],
                    rows: rows.map { [$0.membershipID.uuidString, $0.name, String($0.signedUp), $0.attended.map { String($0) } ?? ""] })
    }

    /// The member signs up for an activity of one of their two organisations; anyone else is refused and logged.
    static func signUp(_ req: Request) async throws -> Response {
        let (a, org) = try await load(req)
        let (_, m) = try await req.ownPartyMembership(.partyMemberSelf, entity: entity)
        guard PartyActivities.concerns(a, m) else {
            try await req.refusePartySelf(.partyMemberSelf, ShequError(.forbidden, .pbErrorNotRegisteredHere, code: "not_registered_here"),
                                          entity: entity, id: a.id, scope: org.divisionCode)
        }
        guard a.heldOn >= req.partyToday.description else { throw ShequError(.conflict, .pbErrorAlreadyHeld, code: "already_held") }
        _ = try await req.writeAudited(Action.partyMemberSelf.name + ".signUp", entity: entity, actorLabel: partyMemberLabel) { db in
            let p = try await PartyActivities.signUp(m, to: a, on: db)
            return Audited(p.id, id: a.id, scope: org.divisionCode, detail: a.title)
        }
        return try await view(a).encodeResponse(status: .created, for: req)
    }

    static func attendance(_ req: Request) async throws -> [ParticipantRow] {
        let (a, org) = try await load(req)
        let input = try req.validatedContent(PartyInputs.Attendance.self)
        try await req.authorize(.partyMemberManage, on: try await officersOf(org.requireID(), req), entity: entity, entityID: a.id?.uuidString)
        guard let m = try await PartyMembership.find(input.membershipID, on: req.db) else {
            throw ShequError.invalid(.errorInvalidValue, "membershipID", code: "invalid")
        }
        // An officer's own attendance counts towards their own certificate: another officer records it (review F6).
        if try PartyMemberships.resident(of: m, req.partyVault) == req.requireActor().residentID {
            try await req.refuseParty(.partyMemberManage, ShequError(.forbidden, .pbErrorOwnRecord, code: "own_record"),
                                      entity: entity, id: a.id, scope: org.divisionCode)
        }
        let today = req.partyToday
        try await req.writeAudited(Action.partyMemberManage.name + ".attendance", entity: entity) { db in
            _ = try await PartyActivities.record(m, at: a, attended: input.attended, today: today, on: db)
            return Audited((), id: a.id, scope: org.divisionCode, detail: "\(a.title): \(input.membershipID) \(input.attended)")
        }
        return try await participants(a, org, req)
    }

    // MARK: - Certificates

    struct CertificateView: Content, Sendable {
        var id: UUID
        var year: Int
        var organization: String
        var member: String
        var requestedOn: String
        var issuedOn: String?
        var issuedBy: String?
        var attended: Int?
        var activities: [PartyActivities.ParticipationRow]
    }

    static func loadCertificate(_ req: Request) async throws -> (PartyCertificate, PartyOrganization, PartyMembership) {
        guard let id = req.parameters.get("id", as: UUID.self), let c = try await PartyCertificate.find(id, on: req.db),
              let org = try await PartyOrganization.find(c.organizationID, on: req.db),
              let m = try await PartyMembership.find(c.membershipID, on: req.db) else { throw ShequError.notFound }
        return (c, org, m)
    }

    /// The printable certificate: the member, the officers of the community organisation and of the workplace's, and those above.
    static func certificate(_ req: Request) async throws -> CertificateView {
        let (c, org, m) = try await loadCertificate(req)
        let resident = try PartyMemberships.resident(of: m, req.partyVault)
        try await req.authorize(.partyMemberRead, on: Resource(residentID: resident, partyOrganizationPath: try await PartyMemberships.path(of: m, on: req.db)),
                                entity: "party_certificate", entityID: c.id?.uuidString, hide: true)
        if req.context.actor?.residentID != resident {
            try await req.auditPartyRead("party.certificateRead", entity: "party_certificate", id: c.id, scope: org.divisionCode, detail: "\(c.year)")
        }
        let name = try await PartyMemberships.rows([m], req.partyVault, on: req.db).first?.name ?? "—"
        let activities = try await PartyActivities.record(of: c.membershipID, year: c.year, on: req.db)
            .filter { $0.organizationID == c.organizationID && $0.attended == true }
        return CertificateView(id: try c.requireID(), year: c.year, organization: org.name, member: name, requestedOn: c.requestedOn,
                               issuedOn: c.issuedOn, issuedBy: c.issuedBy, attended: c.attended, activities: activities)
    }

    static func issue(_ req: Request) async throws -> CertificateView {
        let (c, org, m) = try await loadCertificate(req)
        let actor = try await req.authorize(.partyMemberManage, on: try await officersOf(org.requireID(), req), entity: "party_certificate",
                                            entityID: c.id?.uuidString)
        if try PartyMemberships.resident(of: m, req.partyVault) == actor.residentID {
            try await req.refuseParty(.partyMemberManage, ShequError(.forbidden, .pbErrorOwnRecord, code: "own_record"),
                                      entity: "party_certificate", id: c.id, scope: org.divisionCode)
        }
        let today = req.partyToday
        try await req.writeAudited(Action.partyMemberManage.name + ".issueCertificate", entity: "party_certificate") { db in
            let c = try await PartyActivities.issue(c, by: actor.username, today: today, on: db)
            return Audited((), id: c.id, scope: org.divisionCode, detail: "\(org.name) \(c.year): \(c.attended ?? 0)")
        }
        return try await certificate(req)
    }

    struct CertificateRequestRow: Content, Sendable {
        var id: UUID
        var member: String
        var year: Int
        var requestedOn: String
        var issuedOn: String?
    }

    /// The organisation's certificate requests, waiting first: a member list, so its officers' and audited.
    static func requests(_ req: Request) async throws -> [CertificateRequestRow] {
        let org = try await req.partyOrganization()
        let id = try org.requireID()
        try await req.authorize(.partyMemberRead, on: try await officersOf(id, req), entity: "party_certificate", entityID: id.uuidString, hide: true)
        let cs = try await PartyCertificate.query(on: req.db).filter(\.$organizationID == id).sort(\.$requestedOn).all()
        let ms = try await PartyMembership.query(on: req.db).filter(\.$id ~~ cs.map(\.membershipID)).all()
        let names = Dictionary(try await PartyMemberships.rows(ms, req.partyVault, on: req.db).map { ($0.membershipID, $0.name) }, uniquingKeysWith: { a, _ in a })
        try await req.auditPartyRead("party.certificateList", entity: "party_certificate", id: id, scope: org.divisionCode, detail: "\(org.name): \(cs.count)")
        return cs.compactMap { c in c.id.map { CertificateRequestRow(id: $0, member: names[c.membershipID] ?? "—", year: c.year, requestedOn: c.requestedOn, issuedOn: c.issuedOn) } }
            .sorted { ($0.issuedOn == nil ? 0 : 1, $0.requestedOn) < ($1.issuedOn == nil ? 0 : 1, $1.requestedOn) }
    }
}
