import NIOConcurrencyHelpers

/// The last verdict on each chain, kept per instance while the chain's head stays where it was, for a short while.
/// Walking a chain re-hashes every entry, so a public page that showed a fresh verdict on every view cost a walk per
/// view, growing with the chain. Kept, a verdict is at most `lifetime` old when shown; an append moves the head and
/// the next view walks again; `shequ record verify` and `shequ audit verify` never use what is kept.
public final class ChainVerdicts<Verdict: Sendable>: Sendable {
    struct Kept: Sendable {
        var head: String
        var verdict: Verdict
        var at: ContinuousClock.Instant
    }

    private let kept = NIOLockedValueBox([String: Kept]())
    public let lifetime: Duration
    /// Chains are named by codes on file, but the cap keeps memory bounded whatever asks.
    let capacity: Int

    public var count: Int { kept.withLockedValue { $0.count } }

    public init(lifetime: Duration = .seconds(60), capacity: Int = 20_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// `head` names the chain's state, read before the walk: a verdict is never filed under a newer head than the
    /// one it was reached from.
    public func verdict(chain: String, head: String, now: ContinuousClock.Instant = .now,
                        _ walk: () async throws -> Verdict) async throws -> Verdict {
        let fresh = kept.withLockedValue { k -> Verdict? in
            guard let v = k[chain], v.head == head, now - v.at < lifetime else { return nil }
            return v.verdict
        }
        if let fresh { return fresh }
        let verdict = try await walk()
        kept.withLockedValue { k in
            // A slower walk that began earlier must not replace a later one's verdict on the same head.
            if let later = k[chain], later.head == head, later.at > now { return }
            if k.count >= capacity { k = [:] }
            k[chain] = Kept(head: head, verdict: verdict, at: now)
        }
        return verdict
    }
}
