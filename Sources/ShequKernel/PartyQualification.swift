/// P2: when an owners' committee qualifies for a party organisation of its own. The common rule is "at least three
/// full (not probationary) members among the committee's members or the compound's residents"; the number is data,
/// a table of rules each in force from a day, so a later rule never rewrites how an earlier year was judged.
public struct PartyQualificationRule: Sendable, Hashable, Codable {
    public let effectiveFrom: LocalDate
    public let minimumFullMembers: Int

    public init(effectiveFrom: LocalDate, minimumFullMembers: Int) {
        self.effectiveFrom = effectiveFrom
        self.minimumFullMembers = minimumFullMembers
    }

    /// What applies when the table is empty: three full members (《中国共产党章程》 art. 30).
    public static let common = PartyQualificationRule(effectiveFrom: LocalDate(ordinal: 0), minimumFullMembers: 3)

    /// The rule in force on `day`: the latest that took effect on or before it; the common rule before any.
    public static func inForce(on day: LocalDate, among rules: [PartyQualificationRule]) -> PartyQualificationRule {
        rules.filter { $0.effectiveFrom <= day }.max { $0.effectiveFrom < $1.effectiveFrom } ?? common
    }

    public func qualifies(fullMembers: Int) -> Bool { fullMembers >= max(1, minimumFullMembers) }
}

/// The full members counted for one owners' committee: those whose registered residence is the compound, and those
/// serving on its committee who live elsewhere, each person once.
public enum PartyQualificationCount {
    /// `residentsOfCompound`: blind indexes of full members registered as living in the compound;
    /// `committeeMembers`: blind indexes of the committee's serving members who are full members.
    public static func fullMembers(residentsOfCompound: Set<String>, committeeMembers: Set<String>) -> Int {
        residentsOfCompound.union(committeeMembers).count
    }
}
