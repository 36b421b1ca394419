/// Everything an actor can ask to do. Each module declares its own actions
/// (`extension Action { static let … }` in its target) and who may take them
/// (`ShequModule.policy`); the platform's own are here.
public struct Action: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }

    public static let residentRead = Action("resident.read")
    public static let residentWrite = Action("resident.write")
    public static let residentRevealID = Action("resident.revealID")
    public static let residentImport = Action("resident.import")
    public static let residentExport = Action("resident.export")
    public static let householdRead = Action("household.read")
    public static let householdWrite = Action("household.write")
    public static let organizationRead = Action("organization.read")
    public static let organizationWrite = Action("organization.write")
    public static let governmentWrite = Action("government.write")
    public static let accountManage = Action("account.manage")
    /// One's own account (password, second factor): every role has it.
    public static let accountSelf = Action("account.self")
    public static let auditRead = Action("audit.read")
}

extension Role {
    /// Those who serve residents in person, at a committee, station or centre window.
    public static let windowStaff: Set<Role> = [.communityStaff, .stationStaff, .centerStaff]
    /// Window staff and the officials above them, who read what is in their scope.
    public static let scopeReaders: Set<Role> = windowStaff.union([.streetOfficial, .districtOfficial, .cityAdministrator])
}
