import ShequPlatform

extension Action {
    /// A worker's whole record (education, certificates, pay band, appraisals) and the grade lists: the officials of the
    /// street or district it sits in (and the city's administrator). The worker reads their own by their account.
    public static let workforceRead = Action("workforce.read")
    /// Keep the records: add a worker, change a contract, rotate, record training, certificates and appraisals.
    public static let workforceManage = Action("workforce.manage")
    /// Draft, preview and adopt a grading table: the city (the sequence is the prefecture's, REFERENCE-FACTS §7).
    public static let workforceRules = Action("workforce.rules")
}

extension WorkforceModule {
    /// Street and district officials keep their workers' records; the city sets the grading table. A community's
    /// staff list (names and posts) is public on its page and needs no action.
    public var policy: PolicyRules {
        PolicyRules(byRole: [
            .workforceRead: [.streetOfficial, .districtOfficial, .cityAdministrator],
            .workforceManage: [.streetOfficial, .districtOfficial],
            .workforceRules: [.cityAdministrator],
        ])
    }
}
