/// One criterion the panel scores: its weight in percent of the whole, and whether it measures the quality of
/// the service (B2 compares organisations by quality).
public struct ScoringCriterion: Sendable, Hashable {
    public let weight: Int
    public let isQuality: Bool

    public init(weight: Int, isQuality: Bool) {
        self.weight = weight
        self.isQuality = isQuality
    }
}

/// A panel's scores, in integers only: every member scores every criterion 0…100; an application's result is
/// the weighted mean over the members who scored it (a member who declared a conflict is not among them), in
/// hundredths of a point (0…10000), rounded half up. Every product and sum is checked.
public enum PanelScoring {
    public static let maxScore = 100
    public static let maxMembers = 15

    public enum Refusal: Error, Equatable {
        case weightsMustTotal100(Int)
        case weightOutOfRange(Int)
        case noQualityCriterion
        case wrongNumberOfScores(expected: Int, got: Int)
        case scoreOutOfRange(Int)
        case noScores
        case overflow
    }

    public struct Result: Sendable, Hashable {
        /// Hundredths of a point, 0…10000.
        public let total: Int
        /// The share of `total` the quality criteria earned, in hundredths of a point.
        public let quality: Int
        public let sheets: Int

        public init(total: Int, quality: Int, sheets: Int) {
            self.total = total
            self.quality = quality
            self.sheets = sheets
        }
    }

    public static func checkWeights(_ criteria: [ScoringCriterion]) throws(Refusal) {
        var sum = 0
        for c in criteria {
            guard (1...100).contains(c.weight) else { throw .weightOutOfRange(c.weight) }
            sum += c.weight
        }
        guard sum == 100 else { throw .weightsMustTotal100(sum) }
        guard criteria.contains(where: \.isQuality) else { throw .noQualityCriterion }
    }

    public static func checkSheet(_ scores: [Int], criteria: [ScoringCriterion]) throws(Refusal) {
        guard scores.count == criteria.count else { throw .wrongNumberOfScores(expected: criteria.count, got: scores.count) }
        for s in scores where !(0...maxScore).contains(s) { throw .scoreOutOfRange(s) }
    }

    public static func result(criteria: [ScoringCriterion], sheets: [[Int]]) throws(Refusal) -> Result {
        try checkWeights(criteria)
        guard !sheets.isEmpty else { throw .noScores }
        var total = 0, quality = 0
        for (i, c) in criteria.enumerated() {
            var sum = 0
            for sheet in sheets {
                try checkSheet(sheet, criteria: criteria)
                sum = try add(sum, sheet[i])
            }
            let weighted = try multiply(sum, c.weight)
            total = try add(total, weighted)
            if c.isQuality { quality = try add(quality, weighted) }
        }
        return Result(total: try roundedMean(total, sheets.count), quality: try roundedMean(quality, sheets.count), sheets: sheets.count)
    }

    /// "87.35": hundredths of a point as people read a score.
    public static func text(_ hundredths: Int) -> String {
        let whole = hundredths / 100, frac = hundredths % 100
        return "\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }

    static func add(_ a: Int, _ b: Int) throws(Refusal) -> Int {
        let (r, o) = a.addingReportingOverflow(b)
        guard !o else { throw .overflow }
        return r
    }

    static func multiply(_ a: Int, _ b: Int) throws(Refusal) -> Int {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        guard !o else { throw .overflow }
        return r
    }

    /// `sum / count`, half up, for non-negative sums.
    static func roundedMean(_ sum: Int, _ count: Int) throws(Refusal) -> Int {
        let doubled = try multiply(sum, 2)
        return try add(doubled, count) / (2 * count)
    }
}

/// B2: where a social organisation can provide the same service at the same quality, it is bought from it first.
/// Among the candidates that are social organisations and scored at least the winner's quality, the preferred one
/// is the best total (then the best quality). An award to anyone else needs its reason recorded and shown.
public enum SocialOrganizationPreference {
    public struct Candidate<ID: Hashable & Sendable>: Sendable {
        public let id: ID
        public let isSocialOrganization: Bool
        public let result: PanelScoring.Result

        public init(id: ID, isSocialOrganization: Bool, result: PanelScoring.Result) {
            self.id = id
            self.isSocialOrganization = isSocialOrganization
            self.result = result
        }
    }

    public static func preferred<ID>(winner: ID, among candidates: [Candidate<ID>]) -> ID? {
        guard let won = candidates.first(where: { $0.id == winner }) else { return nil }
        return candidates
            .filter { $0.isSocialOrganization && $0.result.quality >= won.result.quality }
            .max { ($0.result.total, $0.result.quality) < ($1.result.total, $1.result.quality) }?.id
    }

    /// True when the award passes over a social organisation the preference names; a tie with the winner is no pass-over.
    public static func needsReason<ID>(winner: ID, among candidates: [Candidate<ID>]) -> Bool {
        guard let preferred = preferred(winner: winner, among: candidates), preferred != winner,
              let p = candidates.first(where: { $0.id == preferred }), let w = candidates.first(where: { $0.id == winner }) else { return false }
        return (p.result.total, p.result.quality) > (w.result.total, w.result.quality) || !w.isSocialOrganization
    }
}
