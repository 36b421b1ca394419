import Testing
@testable import ShequKernel

private func day(_ s: String) -> LocalDate { LocalDate(s)! }

private func bad(_ severity: IntegritySeverity, _ on: String, fine: Int64? = nil) -> CreditFacts.Entry {
    CreditFacts.Entry(kind: .bad, severity: severity, fine: fine.map { Money(fen: $0) }, occurredOn: day(on))
}

private func good(_ on: String) -> CreditFacts.Entry { CreditFacts.Entry(kind: .good, severity: .commendation, occurredOn: day(on)) }

/// 社会组织信用信息管理办法 §4 of the reference facts: how an organisation gets on and off the two lists, by date.
@Suite struct CreditListTests {
    /// Registered 2023; every report on time.
    let onTime: [Int: LocalDate] = [2023: day("2024-05-10"), 2024: day("2025-06-30")]

    @Test func aReportNotFiledBy30JuneListsItOn1July() {
        var facts = CreditFacts(registeredOn: day("2023-03-01"), reportsFiledOn: [2023: day("2024-05-10")])
        #expect(CreditLists.standing(facts, on: day("2025-06-30")).abnormal == nil)
        let listed = CreditLists.standing(facts, on: day("2025-07-01")).abnormal
        #expect(listed?.since == day("2025-07-01") && listed?.reasons == [.annualReportMissing(year: 2024)])
        // Something to rectify: no automatic removal, only filing and applying.
        #expect(listed?.wayOff(facts, on: day("2025-07-01")) == .rectifyAndApply(missingYears: [2024]))
        #expect(CreditLists.removalRefusal(.abnormal, facts, on: day("2025-08-01")) == .dutyUnfulfilled)
        // Filed late, then applied for: off that day, and the late report is not forgotten.
        facts.reportsFiledOn[2024] = day("2025-08-01")
        #expect(CreditLists.removalRefusal(.abnormal, facts, on: day("2025-08-04")) == nil)
        facts.removals = [CreditFacts.Removal(list: .abnormal, on: day("2025-08-04"))]
        let after = CreditLists.standing(facts, on: day("2025-08-04"))
        #expect(after.abnormal == nil && after.ended.first?.endedBy == .removed)
        // Still a late report: no A, but no C either once off the list.
        #expect(SupervisionClass.of(facts, on: day("2025-09-01")).0 == .b)
        // A year not yet due is no duty: registered in 2025, nothing is due before 1 July 2026.
        #expect(CreditLists.reportYearsDue(registeredOn: day("2025-12-31"), on: day("2026-06-30")) == [])
        #expect(CreditLists.reportYearsDue(registeredOn: day("2025-12-31"), on: day("2026-07-01")) == [2025])
    }

    @Test func aWarningListsItAndSixMonthsTakeItOffUnlessANewEventRestartsTheClock() {
        var facts = CreditFacts(registeredOn: day("2023-03-01"), entries: [bad(.warning, "2025-01-15")], reportsFiledOn: onTime)
        #expect(CreditLists.standing(facts, on: day("2025-01-15")).abnormal?.reasons == [.penalty(.warning, on: day("2025-01-15"))])
        #expect(CreditLists.standing(facts, on: day("2025-01-15")).abnormal?.wayOff(facts, on: day("2025-01-15")) == .automatic(on: day("2025-07-15")))
        #expect(CreditLists.standing(facts, on: day("2025-07-14")).abnormal != nil)
        let off = CreditLists.standing(facts, on: day("2025-07-15"))
        #expect(off.abnormal == nil && off.ended.first?.endedBy == .automatic && off.ended.first?.endedOn == day("2025-07-15"))
        // A small fine is a listable event too: a notice is not.
        facts.entries = [bad(.fine, "2025-01-15", fine: 4_999_999), bad(.notice, "2025-05-01")]
        #expect(CreditLists.standing(facts, on: day("2025-07-15")).abnormal == nil)
        #expect(CreditLists.standing(facts, on: day("2025-07-14")).abnormal?.clock == day("2025-01-15"))
    }

