import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

@Suite struct RosterTests {
    func shifts(late: String = "19:30", saturday: Bool = false) -> [[String: Any]] {
        var list: [[String: Any]] = []
        for d in 1...5 {
            list.append(["username": "window.a", "window": 1, "weekday": d, "start": "08:00", "end": "16:00"])
            list.append(["username": "window.a2", "window": 2, "weekday": d, "start": "11:30", "end": late])
        }
        if saturday { list.append(["username": "window.a2", "window": 2, "weekday": 6, "start": "09:00", "end": "12:00"]) }
        return list
    }

    /// No contracted hours in the request: they are the staff records' (an empty list is what older clients send).
    let contracts: [[String: Any]] = []

    @Test func staggeredRosterExtendsOpeningAndOverContractIsRefused() async throws {
        try await withServiceHall { app, f in
            try await makeAccount(app, "window.a2", .centerStaff, streetA)
            let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
            try await recordStaff(app, place: place.id!, [("window.a", 40), ("window.a2", 40)])
            let ok = try await app.api(.PUT, "/api/v1/service-places/\(place.id!)/roster", token: f.windowA,
                                       json: ["contracts": contracts, "shifts": shifts()])
            #expect(ok.status == .ok, "\(ok.body)")
            let days = ok.object["openingHours"] as? [[String: Any]] ?? []
            #expect(days.count == 5)
            #expect(days.first?["hours"] as? [String] == ["08:00–19:30"])
            let stored = try #require(try await ServicePlace.find(place.id, on: app.db))
            #expect(stored.openingHours.hasPrefix("周一 08:00–19:30"))

            let over = try await app.api(.PUT, "/api/v1/service-places/\(place.id!)/roster", token: f.windowA,
                                         json: ["contracts": contracts, "shifts": shifts(saturday: true)], headers: ["Accept-Language": "en"])
            #expect(over.status == .unprocessableEntity)
            #expect(over.object["code"] as? String == "roster_refused")
            #expect((over.object["reason"] as? String ?? "").contains("window.a2 would work 43.0 h a week, over the contracted 40.0 h"))
            #expect(try await RosterShift.query(on: app.db).filter(\.$weekday == 6).count() == 0)
            #expect(try await RosterShift.query(on: app.db).count() == 10)

            let shown = try await app.api(.GET, "/api/v1/service-places/\(place.id!)/roster")
            #expect((shown.object["openingHours"] as? [[String: Any]])?.count == 5)
            #expect(try await app.api(.PUT, "/api/v1/service-places/\(place.id!)/roster", token: f.windowB,
                                      json: ["contracts": contracts, "shifts": shifts()]).status == .forbidden)
            let badWindow = try await app.api(.PUT, "/api/v1/service-places/\(place.id!)/roster", token: f.windowA,
                                              json: ["contracts": contracts, "shifts": [["username": "window.a", "window": 9, "weekday": 1, "start": "09:00", "end": "10:00"]]])
            #expect(badWindow.status == .unprocessableEntity)
            #expect(try await RosterShift.query(on: app.db).count() == 10)
        }
    }

    /// The roster reads each worker's contracted hours from their staff record at the place, so changing the record
    /// changes what the roster allows; a worker without a current record there, and hours typed into the request, are refused.
    @Test func contractedHoursComeFromTheStaffRecords() async throws {
        try await withServiceHall { app, f in
            try await makeAccount(app, "window.a2", .centerStaff, streetA)
            try await makeAccount(app, "window.c", .centerStaff, streetA)
            let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
            try await recordStaff(app, place: place.id!, [("window.a", 40), ("window.a2", 30)])
            let path = "/api/v1/service-places/\(place.id!)/roster"

            // 40 hours for window.a2 against the 30 of its record: refused, naming the record's hours.
            let over = try await app.api(.PUT, path, token: f.windowA, json: ["contracts": contracts, "shifts": shifts()], headers: ["Accept-Language": "en"])
            #expect(over.status == .unprocessableEntity)
            #expect((over.object["reason"] as? String ?? "").contains("window.a2 would work 40.0 h a week, over the contracted 30.0 h"))
            #expect(try await RosterShift.query(on: app.db).count() == 0)

            // The record's hours change (the street official's command): the same roster now fits.
            let official = try await app.token("roster.official")
            let list = try await app.api(.GET, "/api/v1/workforce/staff", token: official)
            let id = try #require(list.items.first { $0["username"] as? String == "window.a2" }?["id"] as? String)
            #expect(try await app.api(.POST, "/api/v1/workforce/staff/\(id)/contract", token: official, json: ["weeklyHours": 40]).status == .ok)
            #expect(try await app.api(.PUT, path, token: f.windowA, json: ["contracts": contracts, "shifts": shifts()]).status == .ok)
            #expect(try await RosterShift.query(on: app.db).count() == 10)

            // Someone with an account but no staff record at the place is not rostered, with the reason said.
            let stranger = try await app.api(.PUT, path, token: f.windowA, json: [
                "contracts": contracts, "shifts": [["username": "window.c", "window": 3, "weekday": 1, "start": "09:00", "end": "12:00"]]],
                                             headers: ["Accept-Language": "en"])
            #expect(stranger.status == .unprocessableEntity)
            #expect((stranger.object["reason"] as? String ?? "").contains("no current staff record at this place"))
            #expect((stranger.object["reason"] as? String ?? "").contains("window.c"))

            // Contracted hours typed into the roster request are refused: they are the records' to say.
            let typed = try await app.api(.PUT, path, token: f.windowA, json: [
                "contracts": [["username": "window.a", "weeklyHours": 60]], "shifts": shifts()])
            #expect(typed.status == .unprocessableEntity)
            #expect(typed.object["code"] as? String == "contracted_hours_from_staff_records")
            #expect(try await RosterShift.query(on: app.db).count() == 10)
        }
    }
}
