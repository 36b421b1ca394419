import Foundation
import SQLKit

/// The accounts an administrator may manage: those whose every grant lies inside one of the
/// administrator's account-management scopes. The policy gives that action to the city
/// administrator role; held at a district or street code, it is that district's or street's
/// administrator. An account with no grant at all belongs to no place, so only a city-wide
/// administrator reaches it.
struct AccountReach: Sendable {
    let scopes: [String]

    init(_ actor: Actor) { scopes = Policy.scopes(of: actor, for: .accountManage) }

    init(scopes: [String]) { self.scopes = scopes }

    /// A city's code has four digits (a province's two); a scope that short reaches everywhere in it.
    var cityWide: Bool { scopes.contains { $0.count <= 4 } }

    func covers(scope: String) -> Bool { scopes.contains { scope.hasPrefix($0) } }

    /// An organisation's staff grant places no one: it says whom the account acts for, not where it belongs, so a
    /// resident who volunteers for an organisation in another street stays their own street's to manage.
    func covers(_ grants: [GrantValue]) -> Bool {
        let placing = grants.filter { !Role.actingForABody.contains($0.role) }
        return placing.isEmpty ? cityWide : placing.allSatisfy { covers(scope: $0.scope) }
    }

    static let placingGrant: SQLQueryString = "g.role NOT IN ('organizationStaff', 'partyOfficer')"
}
