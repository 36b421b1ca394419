import ShequPlatform

extension Action {
    /// Plan, call, close, award, contract, pay, supervise and evaluate a purchase: the street or district that buys
    /// (its officials, at the project's scope; a district's officials over its streets too).
    public static let procurementManage = Action("procurement.manage")
    /// Apply to a call for an organisation: its own staff (C1: an organisation acts for itself).
    public static let procurementApply = Action("procurement.apply")
    /// Declare a conflict of interest and score an application: the panel seat's own account.
    public static let procurementScore = Action("procurement.score")
}

extension ProcurementModule {
    /// Projects and every stage of them are public and need no action to read.
    public var policy: PolicyRules {
        PolicyRules(
            byRole: [.procurementManage: [.streetOfficial, .districtOfficial]],
            byRelation: [.procurementApply: [.organizationMember], .procurementScore: [.author]]
        )
    }
}
