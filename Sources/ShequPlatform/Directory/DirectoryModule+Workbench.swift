import Fluent
import Vapor

extension DirectoryModule {
    /// The people and organisations of an office's area, counted with the same scope
    /// filter as the lists they link to; a resident's own record.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        var sections: [WorkbenchSection] = []
        let residentScopes = Policy.scopes(of: actor, for: .residentRead)
        if !residentScopes.isEmpty {
            var items = [WorkbenchItem(.workbenchResidentsInScope,
                                       count: try await Resident.query(on: req.db).inScopes(residentScopes, \.$divisionCode).count(),
                                       link: "/residents")]
            let householdScopes = Policy.scopes(of: actor, for: .householdRead)
            if !householdScopes.isEmpty {
                items.append(WorkbenchItem(.workbenchHouseholdsInScope,
                                           count: try await Household.query(on: req.db).inScopes(householdScopes, \.$divisionCode).count(),
                                           link: "/households"))
            }
            let organizationScopes = Policy.scopes(of: actor, for: .organizationRead)
            items.append(WorkbenchItem(.workbenchOrganizationsInScope,
                                       count: try await Organization.query(on: req.db).inScopes(organizationScopes, \.$divisionCode).count(),
                                       link: "/organizations"))
            sections.append(WorkbenchSection(key: "directory-area", title: .workbenchResidents, items: items))
        }
        let powerScopes = Policy.scopes(of: actor, for: .delegatedPowerGrant)
        if !powerScopes.isEmpty {
            // A count, so the line says something the heading does not (it was one link named like its heading),
            // and the list it opens holds exactly what it counts: the grants of the office's streets, revoked ones too.
            let granted = try await DelegatedPower.query(on: req.db).inScopes(powerScopes, \.$streetCode).count()
            let link = powerScopes.count == 1 ? DelegatedPowerPages.path + "?division=" + powerScopes[0] : DelegatedPowerPages.path
            sections.append(WorkbenchSection(key: "directory-delegated-powers", title: .workbenchDelegatedPowers,
                                             items: [WorkbenchItem(.workbenchDelegatedPowersStanding, count: granted, link: link)]))
        }
        if actor.roles.contains(.resident), let own = actor.residentID {
            sections.append(WorkbenchSection(key: "directory-own-record", title: .workbenchMyRecord,
                                             items: [WorkbenchItem(.workbenchMyRecord, link: "/residents/\(own.uuidString)")]))
        }
        return sections
    }
}
