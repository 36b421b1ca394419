import Foundation

/// The one place that decides who may do what, where. Controllers ask it;
/// lists are filtered by the scopes it returns, never by controller logic.
public enum Policy {
    /// Which roles may take an action anywhere inside their grant's scope.
    /// Residents reach only their own record, decided in `mayActOnOwnRecord`.
    static var table: [Action: Set<Role>] {
        let windowStaff: Set<Role> = [.communityStaff, .stationStaff, .centerStaff]
        let readers = windowStaff.union([.streetOfficial, .districtOfficial, .cityAdministrator])
        return [
            .residentRead: readers,
            .residentWrite: windowStaff.union([.cityAdministrator]),
            // Full ID numbers are for those who serve residents in person; every reveal is logged.
            .residentRevealID: windowStaff,
            .residentImport: windowStaff.union([.cityAdministrator]),
            .residentExport: readers,
            .householdRead: readers,
            .householdWrite: windowStaff.union([.cityAdministrator]),
            .organizationRead: readers.union([.departmentStaff, .leadingGroupOffice, .deliberationMember, .supervisionMember]),
            .organizationWrite: windowStaff.union([.streetOfficial, .districtOfficial, .cityAdministrator]),
            .governmentWrite: [.cityAdministrator],
            .accountManage: [.cityAdministrator],
            .auditRead: [.cityAdministrator, .leadingGroupOffice],
            // One-stop service (H3, H4): any window takes any item; transferred work reaches department staff.
            .applicationRead: readers.union([.departmentStaff]),
            .applicationHandle: windowStaff.union([.departmentStaff]),
            .applicationSubmitForResident: windowStaff,
            .serviceSetup: [.centerStaff, .streetOfficial, .cityAdministrator],
            // Self-governance: the residents' committee (community staff) convenes and executes,
            // the deliberation and supervision committees act only on their own steps, and the
            // street guides. Residents raise matters and vote in their own community (SelfGovernance).
            .charterWrite: [.communityStaff, .streetOfficial],
            .bodyWrite: [.communityStaff, .streetOfficial],
            .matterRaise: [.communityStaff, .streetOfficial],
            .matterDeliberate: [.deliberationMember],
            .assemblyConvene: [.communityStaff],
            .matterExecute: [.communityStaff],
            .matterSupervise: [.supervisionMember],
            // Unanswered messages: the committee that owes the answer and the one that watches it.
            .messageOverdueRead: [.communityStaff, .supervisionMember],
        ]
    }

    private static let cachedTable = table

    public static func roles(for action: Action) -> Set<Role> { cachedTable[action] ?? [] }

    /// The division-code prefixes inside which `actor` may take `action`; empty means nowhere.
    public static func scopes(of actor: Actor, for action: Action) -> [String] {
        let allowed = roles(for: action)
        let prefixes = actor.grants.filter { allowed.contains($0.role) }.map(\.scope)
        // A prefix already covered by a shorter one adds nothing to a query.
        return prefixes.filter { p in !prefixes.contains { $0 != p && p.hasPrefix($0) } }.uniqued()
    }

    public static func may(_ actor: Actor, _ action: Action) -> Bool {
        !scopes(of: actor, for: action).isEmpty
    }

    public static func may(_ actor: Actor, _ action: Action, at code: String) -> Bool {
        scopes(of: actor, for: action).contains { code.hasPrefix($0) }
    }

    /// A resident may read their own record and nothing else of the directory.
    public static func mayActOnOwnRecord(_ actor: Actor, residentID: UUID, action: Action) -> Bool {
        actor.residentID == residentID && actor.roles.contains(.resident) && action == .residentRead
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
