/// P3 三位一体: the community party organisation, the residents' committee and the public service station working as
/// one office with cross-appointed people. The rule computed here, from records only:
///
/// 1. the community has a community-level party organisation with a secretary;
/// 2. its residents' committee has a chair serving today;
/// 3. the secretary and the chair are the same resident (书记、主任"一肩挑");
/// 4. the service station is staffed from the same team: at least one account holding a station-staff grant at the
///    community belongs to a resident who is an officer of that party organisation or serves on the residents'
///    committee today (交叉任职).
///
/// People are compared as residents (their account's resident record), never by name.
public struct ThreeInOneFacts: Sendable, Hashable {
    public var hasPartyOrganization: Bool
    public var secretary: String?
    public var committeeChair: String?
    public var partyOfficers: Set<String>
    public var committeeMembers: Set<String>
    public var stationStaff: Set<String>

    public init(hasPartyOrganization: Bool, secretary: String?, committeeChair: String?, partyOfficers: Set<String>,
                committeeMembers: Set<String>, stationStaff: Set<String>) {
        self.hasPartyOrganization = hasPartyOrganization
        self.secretary = secretary
        self.committeeChair = committeeChair
        self.partyOfficers = partyOfficers
        self.committeeMembers = committeeMembers
        self.stationStaff = stationStaff
    }
}

public enum ThreeInOneCondition: String, Sendable, CaseIterable, Codable {
    case partyOrganization, secretary, committeeChair, secretaryChairs, stationCrossStaffed
}

public enum ThreeInOne {
    /// The conditions met, in the rule's order; the rule holds when all are.
    public static func met(_ f: ThreeInOneFacts) -> [ThreeInOneCondition: Bool] {
        let sameTeam = f.partyOfficers.union(f.committeeMembers)
        return [
            .partyOrganization: f.hasPartyOrganization,
            .secretary: f.hasPartyOrganization && f.secretary != nil,
            .committeeChair: f.committeeChair != nil,
            .secretaryChairs: f.hasPartyOrganization && f.secretary != nil && f.secretary == f.committeeChair,
            .stationCrossStaffed: !f.stationStaff.isDisjoint(with: sameTeam),
        ]
    }

    public static func holds(_ f: ThreeInOneFacts) -> Bool { met(f).values.allSatisfy { $0 } }

}
