import Fluent
import Foundation

public final class ResidentsGroup: Model, @unchecked Sendable {
    public static let schema = "residents_groups"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "name") public var name: String

    public init() {}

    public init(divisionCode: String, name: String) {
        self.divisionCode = divisionCode
        self.name = name
    }
}

public final class Building: Model, @unchecked Sendable {
    public static let schema = "buildings"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @OptionalField(key: "residents_group_id") public var residentsGroupID: UUID?
    @Field(key: "name") public var name: String
    @OptionalField(key: "building_head_id") public var buildingHeadID: UUID?

    public init() {}

    public init(divisionCode: String, residentsGroupID: UUID?, name: String) {
        self.divisionCode = divisionCode
        self.residentsGroupID = residentsGroupID
        self.name = name
    }
}
