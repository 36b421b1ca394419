import Foundation

/// UUID version 7 (RFC 9562 §5.7): the Unix time in milliseconds in the first
/// 48 bits, then random bits. Rows keyed this way are inserted at the right
/// edge of their primary-key index instead of at a random page of it, which
/// matters for tables that grow by millions (applications, notifications,
/// audit entries). Ids made in the same millisecond are unordered among
/// themselves; nothing relies on their order, only on their locality.
public enum TimeOrderedID {
    public static func make(at instant: Date = Date()) -> UUID {
        var rng = SystemRandomNumberGenerator()
        return make(at: instant, using: &rng)
    }

    public static func make<R: RandomNumberGenerator>(at instant: Date, using rng: inout R) -> UUID {
        let millis = UInt64(max(0, instant.timeIntervalSince1970 * 1000))
        let high = rng.next() as UInt64
        let low = rng.next() as UInt64
        var b = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { b[i] = UInt8(truncatingIfNeeded: millis >> (40 - 8 * UInt64(i))) }
        b[6] = 0x70 | UInt8(truncatingIfNeeded: high & 0x0F)          // version 7
        b[7] = UInt8(truncatingIfNeeded: high >> 8)
        b[8] = 0x80 | UInt8(truncatingIfNeeded: (high >> 16) & 0x3F)  // variant 10
        for i in 9..<16 { b[i] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(i - 9))) }
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }

    /// The millisecond a time-ordered id was made in, or nil for another version.
    public static func instant(of id: UUID) -> Date? {
        let u = id.uuid
        guard u.6 >> 4 == 7 else { return nil }
        let bytes = [u.0, u.1, u.2, u.3, u.4, u.5]
        let millis = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }
}
