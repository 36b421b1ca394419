import Crypto
import Foundation

/// One link rule for every tamper-evident log in Shequ: an entry's hash covers
/// the previous entry's hash and the entry's own canonical content, so editing
/// any stored entry breaks every link after it.
///
/// Links are keyed (HMAC-SHA-256 with a secret kept outside the database), so
/// whoever can write to the database still cannot forge a link: rewriting an
/// entry and recomputing the hashes after it takes the key. Chains begun
/// before links were keyed keep their plain SHA-256 links up to `keyedFrom`;
/// the first keyed link after them, or the keyed seal of their head, covers them.
public enum HashChain {
    public static let genesis = String(repeating: "0", count: 64)

    /// The plain link of entries written before chains were keyed.
    public static func link(previous: String, content: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previous.utf8))
        hasher.update(data: Data([0x1f]))
        hasher.update(data: Data(content.utf8))
        return Hex.encode(hasher.finalize())
    }

    public static func link(previous: String, content: String, key: SymmetricKey) -> String {
        var mac = HMAC<SHA256>(key: key)
        mac.update(data: Data(previous.utf8))
        mac.update(data: Data([0x1f]))
        mac.update(data: Data(content.utf8))
        return Hex.encode(mac.finalize())
    }

    /// A keyed seal over named parts (a chain's head, a checkpoint of heads): only
    /// the key's holder can make one, so a head moved back or a checkpoint edited
    /// in the database no longer matches its seal.
    public static func seal(_ parts: [String], key: SymmetricKey) -> String {
        var mac = HMAC<SHA256>(key: key)
        for (i, part) in parts.enumerated() {
            if i > 0 { mac.update(data: Data([0x1e])) }
            mac.update(data: Data(part.utf8))
        }
        return Hex.encode(mac.finalize())
    }

    /// Compares two seals in time independent of where they differ.
    public static func sealsMatch(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    public struct Link: Sendable {
        public let sequence: Int
        public let content: String
        public let previousHash: String
        public let hash: String

        public init(sequence: Int, content: String, previousHash: String, hash: String) {
            self.sequence = sequence
            self.content = content
            self.previousHash = previousHash
            self.hash = hash
        }
    }

    public enum Break: Equatable, Sendable {
        case contentAltered(sequence: Int)
        case linkBroken(sequence: Int)
        case gap(expected: Int, found: Int)
    }

    /// Walks links in sequence order and names the first that does not hold.
    /// `previous` and `firstSequence` let a long chain be checked page by page;
    /// links from `keyedFrom` on are checked with `key`, earlier ones as plain links.
    public static func verify<S: Sequence>(_ links: S, after previous: String = genesis, firstSequence: Int = 1,
                                           key: SymmetricKey? = nil, keyedFrom: Int = 1) -> Break? where S.Element == Link {
        var previous = previous
        var expectedSequence = firstSequence
        for link in links {
            if link.sequence != expectedSequence { return .gap(expected: expectedSequence, found: link.sequence) }
            if link.previousHash != previous { return .linkBroken(sequence: link.sequence) }
            let expected = if let key, link.sequence >= keyedFrom {
                Self.link(previous: previous, content: link.content, key: key)
            } else {
                Self.link(previous: previous, content: link.content)
            }
            if link.hash != expected { return .contentAltered(sequence: link.sequence) }
            previous = link.hash
            expectedSequence += 1
        }
        return nil
    }
}
