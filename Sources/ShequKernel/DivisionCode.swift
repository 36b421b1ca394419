/// An NBS statistical division code. Codes nest by prefix, which is what makes
/// a code usable as a jurisdiction: everything under a street starts with its code.
public struct DivisionCode: Hashable, Codable, Sendable, CustomStringConvertible, Comparable {
    public let rawValue: String

    public init?(_ raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard DivisionLevel(codeLength: trimmed.count) != nil,
              trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        rawValue = trimmed
    }

    public var level: DivisionLevel { DivisionLevel(codeLength: rawValue.count)! }

    public var parent: DivisionCode? {
        guard let parentLevel = DivisionLevel.allCases.last(where: { $0 < level }) else { return nil }
        return DivisionCode(String(rawValue.prefix(parentLevel.codeLength)))
    }

    /// True when `other` lies at or below this division.
    public func covers(_ other: DivisionCode) -> Bool {
        other.rawValue.hasPrefix(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let code = DivisionCode(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a division code: \(raw)"))
        }
        self = code
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

import Foundation
