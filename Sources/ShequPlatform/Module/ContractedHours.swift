import Fluent
import Foundation
import Vapor

/// Where a worker's contracted weekly hours are kept (W1): the staff records, not the roster that uses them (H6).
/// The module that keeps the records provides it; the roster asks it, so neither depends on the other.
public protocol ContractedHoursProvider: Sendable {
    /// The contracted weekly minutes of each of `usernames` who has a current staff record at the place (a service
    /// place's id and the division it serves); a username without one is absent from the answer.
    func weeklyMinutes(usernames: [String], placeID: UUID, divisionCode: String, on db: any Database) async throws -> [String: Int]
}

extension Application {
    private struct ContractedHoursKey: StorageKey { typealias Value = any ContractedHoursProvider }

    /// Nil when no module keeps staff records: then no one has contracted hours anywhere.
    public var contractedHours: (any ContractedHoursProvider)? {
        get { storage[ContractedHoursKey.self] }
        set { storage[ContractedHoursKey.self] = newValue }
    }
}
