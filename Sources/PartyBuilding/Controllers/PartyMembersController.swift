import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import Vapor

/// P1's doors: members' lists and records (officers of the organisation concerned or above, the member their own),
/// each reading audited; the workplace's entry of a member; the member's own registration and requests.
enum PartyMembersController {
    static let entity = "party_membership"

    /// An organisation's members, a page at a time; refused (404, logged) to anyone but its officers and those above.
    static func list(_ req: Request) async throws -> ListPage<PartyMemberships.MemberRow> {
        let org = try await req.partyOrganization()
        let page = try ListPageRequest(req)
        return try await list(org, page, req)
    }

    static func list(_ org: PartyOrganization, _ page: ListPageRequest, _ req: Request) async throws -> ListPage<PartyMemberships.MemberRow> {
        let id = try org.requireID()
        try await req.authorize(.partyMemberRead, on: Resource(partyOrganizationPath: try await PartyOrganizations.path(of: id, on: req.db)),
                                entity: entity, entityID: id.uuidString, hide: true)
        let vault = req.partyVault
        let result = try await PartyMemberships.of(id, on: req.db).paged(page) { rows in try await PartyMemberships.rows(rows, vault, on: req.db) }
        try await req.auditPartyRead("party.memberList", entity: entity, id: id, scope: org.divisionCode,
                                     detail: "\(org.name): page \(page.page), \(result.items.count) of \(result.total)")
        return result
    }

    /// The whole list for a spreadsheet: the same reach, one audited reading.
    static func csv(_ req: Request) async throws -> Response {
        let org = try await req.partyOrganization()
        let id = try org.requireID()
        try await req.authorize(.partyMemberRead, on: Resource(partyOrganizationPath: try await PartyOrganizations.path(of: id, on: req.db)),
                                entity: entity, entityID: id.uuidString, hide: true)
        let rows = try await PartyMemberships.rows(try await PartyMemberships.of(id, on: req.db).all(), req.partyVault, on: req.db)
        try await req.auditPartyRead("party.memberList", entity: entity, id: id, scope: org.divisionCode, detail: "\(org.name): CSV, \(rows.count)")
        return .csv(filename: "party-members.csv", header: ["membership_id", "name", "standing", "workplace_organization", "community_organization", "registered_on"],
                    rows: rows.map { [$0.membershipID.uuidString, $0.name, $0.standing.rawValue, $0.workplaceOrganization,
                                      $0.communityOrganization ?? "", $0.registeredOn ?? ""] })
    }

    /// The workplace organisation enters a member by their ID number. Every well-formed number is answered alike,
    /// 202 with an entry waiting for the person's confirmation: whether anyone holds it, who, and whether they are a
    /// member already stay unsaid (review F2, F7). Nothing about the person is looked up here.
    static func enter(_ req: Request) async throws -> Response {
        let org = try await req.partyOrganization()
        let input = try req.validatedContent(PartyInputs.Member.self)
        let id = try org.requireID()
        try await req.authorize(.partyMemberManage, on: Resource(partyOrganizationPath: try await PartyOrganizations.path(of: id, on: req.db)),
                                entity: entity, entityID: id.uuidString)
        let vault = req.partyVault, today = req.partyToday
        let e = try await req.writeAudited(Action.partyMemberManage.name + ".enter", entity: "party_member_entry") { db in
            let e = try await PartyMemberEntries.propose(idNumber: input.idNumber, standing: input.standing, by: org, today: today, vault, on: db)
            return Audited(e, id: e.id, scope: org.divisionCode, detail: "\(org.name): \(input.standing.rawValue), awaiting confirmation")
        }
        return try await PartyMemberEntries.Row(e).encodeResponse(status: .accepted, for: req)
    }

    /// The organisation's entries and what became of them: its officers and those above.
    static func entries(_ req: Request) async throws -> ListPage<PartyMemberEntries.Row> {
        let org = try await req.partyOrganization()
        return try await entries(org, try ListPageRequest(req), req)
    }

