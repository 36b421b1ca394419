import Foundation
import Testing
@testable import ShequKernel

/// Quorum and majority from charters (S2). Named for the module so
/// `swift test --filter SelfGovernance` runs them with the rest.
@Suite struct SelfGovernanceRulesTests {
    let law = CharterRules.organicLaw

    @Test func moreThanHalfMeansExactlyHalfIsNotEnough() {
        #expect(!Threshold.moreThanHalf.isMet(50, of: 100))
        #expect(Threshold.moreThanHalf.isMet(51, of: 100))
        #expect(!Threshold.moreThanHalf.isMet(3, of: 7) && Threshold.moreThanHalf.isMet(4, of: 7))
        #expect(Threshold.moreThanHalf.smallestCount(of: 100) == 51)
        #expect(Threshold.moreThanHalf.smallestCount(of: 7) == 4)
        #expect(!Threshold.moreThanHalf.isMet(0, of: 0))
    }

    @Test func atLeastTwoThirdsIncludesTheBoundary() {
        #expect(Threshold.twoThirds.isMet(2, of: 3))
        #expect(Threshold.twoThirds.isMet(200, of: 300))
        #expect(!Threshold.twoThirds.isMet(199, of: 300))
        #expect(Threshold.twoThirds.smallestCount(of: 10) == 7)
    }

    @Test func aDecisionNeedsQuorumFirst() {
        // 1,000 adults, 500 present: exactly half is no quorum, so even a unanimous vote decides nothing.
        let t = DecisionTally(eligible: 1000, present: 500, inFavor: 500, against: 0, abstain: 0, rules: law)
        #expect(!t.quorumMet)
        #expect(!t.passed)
        let q = DecisionTally(eligible: 1000, present: 501, inFavor: 251, against: 200, abstain: 50, rules: law)
        #expect(q.quorumMet && q.passed)
    }

    @Test func tiesFailAndAbstentionsCountAgainstWhenTheBaseIsThosePresent() {
        let tie = DecisionTally(eligible: 10, present: 8, inFavor: 4, against: 4, abstain: 0, rules: law)
        #expect(tie.quorumMet && !tie.passed)
        // 5 of 10 present in favour is exactly half of those present: not passed.
        let abstained = DecisionTally(eligible: 12, present: 10, inFavor: 5, against: 2, abstain: 3, rules: law)
        #expect(!abstained.passed)
        var castOnly = law
        castOnly.majorityBase = .votesCast
        // Counting only votes cast, 5 for and 2 against passes.
        #expect(DecisionTally(eligible: 12, present: 10, inFavor: 5, against: 2, abstain: 3, rules: castOnly).passed)
    }

    @Test func householdVotingCountsHouseholdsNotPeople() {
        var rules = law
        rules.residentsAssemblyBase = .households
        // 300 households: 150 represented is no quorum, 151 is.
        #expect(!DecisionTally(eligible: 300, present: 150, inFavor: 150, against: 0, abstain: 0, rules: rules).quorumMet)
        let t = DecisionTally(eligible: 300, present: 151, inFavor: 76, against: 75, abstain: 0, rules: rules)
        #expect(t.quorumMet && t.passed)
    }

    @Test func aCharterWithAStricterRuleIsFollowed() {
        var strict = law
        strict.quorum = .twoThirds
        strict.majority = .twoThirds
        let t = DecisionTally(eligible: 90, present: 59, inFavor: 59, against: 0, abstain: 0, rules: strict)
        #expect(!t.quorumMet)
        let u = DecisionTally(eligible: 90, present: 60, inFavor: 40, against: 20, abstain: 0, rules: strict)
        #expect(u.quorumMet && u.passed)
        #expect(!DecisionTally(eligible: 90, present: 60, inFavor: 39, against: 21, abstain: 0, rules: strict).passed)
    }

    @Test func brokenRulesAreNamed() {
        var bad = law
        bad.quorum = Threshold(1, 3, strictlyMore: false)
        bad.majority = Threshold(3, 0, strictlyMore: true)
        bad.minimumAge = 12
        #expect(bad.problems() == ["majority", "minimumAge"])
        #expect(bad.belowTheLaw() == ["quorum"])
        #expect(law.problems().isEmpty && law.belowTheLaw().isEmpty)
    }

