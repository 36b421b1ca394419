import Foundation
import NIOConcurrencyHelpers
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// A handler that waits until the test lets it finish, then records that it did.
private struct HeldResponder: AsyncResponder {
    let release: AsyncStream<Void>
    let finished: NIOLockedValueBox<Bool>
    func respond(to request: Request) async throws -> Response {
        for await _ in release { break }
        finished.withLockedValue { $0 = true }
        return Response(status: .ok)
    }
}

@Suite struct InFlightRequestsTests {
    @Test func theConfiguredAppCountsEveryRequestFirst() async throws {
        try await withShequ { app in
            // First in the chain, so requests that later middleware refuses are counted too.
            let chain = app.middleware.resolve()
            #expect(chain.first is InFlightRequests)
            #expect(chain.filter { $0 is InFlightRequests }.count == 1)
        }
    }

    @Test func shutdownWaitsForARequestStillBeingAnswered() async throws {
        try await withShequ { app in
            let inFlight = InFlightRequests(patience: .seconds(5))
            let (release, letGo) = AsyncStream<Void>.makeStream()
            let finished = NIOLockedValueBox(false)
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let answering = Task { try await inFlight.respond(to: request, chainingTo: HeldResponder(release: release, finished: finished)) }
            while inFlight.current == 0 { try await Task.sleep(nanoseconds: 1_000_000) }

            let shuttingDown = Task { await inFlight.shutdownAsync(app) }
            try await Task.sleep(nanoseconds: 50_000_000)
            #expect(finished.withLockedValue { $0 } == false)
            letGo.yield()
            await shuttingDown.value
            // Shutdown went on only once the handler had finished.
            #expect(finished.withLockedValue { $0 })
            #expect(try await answering.value.status == .ok)
            #expect(inFlight.current == 0)
        }
    }

    @Test func shutdownGivesUpAfterItsPatience() async throws {
        try await withShequ { app in
            let inFlight = InFlightRequests(patience: .milliseconds(30))
            let (release, letGo) = AsyncStream<Void>.makeStream()
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let answering = Task { try await inFlight.respond(to: request, chainingTo: HeldResponder(release: release, finished: NIOLockedValueBox(false))) }
            while inFlight.current == 0 { try await Task.sleep(nanoseconds: 1_000_000) }
            await inFlight.shutdownAsync(app)
            #expect(inFlight.current == 1)
            letGo.yield()
            _ = try await answering.value
        }
    }
}
