import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reverse proxies whose `X-Forwarded-For` may be believed (`SHEQU_TRUSTED_PROXIES`).
/// Anyone can send the header; only a proxy we run appends the address it really saw,
/// so without this list every per-address limit and the audit log's address could be forged.
public struct TrustedProxies: Sendable, Equatable {
    struct Range: Sendable, Equatable {
        let network: [UInt8]
        let prefixLength: Int

        func contains(_ bytes: [UInt8]) -> Bool {
            guard bytes.count == network.count else { return false }
            var remaining = prefixLength
            for (a, b) in zip(bytes, network) where remaining > 0 {
                let bits = min(remaining, 8)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if a & mask != b & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    var ranges: [Range] = []
    /// `unix`: a proxy on this host talking over a Unix socket, where the peer has no IP address.
    var socketPeers = false
    /// Entries that are neither an address, a CIDR range nor `unix`; a start with any is refused.
    public private(set) var invalidEntries: [String] = []

    public static let none = TrustedProxies()

    public init() {}

    /// A comma-separated list: `10.0.0.5, 10.1.0.0/16, ::1, unix`.
    public init(parsing list: String) {
        for raw in list.split(separator: ",") {
            let entry = raw.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty { continue }
            if entry.lowercased() == "unix" { socketPeers = true; continue }
            let parts = entry.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let bytes = Self.bytes(String(parts[0])) else { invalidEntries.append(entry); continue }
            var length = bytes.count * 8
            if parts.count == 2 {
                guard let n = Int(parts[1]), (0...bytes.count * 8).contains(n) else { invalidEntries.append(entry); continue }
                length = n
            }
            ranges.append(Range(network: bytes, prefixLength: length))
        }
    }

    public var isEmpty: Bool { ranges.isEmpty && !socketPeers }

    /// Whether a peer is one of ours; `nil` is a peer without an IP address (a Unix socket).
    public func trusts(_ address: String?) -> Bool {
        guard let address else { return socketPeers }
        guard let bytes = Self.bytes(address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client behind the proxies: the peer itself unless it is trusted; then, walking
    /// `X-Forwarded-For` from the right (each proxy appends what it saw), the first address
    /// that is not one of ours. Entries to its left were written by the client and prove nothing.
    public func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var leftmost: String?
        for hop in hops.reversed() {
            guard let bytes = Self.bytes(hop) else { return peer }
            let canonical = Self.text(bytes)
            if !ranges.contains(where: { $0.contains(bytes) }) { return canonical }
            leftmost = canonical
        }
        return leftmost ?? peer
    }

    /// IPv4 as 4 bytes, IPv6 as 16; an IPv4-mapped IPv6 address (a dual-stack listener) as its IPv4.
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes.prefix(10).allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return Array(bytes.suffix(4)) }
        return bytes
    }

    static func text(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var v6 = in6_addr()
        withUnsafeMutableBytes(of: &v6) { raw in for (i, b) in bytes.enumerated() where i < raw.count { raw[i] = b } }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count)) != nil else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Loopback: 127.0.0.0/8 and ::1.
    static func isLoopback(_ address: String?) -> Bool {
        guard let address, let bytes = bytes(address) else { return false }
        if bytes.count == 4 { return bytes[0] == 127 }
        return bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1
    }
}
