import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// Check-then-write races, sent as parallel requests (issue 9, finding 9).
@Suite struct ConditionalWriteTests {
    static func parallel(_ n: Int, _ send: @escaping @Sendable (Int) async throws -> HTTPResponseStatus) async throws -> [HTTPResponseStatus] {
        try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
            for i in 0..<n { group.addTask { try await send(i) } }
            return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
        }
    }

    @Test func twentyParallelCancellationsFreeOnePlace() async throws {
        try await withServiceHall { app, f in
            let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
            let tomorrow = LocalDate(instant: Date()).adding(days: 1).description
            let slot = try await app.api(.POST, "/api/v1/service-places/\(place.id!)/slots", token: f.windowA,
                                         json: ["day": tomorrow, "start": "09:00", "end": "09:30", "capacity": 3])
            let slotID = try #require(slot.object["id"] as? String)
            let booking = try await app.api(.POST, "/api/v1/slots/\(slotID)/appointments", token: f.resident)
            let id = try #require(booking.object["id"] as? String)
            let resident = f.resident
            let statuses = try await Self.parallel(20) { _ in
                try await app.api(.POST, "/api/v1/appointments/\(id)/cancel", token: resident).status
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 19)
            let listed = try await app.api(.GET, "/api/v1/service-places/\(place.id!)/slots?day=\(tomorrow)").items
            #expect(listed.first?["remaining"] as? Int == 3)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "appointment.cancel").filter(\.$outcome == "ok").count() == 1)
        }
    }

    @Test func tenConflictingStepsAtOnceLandOnce() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = try #require(res.object["trackingNumber"] as? String)
            let required = try await materialIDs(app, item: "RS-002")
            let window = f.windowA
            // Half accept, half decline: whichever lands first, every other one finds the state changed.
            let statuses = try await Self.parallel(10) { i in
                let json: [String: Any] = i % 2 == 0 ? ["step": "accept", "materialIDs": required] : ["step": "decline", "reason": "材料不全"]
                return try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: window, json: json).status
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 9)
            let shown = try await app.api(.GET, "/api/v1/applications/\(number)", token: f.resident)
            #expect((shown.object["events"] as? [[String: Any]])?.count == 1)
            let audited = try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["application.accept", "application.decline"])
                .filter(\.$outcome == "ok").count()
            #expect(audited == 1)
        }
    }

    @Test func parallelRatingsAndFollowUpAnswersLandOnce() async throws {
        try await withServiceHall { app, f in
            let number = try await finishedApplication(app, f)
            let resident = f.resident
            let rated = try await Self.parallel(10) { _ in
                try await app.api(.POST, "/api/v1/applications/\(number)/rating", token: resident, json: ["level": "dissatisfied"]).status
            }
            #expect(rated.filter { $0 == .created }.count == 1)
            #expect(rated.filter { $0 == .conflict }.count == 9)
            #expect(try await app.count(Rating.self) == 1)
            let followUp = try #require(try await FollowUp.query(on: app.db).first()?.id)
            let window = f.windowA
            let answered = try await Self.parallel(10) { i in
                try await app.api(.POST, "/api/v1/follow-ups/\(followUp)/answer", token: window,
                                  json: ["state": "rectified", "response": "已整改 \(i)"]).status
            }
            #expect(answered.filter { $0 == .ok }.count == 1)
            #expect(answered.filter { $0 == .conflict }.count == 9)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "followUp.answer").filter(\.$outcome == "ok").count() == 1)
        }
    }

    @Test func thirtyParallelWrongGuessesJudgeNoMoreThanTheLimit() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = try #require(res.object["trackingNumber"] as? String)
            let statuses = try await Self.parallel(30) { i in
                try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=\(String(format: "%04d", i))").status
            }
            #expect(statuses.filter { $0 == .notFound }.count <= LookupThrottle.perNumberPerHour)
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 30 - LookupThrottle.perNumberPerHour)
            #expect(!statuses.contains(.ok))
            // The right answer is not judged either, once the limit is used up.
            #expect(try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=8000").status == .tooManyRequests)
        }
    }

    @Test func rightAnswersDoNotUseUpTheLimit() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = try #require(res.object["trackingNumber"] as? String)
            for _ in 0..<(LookupThrottle.perNumberPerHour * 2) {
                #expect(try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=8000").status == .ok)
            }
            for _ in 0..<(LookupThrottle.perNumberPerHour - 1) {
                #expect(try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=0000").status == .notFound)
            }
            #expect(try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=8000").status == .ok)
        }
    }
}
