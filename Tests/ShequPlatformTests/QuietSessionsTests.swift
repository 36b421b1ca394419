import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Counts what reaches the store, to see which writes `QuietSessions` lets through.
private final class CountingSessions: SessionDriver, @unchecked Sendable {
    var updates = 0
    let stored = SessionData(initialData: ["account": "a"])
    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> { request.eventLoop.makeSucceededFuture(.init(string: "new")) }
    func readSession(_ id: SessionID, for request: Request) -> EventLoopFuture<SessionData?> { request.eventLoop.makeSucceededFuture(stored) }
    func updateSession(_ id: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        updates += 1
        return request.eventLoop.makeSucceededFuture(id)
    }
    func deleteSession(_ id: SessionID, for request: Request) -> EventLoopFuture<Void> { request.eventLoop.makeSucceededVoidFuture() }
}

@Suite struct QuietSessionsTests {
    @Test func anUnchangedSessionIsNotWrittenBackAndAChangedOneIs() async throws {
        try await withShequ { app in
            let inner = CountingSessions()
            let quiet = QuietSessions(inner: inner)
            let req = Request(application: app, on: app.eventLoopGroup.next())
            let id = SessionID(string: "s1")
            let read = try await quiet.readSession(id, for: req).get()
            _ = try await quiet.updateSession(id, to: read!, for: req).get()
            #expect(inner.updates == 0)
            var changed = read!
            changed["account"] = "b"
            _ = try await quiet.updateSession(id, to: changed, for: req).get()
            #expect(inner.updates == 1)
            // A request that never read its session (a new one) is written.
            let fresh = Request(application: app, on: app.eventLoopGroup.next())
            _ = try await quiet.updateSession(id, to: read!, for: fresh).get()
            #expect(inner.updates == 2)
        }
    }
}
