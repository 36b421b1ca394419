import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// O5's officer doors. Thin: decode against the declared input, authorise over every community named, run
/// `PoliceOfficers` with its audit entry in one transaction. The pages' forms post to these same handlers.
enum PoliceOfficersAPIController {
    static let entity = "police_officer"

    struct OfficerInput: Content, ValidatedInput {
        var username: String
        var name: String
        var policeNumber: String
        var workPhone: String
        var dutyHours: String
        var communities: [String]
        static var inputSchema: InputSchema { PolicingInputs.officer }
        var draft: PoliceOfficers.Draft { .init(name: name, policeNumber: policeNumber, workPhone: workPhone, dutyHours: dutyHours, communities: communities) }
    }

    struct OfficerUpdateInput: Content, ValidatedInput {
        var name: String
        var policeNumber: String
        var workPhone: String
        var dutyHours: String
        var communities: [String]
        static var inputSchema: InputSchema { PolicingInputs.officerUpdate }
        var draft: PoliceOfficers.Draft { .init(name: name, policeNumber: policeNumber, workPhone: workPhone, dutyHours: dutyHours, communities: communities) }
    }

    struct Place: Content {
        var code: String
        var name: String
    }

    /// What anyone may read: the work phone is the only contact, and no account name.
    struct OfficerView: Content {
        var id: UUID
        var name: String
        var policeNumber: String
        var workPhone: String
        var dutyHours: String
        var communities: [Place]
    }

    static let communityQuery = QueryParameter.string("community", max: 12)

    // MARK: - Commands

    static func record(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(OfficerInput.self)
        let actor = try await authorizeOver(input.communities, entityID: nil, req)
        guard let account = try await Account.query(on: req.db).filter(\.$username == input.username.lowercased()).first() else {
            throw ShequError.invalid(.policingUnknownAccount, input.username, code: "unknown_account")
        }
        let draft = input.draft
        let officer = try await req.writeAudited("policing.officerRecord", entity: entity) { db in
            let officer = try await PoliceOfficers.record(draft, account: account, by: actor.username, on: db)
            return Audited(officer, id: officer.id, scope: draft.communities.sorted().first,
                           detail: "\(officer.name) \(officer.policeNumber) → \(draft.communities.sorted().joined(separator: ","))")
        }
        return try await view(officer, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func update(_ req: Request) async throws -> OfficerView {
        let officer = try await load(req)
        let input = try req.validatedContent(OfficerUpdateInput.self)
        let officerID = try officer.requireID()
        let before = try await PoliceOfficers.communities(of: [officerID], on: req.db)[officerID] ?? []
        // Taking a community away is as much the recorder's business as adding one.
        let actor = try await authorizeOver(before + input.communities, entityID: officerID.uuidString, req)
        let draft = input.draft
        try await req.writeAudited("policing.officerUpdate", entity: entity) { db in
            try await PoliceOfficers.update(officer, draft, by: actor.username, on: db)
            return Audited(true, id: officerID, scope: draft.communities.sorted().first,
                           detail: "\(officer.name) \(officer.policeNumber) → \(draft.communities.sorted().joined(separator: ","))")
        }
        return try await view(officer, on: req.db)
    }

    // MARK: - Reads (public)

    static func list(_ req: Request) async throws -> ListPage<OfficerView> {
        let q: QueryBuilder<PoliceOfficer>
        if let code = try req.divisionCodeQuery("community") {
            let ids = try await PoliceOfficerCommunity.query(on: req.db).filter(\.$divisionCode == code.rawValue).all().map(\.officerID)
            q = PoliceOfficer.query(on: req.db).filter(\.$id ~~ ids)
        } else {
            q = PoliceOfficer.query(on: req.db)
        }
        return try await q.sort(\.$name).sort(\.$id).paged(try ListPageRequest(req)) { rows in try await views(rows, on: req.db) }
    }

    static func show(_ req: Request) async throws -> OfficerView {
        try await view(try await load(req), on: req.db)
    }

    static func load(_ req: Request) async throws -> PoliceOfficer {
        guard let id = req.parameters.get("id", as: UUID.self), let officer = try await PoliceOfficer.find(id, on: req.db) else { throw ShequError.notFound }
        return officer
    }

    static func view(_ officer: PoliceOfficer, on db: any Database) async throws -> OfficerView {
        try await views([officer], on: db)[0]
    }

    static func views(_ rows: [PoliceOfficer], on db: any Database) async throws -> [OfficerView] {
        let communities = try await PoliceOfficers.communities(of: rows.compactMap(\.id), on: db)
        let names = try await PolicingNames.divisions(communities.values.flatMap { $0 }, on: db)
        return try rows.map { o in
            let id = try o.requireID()
            return OfficerView(id: id, name: o.name, policeNumber: o.policeNumber, workPhone: o.workPhone, dutyHours: o.dutyHours,
                               communities: (communities[id] ?? []).map { Place(code: $0, name: names[$0] ?? $0) })
        }
    }

    /// Every community named must be within the recorder's reach; the first that is not is refused and logged.
    static func authorizeOver(_ codes: [String], entityID: String?, _ req: Request) async throws -> Actor {
        var actor = try await req.authorize(.policeOfficerRecord, entity: entity, entityID: entityID)
        for code in Set(codes).sorted() {
            actor = try await req.authorize(.policeOfficerRecord, at: code, entity: entity, entityID: entityID)
        }
        return actor
    }
}
