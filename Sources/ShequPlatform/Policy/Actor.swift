import Foundation

/// Who is asking: a signed-in account (by session or API token) with its grants.
public struct Actor: Sendable {
    public let accountID: UUID
    public let username: String
    public let residentID: UUID?
    public let grants: [GrantValue]

    public init(accountID: UUID, username: String, residentID: UUID?, grants: [GrantValue]) {
        self.accountID = accountID
        self.username = username
        self.residentID = residentID
        self.grants = grants
    }

    public var roles: Set<Role> { Set(grants.map(\.role)) }
    /// An office's staff: not a resident, nor an organisation acting for itself.
    public var isStaff: Bool { grants.contains { $0.role != .resident && $0.role != .organizationStaff } }
    /// The organisations this account acts for, as their staff.
    public var organizationIDs: [UUID] { grants.filter { $0.role == .organizationStaff }.compactMap(\.organizationID).uniqued() }
}
