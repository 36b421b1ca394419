import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// A closed centre or station takes nobody new (no ticket, slot, booking or arrival), is not listed to the public,
/// and still serves the people whose tickets were issued before it closed.
@Suite struct HallGapsClosedPlaceTests {
    func centreA(_ app: Vapor.Application) async throws -> (place: ServicePlace, windows: [ServiceWindow]) {
        let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
        let windows = try await ServiceWindow.query(on: app.db).filter(\.$placeID == place.id!).sort(\.$number).all()
        return (place, windows)
    }

    func ticket(_ app: Vapor.Application, _ number: Int) async throws -> QueueTicket {
        try #require(try await QueueTicket.query(on: app.db).filter(\.$number == number).first())
    }

    @Test func aClosedPlaceRefusesNewTicketsSlotsBookingsAndArrivalsInBothLanguages() async throws {
        try await withServiceHall { app, f in
            let (place, _) = try await centreA(app)
            let id = try place.requireID()
            try await makeAccount(app, "street.a", .streetOfficial, streetA)
            let official = try await app.token("street.a")
            let today = LocalDate(instant: Date()).description
            let tomorrow = LocalDate(instant: Date()).adding(days: 1).description
            // Before the closure: a ticket, a booking for today and a slot for tomorrow.
            #expect(try await app.api(.POST, "/api/v1/service-places/\(id)/tickets", json: [:]).status == .created)
            let todaySlot = try #require(try await app.api(.POST, "/api/v1/service-places/\(id)/slots", token: f.windowA,
                                                           json: ["day": today, "start": "09:00", "end": "23:59", "capacity": 3]).object["id"] as? String)
            let booked = try await app.api(.POST, "/api/v1/slots/\(todaySlot)/appointments", token: f.resident)
            #expect(booked.status == .created)
            let appointment = try #require(booked.object["id"] as? String)
            let laterSlot = try #require(try await app.api(.POST, "/api/v1/service-places/\(id)/slots", token: f.windowA,
                                                           json: ["day": tomorrow, "start": "09:00", "end": "10:00", "capacity": 3]).object["id"] as? String)
            #expect(try await app.api(.GET, "/api/v1/service-places").array.contains { $0["id"] as? String == id.uuidString })

            #expect(try await app.api(.POST, "/api/v1/service-places/\(id)/close", token: official).status == .ok)

            // Not offered to the public any more; its own record still answers.
            #expect(!(try await app.api(.GET, "/api/v1/service-places").array.contains { $0["id"] as? String == id.uuidString }))
            #expect(try await app.api(.GET, "/api/v1/service-places/\(id)").status == .ok)

            // No new ticket, by the API or the kiosk, with the reason in Chinese and English.
            let zh = try await app.api(.POST, "/api/v1/service-places/\(id)/tickets", json: [:])
            #expect(zh.status == .conflict)
            #expect(zh.object["code"] as? String == "place_closed")
            #expect(zh.body.contains("已关闭"))
            let en = try await app.api(.POST, "/api/v1/service-places/\(id)/tickets", json: [:], headers: ["Accept-Language": "en"])
            #expect(en.status == .conflict && en.body.contains("is closed"))
            let kiosk = Browser(app)
            let page = try await kiosk.get("/places/\(id)")
            #expect(page.status == .ok && page.body.contains("已关闭"))
            #expect(!page.body.contains("/places/\(id)/tickets"))
            #expect(try await kiosk.post("/places/\(id)/tickets", form: [:]).status == .conflict)
            #expect(try await app.count(QueueTicket.self) == 1)

            // No new slot, no booking, no arrival; the booking stays as it was.
            let slot = try await app.api(.POST, "/api/v1/service-places/\(id)/slots", token: f.windowA,
                                         json: ["day": tomorrow, "start": "11:00", "end": "12:00", "capacity": 3])
            #expect(slot.status == .conflict && slot.object["code"] as? String == "place_closed")
            #expect(try await app.count(AppointmentSlot.self) == 2)
            let book = try await app.api(.POST, "/api/v1/slots/\(laterSlot)/appointments", token: f.resident)
            #expect(book.status == .conflict && book.object["code"] as? String == "place_closed")
            #expect(try await app.count(Appointment.self) == 1)
            let arrive = try await app.api(.POST, "/api/v1/appointments/\(appointment)/arrive", token: f.windowA)
            #expect(arrive.status == .conflict && arrive.object["code"] as? String == "place_closed")
            #expect(try await Appointment.find(UUID(uuidString: appointment), on: app.db)?.state == .booked)
            #expect(try await app.count(QueueTicket.self) == 1)
            let slotsPage = try await Browser(app).get("/places/\(id)/slots")
            #expect(slotsPage.body.contains("已关闭") && !slotsPage.body.contains("/slots/\(laterSlot)/appointments"))
            // The public list offers none either: an app reading it would send residents to a shut door.
            let listed = try await app.api(.GET, "/api/v1/service-places/\(id)/slots")
            #expect(listed.status == .ok && listed.object["total"] as? Int == 0)

            // Reopened, it takes people again.
            #expect(try await app.api(.POST, "/api/v1/service-places/\(id)/reopen", token: official).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/service-places/\(id)/tickets", json: [:]).status == .created)
            #expect(try await app.api(.POST, "/api/v1/slots/\(laterSlot)/appointments", token: f.resident).status == .created)
            #expect(try await app.api(.GET, "/api/v1/service-places/\(id)/slots").object["total"] as? Int == 2)
        }
    }

    /// Those already in the hall when it closed are served: their tickets are called, recalled and skipped as before.
    /// A ticket that raced the closure and landed after it is not called: the hall it names is shut.
    @Test func ticketsIssuedBeforeTheClosureAreStillCalledThoseAfterAreNot() async throws {
        try await withServiceHall { app, f in
            let (place, windows) = try await centreA(app)
            let id = try place.requireID()
            try await makeAccount(app, "street.a", .streetOfficial, streetA)
            let official = try await app.token("street.a")
            for _ in 0..<2 { #expect(try await app.api(.POST, "/api/v1/service-places/\(id)/tickets", json: [:]).status == .created) }
            #expect(try await app.api(.POST, "/api/v1/service-places/\(id)/close", token: official).status == .ok)
            let closedAt = try #require(try await ServicePlace.find(id, on: app.db)?.closedAt)
            // A third that landed after the closure (a take racing the close).
            let late = QueueTicket()
            late.placeID = id
            late.day = LocalDate(instant: Date()).description
            late.number = 3
            late.state = .waiting
            try await late.create(on: app.db)
            late.createdAt = closedAt.addingTimeInterval(60)
            try await late.save(on: app.db)

            let first = try await app.api(.POST, "/api/v1/service-windows/\(windows[0].id!)/call", token: f.windowA)
            #expect(first.status == .ok && first.object["number"] as? String == "001")
            let staff = Browser(app)
            try await staff.signIn("window.a")
            try await staff.get("/places/\(id)/queue")
            #expect(try await staff.post("/service-windows/\(windows[1].id!)/call", form: [:]).status == .seeOther)
            #expect(try await ticket(app, 2).state == .called)
            #expect(try await app.api(.POST, "/api/v1/service-windows/\(windows[0].id!)/call", token: f.windowA).status == .noContent)
            #expect(try await ticket(app, 3).state == .waiting)
            let one = try await ticket(app, 1).id!
            #expect(try await app.api(.POST, "/api/v1/service-tickets/\(one)/skip", token: f.windowA).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/service-tickets/\(one)/recall", token: f.windowA).status == .ok)

            // Even moved to called by hand, the late one cannot be recalled or skipped at the closed place.
            late.state = .called
            try await late.save(on: app.db)
            let recall = try await app.api(.POST, "/api/v1/service-tickets/\(late.id!)/recall", token: f.windowA)
            #expect(recall.status == .conflict && recall.object["code"] as? String == "place_closed")
        }
    }

    /// Nor does it receive applications: none submitted at it, none transferred to it.
    @Test func aClosedPlaceReceivesNoApplicationsAndNoTransfers() async throws {
        try await withServiceHall { app, f in
            let (place, _) = try await centreA(app)
            let centreB = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetB).first())
            try await makeAccount(app, "street.a", .streetOfficial, streetA)
            try await makeAccount(app, "street.b", .streetOfficial, streetB)
            #expect(try await app.api(.POST, "/api/v1/service-places/\(place.id!)/close", token: try await app.token("street.a")).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/service-places/\(centreB.id!)/close", token: try await app.token("street.b")).status == .ok)

            let atClosed = try await app.api(.POST, "/api/v1/applications", token: f.windowA,
                                             json: ["itemCode": "RS-002", "residentID": f.residentID.uuidString, "placeID": place.id!.uuidString])
            #expect(atClosed.status == .conflict && atClosed.object["code"] as? String == "place_closed", "\(atClosed.body)")
            #expect(try await app.count(ServiceHall.Application.self) == 0)

            let applied = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = try #require(applied.object["trackingNumber"] as? String)
            #expect(try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                      json: ["step": "accept", "materialIDs": try await materialIDs(app, item: "RS-002")]).status == .ok)
            let transfer = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                             json: ["step": "transfer", "centerID": centreB.id!.uuidString])
            #expect(transfer.status == .conflict && transfer.object["code"] as? String == "place_closed", "\(transfer.body)")
            #expect(try await app.api(.GET, "/api/v1/applications/\(number)", token: f.windowA).object["state"] as? String == "accepted")
            #expect(!(try await TransferDestination.options(on: app.db).contains { $0.value == "center:\(centreB.id!)" }))
        }
    }

    /// A closed window (the place still open) calls nobody and is not offered on the queue page; the others call on.
    @Test func aClosedWindowCallsNoTicketAndIsNotOffered() async throws {
        try await withServiceHall { app, f in
            let (place, windows) = try await centreA(app)
            let id = try place.requireID()
            try await makeAccount(app, "street.a", .streetOfficial, streetA)
            let official = try await app.token("street.a")
            let closing = try #require(windows.first?.id)
            #expect(try await app.api(.POST, "/api/v1/service-places/\(id)/tickets", json: [:]).status == .created)
            #expect(try await app.api(.POST, "/api/v1/service-windows/\(closing)/close", token: official).status == .ok)
            let refused = try await app.api(.POST, "/api/v1/service-windows/\(closing)/call", token: f.windowA)
            #expect(refused.status == .conflict && refused.object["code"] as? String == "window_closed")
            #expect(try await ticket(app, 1).state == .waiting)
            let staff = Browser(app)
            try await staff.signIn("window.a")
            let queue = try await staff.get("/places/\(id)/queue")
            #expect(!queue.body.contains("/service-windows/\(closing.uuidString)/call"))
            let other = try #require(windows.dropFirst().first?.id)
            #expect(queue.body.contains("/service-windows/\(other.uuidString)/call"))
            #expect(try await app.api(.POST, "/api/v1/service-windows/\(other)/call", token: f.windowA).status == .ok)
        }
    }
}
