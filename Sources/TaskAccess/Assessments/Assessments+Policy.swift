import ShequPlatform

extension Action {
    /// Register an assessment of communities with its legal basis (A5).
    public static let assessmentRegister = Action("assessment.register")
    /// Withdraw a registered assessment, with reasons (A5).
    public static let assessmentWithdraw = Action("assessment.withdraw")
}

extension Assessments {
    /// Departments register their own assessments; the leading-group office, which
    /// answers for the committees' burden, registers any and alone withdraws them.
    /// Reading is public and needs no rule.
    static var policy: PolicyRules {
        PolicyRules(byRole: [
            .assessmentRegister: [.departmentStaff, .leadingGroupOffice],
            .assessmentWithdraw: [.leadingGroupOffice],
        ])
    }
}
