import Fluent
import Foundation

public final class Household: Model, @unchecked Sendable {
    public static let schema = "households"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @OptionalField(key: "building_id") public var buildingID: UUID?
    @Field(key: "address") public var address: String
    @OptionalField(key: "head_of_household_id") public var headOfHouseholdID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, divisionCode: String, buildingID: UUID? = nil, address: String) {
        self.id = id
        self.divisionCode = divisionCode
        self.buildingID = buildingID
        self.address = address
    }
}
