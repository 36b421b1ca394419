import NIOConcurrencyHelpers

/// Answers worked out once per state of the data behind them, kept per instance. The caller names that state with a
/// token read from the database (a counter the writes bump, the ledger's last transaction numbers), read BEFORE the
/// data: an answer is then never filed under a state newer than the one it was computed from, and every instance
/// over the same database sees a new token as soon as a write commits. Nothing is stored in the database.
public final class VersionedCache: Sendable {
    struct State: Sendable {
        var token = ""
        var answers: [String: any Sendable] = [:]
    }

    private let state = NIOLockedValueBox(State())
    /// Keys come partly from requests (a year, a page): past this many, the answers are dropped rather than grown.
    let capacity: Int

    public init(capacity: Int = 512) { self.capacity = capacity }

    public var count: Int { state.withLockedValue { $0.answers.count } }

    public func answer<T: Sendable>(token: String, key: String, _ make: () async throws -> T) async throws -> T {
        let kept = state.withLockedValue { s in s.token == token ? s.answers[key] as? T : nil }
        if let kept { return kept }
        let made = try await make()
        state.withLockedValue { s in
            if s.token != token { s = State(token: token) }
            if s.answers.count >= capacity { s.answers = [:] }
            s.answers[key] = made
        }
        return made
    }
}
