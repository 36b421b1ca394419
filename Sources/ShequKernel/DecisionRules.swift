/// The arithmetic of residents' democracy (S2), with every number taken from
/// the community's charter rather than from constants. The defaults are the
/// Organic Law of Urban Residents' Committees (2018 Art. 9): an assembly needs
/// more than half of its base present, and a decision more than half of those
/// present. Integer arithmetic only, so "exactly half" is never a rounding question.
public struct Threshold: Codable, Sendable, Equatable {
    public var numerator: Int
    public var denominator: Int
    /// `true`: more than the fraction (过半数); `false`: at least it (e.g. 2/3 or more).
    public var strictlyMore: Bool

    public init(_ numerator: Int, _ denominator: Int, strictlyMore: Bool) {
        self.numerator = numerator
        self.denominator = denominator
        self.strictlyMore = strictlyMore
    }

    public static let moreThanHalf = Threshold(1, 2, strictlyMore: true)
    public static let twoThirds = Threshold(2, 3, strictlyMore: false)

    /// Compares `count/total` with the fraction by cross-multiplying at double
    /// width: a charter's numbers are chosen by a request, and a product that
    /// overflowed would trap the whole server.
    public func isMet(_ count: Int, of total: Int) -> Bool {
        guard total > 0 else { return false }
        let left = count.multipliedFullWidth(by: denominator), right = numerator.multipliedFullWidth(by: total)
        let order = left.high != right.high ? (left.high < right.high ? -1 : 1) : (left.low < right.low ? -1 : left.low == right.low ? 0 : 1)
        return strictlyMore ? order > 0 : order >= 0
    }

