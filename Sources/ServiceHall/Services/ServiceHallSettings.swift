import Foundation
import Vapor

/// The service hall's own settings, read from the environment once.
public struct ServiceHallSettings: Sendable {
    /// Working days within which a poor rating must be answered (SHEQU_FOLLOWUP_DAYS, default 5).
    public var followUpDays: Int

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> ServiceHallSettings {
        ServiceHallSettings(followUpDays: env["SHEQU_FOLLOWUP_DAYS"].flatMap(Int.init).flatMap { (1...60).contains($0) ? $0 : nil } ?? 5)
    }
}

extension Vapor.Application {
    private struct Key: StorageKey { typealias Value = ServiceHallSettings }

    public var serviceHallSettings: ServiceHallSettings {
        get { storage[Key.self] ?? .fromEnvironment() }
        set { storage[Key.self] = newValue }
    }
}
