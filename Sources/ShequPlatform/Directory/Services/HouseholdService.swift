import Fluent
import Vapor

public struct HouseholdInput: Content, Sendable {
    public var divisionCode: String
    public var address: String
    public var buildingID: UUID?
}

public struct HouseholdUpdate: Content, Sendable {
    public var address: String?
    public var buildingID: UUID?
}

public struct HouseholdSummary: Content, Sendable {
    public var id: UUID
    public var divisionCode: String
    public var address: String
    public var headOfHouseholdID: UUID?
    public var buildingID: UUID?
    public var members: [ResidentSummary]?

    init(_ h: Household, members: [Resident]? = nil) throws {
        id = try h.requireID()
        divisionCode = h.divisionCode
        address = h.address
        headOfHouseholdID = h.headOfHouseholdID
        buildingID = h.buildingID
        self.members = try members?.map(ResidentSummary.init)
    }
}

public enum HouseholdService {
    public static func create(_ input: HouseholdInput, on db: any Database) async throws -> Household {
        let community = try await DivisionDirectory.requireCommunity(input.divisionCode, on: db)
        let address = try OrganizationService.text(input.address, field: "address", max: 200)
        if let bid = input.buildingID {
            guard let building = try await Building.find(bid, on: db), building.divisionCode == community.code else {
                throw ShequError.invalid(.errorInvalidValue, "buildingID", code: "building_elsewhere")
            }
        }
        let household = Household(divisionCode: community.code, buildingID: input.buildingID, address: address)
        try await household.create(on: db)
        return household
    }

    public static func update(_ household: Household, with change: HouseholdUpdate, on db: any Database) async throws {
        if let address = change.address { household.address = try OrganizationService.text(address, field: "address", max: 200) }
        if let bid = change.buildingID {
            guard let building = try await Building.find(bid, on: db), building.divisionCode == household.divisionCode else {
                throw ShequError.invalid(.errorInvalidValue, "buildingID", code: "building_elsewhere")
            }
            household.buildingID = bid
        }
        try await household.save(on: db)
    }

    /// Moves a household and everyone registered in it to another community.
    public static func move(_ household: Household, to code: String, on db: any Database) async throws {
        let community = try await DivisionDirectory.requireCommunity(code, on: db)
        household.divisionCode = community.code
        // Buildings belong to a community; the new community's building is set separately.
        household.buildingID = nil
        try await household.save(on: db)
        try await Resident.query(on: db).filter(\.$householdID == household.requireID())
            .set(\.$divisionCode, to: community.code).update()
    }

    public static func members(of id: UUID, on db: any Database) async throws -> [Resident] {
        try await Resident.query(on: db).filter(\.$householdID == id).sort(\.$name).all()
    }
}
