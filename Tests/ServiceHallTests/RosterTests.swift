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

    let contracts: [[String: Any]] = [["username": "window.a", "weeklyHours": 40], ["username": "window.a2", "weeklyHours": 40]]

    @Test func staggeredRosterExtendsOpeningAndOverContractIsRefused() async throws {
        try await withServiceHall { app, f in
            try await makeAccount(app, "window.a2", .centerStaff, streetA)
            let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
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
}
