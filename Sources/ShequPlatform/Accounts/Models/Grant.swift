import Fluent
import Foundation

public final class Grant: Model, @unchecked Sendable {
    public static let schema = "grants"

    @ID public var id: UUID?
    @Parent(key: "account_id") public var account: Account
    @Enum(key: "role") public var role: Role
    @Field(key: "scope") public var scope: String
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @OptionalField(key: "organization_id") public var organizationID: UUID?

    public init() {}

    public init(accountID: UUID, role: Role, scope: String, departmentID: UUID? = nil, organizationID: UUID? = nil) {
        self.$account.id = accountID
        self.role = role
        self.scope = scope
        self.departmentID = departmentID
        self.organizationID = organizationID
    }

    public var value: GrantValue { GrantValue(role: role, scope: scope, departmentID: departmentID, organizationID: organizationID) }
}
