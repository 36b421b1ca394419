import Foundation
import Vapor

/// Read from the environment once, like the service hall's settings.
public struct SelfGovernanceSettings: Sendable {
    /// Working days within which a message must be answered (SHEQU_ANSWER_DAYS, default 5).
    public var answerDays: Int

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> SelfGovernanceSettings {
        SelfGovernanceSettings(answerDays: env["SHEQU_ANSWER_DAYS"].flatMap(Int.init).flatMap { (1...60).contains($0) ? $0 : nil } ?? 5)
    }
}

extension Vapor.Application {
    private struct Key: StorageKey { typealias Value = SelfGovernanceSettings }

    public var selfGovernanceSettings: SelfGovernanceSettings {
        get { storage[Key.self] ?? .fromEnvironment() }
        set { storage[Key.self] = newValue }
    }
}
