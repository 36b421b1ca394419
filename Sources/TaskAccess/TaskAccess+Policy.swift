import ShequPlatform

extension Action {
    public static let taskRegister = Action("task.register")
    public static let taskAssign = Action("task.assign")
    public static let planWrite = Action("plan.write")
    public static let planRead = Action("plan.read")
    public static let planReview = Action("plan.review")
    public static let planDeadlineWrite = Action("plan.deadlineWrite")
    public static let agreementWrite = Action("agreement.write")
    public static let agreementInspect = Action("agreement.inspect")
    public static let agreementDisburse = Action("agreement.disburse")
    public static let shortfallReport = Action("shortfall.report")
    public static let shortfallAnswer = Action("shortfall.answer")
    public static let burdenRead = Action("burden.read")
    public static let taskFundsRead = Action("taskFunds.read")
}

extension TaskAccessModule {
    /// Departments act only for their own department (the grant's `departmentID`, checked by
    /// `Request.authorizeForDepartment`); the leading-group office reviews plans of its own
    /// reach and sees every committee's burden in its scope; a committee sees its own.
    public var taskAccessPolicy: PolicyRules {
        PolicyRules(byRole: [
            .taskRegister: [.departmentStaff, .leadingGroupOffice],
            .taskAssign: [.departmentStaff, .leadingGroupOffice],
            .planWrite: [.departmentStaff],
            .planRead: [.departmentStaff, .leadingGroupOffice],
            .planReview: [.leadingGroupOffice],
            .planDeadlineWrite: [.leadingGroupOffice],
            .agreementWrite: [.departmentStaff, .leadingGroupOffice],
            .agreementInspect: [.departmentStaff],
            .agreementDisburse: [.departmentStaff, .leadingGroupOffice],
            .shortfallReport: [.communityStaff],
            .shortfallAnswer: [.departmentStaff, .leadingGroupOffice],
            .burdenRead: [.leadingGroupOffice, .communityStaff, .streetOfficial, .districtOfficial, .cityAdministrator],
            // F1 per task: the office for the departments its grant covers, staff for their own department.
            .taskFundsRead: [.leadingGroupOffice, .departmentStaff],
        ])
    }
}