    /// The smallest count that meets the threshold, to tell people how many are still needed.
    /// Met-ness only grows with the count, so a binary search finds it without walking every count.
    public func smallestCount(of total: Int) -> Int {
        guard total > 0 else { return 1 }
        guard isMet(total, of: total) else { return total &+ 1 }
        var low = 0, high = total
        while low < high {
            let middle = low + (high - low) / 2
            if isMet(middle, of: total) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The largest denominator a charter may use: finer fractions than a thousandth
    /// decide nothing a community could tell apart, and the bound keeps every
    /// product of the rules far inside `Int`.
    public static let largestDenominator = 1000

    public var isValid: Bool {
        (1...Self.largestDenominator).contains(denominator) && numerator >= 0 && numerator <= denominator
    }

    /// "More than all of them" (e.g. more than 1/1) is met by no count at all: a charter
    /// with it could never hold an assembly or decide anything.
    public var canBeMet: Bool {
        !(strictlyMore && numerator >= denominator)
    }

    /// At least as demanding as the Organic Law's "more than half": above one half,
    /// or exactly one half counted strictly.
    public var isAtLeastMoreThanHalf: Bool {
        guard isValid else { return false }
        return numerator * 2 > denominator || (numerator * 2 == denominator && strictlyMore)
    }
}

/// Who an assembly is made of (Organic Law: all adults, one representative per
/// household, or 2–3 representatives per residents' group).
public enum AssemblyBase: String, Codable, Sendable, CaseIterable {
    case adults, households, groupRepresentatives
}

/// What a decision's majority is counted against.
public enum MajorityBase: String, Codable, Sendable, CaseIterable {
    /// Everyone registered present, so abstaining and not voting count against.
    case present
    /// Only ballots for and against.
    case votesCast
}

public enum BallotChoice: String, Codable, Sendable, CaseIterable {
    case inFavor, against, abstain
}

/// The validity rules a charter sets; every field has the Organic Law's default.
public struct CharterRules: Codable, Sendable, Equatable {
    public var residentsAssemblyBase: AssemblyBase
    public var quorum: Threshold
    public var majority: Threshold
    public var majorityBase: MajorityBase
    /// Days between the notice and the meeting.
    public var noticeDays: Int
    /// Secret ballot for every decision, not only elections.
    public var secretBallot: Bool
    /// Migrant residents living in the community for at least this many months vote like registered ones (S5); nil: only registered.
    public var migrantsVoteAfterMonths: Int?
    /// Representatives per residents' group in a representatives' assembly.
    public var representativesPerGroup: ClosedRange<Int>
    public var minimumAge: Int

    public init(residentsAssemblyBase: AssemblyBase = .adults, quorum: Threshold = .moreThanHalf, majority: Threshold = .moreThanHalf,
                majorityBase: MajorityBase = .present, noticeDays: Int = 7, secretBallot: Bool = false,
                migrantsVoteAfterMonths: Int? = 6, representativesPerGroup: ClosedRange<Int> = 2...3, minimumAge: Int = 18) {
        self.residentsAssemblyBase = residentsAssemblyBase
        self.quorum = quorum
        self.majority = majority
        self.majorityBase = majorityBase
        self.noticeDays = noticeDays
        self.secretBallot = secretBallot
        self.migrantsVoteAfterMonths = migrantsVoteAfterMonths
        self.representativesPerGroup = representativesPerGroup
        self.minimumAge = minimumAge
    }

    public static let organicLaw = CharterRules()

    /// Organic Law Art. 8 and 9: residents vote and elect from the age of eighteen.
    public static let lawfulMinimumAge = 18

    /// Names every rule that cannot work, so a charter is never adopted broken.
    public func problems() -> [String] {
        var out: [String] = []
        if !quorum.isValid || !quorum.canBeMet { out.append("quorum") }
        if !majority.isValid || !majority.canBeMet { out.append("majority") }
        if noticeDays < 0 || noticeDays > 60 { out.append("noticeDays") }
        if let months = migrantsVoteAfterMonths, !(0...120).contains(months) { out.append("migrantsVoteAfterMonths") }
        if representativesPerGroup.lowerBound < 1 || representativesPerGroup.upperBound > 20 { out.append("representativesPerGroup") }
        if minimumAge < 16 || minimumAge > 25 { out.append("minimumAge") }
        return out
    }

    /// These rules with anything below the Organic Law raised to it: a charter
    /// adopted before the law's floor was checked governs no vote more loosely than the law.
    public func raisedToTheLaw() -> CharterRules {
        var rules = self
        if !rules.quorum.isAtLeastMoreThanHalf { rules.quorum = .moreThanHalf }
        if !rules.majority.isAtLeastMoreThanHalf { rules.majority = .moreThanHalf }
        rules.majorityBase = .present
        rules.minimumAge = max(rules.minimumAge, Self.lawfulMinimumAge)
        return rules
    }

    /// Names every rule that asks less than the Organic Law of Urban Residents'
    /// Committees (2018 Art. 9): an assembly is valid only with more than half of
    /// its base present, and decides only by more than half of those present; and
    /// its voters are residents aged eighteen and over (Art. 8, 9). A charter may be
    /// stricter, never looser.
    public func belowTheLaw() -> [String] {
        var out: [String] = []
        if quorum.isValid && !quorum.isAtLeastMoreThanHalf { out.append("quorum") }
        if majority.isValid && !majority.isAtLeastMoreThanHalf { out.append("majority") }
        // Counting only ballots for and against lets abstentions lower the bar below half of those present.
        if majorityBase == .votesCast { out.append("majorityBase") }
        // An age outside what any charter could mean is already one of `problems()`.
        if (16..<Self.lawfulMinimumAge).contains(minimumAge) { out.append("minimumAge") }
        return out
    }
}

/// The count of one vote and whether it decided anything.
public struct DecisionTally: Sendable, Equatable {
    public let eligible: Int
    public let present: Int
    public let inFavor: Int
    public let against: Int
    public let abstain: Int
    public let quorumMet: Bool
    public let passed: Bool

    public init(eligible: Int, present: Int, inFavor: Int, against: Int, abstain: Int, rules: CharterRules) {
        self.eligible = eligible
        self.present = present
        self.inFavor = inFavor
        self.against = against
        self.abstain = abstain
        quorumMet = rules.quorum.isMet(present, of: eligible)
        let base = rules.majorityBase == .present ? present : inFavor + against
        passed = quorumMet && rules.majority.isMet(inFavor, of: base)
    }
}
