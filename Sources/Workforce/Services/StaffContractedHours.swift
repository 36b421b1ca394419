import Fluent
import Foundation
import ShequPlatform

/// The roster's contracted hours (H6), from the staff records (W1): a worker's current record at the place. A record
/// whose contract (or term) does not cover today gives no hours: someone who has left or not yet started is not rostered.
struct StaffContractedHours: ContractedHoursProvider {
    func weeklyMinutes(usernames: [String], placeID: UUID, divisionCode: String, on db: any Database) async throws -> [String: Int] {
        let names = usernames.map { $0.lowercased() }
        guard !names.isEmpty else { return [:] }
        let records = try await StaffRecord.query(on: db).filter(\.$username ~~ names).filter(\.$placeID == placeID).all()
        var out: [String: Int] = [:]
        for r in records where StaffQueries.isCurrent(r) {
            if let u = r.username { out[u] = r.weeklyMinutes }
        }
        return out
    }
}
