import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import Vapor

/// Organisations and their officers: thin doors (parse, authorise, call the rules, write with the audit entry).
enum PartyOrganizationsController {
    static let entity = "party_organization"

    struct OrganizationView: Content, Sendable {
        var id: UUID
        var kind: PartyOrganizationKind
        var name: String
        var parentID: UUID?
        var divisionCode: String
        var hostKind: PartyHostKind
        var hostID: UUID?
        var officers: [PartyOrganizations.OfficerView]
    }

    static func view(_ o: PartyOrganization, officers: [UUID: [PartyOrganizations.OfficerView]]) throws -> OrganizationView {
        let id = try o.requireID()
        return OrganizationView(id: id, kind: o.kind, name: o.name, parentID: o.parentID, divisionCode: o.divisionCode,
                                hostKind: o.hostKind, hostID: o.hostID, officers: officers[id] ?? [])
    }

    static func division(_ req: Request) throws -> String? {
        try req.divisionCodeQuery("division")?.rawValue
    }

    /// Public: that an organisation exists, where, and who its officers are (their offices are public; members are not).
    static func list(_ req: Request) async throws -> ListPage<OrganizationView> {
        let q = PartyOrganization.query(on: req.db).sort(\.$divisionCode).sort(\.$name).sort(\.$id)
        if let code = try division(req) { _ = q.inScopes([code], \.$divisionCode) }
        return try await q.paged(ListPageRequest(req)) { rows in
            let officers = try await PartyOrganizations.officers(of: rows.compactMap(\.id), on: req.db)
            return try rows.map { try view($0, officers: officers) }
        }
    }

    static func show(_ req: Request) async throws -> OrganizationView {
        let org = try await req.partyOrganization()
        return try view(org, officers: try await PartyOrganizations.officers(of: [org.requireID()], on: req.db))
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(PartyInputs.Organization.self)
        let draft = PartyOrganizations.Draft(kind: input.kind, name: input.name, parentID: try PartyInputs.optionalID(input.parentID, field: "parentID"),
                                             divisionCode: input.divisionCode, hostKind: input.hostKind,
                                             hostID: try PartyInputs.optionalID(input.hostID, field: "hostID"))
        var parentPath: [UUID] = []
        if let parentID = draft.parentID { parentPath = try await PartyOrganizations.path(of: parentID, on: req.db) }
        try await req.authorize(.partyOrganizationManage, on: Resource(divisionCode: draft.divisionCode, partyOrganizationPath: parentPath), entity: entity)
        let checked = try await PartyOrganizations.check(draft, on: req.db)
        let org = try await req.writeAudited(Action.partyOrganizationManage.name + ".create", entity: entity) { db in
            let org = try await PartyOrganizations.create(checked, on: db)
            return Audited(org, id: org.id, scope: org.divisionCode, detail: "\(org.kind.rawValue) \(org.name)")
        }
        return try await view(org, officers: [:]).encodeResponse(status: .created, for: req)
    }

    /// Who may appoint to an organisation: the street's officials over its place, and the officers above it (not its own).
    static func manageResource(_ org: PartyOrganization, on db: any Database) async throws -> Resource {
        let path = try await PartyOrganizations.path(of: org.requireID(), on: db)
        return Resource(divisionCode: org.divisionCode, partyOrganizationPath: Array(path.dropFirst()))
    }

    static func appoint(_ req: Request) async throws -> Response {
        let org = try await req.partyOrganization()
        let input = try req.validatedContent(PartyInputs.Officer.self)
        try await req.authorize(.partyOrganizationManage, on: try await manageResource(org, on: req.db), entity: "party_officer", entityID: org.id?.uuidString)
        // Nobody makes themself an officer: the office would then be its own authority over the member list.
        if input.username.trimmingCharacters(in: .whitespaces).lowercased() == (try req.requireActor()).username.lowercased() {
            try await req.refuseParty(.partyOrganizationManage, ShequError(.forbidden, .pbErrorOwnAppointment, code: "own_appointment"),
                                          entity: "party_officer", id: org.id, scope: org.divisionCode)
        }
        let today = req.partyToday
        let by = try req.requireActor().username
        // An offer, 202: the appointee accepts it on their own page, where whether they are a member is checked and
        // told to them alone (PartyOfficerOffer).
        let offer = try await req.writeAudited(Action.partyOrganizationManage.name + ".offer", entity: "party_officer") { db in
            let offer = try await PartyOfficerOffers.offer(username: input.username, as: input.position, to: org, by: by, today: today, on: db)
            return Audited(offer, id: org.id, scope: org.divisionCode, detail: "\(org.name): \(input.username.lowercased()) \(input.position.rawValue) offered")
        }
        guard let view = try await PartyOfficerOffers.views([offer], on: req.db).first else { throw ShequError.notFound }
        return try await view.encodeResponse(status: .accepted, for: req)
    }

    static func remove(_ req: Request) async throws -> OrganizationView {
        let org = try await req.partyOrganization()
        guard let accountID = req.parameters.get("accountID", as: UUID.self) else { throw ShequError.notFound }
        try await req.authorize(.partyOrganizationManage, on: try await manageResource(org, on: req.db), entity: "party_officer", entityID: org.id?.uuidString)
        try await req.writeAudited(Action.partyOrganizationManage.name + ".remove", entity: "party_officer") { db in
            let username = try await PartyOrganizations.remove(accountID, from: org.requireID(), on: db)
            return Audited((), id: org.id, scope: org.divisionCode, detail: "\(org.name): − \(username)")
        }
        return try view(org, officers: try await PartyOrganizations.officers(of: [org.requireID()], on: req.db))
    }
}
