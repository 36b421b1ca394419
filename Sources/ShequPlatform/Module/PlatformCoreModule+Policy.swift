extension PlatformCoreModule {
    public var policy: PolicyRules {
        PolicyRules(byRole: [
            .accountManage: [.cityAdministrator],
            .auditRead: [.cityAdministrator, .leadingGroupOffice],
        ])
    }
}
