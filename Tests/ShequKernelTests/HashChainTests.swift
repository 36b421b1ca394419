import Crypto
import Foundation
import Testing
@testable import ShequKernel

@Suite struct HashChainTests {
    func chain(_ contents: [String]) -> [HashChain.Link] {
        var previous = HashChain.genesis
        return contents.enumerated().map { i, content in
            let hash = HashChain.link(previous: previous, content: content)
            defer { previous = hash }
            return HashChain.Link(sequence: i + 1, content: content, previousHash: previous, hash: hash)
        }
    }

    @Test func intactChainVerifies() {
        #expect(HashChain.verify(chain(["a", "b", "c"])) == nil)
    }

    @Test func editedContentIsNamedAtItsSequence() {
        var links = chain(["a", "b", "c", "d"])
        let l = links[2]
        links[2] = HashChain.Link(sequence: 3, content: "c-edited", previousHash: l.previousHash, hash: l.hash)
        #expect(HashChain.verify(links) == .contentAltered(sequence: 3))
    }

    @Test func rehashedEditStillBreaksTheNextLink() {
        var links = chain(["a", "b", "c"])
        let forged = HashChain.link(previous: links[0].hash, content: "B")
        links[1] = HashChain.Link(sequence: 2, content: "B", previousHash: links[0].hash, hash: forged)
        #expect(HashChain.verify(links) == .linkBroken(sequence: 3))
    }

    @Test func removedEntryShowsAsGap() {
        var links = chain(["a", "b", "c"])
        links.remove(at: 1)
        #expect(HashChain.verify(links) == .gap(expected: 2, found: 3))
    }

    @Test func verifiesPageByPage() {
        let links = chain(["a", "b", "c", "d"])
        #expect(HashChain.verify(links[2...], after: links[1].hash, firstSequence: 3) == nil)
        #expect(HashChain.verify(links[2...], after: HashChain.genesis, firstSequence: 3) == .linkBroken(sequence: 3))
    }
}

@Suite struct KeyedHashChainTests {
    let key = SymmetricKey(data: Data(repeating: 9, count: 32))

    func keyedChain(_ contents: [String], keyedFrom: Int = 1) -> [HashChain.Link] {
        var previous = HashChain.genesis
        return contents.enumerated().map { i, content in
            let hash = i + 1 >= keyedFrom ? HashChain.link(previous: previous, content: content, key: key)
                : HashChain.link(previous: previous, content: content)
            defer { previous = hash }
            return HashChain.Link(sequence: i + 1, content: content, previousHash: previous, hash: hash)
        }
    }

    @Test func aKeyedChainHoldsOnlyWithItsKey() {
        let links = keyedChain(["a", "b", "c"])
        #expect(HashChain.verify(links, key: key) == nil)
        #expect(HashChain.verify(links, key: SymmetricKey(data: Data(repeating: 8, count: 32))) == .contentAltered(sequence: 1))
        #expect(HashChain.verify(links) == .contentAltered(sequence: 1))
    }

    @Test func recomputingPlainHashesAfterAnEditDoesNotForgeAKeyedChain() {
        var links = keyedChain(["a", "b", "c"])
        var previous = links[0].hash
        for i in 1..<3 {
            let content = i == 1 ? "B" : links[i].content
            let hash = HashChain.link(previous: previous, content: content)
            links[i] = HashChain.Link(sequence: i + 1, content: content, previousHash: previous, hash: hash)
            previous = hash
        }
        #expect(HashChain.verify(links, key: key) == .contentAltered(sequence: 2))
    }

    @Test func plainLinksBeforeTheKeyedPartStillVerify() {
        let links = keyedChain(["a", "b", "c", "d"], keyedFrom: 3)
        #expect(HashChain.verify(links, key: key, keyedFrom: 3) == nil)
        #expect(HashChain.verify(links, key: key, keyedFrom: 1) == .contentAltered(sequence: 1))
    }

    @Test func sealsNeedTheKeyAndEveryPart() {
        let seal = HashChain.seal(["head", "t", "c", "3"], key: key)
        #expect(HashChain.sealsMatch(seal, HashChain.seal(["head", "t", "c", "3"], key: key)))
        #expect(!HashChain.sealsMatch(seal, HashChain.seal(["head", "t", "c", "2"], key: key)))
        #expect(!HashChain.sealsMatch(seal, HashChain.seal(["head", "tc", "", "3"], key: key)))
        #expect(!HashChain.sealsMatch(seal, String(seal.dropLast())))
    }
}

@Suite struct HexTests {
    @Test func writesEachByteAsTwoLowerCaseDigits() {
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff, 0x7e]) == "000fa0ff7e")
        #expect(Hex.encode([UInt8]()) == "")
    }
}