    static func entries(_ org: PartyOrganization, _ page: ListPageRequest, _ req: Request) async throws -> ListPage<PartyMemberEntries.Row> {
        let id = try org.requireID()
        try await req.authorize(.partyMemberRead, on: Resource(partyOrganizationPath: try await PartyOrganizations.path(of: id, on: req.db)),
                                entity: "party_member_entry", entityID: id.uuidString, hide: true)
        let result = try await PartyMemberEntries.of(id, on: req.db).paged(page) { try PartyMemberEntries.Row($0) }
        // A confirmed entry is a member: read like the member list, and logged like it.
        try await req.auditPartyRead("party.entryList", entity: "party_member_entry", id: id, scope: org.divisionCode,
                                     detail: "\(org.name): page \(page.page), \(result.items.count) of \(result.total)")
        return result
    }

    /// What waits for the signed-in resident: the organisations that entered them, for them to confirm or decline.
    struct WaitingEntry: Content, Sendable {
        var id: UUID
        var organizationID: UUID
        var organization: String
        var standing: PartyStanding
        var enteredOn: String
    }

    static func waiting(_ req: Request) async throws -> [WaitingEntry] {
        let actor = try req.requireActor()
        guard actor.roles.contains(.resident), let rid = actor.residentID, let resident = try await Resident.find(rid, on: req.db) else { return [] }
        let es = try await PartyMemberEntries.waiting(for: resident, req.partyVault, on: req.db)
        let orgs = try await PartyOrganization.query(on: req.db).filter(\.$id ~~ es.map(\.organizationID)).all()
        let names = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        return es.compactMap { e in e.id.map { WaitingEntry(id: $0, organizationID: e.organizationID, organization: names[e.organizationID] ?? "—",
                                                             standing: e.standing, enteredOn: e.enteredOn) } }
    }

    /// The resident's own waiting entry; 409 if they answered it already; a 404 logged under the account if it is
    /// someone else's or none.
    static func ownEntry(_ req: Request) async throws -> (PartyMemberEntry, Resident) {
        let actor = try req.requireActor()
        guard let id = req.parameters.get("id", as: UUID.self), actor.roles.contains(.resident), let rid = actor.residentID,
              let resident = try await Resident.find(rid, on: req.db),
              let e = try await PartyMemberEntries.ownEntry(id, for: resident, req.partyVault, on: req.db) else {
            // Logged under the account: "no such entry waiting for you" says nothing about anyone's membership, and
            // whoever probes others' entries should be traceable.
            try await req.refuseParty(.partyMemberSelf, ShequError.notFound, entity: "party_member_entry", id: nil, scope: nil)
        }
        // Their own entry answered already (a reload, a second tab): a conflict, not a probe, and not logged under them.
        guard e.state == .pending else { throw ShequError(.conflict, .pbErrorEntryDecided, code: "entry_decided") }
        return (e, resident)
    }

    static func confirm(_ req: Request) async throws -> Response {
        let (e, resident) = try await ownEntry(req)
        let vault = req.partyVault, today = req.partyToday
        let scope = try await PartyOrganization.find(e.organizationID, on: req.db)?.divisionCode
        let m = try await req.writeAudited(Action.partyMemberSelf.name + ".confirm", entity: "party_member_entry", actorLabel: partyMemberLabel) { db in
            let m = try await PartyMemberEntries.confirm(e, resident: resident, today: today, vault, on: db)
            return Audited(m, id: e.id, scope: scope, detail: "confirmed")
        }
        return try await full(m, req).encodeResponse(status: .created, for: req)
    }

    static func decline(_ req: Request) async throws -> HTTPStatus {
        let (e, _) = try await ownEntry(req)
        let today = req.partyToday
        let scope = try await PartyOrganization.find(e.organizationID, on: req.db)?.divisionCode
        try await req.writeAudited(Action.partyMemberSelf.name + ".decline", entity: "party_member_entry", actorLabel: partyMemberLabel) { db in
            try await PartyMemberEntries.decline(e, today: today, on: db)
            return Audited((), id: e.id, scope: scope, detail: "declined")
        }
        return .noContent
    }

    struct MembershipView: Content, Sendable {
        var membership: PartyMemberships.MemberRow?
        var workplaceOrganizationID: UUID
        var communityOrganizationID: UUID?
        var compoundID: UUID?
        var participation: [PartyActivities.ParticipationRow]
        var certificates: [CertificateRow]

        init(_ m: PartyMembership, rows: [PartyMemberships.MemberRow], record: [PartyActivities.ParticipationRow], certificates: [CertificateRow] = []) {
            membership = rows.first
            workplaceOrganizationID = m.workplaceOrganizationID
            communityOrganizationID = m.communityOrganizationID
            compoundID = m.compoundID
            participation = record
            self.certificates = certificates
        }
    }

