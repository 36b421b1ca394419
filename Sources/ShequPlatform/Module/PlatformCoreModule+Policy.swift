extension PlatformCoreModule {
    public var policy: PolicyRules {
        PolicyRules(byRole: [
            .accountManage: [.cityAdministrator],
            .accountSelf: Set(Role.allCases),
            .auditRead: [.cityAdministrator, .leadingGroupOffice],
        ])
    }
}
