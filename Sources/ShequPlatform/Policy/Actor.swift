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
    /// An office's staff: not a resident, nor an organisation acting for itself, nor a party officer (whose
    /// office is the party organisation, reached through its own relation, never through the directory).
    public var isStaff: Bool { grants.contains { !Role.actingForABody.contains($0.role) && $0.role != .resident } }
    /// The organisations this account acts for, as their staff.
    public var organizationIDs: [UUID] { grants.filter { $0.role == .organizationStaff }.compactMap(\.organizationID).uniqued() }
    /// The party organisations this account is an officer of (their grants name them in `organizationID`).
    public var partyOrganizationIDs: [UUID] { grants.filter { $0.role == .partyOfficer }.compactMap(\.organizationID).uniqued() }
}

extension Role {
    /// Roles whose grant names a body (a social organisation, a party organisation) rather than an office of a
    /// division: they place no one in the division's administration and an administrator cannot grant them.
    public static let actingForABody: Set<Role> = [.organizationStaff, .partyOfficer]
}
