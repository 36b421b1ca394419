import Testing
@testable import ShequKernel

/// P2's qualification rule and coverage arithmetic, P3's three-in-one rule: pure, so checked here case by case.
@Suite struct PartyRulesTests {
    let d2010 = LocalDate("2010-01-01")!, d2024 = LocalDate("2024-07-01")!

    @Test func theRuleInForceIsTheLatestThatTookEffect() {
        let rules = [PartyQualificationRule(effectiveFrom: d2010, minimumFullMembers: 3),
                     PartyQualificationRule(effectiveFrom: d2024, minimumFullMembers: 5)]
        #expect(PartyQualificationRule.inForce(on: LocalDate("2024-06-30")!, among: rules).minimumFullMembers == 3)
        #expect(PartyQualificationRule.inForce(on: d2024, among: rules).minimumFullMembers == 5)
        #expect(PartyQualificationRule.inForce(on: LocalDate("2009-12-31")!, among: rules) == .common, "before any rule, the common one")
        #expect(PartyQualificationRule.inForce(on: d2024, among: []).minimumFullMembers == 3)
    }

    @Test func threeFullMembersQualify() {
        let rule = PartyQualificationRule.common
        #expect(!rule.qualifies(fullMembers: 0))
        #expect(!rule.qualifies(fullMembers: 2))
        #expect(rule.qualifies(fullMembers: 3))
        #expect(rule.qualifies(fullMembers: 40))
        // A rule of zero would make every committee qualify with nobody: at least one member is always needed.
        #expect(!PartyQualificationRule(effectiveFrom: d2010, minimumFullMembers: 0).qualifies(fullMembers: 0))
    }

    @Test func aMemberWhoLivesInTheCompoundAndSitsOnItsCommitteeCountsOnce() {
        #expect(PartyQualificationCount.fullMembers(residentsOfCompound: ["a", "b"], committeeMembers: ["b", "c"]) == 3)
        #expect(PartyQualificationCount.fullMembers(residentsOfCompound: [], committeeMembers: []) == 0)
    }

    @Test func coverageAddsUpByLevel() {
        let facts = [
            CompoundPartyFact(divisionCode: "440402001001", qualifies: true, hasOrganization: true),
            CompoundPartyFact(divisionCode: "440402001001", qualifies: true, hasOrganization: false),
            CompoundPartyFact(divisionCode: "440402001002", qualifies: false, hasOrganization: true),
            CompoundPartyFact(divisionCode: "440402002001", qualifies: true, hasOrganization: true),
            CompoundPartyFact(divisionCode: "440403001001", qualifies: false, hasOrganization: false),
        ]
        let city = PartyCoverage.breakdown(facts, under: "4404")
        #expect(city.total.ownersCommittees == 5 && city.total.qualifying == 3 && city.total.qualifyingCovered == 2 && city.total.withOrganization == 3)
        #expect(city.total.coveragePermille == 667 && city.total.uncovered == 1 && !city.total.targetMet)
        #expect(city.children["440402"]?.qualifying == 3 && city.children["440403"]?.qualifying == 0)
        #expect(city.children["440403"]?.coveragePermille == nil, "nothing qualifies: no rate, not 0% nor 100%")
        #expect(city.children["440403"]?.targetMet == true)
        let street = PartyCoverage.breakdown(facts, under: "440402001")
        #expect(street.total.qualifying == 2 && street.total.qualifyingCovered == 1 && street.total.coveragePermille == 500)
        #expect(street.children.keys.sorted() == ["440402001001", "440402001002"])
        let community = PartyCoverage.breakdown(facts, under: "440402001001")
        #expect(community.total.ownersCommittees == 2 && community.children.isEmpty)
        // The levels' figures are sums of the same facts: the streets of a district add up to the district.
        let district = PartyCoverage.breakdown(facts, under: "440402")
        let sum = district.children.values.reduce(0) { $0 + $1.qualifyingCovered }
        #expect(sum == district.total.qualifyingCovered)
    }

    @Test func sharesRoundHalfUpInPerMille() {
        #expect(CommunityShare(communities: 3, holding: 1).permille == 333)
        #expect(CommunityShare(communities: 3, holding: 2).permille == 667)
        #expect(CommunityShare(communities: 8, holding: 1).permille == 125)
        #expect(CommunityShare(communities: 0, holding: 0).permille == nil)
        #expect(CommunityShare.percent(667) == "66.7%" && CommunityShare.percent(nil) == "—" && CommunityShare.percent(1000) == "100.0%")
    }

    @Test func threeInOneNeedsTheSameResidentAndACrossStaffedStation() {
        let full = ThreeInOneFacts(hasPartyOrganization: true, secretary: "r1", committeeChair: "r1", partyOfficers: ["r1", "r2"],
                                   committeeMembers: ["r1", "r3"], stationStaff: ["r3"])
        #expect(ThreeInOne.holds(full))
        var f = full
        f.committeeChair = "r2"
        #expect(!ThreeInOne.holds(f) && ThreeInOne.met(f)[.secretaryChairs] == false, "a secretary who does not chair the committee")
        f = full
        f.stationStaff = ["r9"]
        #expect(!ThreeInOne.holds(f) && ThreeInOne.met(f)[.stationCrossStaffed] == false, "a station staffed apart")
        f = full
        f.hasPartyOrganization = false
        #expect(!ThreeInOne.holds(f))
        f = full
        f.secretary = nil
        f.committeeChair = nil
        #expect(!ThreeInOne.holds(f) && ThreeInOne.met(f)[.secretaryChairs] == false, "nobody in both posts is not the same person")
    }
}
