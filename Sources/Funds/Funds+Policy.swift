import ShequPlatform

extension Action {
    /// Set up a fund: the leading-group office at the fund's level (the city, F1).
    public static let fundCreate = Action("fund.create")
    /// Record a government's share paid into a fund: the leading-group office at that government's level.
    public static let fundContribute = Action("fund.contribute")
    /// Allocate a fund's money to a district: the leading-group office holding the fund.
    public static let fundAllocate = Action("fund.allocate")
    /// Set up a budget line of a fund, and appropriate the fund's money to it: the office that allocates the fund.
    public static let fundBudget = Action("fund.budget")
    /// The per-department report and the ledger's entries, within one's scope (department staff: their department).
    public static let fundRead = Action("fund.read")
}

extension FundsModule {
    /// The leading-group office (领导小组办公室) keeps the funds; officials read what is in their
    /// scope, department staff their department's plans and agreements. The per-fund, per-district
    /// and per-committee summaries are public and need no action.
    public var policy: PolicyRules {
        PolicyRules(byRole: [
            .fundCreate: [.leadingGroupOffice],
            .fundContribute: [.leadingGroupOffice],
            .fundAllocate: [.leadingGroupOffice],
            .fundBudget: [.leadingGroupOffice],
            .fundRead: [.leadingGroupOffice, .cityAdministrator, .districtOfficial, .streetOfficial, .departmentStaff],
        ])
    }
}
