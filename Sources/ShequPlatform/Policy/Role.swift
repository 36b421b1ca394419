/// The roles an account can be granted at a scope (a division-code prefix).
public enum Role: String, Codable, Sendable, CaseIterable {
    case resident
    case communityStaff
    case stationStaff
    case centerStaff
    case streetOfficial
    case districtOfficial
    case cityAdministrator
    case departmentStaff
    case leadingGroupOffice
    case deliberationMember
    case supervisionMember
    /// Staff of one community social organisation (C1): the grant names the organisation, and the policy ties
    /// them to its records by the `.organizationMember` relation, never by division scope.
    case organizationStaff
    /// An officer (secretary or committee member) of one party organisation (P1): the grant names the party
    /// organisation, and the policy ties them to its records and its subordinate organisations' records by the
    /// `.partyOfficer` relation. Party membership is sensitive: division scope alone never reaches it.
    case partyOfficer
    /// 社区民警 (O5): a police officer attached to the communities of the grant's scope.
    case communityPolice

    public var phrase: Phrase {
        switch self {
        case .resident: .roleResident
        case .communityStaff: .roleCommunityStaff
        case .stationStaff: .roleStationStaff
        case .centerStaff: .roleCenterStaff
        case .streetOfficial: .roleStreetOfficial
        case .districtOfficial: .roleDistrictOfficial
        case .cityAdministrator: .roleCityAdministrator
        case .departmentStaff: .roleDepartmentStaff
        case .leadingGroupOffice: .roleLeadingGroupOffice
        case .deliberationMember: .roleDeliberationMember
        case .supervisionMember: .roleSupervisionMember
        case .organizationStaff: .roleOrganizationStaff
        case .partyOfficer: .rolePartyOfficer
        case .communityPolice: .roleCommunityPolice
        }
    }
}
