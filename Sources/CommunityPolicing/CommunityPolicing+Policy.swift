import ShequPlatform

extension Action {
    /// Record or change a community police officer and the communities they serve: the district (the public
    /// security bureau's attachments are agreed with the district) or the city administrator, over every community named.
    public static let policeOfficerRecord = Action("policing.officerRecord")
    /// Refer a hotline call or mailbox letter of the community to its officer: the residents' committee.
    public static let policeRefer = Action("policing.refer")
    /// Read the community's referrals: the residents' committee that referred them.
    public static let policeReferralRead = Action("policing.referralRead")
    /// Read and answer a referral: a community police officer, and only the one it was referred to (checked by
    /// `PoliceReferrals.isOfficer` on top of the role's scope).
    public static let policeReferralAnswer = Action("policing.referralAnswer")
}

extension CommunityPolicingModule {
    public var policy: PolicyRules {
        PolicyRules(byRole: [
            .policeOfficerRecord: [.districtOfficial, .cityAdministrator],
            .policeRefer: [.communityStaff],
            .policeReferralRead: [.communityStaff],
            .policeReferralAnswer: [.communityPolice],
        ])
    }
}
