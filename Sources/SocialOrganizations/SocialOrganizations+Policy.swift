import ShequPlatform

extension Action {
    /// File a community social organisation (C1): any signed-in resident, the policy's low threshold.
    public static let socialOrganizationFile = Action("socialOrganization.file")
    /// Approve, refuse or return a filing, with reasons: the street it is based in, or the district above.
    public static let socialOrganizationReview = Action("socialOrganization.review")
    /// Read a filing that is not (yet) in the public registry: its reviewers, and the account that filed it.
    public static let socialOrganizationFilingRead = Action("socialOrganization.filingRead")
    /// Record an integrity entry (C3: inspections, complaints upheld): the organisation's street, the district above.
    public static let socialOrganizationIntegrityRecord = Action("socialOrganization.integrityRecord")
    /// Record a removal from the abnormal or dishonesty list applied for with its rectification: the same offices.
    public static let socialOrganizationListRemoval = Action("socialOrganization.listRemoval")
    /// File the organisation's annual report: its own staff only, by the `.organizationMember` relation.
    public static let socialOrganizationAnnualReportFile = Action("socialOrganization.annualReportFile")
    /// Apply to come off a list after rectifying: the organisation's own staff; the street decides within 5 working days.
    public static let socialOrganizationRemovalApply = Action("socialOrganization.removalApply")
}

extension SocialOrganizationsModule {
    /// The street reviews the organisations based in it (the district official above it may too); a resident
    /// files and follows their own filings as their author. The registry of approved organisations is public
    /// and needs no action.
    public var policy: PolicyRules {
        PolicyRules(
            byRole: [
                .socialOrganizationFile: [.resident],
                .socialOrganizationReview: [.streetOfficial, .districtOfficial],
                .socialOrganizationFilingRead: [.streetOfficial, .districtOfficial],
                .socialOrganizationIntegrityRecord: [.streetOfficial, .districtOfficial],
                .socialOrganizationListRemoval: [.streetOfficial, .districtOfficial],
            ],
            byRelation: [.socialOrganizationFilingRead: [.author], .socialOrganizationAnnualReportFile: [.organizationMember],
                         .socialOrganizationRemovalApply: [.organizationMember]]
        ).merging(Self.crossBorderPolicy).merging(Self.staffPolicy)
    }
}