    /// Residents vote from eighteen (Organic Law Art. 8, 9): a younger age is below the law,
    /// and a charter stored with one before the check governs no vote with it.
    @Test func aMinimumAgeBelowEighteenIsBelowTheLaw() {
        var rules = law
        rules.minimumAge = 16
        #expect(rules.problems().isEmpty)
        #expect(rules.belowTheLaw() == ["minimumAge"])
        #expect(rules.raisedToTheLaw().minimumAge == 18)
        rules.minimumAge = 18
        #expect(rules.belowTheLaw().isEmpty)
        rules.minimumAge = 20
        #expect(rules.belowTheLaw().isEmpty && rules.raisedToTheLaw().minimumAge == 20)
    }

    /// "More than all of them" can never be met, so such a charter could decide nothing.
    @Test func aThresholdNoCountCanMeetIsABrokenRule() {
        let moreThanAll = Threshold(1, 1, strictlyMore: true)
        #expect(!moreThanAll.canBeMet && !moreThanAll.isMet(10, of: 10))
        #expect(Threshold(1, 1, strictlyMore: false).canBeMet && Threshold(999, 1000, strictlyMore: true).canBeMet)
        var rules = law
        rules.quorum = moreThanAll
        rules.majority = Threshold(7, 7, strictlyMore: true)
        #expect(rules.problems() == ["quorum", "majority"])
        rules.quorum = Threshold(1, 1, strictlyMore: false)
        rules.majority = Threshold(1000, 1000, strictlyMore: false)
        #expect(rules.problems().isEmpty)
    }

    /// Issue 9, finding 1: a charter's numbers come from a request; none may trap.
    @Test func thresholdsAtTheEdgesOfTheIntegersDecideWithoutTrapping() {
        let huge = Threshold(Int.max, Int.max, strictlyMore: false)
        #expect(huge.isMet(1, of: 1) && !huge.isMet(0, of: 1))
        #expect(Threshold(Int.max, 2, strictlyMore: true).isMet(Int.max, of: Int.max) == false)
        #expect(Threshold(1, 2, strictlyMore: true).isMet(Int.max, of: Int.max))
        #expect(!Threshold(Int.min, 2, strictlyMore: false).isValid)
        #expect(Threshold(1, 2, strictlyMore: true).smallestCount(of: Int.max) == Int.max / 2 + 1)
        #expect(Threshold(Int.max, 1, strictlyMore: true).smallestCount(of: 10) == 11)
        var rules = law
        rules.quorum = Threshold(Int.max, 2, strictlyMore: true)
        #expect(rules.problems() == ["quorum"])
        #expect(rules.belowTheLaw().isEmpty)
        rules.quorum = Threshold(1, Int.max, strictlyMore: true)
        #expect(rules.problems() == ["quorum"])
        rules.quorum = .moreThanHalf
        rules.migrantsVoteAfterMonths = Int.max
        rules.representativesPerGroup = 1...Int.max
        #expect(rules.problems() == ["migrantsVoteAfterMonths", "representativesPerGroup"])
        _ = DecisionTally(eligible: Int.max, present: Int.max, inFavor: Int.max, against: 0, abstain: 0,
                          rules: CharterRules(quorum: Threshold(Int.max, Int.max, strictlyMore: true)))
    }

    /// Issue 9, finding 10 (c): the Organic Law (2018 Art. 9) is the floor.
    @Test func theOrganicLawIsTheFloorForQuorumAndMajority() {
        var rules = law
        rules.quorum = Threshold(1, 2, strictlyMore: false)
        rules.majority = Threshold(49, 100, strictlyMore: true)
        #expect(rules.belowTheLaw() == ["quorum", "majority"])
        rules.quorum = Threshold(501, 1000, strictlyMore: false)
        rules.majority = .twoThirds
        #expect(rules.belowTheLaw().isEmpty)
        rules.majorityBase = .votesCast
        #expect(rules.belowTheLaw() == ["majorityBase"])
        var loose = law
        loose.quorum = Threshold(1, 3, strictlyMore: false)
        loose.majorityBase = .votesCast
        loose.majority = .twoThirds
        let raised = loose.raisedToTheLaw()
        #expect(raised.quorum == .moreThanHalf && raised.majority == .twoThirds && raised.majorityBase == .present)
        #expect(raised.belowTheLaw().isEmpty)
    }
}

