import ShequPlatform

extension Action {
    /// Keep the committee's office records: its own staff, in its own community.
    public static let committeeOfficeWrite = Action("committeeOffice.write")
    /// Read them: the committee's staff, and the street's officials. The street office guides the residents'
    /// committee's work (城市居民委员会组织法 art. 2) and answers for the documents it sends down and for the
    /// seal it issued, so it reads for oversight and never writes; the district and the city see nothing here
    /// (their figures come from the street), residents and other communities never.
    public static let committeeOfficeRead = Action("committeeOffice.read")
}

extension CommitteeOfficeModule {
    public var policy: PolicyRules {
        PolicyRules(byRole: [
            .committeeOfficeWrite: [.communityStaff],
            .committeeOfficeRead: [.communityStaff, .streetOfficial],
        ])
    }
}
