import Fluent
import Vapor

public struct ResidentsGroupInput: Content, Sendable {
    public var divisionCode: String
    public var name: String
}

public struct BuildingInput: Content, Sendable {
    public var divisionCode: String
    public var name: String
    public var residentsGroupID: UUID?
    public var buildingHeadID: UUID?
}

/// Residents' groups and buildings inside a community (S4). A building head
/// must be a resident of the same community.
public enum CommunityStructureService {
    public static func createGroup(_ input: ResidentsGroupInput, on db: any Database) async throws -> ResidentsGroup {
        let community = try await DivisionDirectory.requireCommunity(input.divisionCode, on: db)
        let group = ResidentsGroup(divisionCode: community.code, name: try OrganizationService.text(input.name, field: "name", max: 100))
        try await group.create(on: db)
        return group
    }

    public static func createBuilding(_ input: BuildingInput, on db: any Database) async throws -> Building {
        let community = try await DivisionDirectory.requireCommunity(input.divisionCode, on: db)
        if let gid = input.residentsGroupID {
            guard let group = try await ResidentsGroup.find(gid, on: db), group.divisionCode == community.code else {
                throw ShequError.invalid(.errorInvalidValue, "residentsGroupID", code: "group_elsewhere")
            }
        }
        if let hid = input.buildingHeadID {
            guard let head = try await Resident.find(hid, on: db), head.divisionCode == community.code else {
                throw ShequError.invalid(.errorInvalidValue, "buildingHeadID", code: "head_elsewhere")
            }
        }
        let building = Building(divisionCode: community.code, residentsGroupID: input.residentsGroupID,
                                name: try OrganizationService.text(input.name, field: "name", max: 100))
        building.buildingHeadID = input.buildingHeadID
        try await building.create(on: db)
        return building
    }
}

extension ResidentsGroup: Content {}
extension Building: Content {}
