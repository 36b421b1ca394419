import Foundation

/// Repeated failed sign-ins are slowed, then locked for a while (MLPS ID-2:
/// 5 failures lock the account for 30 minutes in common assessor practice).
public struct SignInThrottle: Sendable {
    public var failuresBeforeLock: Int
    public var lockDuration: TimeInterval
    public var failuresBeforeDelay: Int
    /// Failed sign-ins one address may make in `addressWindow`, whatever the usernames:
    /// the account lock cannot stop guessing spread over many (or made-up) names.
    public var failuresPerAddress: Int
    public var addressWindow: TimeInterval

    public init(failuresBeforeLock: Int = 5, lockDuration: TimeInterval = 30 * 60, failuresBeforeDelay: Int = 3,
                failuresPerAddress: Int = 20, addressWindow: TimeInterval = 15 * 60) {
        self.failuresBeforeLock = failuresBeforeLock
        self.lockDuration = lockDuration
        self.failuresBeforeDelay = failuresBeforeDelay
        self.failuresPerAddress = failuresPerAddress
        self.addressWindow = addressWindow
    }

    public enum Decision: Equatable, Sendable {
        case allow
        case locked(until: Date)
    }

    public func decision(lockedUntil: Date?, now: Date) -> Decision {
        if let lockedUntil, lockedUntil > now { return .locked(until: lockedUntil) }
        return .allow
    }

    /// What a failure does: counts it, and locks once the limit is reached.
    public func afterFailure(previousFailures: Int, now: Date) -> (failures: Int, lockedUntil: Date?) {
        let failures = previousFailures + 1
        if failures >= failuresBeforeLock { return (0, now.addingTimeInterval(lockDuration)) }
        return (failures, nil)
    }

    /// Seconds to hold the answer to a failed attempt, so guessing gets slow before it gets locked.
    public func delay(afterFailures failures: Int) -> Double {
        failures >= failuresBeforeDelay ? min(Double(failures - failuresBeforeDelay + 1), 3) : 0
    }
}
