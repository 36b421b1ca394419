import Foundation
import ShequKernel
import Testing

/// The kernel's procurement rules: integer scoring, B2's preference, the stages and Art. 24's term.
@Suite struct PanelScoringTests {
    let criteria = [ScoringCriterion(weight: 60, isQuality: true), ScoringCriterion(weight: 20, isQuality: false),
                    ScoringCriterion(weight: 20, isQuality: false)]

    @Test func weightedMeansInHundredthsRoundHalfUp() throws {
        let one = try PanelScoring.result(criteria: criteria, sheets: [[90, 80, 70]])
        #expect(one == PanelScoring.Result(total: 8400, quality: 5400, sheets: 1))
        // (80+71+70)·60 + (80+80+81)·20 + (90+80+80)·20 = 13260 + 4820 + 5000 = 23080 over 3 = 7693.33 → 7693.
        let three = try PanelScoring.result(criteria: criteria, sheets: [[80, 80, 90], [71, 80, 80], [70, 81, 80]])
        #expect(three.total == 7693 && three.quality == 4420)
        // 1 over 2 is a half: rounds up.
        let half = try PanelScoring.result(criteria: [ScoringCriterion(weight: 100, isQuality: true)], sheets: [[0], [1]])
        #expect(half.total == 50)
        let odd = try PanelScoring.result(criteria: [ScoringCriterion(weight: 1, isQuality: true), ScoringCriterion(weight: 99, isQuality: false)],
                                          sheets: [[1, 0], [0, 0], [0, 0]])
        #expect(odd.total == 0 && odd.quality == 0)
        #expect(PanelScoring.text(8400) == "84.00" && PanelScoring.text(7693) == "76.93" && PanelScoring.text(5) == "0.05")
    }

    @Test func badCriteriaAndSheetsAreRefused() {
        #expect(throws: PanelScoring.Refusal.weightsMustTotal100(90)) {
            try PanelScoring.checkWeights([ScoringCriterion(weight: 60, isQuality: true), ScoringCriterion(weight: 30, isQuality: false)])
        }
        #expect(throws: PanelScoring.Refusal.noQualityCriterion) { try PanelScoring.checkWeights([ScoringCriterion(weight: 100, isQuality: false)]) }
        #expect(throws: PanelScoring.Refusal.weightOutOfRange(0)) {
            try PanelScoring.checkWeights([ScoringCriterion(weight: 100, isQuality: true), ScoringCriterion(weight: 0, isQuality: false)])
        }
        #expect(throws: PanelScoring.Refusal.scoreOutOfRange(101)) { try PanelScoring.checkSheet([101, 0, 0], criteria: criteria) }
        #expect(throws: PanelScoring.Refusal.scoreOutOfRange(-1)) { try PanelScoring.checkSheet([-1, 0, 0], criteria: criteria) }
        #expect(throws: PanelScoring.Refusal.wrongNumberOfScores(expected: 3, got: 2)) { try PanelScoring.checkSheet([1, 2], criteria: criteria) }
        #expect(throws: PanelScoring.Refusal.noScores) { try PanelScoring.result(criteria: criteria, sheets: []) }
    }

    @Test func theSocialOrganisationPreference() {
        func c(_ id: String, social: Bool = true, total: Int, quality: Int) -> SocialOrganizationPreference.Candidate<String> {
            .init(id: id, isSocialOrganization: social, result: PanelScoring.Result(total: total, quality: quality, sheets: 1))
        }
        let field = [c("a", total: 8400, quality: 5400), c("b", total: 7900, quality: 4500), c("firm", social: false, total: 9000, quality: 5000)]
        // The best social organisation of at least the winner's quality: a for b's award, a for the firm's.
        #expect(SocialOrganizationPreference.needsReason(winner: "b", among: field))
        #expect(SocialOrganizationPreference.needsReason(winner: "firm", among: field))
        #expect(!SocialOrganizationPreference.needsReason(winner: "a", among: field))
        // A firm of better quality than every social organisation needs no reason: none can match its quality.
        let better = [c("a", total: 7000, quality: 4000), c("firm", social: false, total: 9000, quality: 5500)]
        #expect(!SocialOrganizationPreference.needsReason(winner: "firm", among: better))
        // A tie with the winner is no pass-over.
        let tie = [c("a", total: 8000, quality: 5000), c("b", total: 8000, quality: 5000)]
        #expect(!SocialOrganizationPreference.needsReason(winner: "b", among: tie))
        // Lower quality than the winner: not "the same quality", so not preferred.
        let lower = [c("a", total: 9000, quality: 3000), c("b", total: 8000, quality: 5000)]
        #expect(!SocialOrganizationPreference.needsReason(winner: "b", among: lower))
    }

    @Test func stagesAndTerms() throws {
        #expect(try ProcurementStep.publishCall.next(from: .planned) == .callOpen)
        #expect(try ProcurementStep.evaluate.next(from: .contracted) == .evaluated)
        #expect(throws: ProcurementStep.Refusal.outOfOrder(stage: .planned, step: .award)) { try ProcurementStep.award.next(from: .planned) }
        #expect(throws: ProcurementStep.Refusal.outOfOrder(stage: .evaluated, step: .publishCall)) { try ProcurementStep.publishCall.next(from: .evaluated) }
        #expect(ProcurementMethod.direct.needsReason && ProcurementMethod.direct.invitees == 1...1 && ProcurementMethod.open.invitees == 0...0)
        try PurchaseTerm.check(months: 12, longTermReason: nil)
        try PurchaseTerm.check(months: 36, longTermReason: "稳定持续")
        #expect(throws: PurchaseTerm.Refusal.reasonRequired(months: 13)) { try PurchaseTerm.check(months: 13, longTermReason: "  ") }
        #expect(throws: PurchaseTerm.Refusal.tooLong(months: 37)) { try PurchaseTerm.check(months: 37, longTermReason: "x") }
        #expect(throws: PurchaseTerm.Refusal.notPositive) { try PurchaseTerm.check(months: 0, longTermReason: nil) }
    }
}
