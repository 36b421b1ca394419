import Fluent
import Vapor

enum HouseholdsController {
    struct MoveInput: Content { var divisionCode: String }

    static func list(_ req: Request) async throws -> ListPage<HouseholdSummary> {
        let actor = try await req.authorize(.householdRead, entity: "household")
        let q = Household.query(on: req.db).inScopes(Policy.scopes(of: actor, for: .householdRead), \.$divisionCode)
        if let community = try req.divisionCodeQuery("community") {
            q.filter(\.$divisionCode == community.rawValue)
        }
        return try await q.sort(\.$address).sort(\.$id).paged(ListPageRequest(req)) { try HouseholdSummary($0) }
    }

    static func load(_ req: Request, for action: Action) async throws -> Household {
        guard let id = req.parameters.get("id", as: UUID.self), let h = try await Household.find(id, on: req.db) else {
            throw ShequError.notFound
        }
        try await req.authorize(action, at: h.divisionCode, entity: "household", entityID: id.uuidString, hide: true)
        return h
    }

    static func show(_ req: Request) async throws -> HouseholdSummary {
        let h = try await load(req, for: .householdRead)
        return try HouseholdSummary(h, members: try await HouseholdService.members(of: h.requireID(), on: req.db))
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(HouseholdInput.self)
        let household = try await createAudited(input, req: req)
        return try await HouseholdSummary(household).encodeResponse(status: .created, for: req)
    }

    static func createAudited(_ input: HouseholdInput, req: Request) async throws -> Household {
        try await req.authorize(.householdWrite, at: input.divisionCode, entity: "household")
        return try await req.writeAudited("household.create", entity: "household") { db in
            let h = try await HouseholdService.create(input, on: db)
            return Audited(h, id: h.id, scope: h.divisionCode)
        }
    }

    static func update(_ req: Request) async throws -> HouseholdSummary {
        let change = try req.validatedContent(HouseholdUpdate.self)
        let household = try await load(req, for: .householdWrite)
        try await req.writeAudited("household.update", entity: "household") { db in
            try await HouseholdService.update(household, with: change, on: db)
            return Audited((), id: household.id, scope: household.divisionCode)
        }
        return try HouseholdSummary(household)
    }

    static func move(_ req: Request) async throws -> HouseholdSummary {
        let input = try req.validatedContent(MoveInput.self)
        let household = try await load(req, for: .householdWrite)
        try await req.authorize(.householdWrite, at: input.divisionCode, entity: "household", entityID: household.id?.uuidString)
        let from = household.divisionCode
        try await req.writeAudited("household.move", entity: "household") { db in
            try await HouseholdService.move(household, to: input.divisionCode, on: db)
            return Audited((), id: household.id, scope: household.divisionCode, detail: "\(from)->\(household.divisionCode)")
        }
        return try HouseholdSummary(household)
    }
}
