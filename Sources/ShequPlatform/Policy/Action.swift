/// Everything an actor can ask to do. Domain modules add their own cases by
/// extending `Action` with static members.
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
    public static let auditRead = Action("audit.read")
    public static let applicationRead = Action("application.read")
    public static let applicationHandle = Action("application.handle")
    public static let applicationSubmitForResident = Action("application.submitForResident")
    public static let serviceSetup = Action("service.setup")
    // Self-governance (S1, S2): each step belongs to one body.
    public static let charterWrite = Action("charter.write")
    public static let bodyWrite = Action("body.write")
    public static let matterRaise = Action("matter.raise")
    public static let matterDeliberate = Action("matter.deliberate")
    public static let assemblyConvene = Action("assembly.convene")
    public static let matterExecute = Action("matter.execute")
    public static let matterSupervise = Action("matter.supervise")
    public static let messageOverdueRead = Action("message.overdueRead")
}
