import ShequKernel
import Testing

@Suite struct WorkerGradingTests {
    let rules = WorkerGradeRules.sanGangShiBaJi

    @Test func theDefaultTableIsValidAndStartsEachPostAtItsLowestGrade() throws {
        try rules.validate()
        #expect(try rules.grade(WorkerFacts(post: "head", serviceYears: 0, education: .secondary)).grade == 7)
        #expect(try rules.grade(WorkerFacts(post: "deputy", serviceYears: 0, education: .secondary)).grade == 4)
        #expect(try rules.grade(WorkerFacts(post: "staff", serviceYears: 0, education: .secondary)).grade == 1)
    }

    @Test func oneGradeEveryThreeYears() throws {
        #expect(try rules.grade(WorkerFacts(post: "staff", serviceYears: 2, education: .secondary)).grade == 1)
        #expect(try rules.grade(WorkerFacts(post: "staff", serviceYears: 3, education: .secondary)).grade == 2)
        #expect(try rules.grade(WorkerFacts(post: "staff", serviceYears: 9, education: .college)).grade == 4)
    }

    @Test func educationCountsAsServiceYears() throws {
        #expect(try rules.grade(WorkerFacts(post: "staff", serviceYears: 0, education: .bachelor)).grade == 2)
        let master = try rules.grade(WorkerFacts(post: "staff", serviceYears: 1, education: .master))
        #expect(master.countedYears == 6 && master.grade == 3)
        #expect(try rules.grade(WorkerFacts(post: "staff", serviceYears: 2, education: .doctorate)).grade == 4)
    }

    @Test func onlyTheHighestCertificateCounts() throws {
        let g = try rules.grade(WorkerFacts(post: "staff", serviceYears: 0, education: .secondary, certificates: [.junior, .intermediate]))
        #expect(g.grade == 3 && g.certificate == .intermediate && g.certificateBonus == 2)
        #expect(try rules.grade(WorkerFacts(post: "staff", serviceYears: 0, education: .secondary, certificates: [.senior, .junior])).grade == 4)
    }

    @Test func appraisalsMoveCountedYearsNeverBelowNone() throws {
        let good = try rules.grade(WorkerFacts(post: "staff", serviceYears: 2, education: .secondary, appraisals: [.excellent]))
        #expect(good.appraisalYears == 1 && good.grade == 2)
        let bad = try rules.grade(WorkerFacts(post: "staff", serviceYears: 0, education: .secondary, appraisals: [.incompetent, .incompetent]))
        #expect(bad.countedYears == 0 && bad.grade == 1)
    }

    @Test func aPostsHighestGradeCapsIt() throws {
        let g = try rules.grade(WorkerFacts(post: "deputy", serviceYears: 60, education: .doctorate, certificates: [.senior]))
        #expect(g.grade == 15 && g.capped)
        #expect(g.payBandFen == rules.payBandsFen[14])
    }

    @Test func fullYearsCountAnniversaries() throws {
        let start = try #require(LocalDate("2020-03-15"))
        #expect(WorkerGradeRules.fullYears(from: start, to: try #require(LocalDate("2023-03-14"))) == 2)
        #expect(WorkerGradeRules.fullYears(from: start, to: try #require(LocalDate("2023-03-15"))) == 3)
        #expect(WorkerGradeRules.fullYears(from: start, to: try #require(LocalDate("2019-01-01"))) == 0)
    }

    @Test func hugeNumbersAreRefusedNotTrapped() {
        var r = rules
        r.appraisalYears = [AppraisalResult.excellent.rawValue: 5]
        #expect(throws: WorkerGradeRules.Problem.overflow) {
            try r.grade(WorkerFacts(post: "staff", serviceYears: Int.max, education: .secondary, appraisals: [.excellent]))
        }
        #expect(throws: WorkerGradeRules.Problem.unknownPost("chief")) { try r.grade(WorkerFacts(post: "chief", serviceYears: 0, education: .master)) }
        #expect(throws: WorkerGradeRules.Problem.valueOutOfRange("serviceYears")) {
            try r.grade(WorkerFacts(post: "staff", serviceYears: -1, education: .master))
        }
    }

    @Test func aTableThatCannotGradeEveryoneIsRefused() {
        var r = rules
        r.payBandsFen = Array(r.payBandsFen.prefix(12))
        #expect(throws: WorkerGradeRules.Problem.noBandFor(grade: 18)) { try r.validate() }
        r = rules
        r.payBandsFen[5] = 1
        #expect(throws: WorkerGradeRules.Problem.bandsDecrease(grade: 6)) { try r.validate() }
        r = rules
        r.stepYears = 0
        #expect(throws: WorkerGradeRules.Problem.stepYearsOutOfRange) { try r.validate() }
        r = rules
        r.posts.append(r.posts[0])
        #expect(throws: WorkerGradeRules.Problem.duplicatePost("head")) { try r.validate() }
        r = rules
        r.posts[2].lowest = 13
        #expect(throws: WorkerGradeRules.Problem.gradeOutOfRange("staff")) { try r.validate() }
        r = rules
        r.certificateBonus["senior"] = 99
        #expect(throws: WorkerGradeRules.Problem.valueOutOfRange("certificateBonus.senior")) { try r.validate() }
        r = rules
        r.educationYears["phd"] = 7
        #expect(throws: WorkerGradeRules.Problem.unknownKey("educationYears.phd")) { try r.validate() }
        r = rules
        r.payBandsFen[0] = -1
        #expect(throws: WorkerGradeRules.Problem.bandOutOfRange(grade: 1)) { try r.validate() }
    }
}