    @Test func twoPenaltiesWithinThreeYearsListItAsDishonestAndAnyNewOneRestartsTheTwoYears() {
        let facts = CreditFacts(registeredOn: day("2020-03-01"),
                                entries: [bad(.warning, "2022-02-01"), bad(.fine, "2025-01-31", fine: 100_000)],
                                reportsFiledOn: [2020: day("2021-05-01"), 2021: day("2022-05-01"), 2022: day("2023-05-01"), 2023: day("2024-05-01"),
                                                 2024: day("2025-05-01"), 2025: day("2026-05-01"), 2026: day("2027-05-01")])
        let now = CreditLists.standing(facts, on: day("2025-02-01"))
        #expect(now.dishonest?.reasons == [.repeatedPenalties(count: 2, on: day("2025-01-31"))])
        #expect(now.dishonest?.earliestApplication == day("2027-01-31"))
        #expect(SupervisionClass.of(facts, on: day("2025-02-01")) == (.d, .dishonestList(since: day("2025-01-31"))))
        #expect(CreditLists.removalRefusal(.dishonest, facts, on: day("2027-01-30")) == .tooEarly(day("2027-01-31")))
        #expect(CreditLists.removalRefusal(.dishonest, facts, on: day("2027-01-31")) == nil)
        // Three years and a day apart: the earlier no longer counts, so only the abnormal list.
        let apart = CreditFacts(registeredOn: day("2020-03-01"), entries: [bad(.warning, "2022-01-30"), bad(.warning, "2025-01-31")],
                                reportsFiledOn: facts.reportsFiledOn)
        #expect(CreditLists.standing(apart, on: day("2025-02-01")).dishonest == nil)
        // A new listable event while listed restarts the dishonesty clock.
        var again = facts
        again.entries.append(bad(.warning, "2026-06-01"))
        #expect(CreditLists.standing(again, on: day("2026-06-01")).dishonest?.earliestApplication == day("2028-06-01"))
    }

    @Test func seriousPenaltiesListItAsDishonestAtOnceAndARevocationNeverComesOffByApplication() {
        for entry in [bad(.fine, "2025-03-03", fine: 5_000_000), bad(.suspension, "2025-03-03"), bad(.judgmentDefaulter, "2025-03-03")] {
            let facts = CreditFacts(registeredOn: day("2024-01-01"), entries: [entry])
            #expect(CreditLists.standing(facts, on: day("2025-03-03")).dishonest?.since == day("2025-03-03"), "\(entry.severity)")
        }
        let revoked = CreditFacts(registeredOn: day("2024-01-01"), entries: [bad(.revocation, "2025-03-03")])
        let listing = CreditLists.standing(revoked, on: day("2030-01-01")).dishonest
        #expect(listing?.wayOff(revoked, on: day("2030-01-01")) == .deregistration)
        #expect(CreditLists.removalRefusal(.dishonest, revoked, on: day("2030-01-01")) == .onlyByDeregistration)
        #expect(CreditLists.removalRefusal(.abnormal, revoked, on: day("2030-01-01")) == .notListed)
    }

    @Test func twoYearsOnTheAbnormalListMoveItToTheDishonestListWithItsDutyStillOwed() {
        let facts = CreditFacts(registeredOn: day("2022-05-01"), reportsFiledOn: [2022: day("2023-06-01")])
        // 2023's report never filed: abnormal from 1 July 2024, dishonest two years later.
        #expect(CreditLists.standing(facts, on: day("2026-06-30")).abnormal?.since == day("2024-07-01"))
        let moved = CreditLists.standing(facts, on: day("2026-07-01"))
        #expect(moved.abnormal == nil && moved.ended.last?.endedBy == .escalated)
        #expect(moved.dishonest?.reasons.first == .abnormalTwoYears(since: day("2024-07-01")))
        // Each further report missed is new conduct: the two years restart, from 1 July 2028's on that day.
        #expect(CreditLists.removalRefusal(.dishonest, facts, on: day("2028-07-01")) == .tooEarly(day("2030-07-01")))
        var filed = facts
        for year in 2024...2027 { filed.reportsFiledOn[year] = day("2028-06-01") }
        filed.reportsFiledOn[2028] = day("2029-03-01")
        // Two years without new conduct are not enough while a report is still missing.
        #expect(CreditLists.removalRefusal(.dishonest, filed, on: day("2029-07-01")) == .dutyUnfulfilled)
        filed.reportsFiledOn[2023] = day("2029-06-01")
        #expect(CreditLists.removalRefusal(.dishonest, filed, on: day("2029-07-01")) == nil)
    }

