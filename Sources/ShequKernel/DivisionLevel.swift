/// The four tiers of China's statistical division codes that Shequ governs.
public enum DivisionLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case city, district, street, community

    /// NBS codes grow by a fixed number of digits per tier, so the length alone says the tier.
    public var codeLength: Int {
        switch self {
        case .city: 4
        case .district: 6
        case .street: 9
        case .community: 12
        }
    }

    public init?(codeLength: Int) {
        guard let level = Self.allCases.first(where: { $0.codeLength == codeLength }) else { return nil }
        self = level
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.codeLength < rhs.codeLength
    }
}
