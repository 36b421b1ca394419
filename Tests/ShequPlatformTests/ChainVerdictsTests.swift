import Foundation
import SQLKit
import Testing
@testable import ShequPlatform

/// What public pages keep of a chain's verdict, and how rows are read into what a screen shows.
@Suite struct ChainVerdictsTests {
    actor Walks {
        var count = 0
        func walk(_ verdict: String) -> String { count += 1; return verdict }
    }

    @Test func aVerdictIsKeptWhileTheHeadStaysAndForAtMostItsLifetime() async throws {
        let kept = ChainVerdicts<String>(lifetime: .seconds(60))
        let walks = Walks()
        let start = ContinuousClock.now
        #expect(try await kept.verdict(chain: "440402001001", head: "3|abc", now: start) { await walks.walk("holds") } == "holds")
        // The same head within the minute: the kept verdict, no second walk.
        #expect(try await kept.verdict(chain: "440402001001", head: "3|abc", now: start + .seconds(59)) { await walks.walk("broken") } == "holds")
        #expect(await walks.count == 1)
        // The head moved: walked again at once.
        #expect(try await kept.verdict(chain: "440402001001", head: "4|def", now: start + .seconds(1)) { await walks.walk("broken") } == "broken")
        // The minute is over: walked again though the head stayed.
        #expect(try await kept.verdict(chain: "440402001001", head: "4|def", now: start + .seconds(62)) { await walks.walk("holds again") } == "holds again")
        // Another chain has its own verdict.
        #expect(try await kept.verdict(chain: "440402001002", head: "4|def", now: start + .seconds(62)) { await walks.walk("its own") } == "its own")
        #expect(await walks.count == 4)
    }

    @Test func whatIsKeptStaysBoundedWhateverAsks() async throws {
        let kept = ChainVerdicts<Int>(lifetime: .seconds(60), capacity: 10)
        for i in 0..<25 { _ = try await kept.verdict(chain: "c\(i)", head: "h") { i } }
        #expect(kept.count <= 10)
    }

    @Test func propertiesReadTheirSnakeCaseColumns() {
        #expect(SQLRowDecoder.columnName("matterID") == "matter_id")
        #expect(SQLRowDecoder.columnName("divisionCode") == "division_code")
        #expect(SQLRowDecoder.columnName("previousHash") == "previous_hash")
        #expect(SQLRowDecoder.columnName("id") == "id")
        #expect(SQLRowDecoder.columnName("fee2Fen") == "fee2_fen")
    }
}
