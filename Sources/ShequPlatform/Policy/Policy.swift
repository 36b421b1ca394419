import Foundation
import NIOConcurrencyHelpers

/// The one place that decides who may do what, where. Controllers ask it;
/// lists are filtered by the scopes it returns, never by controller logic.
/// Each module contributes the rules for its own actions (`ShequModule.policy`),
/// so adding a module edits no shared table.
public enum Policy {
    private static let rules = NIOLockedValueBox(PolicyRules())

    /// Adds a module's rules; called for every module when the platform is configured.
    /// Contributions are static declarations, so configuring twice (tests) changes nothing.
    public static func register(_ contribution: PolicyRules) {
        rules.withLockedValue { $0.merge(contribution) }
    }

    public static func roles(for action: Action) -> Set<Role> {
        rules.withLockedValue { $0.byRole[action] } ?? []
    }

    public static func relations(for action: Action) -> Set<Relation> {
        rules.withLockedValue { $0.byRelation[action] } ?? []
    }

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

    /// An office's grant covering the record's place, or a tie the module declared
    /// between this actor and this record (their own, their writing).
    public static func may(_ actor: Actor, _ action: Action, on resource: Resource) -> Bool {
        if let code = resource.divisionCode, may(actor, action, at: code) { return true }
        return relations(for: action).contains { relation in
            switch relation {
            case .ownRecord:
                actor.roles.contains(.resident) && actor.residentID != nil && actor.residentID == resource.residentID
            case .author:
                resource.authorAccountID == actor.accountID
            case .organizationMember:
                resource.organizationID.map { actor.organizationIDs.contains($0) } ?? false
            case .partyOfficer:
                resource.partyOrganizationPath.contains { actor.partyOrganizationIDs.contains($0) }
            }
        }
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