    @Test func correctionsReplaceWhatTheyCorrect() {
        let entries: [(id: Int, corrects: Int?, entry: CreditFacts.Entry)] = [
            (1, nil, bad(.warning, "2025-01-01")), (2, 1, bad(.notice, "2025-01-01")),
            (3, nil, bad(.suspension, "2025-02-01")), (4, 3, CreditFacts.Entry(kind: .bad, severity: .annulled, occurredOn: day("2025-02-01"))),
        ]
        let kept = SupervisionClass.inForce(entries)
        #expect(kept.count == 1 && kept.first?.severity == .notice)
    }
}

@Suite struct SupervisionClassTests {
    let reports: [Int: LocalDate] = [2023: day("2024-05-10"), 2024: day("2025-06-01")]

    @Test func theClassFollowsTheStatedRulesInOrder() {
        let registered = day("2023-03-01"), today = day("2025-12-01")
        // A: a good entry in 24 months, no bad, every report on time.
        let a = CreditFacts(registeredOn: registered, entries: [good("2024-06-01")], reportsFiledOn: reports)
        #expect(SupervisionClass.of(a, on: today) == (.a, .goodRecord(lastGood: day("2024-06-01"))))
        // B: nothing good recently.
        let b = CreditFacts(registeredOn: registered, entries: [good("2023-06-01")], reportsFiledOn: reports)
        #expect(SupervisionClass.of(b, on: today) == (.b, .general(noRecentGood: true, badWithin24Months: nil, lateReports: [])))
        // B: a bad entry 13 months ago keeps it from A, no longer C.
        let older = CreditFacts(registeredOn: registered, entries: [good("2025-06-01"), bad(.notice, "2024-11-01")], reportsFiledOn: reports)
        #expect(SupervisionClass.of(older, on: today).0 == .b)
        // C: a bad entry in the last 12 months.
        let c = CreditFacts(registeredOn: registered, entries: [good("2025-06-01"), bad(.notice, "2025-09-01")], reportsFiledOn: reports)
        #expect(SupervisionClass.of(c, on: today) == (.c, .recentBadEntry(on: day("2025-09-01"))))
        // C: on the abnormal list (2024's report missing).
        let missing = CreditFacts(registeredOn: registered, entries: [good("2025-06-01")], reportsFiledOn: [2023: day("2024-05-10")])
        #expect(SupervisionClass.of(missing, on: today) == (.c, .abnormalList(since: day("2025-07-01"))))
        // D beats everything.
        let d = CreditFacts(registeredOn: registered, entries: [good("2025-06-01"), bad(.suspension, "2025-10-01")], reportsFiledOn: reports)
        #expect(SupervisionClass.of(d, on: today).0 == .d)
        // A late report keeps it from A even once it is off the abnormal list.
        let late = CreditFacts(registeredOn: registered, entries: [good("2025-06-01")], reportsFiledOn: [2023: day("2024-07-02"), 2024: day("2025-06-01")],
                               removals: [CreditFacts.Removal(list: .abnormal, on: day("2024-07-10"))])
        #expect(SupervisionClass.of(late, on: today) == (.b, .general(noRecentGood: false, badWithin24Months: nil, lateReports: [2023])))
    }

    @Test func severitiesFitTheirKind() {
        #expect(IntegritySeverity.commendation.fits(.good) && !IntegritySeverity.commendation.fits(.bad))
        #expect(IntegritySeverity.warning.fits(.bad) && !IntegritySeverity.warning.fits(.good))
        #expect(LocalDate("2024-08-31")!.monthsLater(6) == LocalDate("2025-02-28")!)
    }
}
