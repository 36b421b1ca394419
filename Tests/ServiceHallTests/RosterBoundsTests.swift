import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// Issue 9, finding 1 (roster half): contracted hours of 1e300 trapped the process
/// converting them to minutes. The roster no longer takes contracted hours at all (they are the staff records',
/// whose weeklyHours is bounded the same way); any sent are refused before anything runs.
@Suite struct RosterBoundsTests {
    @Test func absurdContractedHoursAreRefusedAndNothingIsStored() async throws {
        try await withServiceHall { app, f in
            let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
            let shift: [String: Any] = ["username": "window.a", "window": 1, "weekday": 1, "start": "08:00", "end": "12:00"]
            for hours in [1e300, -1e300, 169.0, -1.0] {
                let res = try await app.api(.PUT, "/api/v1/service-places/\(place.id!)/roster", token: f.windowA,
                                            json: ["contracts": [["username": "window.a", "weeklyHours": hours]], "shifts": [shift]],
                                            headers: ["Accept-Language": "en"])
                #expect(res.status == .unprocessableEntity, "\(hours): \(res.body)")
                // Out of the declared range while the schema still lists contracts; refused as typed hours otherwise.
                #expect(["out_of_range", "contracted_hours_from_staff_records"].contains(res.object["code"] as? String ?? ""))
            }
            let big = try await app.api(.PUT, "/api/v1/service-places/\(place.id!)/roster", token: f.windowA,
                                        raw: #"{"contracts":[],"shifts":[{"username":"window.a","window":9223372036854775807,"weekday":1,"start":"08:00","end":"12:00"}]}"#)
            #expect(big.status == .unprocessableEntity, "\(big.body)")
            #expect(try await RosterShift.query(on: app.db).count() == 0)
            #expect(try await StaffContract.query(on: app.db).count() == 0)
            #expect(try await app.api(.GET, "/healthz").status == .ok)
        }
    }

    @Test func theRuleConvertsHoursWithACheck() {
        #expect(RosterRule.contractedMinutes(weeklyHours: 40) == 2400)
        #expect(RosterRule.contractedMinutes(weeklyHours: 37.5) == 2250)
        #expect(RosterRule.contractedMinutes(weeklyHours: 1e300) == nil)
        #expect(RosterRule.contractedMinutes(weeklyHours: .nan) == nil)
        #expect(RosterRule.contractedMinutes(weeklyHours: .infinity) == nil)
        #expect(RosterRule.contractedMinutes(weeklyHours: -1) == nil)
        #expect(RosterRule.contractedMinutes(weeklyHours: 168) == 10080)
    }
}
