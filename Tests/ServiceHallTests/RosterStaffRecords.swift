import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor

/// The roster's contracted hours are the staff records' (Workforce, W1): the roster's tests give their workers records at
/// the place through the staff-record API, as a street official would.
func recordStaff(_ app: Vapor.Application, place: UUID, division: String = streetA, _ workers: [(username: String, hours: Double)]) async throws {
    if try await Account.query(on: app.db).filter(\.$username == "roster.official").count() == 0 {
        try await makeAccount(app, "roster.official", .streetOfficial, String(division.prefix(9)))
    }
    let token = try await app.token("roster.official")
    for w in workers {
        let res = try await app.api(.POST, "/api/v1/workforce/staff", token: token, json: [
            "kind": division.count == 9 ? "establishment" : "districtHired", "name": "职员" + w.username, "username": w.username,
            "divisionCode": division, "placeID": place.uuidString, "post": "staff", "contractStart": "2024-01-01",
            "weeklyHours": w.hours, "serviceSince": "2020-01-01", "education": "bachelor",
        ])
        guard res.status == .created else { throw TestFailure("staff record for \(w.username): \(res.status) \(res.body)") }
    }
}
