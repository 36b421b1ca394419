import Foundation

/// A resident ID number (居民身份证号码) as GB 11643-1999 defines it:
/// a 6-digit area code, an 8-digit birth date, a 3-digit sequence whose last
/// digit is odd for men, and an ISO 7064 MOD 11-2 check character.
public struct ResidentID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public enum Problem: Error, Equatable, Sendable {
        case wrongLength(Int)
        case invalidCharacter
        case unknownArea(String)
        case invalidBirthDate(String)
        case birthDateInFuture(String)
        case wrongCheckCharacter(expected: Character)
    }

    /// Parses and validates. `today` is injected so validation is deterministic in tests.
    public init(_ raw: String, today: Date = Date()) throws(Problem) {
        let value = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard value.count == 18 else { throw .wrongLength(value.count) }
        let body = value.prefix(17)
        guard body.allSatisfy({ $0.isASCII && $0.isNumber }),
              let last = value.last, last == "X" || (last.isASCII && last.isNumber) else {
            throw .invalidCharacter
        }
        let area = String(value.prefix(6))
        guard AreaCode.isPlausible(area) else { throw .unknownArea(area) }
        let birth = String(value.dropFirst(6).prefix(8))
        guard let birthDate = Self.date(from: birth) else { throw .invalidBirthDate(birth) }
        guard birthDate <= today else { throw .birthDateInFuture(birth) }
        let expected = Self.checkCharacter(for: String(body))
        guard last == expected else { throw .wrongCheckCharacter(expected: expected) }
        rawValue = value
    }

    /// ISO 7064 MOD 11-2: weights are 2^(17-i) mod 11, the check value maps 0...10 to "10X98765432".
    public static func checkCharacter(for seventeenDigits: String) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(seventeenDigits, weights).reduce(0) { $0 + ($1.0.wholeNumberValue ?? 0) * $1.1 }
        return Array("10X98765432")[sum % 11]
    }

    public var areaCode: String { String(rawValue.prefix(6)) }

    public var birthDate: Date { Self.date(from: String(rawValue.dropFirst(6).prefix(8)))! }

    public var birthDateString: String {
        let digits = Array(rawValue.dropFirst(6).prefix(8))
        return "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))"
    }

    public var sex: Sex {
        let sequenceLast = Array(rawValue)[16].wholeNumberValue ?? 0
        return sequenceLast % 2 == 1 ? .male : .female
    }

    /// The masked form everyone sees unless they reveal: the area code only.
    ///
    /// The last four are the whole sequence number and the check character, so
    /// beside a birth date they completed the number, and beside a birth year and
    /// sex they left about 365 / 11 ≈ 33 candidates. With them hidden, the area
    /// code, birth year and sex still leave 365 days × 500 sequence numbers
    /// ≈ 180,000; and the last four stay a secret of the holder's, which is what
    /// a tracking-number lookup asks for.
    public var masked: String { Self.mask(rawValue) }

    public static func mask(_ value: String) -> String {
        guard value.count == 18 else { return String(repeating: "*", count: value.count) }
        return value.prefix(6) + String(repeating: "*", count: 12)
    }

    public var birthYear: Int { Int(rawValue.dropFirst(6).prefix(4)) ?? 0 }

    public var description: String { masked }

    static let utc: TimeZone = TimeZone(identifier: "UTC")!

    static func date(from yyyymmdd: String) -> Date? {
        guard yyyymmdd.count == 8, let year = Int(yyyymmdd.prefix(4)),
              let month = Int(yyyymmdd.dropFirst(4).prefix(2)), let day = Int(yyyymmdd.suffix(2)),
              year >= 1850 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components),
              calendar.dateComponents([.year, .month, .day], from: date) == components else { return nil }
        return date
    }
}

public enum Sex: String, Codable, Sendable, CaseIterable {
    case male, female
}
