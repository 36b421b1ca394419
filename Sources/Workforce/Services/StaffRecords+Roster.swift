import Fluent
import Foundation
import ServiceHall
import ShequPlatform
import SQLKit

/// H6 checks a roster against the record's hours only when the roster is set; a later cut in hours or a move away
/// would leave a published roster over the contract, or at a place the worker no longer serves. So those changes wait
/// for the roster: the official first changes the roster (ServiceHall's, read here through its table), then the record.
extension StaffRecords {
    /// The worker's rostered minutes a week at each place with shifts for them.
    static func rosteredMinutes(_ username: String, on db: any Database) async throws -> [(placeID: UUID, minutes: Int)] {
        guard let sql = db as? any SQLDatabase else { return [] }
        // Summed here, not by SUM(): its type differs between SQLite and PostgreSQL (bigint), and a worker has few shifts.
        struct Row: Decodable { var place_id: UUID; var start_minute: Int; var end_minute: Int }
        let rows = try await sql.raw("""
            SELECT place_id, start_minute, end_minute FROM roster_shifts WHERE username = \(bind: username)
            """).all(decoding: Row.self)
        var total: [UUID: Int] = [:]
        for r in rows where r.end_minute > r.start_minute { total[r.place_id, default: 0] += r.end_minute - r.start_minute }
        return total.sorted { $0.key.uuidString < $1.key.uuidString }.map { ($0.key, $0.value) }
    }

    /// Refuses (409) while a place's roster holds the worker beyond `weeklyMinutes`, or at any place but `stays`.
    static func requireRosterFits(_ record: StaffRecord, weeklyMinutes: Int, stays placeID: UUID?, on db: any Database) async throws {
        guard let username = record.username else { return }
        for (place, minutes) in try await rosteredMinutes(username, on: db) where minutes > weeklyMinutes || place != placeID {
            let name = try await ServicePlace.find(place, on: db)?.name ?? place.uuidString
            throw ShequError(.conflict, .wfRosterExceedsContract, detail: "\(name) (\(minutes / 60) h \(minutes % 60) min)", code: "roster_exceeds_contract")
        }
    }
}
