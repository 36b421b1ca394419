/// P2 / G2: coverage of qualifying owners' committees by party organisations, added up from one fact per
/// compound, so a community's, a street's, a district's and the city's figures are all the same sum of records
/// and never a number someone typed.
public struct CompoundPartyFact: Sendable, Hashable {
    /// The compound's community (12 digits).
    public let divisionCode: String
    public let qualifies: Bool
    public let hasOrganization: Bool

    public init(divisionCode: String, qualifies: Bool, hasOrganization: Bool) {
        self.divisionCode = divisionCode
        self.qualifies = qualifies
        self.hasOrganization = hasOrganization
    }
}

public struct PartyCoverageFigure: Sendable, Hashable, Codable {
    public var ownersCommittees = 0
    public var qualifying = 0
    /// Qualifying committees that have an organisation: the target's numerator.
    public var qualifyingCovered = 0
    /// Committees with an organisation, qualifying or not (one may be set up early, or with a neighbour).
    public var withOrganization = 0

    public init() {}

    /// Qualifying committees still without an organisation.
    public var uncovered: Int { qualifying - qualifyingCovered }

    /// Coverage in per mille (integer arithmetic, rounded half up); nil when nothing qualifies, as 0/0 is no rate.
    public var coveragePermille: Int? {
        guard qualifying > 0 else { return nil }
        return (qualifyingCovered * 2000 + qualifying) / (2 * qualifying)
    }

    /// The G2 target: every qualifying committee has an organisation (vacuously met when none qualifies).
    public var targetMet: Bool { qualifyingCovered == qualifying }

    public mutating func add(_ fact: CompoundPartyFact) {
        ownersCommittees += 1
        if fact.qualifies { qualifying += 1 }
        if fact.qualifies && fact.hasOrganization { qualifyingCovered += 1 }
        if fact.hasOrganization { withOrganization += 1 }
    }
}

public enum PartyCoverage {
    /// The length of the codes one level below `parent` (city 4 → district 6 → street 9 → community 12).
    public static func childLength(of parent: String) -> Int? {
        switch parent.count {
        case 4: 6
        case 6: 9
        case 9: 12
        default: nil
        }
    }

    /// The total under `parent` and one figure per division one level below it (a community has no level below).
    public static func breakdown(_ facts: [CompoundPartyFact], under parent: String) -> (total: PartyCoverageFigure, children: [String: PartyCoverageFigure]) {
        var total = PartyCoverageFigure()
        var children: [String: PartyCoverageFigure] = [:]
        let length = childLength(of: parent)
        for fact in facts where fact.divisionCode.hasPrefix(parent) {
            total.add(fact)
            if let length, fact.divisionCode.count >= length {
                children[String(fact.divisionCode.prefix(length)), default: PartyCoverageFigure()].add(fact)
            }
        }
        return (total, children)
    }
}

/// A share of communities, counted: how many hold a rule out of how many there are.
public struct CommunityShare: Sendable, Hashable, Codable {
    public var communities = 0
    public var holding = 0

    public init(communities: Int = 0, holding: Int = 0) {
        self.communities = communities
        self.holding = holding
    }

    public var permille: Int? {
        guard communities > 0 else { return nil }
        return (holding * 2000 + communities) / (2 * communities)
    }

    /// "12.5%" from per mille; "—" when there is nothing to divide by.
    public static func percent(_ permille: Int?) -> String {
        guard let permille else { return "—" }
        return "\(permille / 10).\(permille % 10)%"
    }
}
