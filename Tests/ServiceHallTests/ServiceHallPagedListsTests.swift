import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// The hall's lists say how many there are and give the rest a page at a time.
@Suite struct ServiceHallPagedListsTests {
    /// Every page of `path` at two a page, checking the total on each; the rows in the order served.
    func walk(_ app: Vapor.Application, _ path: String, token: String?, total: Int, field: String) async throws -> [String] {
        var seen: [String] = []
        let pages = (total + 1) / 2
        for page in 1...pages {
            let res = try await app.api(.GET, path + (path.contains("?") ? "&" : "?") + "per=2&page=\(page)", token: token)
            #expect(res.status == .ok, "\(path)")
            #expect(res.object["total"] as? Int == total, "\(path)")
            #expect(res.items.count == (page < pages || total % 2 == 0 ? 2 : 1), "\(path) page \(page)")
            seen += res.items.compactMap { $0[field] as? String }
        }
        return seen
    }

    @Test func applicationsSlotsBookingsAndNoticesComeAPageAtATime() async throws {
        try await withServiceHall { app, f in
            var numbers: [String] = []
            let today = LocalDate(instant: Date())
            for (i, code) in ["RS-002", "RS-004", "MZ-005"].enumerated() {
                let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": code])
                let n = try #require(res.object["trackingNumber"] as? String)
                _ = try await app.api(.POST, "/api/v1/applications/\(n)/steps", token: f.windowA,
                                      json: ["step": "accept", "materialIDs": try await materialIDs(app, item: code)])
                try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == n)
                    .set(\.$dueOn, to: today.adding(days: -3 + i).description).update()
                numbers.append(n)
            }
            #expect(try await walk(app, "/api/v1/applications?due=overdue", token: f.windowA, total: 3, field: "trackingNumber") == numbers)
            #expect(try await walk(app, "/api/v1/applications", token: f.windowA, total: 3, field: "trackingNumber") == numbers)
            #expect(try await walk(app, "/api/v1/applications", token: f.resident, total: 3, field: "trackingNumber") == numbers)
            let notices = try await ResidentNotification.query(on: app.db).filter(\.$residentID == f.residentID).count()
            #expect(notices >= 6)
            #expect(Set(try await walk(app, "/api/v1/me/notifications", token: f.resident, total: notices, field: "id")).count == notices)

            let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
            let tomorrow = today.adding(days: 1).description
            var slots: [String] = []
            for start in ["09:00", "10:00", "11:00"] {
                let slot = try await app.api(.POST, "/api/v1/service-places/\(place.id!)/slots", token: f.windowA,
                                             json: ["day": tomorrow, "start": start, "end": start.replacingOccurrences(of: ":00", with: ":30"), "capacity": 2])
                slots.append(try #require(slot.object["id"] as? String))
                #expect(try await app.api(.POST, "/api/v1/slots/\(slots.last!)/appointments", token: f.resident).status == .created)
            }
            #expect(try await walk(app, "/api/v1/service-places/\(place.id!)/slots?day=\(tomorrow)", token: nil, total: 3, field: "id") == slots)
            #expect(Set(try await walk(app, "/api/v1/me/appointments", token: f.resident, total: 3, field: "slotID")).count == 3)
            #expect(try await app.api(.GET, "/api/v1/follow-ups?per=2", token: f.windowA).object["total"] as? Int == 0)

            // The page shows the same page, with the total and the way on, and keeps the list's filter.
            let browser = Browser(app)
            try await browser.signIn("window.a")
            let first = try await browser.get("/applications?due=overdue&per=2")
            #expect(first.status == .ok)
            #expect(first.body.contains(numbers[0]) && first.body.contains(numbers[1]) && !first.body.contains(numbers[2]))
            #expect(first.body.contains("共 3 条") || first.body.contains("3 in all"))
            #expect(first.body.contains("href=\"/applications?due=overdue&amp;per=2&amp;page=2\""))
            let second = try await browser.get("/applications?due=overdue&per=2&page=2")
            #expect(second.body.contains(numbers[2]) && !second.body.contains(numbers[0]))
        }
    }

    @Test func badPageOrSizeIsRefused() async throws {
        try await withServiceHall { app, f in
            let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).first())
            let browser = Browser(app)
            try await browser.signIn("window.a")
            for bad in ["page=0", "page=-1", "page=1000000000000", "page=x", "per=0", "per=-1", "per=1000000000000", "per=x"] {
                for (path, token) in [("applications", f.windowA), ("applications?due=overdue", f.windowA), ("applications", f.resident),
                                      ("me/appointments", f.resident), ("me/notifications", f.resident), ("follow-ups", f.windowA),
                                      ("service-places/\(place.id!)/slots", f.resident)] {
                    let res = try await app.api(.GET, "/api/v1/\(path)\(path.contains("?") ? "&" : "?")\(bad)", token: token)
                    #expect((400..<500).contains(Int(res.status.code)), "\(path) \(bad): \(res.status)")
                }
                let page = try await browser.get("/applications?\(bad)")
                #expect((400..<500).contains(Int(page.status.code)), "/applications?\(bad): \(page.status)")
            }
        }
    }
}
