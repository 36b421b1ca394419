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

@Suite struct HexTests {
    @Test func writesEachByteAsTwoLowerCaseDigits() {
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff, 0x7e]) == "000fa0ff7e")
        #expect(Hex.encode([UInt8]()) == "")
    }
}