    struct CertificateRow: Content, Sendable {
        var id: UUID
        var year: Int
        var requestedOn: String
        var issuedOn: String?
        var attended: Int?
    }

    static func certificates(of mid: UUID, on db: any Database) async throws -> [CertificateRow] {
        try await PartyCertificate.query(on: db).filter(\.$membershipID == mid).sort(\.$year, .descending).all().compactMap { c in
            c.id.map { CertificateRow(id: $0, year: c.year, requestedOn: c.requestedOn, issuedOn: c.issuedOn, attended: c.attended) }
        }
    }

    static func full(_ m: PartyMembership, _ req: Request) async throws -> MembershipView {
        let mid = try m.requireID()
        return MembershipView(m, rows: try await PartyMemberships.rows([m], req.partyVault, on: req.db),
                              record: try await PartyActivities.record(of: mid, on: req.db), certificates: try await certificates(of: mid, on: req.db))
    }

    /// One member's record and participation: the member, and the officers of both their organisations and above.
    static func show(_ req: Request) async throws -> MembershipView {
        guard let id = req.parameters.get("id", as: UUID.self), let m = try await PartyMembership.find(id, on: req.db) else { throw ShequError.notFound }
        let resident = try PartyMemberships.resident(of: m, req.partyVault)
        let path = try await PartyMemberships.path(of: m, on: req.db)
        try await req.authorize(.partyMemberRead, on: Resource(residentID: resident, partyOrganizationPath: path), entity: entity,
                                entityID: id.uuidString, hide: true)
        // The member reading their own record is no disclosure; logged under their account it would tell every
        // reader of the log that they are a member (review of F12).
        if req.context.actor?.residentID != resident {
            let scope = try await PartyOrganization.find(m.workplaceOrganizationID, on: req.db)?.divisionCode ?? ""
            try await req.auditPartyRead("party.memberRecord", entity: entity, id: id, scope: scope, detail: "record")
        }
        return try await full(m, req)
    }

    /// The signed-in member's own record (404 for anyone who is none: there is nothing of theirs to show).
    static func mine(_ req: Request) async throws -> MembershipView {
        let actor = try req.requireActor()
        guard actor.roles.contains(.resident), let m = try await PartyMemberships.own(actor.residentID, req.partyVault, on: req.db) else {
            throw ShequError.notFound
        }
        return try await full(m, req)
    }

    static func register(_ req: Request) async throws -> MembershipView {
        let input = try req.validatedContent(PartyInputs.Registration.self)
        let compoundID = try PartyInputs.optionalID(input.compoundID, field: "compoundID")
        let (actor, m) = try await req.ownPartyMembership(.partyMemberSelf, entity: entity)
        guard let org = try await PartyOrganization.find(input.organizationID, on: req.db) else {
            throw ShequError.invalid(.errorInvalidValue, "organizationID", code: "invalid")
        }
        guard let residentID = actor.residentID, let resident = try await Resident.find(residentID, on: req.db) else { throw ShequError.notFound }
        let today = req.partyToday
        try await req.writeAudited(Action.partyMemberSelf.name + ".register", entity: entity, actorLabel: partyMemberLabel) { db in
            try await PartyMemberships.register(m, with: org, compoundID: compoundID, residence: resident.divisionCode, today: today, on: db)
            return Audited((), id: m.id, scope: org.divisionCode, detail: "\(org.name): 到社区报到")
        }
        return try await full(m, req)
    }

    static func requestCertificate(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(PartyInputs.CertificateRequest.self)
        let (_, m) = try await req.ownPartyMembership(.partyMemberSelf, entity: "party_certificate")
        let today = req.partyToday
        var place: String?
        if let org = m.communityOrganizationID { place = try await PartyOrganization.find(org, on: req.db)?.divisionCode }
        let scope = place
        let c = try await req.writeAudited(Action.partyMemberSelf.name + ".requestCertificate", entity: "party_certificate", actorLabel: partyMemberLabel) { db in
            let c = try await PartyActivities.request(year: input.year, for: m, today: today, on: db)
            return Audited(c, id: c.id, scope: scope, detail: "\(input.year)")
        }
        return try await CertificateRow(id: c.requireID(), year: c.year, requestedOn: c.requestedOn, issuedOn: nil, attended: nil)
            .encodeResponse(status: .created, for: req)
    }
}
