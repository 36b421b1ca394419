import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

@Suite struct QueueTests {
    func center(_ app: Vapor.Application) async throws -> (place: ServicePlace, windows: [ServiceWindow]) {
        let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
        let windows = try await ServiceWindow.query(on: app.db).filter(\.$placeID == place.id!).sort(\.$number).all()
        return (place, windows)
    }

    @Test func concurrentTakersGetEveryNumberOnceWithNoGaps() async throws {
        try await withServiceHall { app, _ in
            let (place, _) = try await center(app)
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<120 {
                    group.addTask {
                        let res = try await app.api(.POST, "/api/v1/service-places/\(place.id!)/tickets", json: [:])
                        return res.object["number"] as? String ?? "x"
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(numbers.sorted() == (1...120).map { String(format: "%03d", $0) })
            let unknown = try await app.api(.POST, "/api/v1/service-places/\(UUID())/tickets", json: [:])
            #expect(unknown.status == .notFound)
            let badItem = try await app.api(.POST, "/api/v1/service-places/\(place.id!)/tickets", json: ["itemCode": "NOPE"])
            #expect(badItem.status == .unprocessableEntity)
            #expect(try await QueueTicket.query(on: app.db).count() == 120)
        }
    }

    @Test func windowsCallTheLowestWaitingNumberNeverTheSameTwice() async throws {
        try await withServiceHall { app, f in
            let (place, windows) = try await center(app)
            for _ in 0..<10 { _ = try await app.api(.POST, "/api/v1/service-places/\(place.id!)/tickets", json: ["itemCode": "RS-002"]) }
            let called = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<10 {
                    let window = windows[i % 3]
                    group.addTask {
                        try await app.api(.POST, "/api/v1/service-windows/\(window.id!)/call", token: f.windowA).object["number"] as? String ?? "x"
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(called.sorted() == (1...10).map { String(format: "%03d", $0) })
            let empty = try await app.api(.POST, "/api/v1/service-windows/\(windows[0].id!)/call", token: f.windowA)
            #expect(empty.status == .noContent)
            let board = try await app.api(.GET, "/api/v1/service-places/\(place.id!)/queue").object
            #expect(board["waiting"] as? Int == 0)
            #expect((board["called"] as? [[String: Any]])?.count == 8)
        }
    }

    @Test func onlyStaffOfThatPlaceCallAndTheRefusalIsLogged() async throws {
        try await withServiceHall { app, f in
            let (place, windows) = try await center(app)
            _ = try await app.api(.POST, "/api/v1/service-places/\(place.id!)/tickets", json: [:])
            #expect(try await app.api(.POST, "/api/v1/service-windows/\(windows[0].id!)/call", token: f.windowB).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/service-windows/\(windows[0].id!)/call", token: f.resident).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/service-windows/\(windows[0].id!)/call").status == .unauthorized)
            #expect(try await QueueTicket.query(on: app.db).filter(\.$state == .waiting).count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "serviceWindow").filter(\.$outcome == "denied").count() == 2)
        }
    }

    @Test func kioskAndDisplayWorkWithoutAnAccount() async throws {
        try await withServiceHall { app, f in
            let (place, windows) = try await center(app)
            let kiosk = Browser(app)
            let page = try await kiosk.get("/places/\(place.id!)")
            #expect(page.body.contains("取号"))
            let ticket = try await kiosk.post("/places/\(place.id!)/tickets", form: [:])
            #expect(ticket.body.contains("001"))
            _ = try await app.api(.POST, "/api/v1/service-windows/\(windows[1].id!)/call", token: f.windowA)
            let display = try await Browser(app).get("/places/\(place.id!)/display")
            #expect(display.status == .ok)
            #expect(display.headers.first(name: "Refresh") == "10")
            #expect(display.body.contains("001"))
            #expect(display.body.contains("窗口 2"))
        }
    }
}
