/// Tracking numbers (受理编号) that can be read over the phone: the day, five
/// random symbols from Crockford's base-32 (no I, L, O or U to confuse), and
/// a Luhn mod 32 check symbol that catches any single misheard character.
/// Randomness, not a counter, keeps them unique across server instances
/// without coordination; the database's unique index catches the rare clash.
public enum TrackingNumber {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func make<R: RandomNumberGenerator>(on day: LocalDate, using rng: inout R) -> String {
        let c = day.components
        let date = String(format: "%02d%02d%02d", c.year % 100, c.month, c.day)
        let body = String((0..<5).map { _ in alphabet[Int.random(in: 0..<32, using: &rng)] })
        return date + "-" + body + String(check(for: date + body))
    }

    /// Accepts what a person might type: lower case, spaces, and the letters Crockford maps (O→0, I/L→1).
    public static func normalize(_ raw: String) -> String? {
        var s = raw.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        s = String(s.map { ch -> Character in
            switch ch { case "O": "0"; case "I", "L": "1"; default: ch }
        })
        guard s.count == 12, s.prefix(6).allSatisfy(\.isNumber), s.allSatisfy({ alphabet.contains($0) }) else { return nil }
        let payload = String(s.prefix(11))
        guard check(for: payload) == s.last else { return nil }
        return String(s.prefix(6)) + "-" + String(s.dropFirst(6))
    }

    static func check(for payload: String) -> Character {
        let n = alphabet.count
        var factor = 2
        var sum = 0
        for ch in payload.reversed() {
            let code = alphabet.firstIndex(of: ch)!
            var addend = factor * code
            factor = factor == 2 ? 1 : 2
            addend = addend / n + addend % n
            sum += addend
        }
        return alphabet[(n - sum % n) % n]
    }
}

import Foundation

extension TrackingNumber {
    /// The `index`-th number of a day, for bulk data: a fixed odd multiplier permutes 0..<32^5, so
    /// consecutive indexes give scattered, distinct numbers.
    public static func make(on day: LocalDate, index: Int) -> String {
        let c = day.components
        let date = String(format: "%02d%02d%02d", c.year % 100, c.month, c.day)
        let space = 1 << 25
        var v = (index % space) &* 0x1F3A9D % space
        var body = ""
        for _ in 0..<5 { body = String(alphabet[v & 31]) + body; v >>= 5 }
        return date + "-" + body + String(check(for: date + body))
    }
}
