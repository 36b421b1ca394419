import NIOConcurrencyHelpers
import Vapor

extension Application {
    /// Vapor's in-memory tester asks `responder.current` for every request, and the default one builds the whole
    /// route trie each time: with this platform's ~500 routes that was a sixth of the suite's CPU (perf, the page fuzz).
    /// A running server builds it once; tests now do the same, rebuilding only if a test adds routes or middleware.
    func reuseOneResponder() {
        let cache = NIOLockedValueBox<(key: [Int], responder: any Vapor.Responder)?>(nil)
        responder.use { app in
            let key = [app.routes.all.count, app.middleware.resolve().count]
            return cache.withLockedValue { cached in
                if let cached, cached.key == key { return cached.responder }
                let built = app.responder.default
                cached = (key, built)
                return built
            }
        }
    }
}
