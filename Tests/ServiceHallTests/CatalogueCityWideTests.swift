import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall
@testable import ShequPlatform

/// Review of issue 11: a city-administrator grant held at a street makes its holder the street's account administrator,
/// not an editor of the city's catalogue.
@Suite struct CatalogueCityWideTests {
    @Test func anAdministratorOfAStreetCannotEditTheCitysCatalogueAndIsLogged() async throws {
        try await withShequ { app in
            try await makeAccount(app, "street.admin", .cityAdministrator, streetA)
            let token = try await app.token("street.admin")
            let before = try await ServiceItem.query(on: app.db).filter(\.$code == "MZ-001-1").first()?.nameZh
            let change = CatalogueEditingTests.changeJSON(name: "改名", promisedDays: 20, feeKind: "free", feeFen: 0,
                                                          materials: [["nameZh": "身份证", "nameEn": "ID card"]])
            let put = try await app.api(.PUT, "/api/v1/service-items/MZ-001-1", token: token, json: change)
            #expect(put.status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/service-items/RS-004/retire", token: token).status == .forbidden)
            #expect(try await ServiceItem.query(on: app.db).filter(\.$code == "MZ-001-1").first()?.nameZh == before)
            let browser = Browser(app)
            try await browser.signIn("street.admin")
            #expect(try await browser.get("/catalogue/new").status == .forbidden)
            let denied = try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").filter(\.$actor == "street.admin").count()
            #expect(denied >= 3)
            // The city-wide administrator still edits it.
            let city = try await app.token("admin", adminPassword)
            #expect(try await app.api(.PUT, "/api/v1/service-items/MZ-001-1", token: city, json: change).status == .ok)
        }
    }

    /// CI on PostgreSQL: a refused retire of a code carrying a NUL answered 500, because the refusal's audit entry
    /// (entity id = the code) could not be stored. The refusal is now a 403 with its entry kept, and the chain verifies.
    @Test func aRefusalForAPathWithANulIsStillRefusedAndLogged() async throws {
        try await withShequ { app in
            try await makeAccount(app, "station.staff", .stationStaff, communityA)
            let token = try await app.token("station.staff")
            #expect(try await app.api(.POST, "/api/v1/service-items/%00%01%1B/retire", token: token).status == .unprocessableEntity)
            let browser = Browser(app)
            try await browser.signIn("station.staff")
            #expect(try await browser.get("/catalogue/%00%01%1B").status == .forbidden)
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").filter(\.$actor == "station.staff").first())
            #expect(entry.entityID == "\u{FFFD}\u{01}\u{1B}")
            #expect(try await AuditLog.verify(on: app.db) == nil)
        }
    }
}
