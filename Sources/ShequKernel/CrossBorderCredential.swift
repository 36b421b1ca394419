import Foundation

/// Where a cross-border partner comes from (C4; the policy's §4.1 names Hong Kong and Macao).
public enum CrossBorderRegion: String, Codable, Sendable, CaseIterable {
    case hongKong
    case macao
}

/// The Mainland document a Hong Kong or Macao social worker is identified by (C4). Neither is a GB 11643 resident
/// ID number, and each has its own rules:
/// - 港澳居民来往内地通行证 (the travel permit, "home-return permit"): H (Hong Kong) or M (Macao) and 8 digits on the
///   card issued since 2013; the older booklet added 2 digits counting its renewals, so 10 digits are accepted too.
///   There is no check character: the number is checked for its form only.
/// - 港澳居民居住证 (the residence permit, since 2018): 18 characters laid out like a resident ID number, but its
///   first six are 810000 (Hong Kong) or 820000 (Macao), which are no Mainland area, then the birth date, a
///   sequence and an ISO 7064 MOD 11-2 check character.
public struct CrossBorderCredential: Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case travelPermit
        case residencePermit
    }

    public enum Problem: Error, Equatable, Sendable {
        case wrongLength(Int)
        case invalidCharacter
        /// A travel permit starts with H or M; a residence permit with 810000 or 820000.
        case unknownRegionPrefix
        case invalidBirthDate(String)
        case birthDateInFuture(String)
        case wrongCheckCharacter(expected: Character)
        /// The region the number says differs from the one it was filed under.
        case regionMismatch
    }

    public let kind: Kind
    public let region: CrossBorderRegion
    public let rawValue: String

    /// Parses and validates. `region`, when given, must be what the number says; `today` makes the residence permit's
    /// birth-date check deterministic.
    public init(kind: Kind, _ raw: String, region expected: CrossBorderRegion? = nil, today: Date = Date()) throws(Problem) {
        let value = raw.trimmingCharacters(in: .whitespaces).uppercased()
        switch kind {
        case .travelPermit:
            guard value.count == 9 || value.count == 11 else { throw .wrongLength(value.count) }
            guard let first = value.first, value.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .invalidCharacter }
            switch first {
            case "H": region = .hongKong
            case "M": region = .macao
            default: throw .unknownRegionPrefix
            }
        case .residencePermit:
            guard value.count == 18 else { throw .wrongLength(value.count) }
            let body = value.prefix(17)
            guard body.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let last = value.last, last == "X" || (last.isASCII && last.isNumber) else { throw .invalidCharacter }
            switch value.prefix(6) {
            case "810000": region = .hongKong
            case "820000": region = .macao
            default: throw .unknownRegionPrefix
            }
            let birth = String(value.dropFirst(6).prefix(8))
            guard let born = ResidentID.date(from: birth) else { throw .invalidBirthDate(birth) }
            guard born <= today else { throw .birthDateInFuture(birth) }
            let check = ResidentID.checkCharacter(for: String(body))
            guard last == check else { throw .wrongCheckCharacter(expected: check) }
        }
        if let expected, expected != region { throw .regionMismatch }
        self.kind = kind
        rawValue = value
    }

    /// What a page shows: the prefix that says the region, the rest hidden (the number is the person's, like an ID).
    public var masked: String { Self.mask(rawValue, kind: kind) }

    public static func mask(_ value: String, kind: Kind) -> String {
        let shown = kind == .travelPermit ? 1 : 6
        guard value.count > shown else { return String(repeating: "*", count: value.count) }
        return value.prefix(shown) + String(repeating: "*", count: value.count - shown)
    }
}
