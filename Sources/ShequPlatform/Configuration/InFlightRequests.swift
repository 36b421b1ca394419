import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Counts requests being answered, and holds the application's shutdown until
/// they are done. The HTTP server stops when its connections close, but a
/// handler whose client has gone keeps running (a submission waiting for its
/// batch to commit); if the database pool shut down under it, the process
/// crashed instead of finishing the write. Registered after the database, so
/// it shuts down before it.
final class InFlightRequests: AsyncMiddleware, LifecycleHandler {
    private let count = NIOLockedValueBox(0)
    let patience: TimeAmount

    init(patience: TimeAmount = .seconds(10)) { self.patience = patience }

    var current: Int { count.withLockedValue { $0 } }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        count.withLockedValue { $0 += 1 }
        defer { count.withLockedValue { $0 -= 1 } }
        return try await next.respond(to: request)
    }

    func shutdownAsync(_ application: Application) async {
        let deadline = NIODeadline.now() + patience
        while current > 0 && NIODeadline.now() < deadline {
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
        if current > 0 { application.logger.warning("shutting down with \(current) requests still being answered") }
    }
}
