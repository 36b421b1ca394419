import Foundation
import ShequKernel
import Testing

@Suite struct TimeOrderedIDTests {
    @Test func carriesVersionSevenVariantAndTheMillisecond() {
        let instant = Date(timeIntervalSince1970: 1_795_000_000.123)
        let id = TimeOrderedID.make(at: instant)
        let text = id.uuidString
        #expect(Array(text)[14] == "7")                                   // version nibble
        #expect("89AB".contains(Array(text)[19]))                         // RFC 9562 variant
        #expect(abs(TimeOrderedID.instant(of: id)!.timeIntervalSince1970 - 1_795_000_000.123) < 0.001)
        #expect(TimeOrderedID.instant(of: UUID(uuidString: "5C4E1B0A-2F4B-4E7A-9C3D-1A2B3C4D5E6F")!) == nil)
    }

    @Test func laterMillisecondsSortAfterEarlierOnes() {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let ids = (0..<500).map { TimeOrderedID.make(at: start.addingTimeInterval(Double($0) * 0.002)) }
        // Byte order (what a UUID index compares) follows time, so new rows land at the index's end.
        let bytes = ids.map { withUnsafeBytes(of: $0.uuid) { Array($0) } }
        #expect(zip(bytes, bytes.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        #expect(Set(ids).count == 500)
    }
}
