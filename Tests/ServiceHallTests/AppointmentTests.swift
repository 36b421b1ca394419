import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

@Suite struct AppointmentTests {
    @Test func capacityHoldsUnderConcurrentBookingAndArrivalIssuesATicket() async throws {
        try await withServiceHall { app, f in
            let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
            let today = LocalDate(instant: Date()).description
            let slot = try await app.api(.POST, "/api/v1/service-places/\(place.id!)/slots", token: f.windowA,
                                         json: ["itemCode": "GA-001", "day": today, "start": "09:00", "end": "09:30", "capacity": 3])
            #expect(slot.status == .created)
            let slotID = try #require(slot.object["id"] as? String)
            #expect(try await app.api(.POST, "/api/v1/service-places/\(place.id!)/slots", token: f.windowB,
                                      json: ["day": today, "start": "09:00", "end": "09:30", "capacity": 3]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/service-places/\(place.id!)/slots", token: f.windowA,
                                      json: ["day": today, "start": "10:00", "end": "09:30", "capacity": 3]).status == .unprocessableEntity)

            // Eight residents race for three places.
            let admin = try await app.token("admin", adminPassword)
            var tokens: [String] = []
            for i in 0..<8 {
                let r = try await app.api(.POST, "/api/v1/residents", token: admin,
                                          json: residentJSON(communityA, "预约\(i)", "4404021990011\(i)123"))
                try await makeAccount(app, "booker\(i)", .resident, communityA, residentID: UUID(uuidString: r.object["id"] as! String))
                tokens.append(try await app.token("booker\(i)"))
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for token in tokens {
                    group.addTask { try await app.api(.POST, "/api/v1/slots/\(slotID)/appointments", token: token).status }
                }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 3)
            #expect(statuses.filter { $0 == .conflict }.count == 5)
            let listed = try await app.api(.GET, "/api/v1/service-places/\(place.id!)/slots?day=\(today)").items
            #expect(listed.first?["remaining"] as? Int == 0)

            let winners = try await Appointment.query(on: app.db).all()
            #expect(winners.count == 3)
            let booked = try #require(winners.first?.id)
            let ticket = try await app.api(.POST, "/api/v1/appointments/\(booked)/arrive", token: f.windowA)
            #expect(ticket.object["number"] as? String == "001")
            #expect(try await app.api(.POST, "/api/v1/appointments/\(booked)/arrive", token: f.windowA).status == .conflict)
            #expect(try await app.api(.POST, "/api/v1/appointments/\(winners[1].id!)/arrive", token: f.windowB).status == .notFound)
        }
    }

    @Test func cancellingFreesThePlaceAndOnlyTheBookerCancels() async throws {
        try await withServiceHall { app, f in
            let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
            let tomorrow = LocalDate(instant: Date()).adding(days: 1).description
            let slot = try await app.api(.POST, "/api/v1/service-places/\(place.id!)/slots", token: f.windowA,
                                         json: ["day": tomorrow, "start": "14:30", "end": "15:00", "capacity": 1])
            let slotID = slot.object["id"] as! String
            let booking = try await app.api(.POST, "/api/v1/slots/\(slotID)/appointments", token: f.resident)
            #expect(booking.status == .created)
            #expect(try await app.api(.POST, "/api/v1/slots/\(slotID)/appointments", token: f.resident).status == .conflict)
            let id = booking.object["id"] as! String
            #expect(try await app.api(.POST, "/api/v1/appointments/\(id)/cancel", token: f.windowA).status == .notFound)
            #expect(try await app.api(.POST, "/api/v1/appointments/\(id)/arrive", token: f.windowA).status == .conflict)
            #expect(try await app.api(.POST, "/api/v1/appointments/\(id)/cancel", token: f.resident).object["state"] as? String == "cancelled")
            #expect(try await app.api(.GET, "/api/v1/service-places/\(place.id!)/slots?day=\(tomorrow)").items.first?["remaining"] as? Int == 1)
            #expect(try await app.api(.GET, "/api/v1/me/appointments", token: f.resident).items.count == 1)
        }
    }
}
