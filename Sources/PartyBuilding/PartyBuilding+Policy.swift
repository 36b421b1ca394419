import ShequPlatform

extension Action {
    /// Set up a party organisation, or appoint and remove its officers: the street's (or district's) officials, and
    /// the officers of an organisation above it.
    public static let partyOrganizationManage = Action("party.organizationManage")
    /// Read members' records and lists: the officers of the organisation concerned or one above it, and the member
    /// their own. No office reaches it by division scope (P1: membership is sensitive personal data).
    public static let partyMemberRead = Action("party.memberRead")
    /// Enter a member in the workplace organisation, record attendance, offer activities, issue certificates.
    public static let partyMemberManage = Action("party.memberManage")
    /// A member's own acts: register with the community of residence, sign up, ask for the year's certificate.
    public static let partyMemberSelf = Action("party.memberSelf")
}

extension PartyBuildingModule {
    public var policy: PolicyRules {
        PolicyRules(
            byRole: [.partyOrganizationManage: [.streetOfficial, .districtOfficial]],
            byRelation: [
                .partyOrganizationManage: [.partyOfficer],
                .partyMemberRead: [.partyOfficer, .ownRecord],
                .partyMemberManage: [.partyOfficer],
                .partyMemberSelf: [.ownRecord],
            ]
        )
    }
}
