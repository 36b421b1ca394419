import Foundation

/// An amount of renminbi in fen (分), the smallest unit the treasury pays.
/// Integer only: a yuan figure typed on a form or sent in JSON becomes fen by
/// reading its digits, never through a floating-point number, so 0.1 + 0.2
/// yuan is exactly 0.30 and a budget always adds up to the fen.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static let zero = Money(fen: 0)

    /// The largest amount a request may name: one hundred billion yuan. Far above
    /// any community fund, and small enough that adding a million of them cannot overflow.
    public static let largest = Money(fen: 10_000_000_000_000)

    public static func yuan(_ yuan: Int64) -> Money? {
        let (fen, overflow) = yuan.multipliedReportingOverflow(by: 100)
        return overflow ? nil : Money(fen: fen)
    }

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }

    /// `nil` on overflow: amounts come from requests, and a trap would stop the server.
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = fen.addingReportingOverflow(other.fen)
        return overflow ? nil : Money(fen: sum)
    }

    public func subtracting(_ other: Money) -> Money? {
        let (difference, overflow) = fen.subtractingReportingOverflow(other.fen)
        return overflow ? nil : Money(fen: difference)
    }

    public func multiplied(by count: Int64) -> Money? {
        let (product, overflow) = fen.multipliedReportingOverflow(by: count)
        return overflow ? nil : Money(fen: product)
    }

    public var negated: Money? { fen == .min ? nil : Money(fen: -fen) }

    /// Sums checked: `nil` if any partial sum overflows.
    public static func sum<S: Sequence>(_ amounts: S) -> Money? where S.Element == Money {
        var total = Money.zero
        for amount in amounts {
            guard let next = total.adding(amount) else { return nil }
            total = next
        }
        return total
    }

    /// Reads a yuan amount as people write it: "1200", "1,200.5", "1200.50", "¥1200", "1200元".
    /// At most two decimals (a fen is the smallest unit); nothing but digits otherwise.
    public init?(yuan text: String) {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        if s.hasPrefix("¥") || s.hasPrefix("￥") { s = s.dropFirst() }
        if s.hasSuffix("元") { s = s.dropLast() }
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let whole = parts[0].filter { $0 != "," }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty, whole.count <= 15, fraction.count <= 2, parts.count == 1 || !fraction.isEmpty,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
              let yuan = Int64(whole) else { return nil }
        let padded = fraction + String(repeating: "0", count: 2 - fraction.count)
        guard let cents = Int64(padded), let base = Money.yuan(yuan), let total = base.adding(Money(fen: cents)) else { return nil }
        self = negative ? Money(fen: -total.fen) : total
    }

    /// "1,234.50": grouped yuan with two decimals, for pages and CSV alike.
    public var yuanText: String {
        let magnitude = fen.magnitude
        let whole = String(magnitude / 100), cents = magnitude % 100
        var grouped = ""
        for (i, c) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return (fen < 0 ? "-" : "") + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// "¥1,234.50"
    public var description: String { "¥" + yuanText }

    /// Encoded as the integer fen, so no JSON client ever sees a float.
    public init(from decoder: any Decoder) throws {
        fen = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(fen)
    }
}