@Suite struct SelfGovernanceResidencePeriodTests {
    @Test func monthsAreCalendarMonthsEndingOnTheLastDayWhenShorter() {
        #expect(LocalDate("2026-08-31")!.monthsEarlier(6).description == "2026-02-28")
        #expect(LocalDate("2026-03-15")!.monthsEarlier(3).description == "2025-12-15")
        #expect(LocalDate("2028-08-29")!.monthsEarlier(6).description == "2028-02-29")
        #expect(LocalDate("2026-01-10")!.monthsEarlier(0).description == "2026-01-10")
        #expect(LocalDate("2026-01-10")!.monthsEarlier(25).description == "2023-12-10")
        _ = LocalDate("2026-01-10")!.monthsEarlier(Int.max)
    }
}

@Suite struct SelfGovernanceMatterStageTests {
    @Test func aMatterWalksTheWholeChainInOrder() throws {
        var stage = MatterStage.raised
        for step in [MatterStep.takeUp, .recommend, .adopt, .finishExecution, .sendBack, .finishExecution, .close] {
            stage = try step.next(from: stage)
        }
        #expect(stage == .closed)
    }

    @Test func stepsOutOfOrderAreRefusedNamingTheStage() {
        #expect(throws: MatterStep.Refusal.outOfOrder(stage: .raised, step: .adopt)) { try MatterStep.adopt.next(from: .raised) }
        #expect(throws: MatterStep.Refusal.outOfOrder(stage: .deliberation, step: .finishExecution)) {
            try MatterStep.finishExecution.next(from: .deliberation)
        }
        #expect(throws: MatterStep.Refusal.self) { try MatterStep.close.next(from: .execution) }
        for step in MatterStep.allCases {
            #expect(throws: MatterStep.Refusal.self) { try step.next(from: .closed) }
            #expect(throws: MatterStep.Refusal.self) { try step.next(from: .rejected) }
        }
    }
}

@Suite struct SelfGovernanceAgeTests {
    @Test func comingOfAgeIsTheBirthdayItself() {
        let day = LocalDate("2026-11-27")!
        #expect(day.yearsEarlier(18).description == "2008-11-27")
        #expect(LocalDate("2028-02-29")!.yearsEarlier(18).description == "2010-02-28")
    }
}

@Suite struct SelfGovernanceCalendarTests {
    @Test func eventsAreEscapedFoldedAndInUTC() {
        let start = Date(timeIntervalSince1970: 1_796_000_400) // 2026-11-30T01:00:00Z
        let doc = ICalendar.document(name: "紫荆社区", events: [
            .init(uid: "a@shequ", start: start, minutes: 90, summary: "居民会议; 加装电梯, 第二次", location: "社区活动室",
                  status: "TENTATIVE")], stamp: start)
        #expect(doc.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(doc.contains("DTSTART:20261130T010000Z\r\n"))
        #expect(doc.contains("DTEND:20261130T023000Z\r\n"))
        #expect(doc.contains("SUMMARY:居民会议\\; 加装电梯\\, 第二次\r\n"))
        #expect(doc.hasSuffix("END:VCALENDAR\r\n"))
        let long = ICalendar.fold("SUMMARY:" + String(repeating: "议", count: 40))
        #expect(long.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(long.replacingOccurrences(of: "\r\n ", with: "") == "SUMMARY:" + String(repeating: "议", count: 40))
    }
}

@Suite struct SelfGovernanceBeijingTimeTests {
    @Test func instantsReadInChinaStandardTime() {
        let start = Date(timeIntervalSince1970: 1_796_000_400) // 2026-11-30T01:00:00Z
        #expect(BeijingTime.text(start) == "2026-11-30 09:00")
        #expect(BeijingTime.text(iso: "2026-11-30T16:30:00.000Z") == "2026-12-01 00:30")
        #expect(BeijingTime.text(iso: "not a time") == "not a time")
    }
}
