extension DirectoryModule {
    public var policy: PolicyRules {
        let window = Role.windowStaff, readers = Role.scopeReaders
        return PolicyRules(
            byRole: [
                .residentRead: readers,
                .residentWrite: window.union([.cityAdministrator]),
                // Full ID numbers are for those who serve residents in person; every reveal is logged.
                .residentRevealID: window,
                .residentImport: window.union([.cityAdministrator]),
                .residentExport: readers,
                .householdRead: readers,
                .householdWrite: window.union([.cityAdministrator]),
                .organizationRead: readers.union([.departmentStaff, .leadingGroupOffice, .deliberationMember, .supervisionMember,
                                                    // The units and property managers of their communities are a police officer's beat (O5).
                                                    .communityPolice]),
                .organizationWrite: window.union([.streetOfficial, .districtOfficial, .cityAdministrator]),
                // Departments and their outposts are the city's to set up.
                .governmentWrite: [.cityAdministrator],
                // O2: a district's own officials delegate its powers; the leading-group office oversees them.
                .delegatedPowerGrant: [.districtOfficial, .leadingGroupOffice],
                .delegatedPowerRevoke: [.districtOfficial, .leadingGroupOffice],
            ],
            // A resident reads their own record and nothing else of the directory.
            byRelation: [.residentRead: [.ownRecord]]
        )
    }
}
