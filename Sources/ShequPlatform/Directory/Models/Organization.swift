import Fluent
import Foundation

/// Non-government bodies in the jurisdiction. One table for the three kinds the
/// foundation knows; later modules (registration, integrity, procurement) hang
/// their own records off an organization's id.
public enum OrganizationKind: String, Codable, Sendable, CaseIterable {
    /// 辖区单位: schools, hospitals, firms, campuses (O4).
    case unit
    /// 社区社会组织 (C1, C2).
    case socialOrganization
    /// 物业服务企业 (S4).
    case propertyManager
}

public final class Organization: Model, @unchecked Sendable {
    public static let schema = "organizations"

    @ID public var id: UUID?
    @Enum(key: "kind") public var kind: OrganizationKind
    @Field(key: "name") public var name: String
    @Field(key: "category") public var category: String
    @Field(key: "contact") public var contact: String
    /// Where it is based; its scope for the policy.
    @Field(key: "division_code") public var divisionCode: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// The communities an organization serves (a social organization may serve several).
public final class OrganizationCommunity: Model, @unchecked Sendable {
    public static let schema = "organization_communities"

    @ID public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "division_code") public var divisionCode: String

    public init() {}

    public init(organizationID: UUID, divisionCode: String) {
        self.organizationID = organizationID
        self.divisionCode = divisionCode
    }
}

public final class Department: Model, @unchecked Sendable {
    public static let schema = "departments"

    @ID public var id: UUID?
    @Field(key: "name") public var name: String
    /// The government level that runs it: the city (4404) or a district code.
    @Field(key: "division_code") public var divisionCode: String

    public init() {}

    public init(id: UUID? = nil, name: String, divisionCode: String) {
        self.id = id
        self.name = name
        self.divisionCode = divisionCode
    }
}

/// 派驻机构: a department's office stationed at a street.
public final class Outpost: Model, @unchecked Sendable {
    public static let schema = "outposts"

    @ID public var id: UUID?
    @Field(key: "department_id") public var departmentID: UUID
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "name") public var name: String

    public init() {}

    public init(id: UUID? = nil, departmentID: UUID, divisionCode: String, name: String) {
        self.id = id
        self.departmentID = departmentID
        self.divisionCode = divisionCode
        self.name = name
    }
}
