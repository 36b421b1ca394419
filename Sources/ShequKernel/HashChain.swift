import Crypto
import Foundation

/// One link rule for every tamper-evident log in Shequ: an entry's hash covers
/// the previous entry's hash and the entry's own canonical content, so editing
/// any stored entry breaks every link after it.
public enum HashChain {
    public static let genesis = String(repeating: "0", count: 64)

    public static func link(previous: String, content: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previous.utf8))
        hasher.update(data: Data([0x1f]))
        hasher.update(data: Data(content.utf8))
        return Hex.encode(hasher.finalize())
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
    /// `previous` and `firstSequence` let a long chain be checked page by page.
    public static func verify<S: Sequence>(_ links: S, after previous: String = genesis,
                                           firstSequence: Int = 1) -> Break? where S.Element == Link {
        var previous = previous
        var expectedSequence = firstSequence
        for link in links {
            if link.sequence != expectedSequence { return .gap(expected: expectedSequence, found: link.sequence) }
            if link.previousHash != previous { return .linkBroken(sequence: link.sequence) }
            if link.hash != Self.link(previous: previous, content: link.content) {
                return .contentAltered(sequence: link.sequence)
            }
            previous = link.hash
            expectedSequence += 1
        }
        return nil
    }
}
