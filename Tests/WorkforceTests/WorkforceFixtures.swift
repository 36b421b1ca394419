import Fluent
import Foundation
import ServiceHall
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Workforce

/// A platform with the demo's places, officials of two streets, the district and the city, a resident, and a worker
/// account (`worker.a`) whose record the tests make.
struct WorkforceFixture {
    let streetA: String
    let streetB: String
    let district: String
    let city: String
    let resident: String
    let worker: String
    let centerA: UUID
    let stationA: UUID

    /// A record as the API takes it; `extra` replaces or adds fields.
    static func record(_ name: String = "张敏", username: String? = "worker.a", division: String = communityA, place: UUID? = nil,
                       post: String = "staff", serviceSince: String, education: String = "bachelor", extra: [String: Any] = [:]) -> [String: Any] {
        var json: [String: Any] = ["kind": "districtHired", "name": name, "divisionCode": division, "post": post, "contractStart": max(serviceSince, "2024-01-01"),
                                   "weeklyHours": 40, "serviceSince": serviceSince, "education": education]
        if let username { json["username"] = username }
        if let place { json["placeID"] = place.uuidString }
        for (k, v) in extra { json[k] = v }
        return json
    }

    /// The day `years` years ago (and a day), so the full years of service are exactly `years`.
    static func yearsAgo(_ years: Int) -> String {
        let t = LocalDate(instant: Date())
        let (y, m, d) = t.components
        return (LocalDate(year: y - years, month: m, day: min(d, 28)) ?? t).adding(days: -1).description
    }

    static var lastYear: Int { LocalDate(instant: Date()).components.year - 1 }
}

func withWorkforce(_ body: (Vapor.Application, WorkforceFixture) async throws -> Void) async throws {
    try await withShequ { app in
        _ = try await ServiceHallModule().demo(app)
        try await makeAccount(app, "official.a", .streetOfficial, streetA)
        try await makeAccount(app, "official.b", .streetOfficial, streetB)
        try await makeAccount(app, "official.district", .districtOfficial, "440402")
        try await makeAccount(app, "official.city", .cityAdministrator, "4404")
        try await makeAccount(app, "someone", .resident, communityA)
        try await makeAccount(app, "worker.a", .stationStaff, communityA)
        let center = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first()?.id)
        let station = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .station).filter(\.$divisionCode == communityA).first()?.id)
        try await body(app, WorkforceFixture(streetA: try await app.token("official.a"), streetB: try await app.token("official.b"),
                                             district: try await app.token("official.district"), city: try await app.token("official.city"),
                                             resident: try await app.token("someone"), worker: try await app.token("worker.a"),
                                             centerA: center, stationA: station))
    }
}

func denied(_ app: Vapor.Application) async throws -> Int {
    try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").count()
}
