import Fluent
import Vapor

enum CommunityStructureController {
    static func groups(_ req: Request) async throws -> ListPage<ResidentsGroup> { try await groups(req, paging: ListPageRequest(req)) }

    static func groups(_ req: Request, paging: ListPageRequest) async throws -> ListPage<ResidentsGroup> {
        let actor = try await req.authorize(.householdRead, entity: "residentsGroup")
        let q = ResidentsGroup.query(on: req.db).inScopes(Policy.scopes(of: actor, for: .householdRead), \.$divisionCode)
        if let community = try req.divisionCodeQuery("community") { q.filter(\.$divisionCode == community.rawValue) }
        return try await q.sort(\.$divisionCode).sort(\.$name).sort(\.$id).paged(paging)
    }

    static func buildings(_ req: Request) async throws -> ListPage<Building> { try await buildings(req, paging: ListPageRequest(req)) }

    static func buildings(_ req: Request, paging: ListPageRequest) async throws -> ListPage<Building> {
        let actor = try await req.authorize(.householdRead, entity: "building")
        let q = Building.query(on: req.db).inScopes(Policy.scopes(of: actor, for: .householdRead), \.$divisionCode)
        if let community = try req.divisionCodeQuery("community") { q.filter(\.$divisionCode == community.rawValue) }
        return try await q.sort(\.$divisionCode).sort(\.$name).sort(\.$id).paged(paging)
    }

    static func createGroup(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(ResidentsGroupInput.self)
        let group = try await createGroupAudited(input, req: req)
        return try await group.encodeResponse(status: .created, for: req)
    }

    static func createGroupAudited(_ input: ResidentsGroupInput, req: Request) async throws -> ResidentsGroup {
        try await req.authorize(.householdWrite, at: input.divisionCode, entity: "residentsGroup")
        return try await req.writeAudited("residentsGroup.create", entity: "residentsGroup") { db in
            let group = try await CommunityStructureService.createGroup(input, on: db)
            return Audited(group, id: group.id, scope: group.divisionCode)
        }
    }

    static func createBuilding(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(BuildingInput.self)
        let building = try await createBuildingAudited(input, req: req)
        return try await building.encodeResponse(status: .created, for: req)
    }

    static func createBuildingAudited(_ input: BuildingInput, req: Request) async throws -> Building {
        try await req.authorize(.householdWrite, at: input.divisionCode, entity: "building")
        return try await req.writeAudited("building.create", entity: "building") { db in
            let building = try await CommunityStructureService.createBuilding(input, on: db)
            return Audited(building, id: building.id, scope: building.divisionCode)
        }
    }
}
