import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

@Suite struct LookupThrottleTests {
    @Test func guessingTheLastFourIsStoppedAfterFiveFailures() async throws {
        try await withServiceHall { app, f in
            let one = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let two = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-004"])
            let n1 = one.object["trackingNumber"] as! String, n2 = two.object["trackingNumber"] as! String
            for guess in ["0000", "1111", "2222", "3333", "4444"] {
                #expect(try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(n1)&last4=\(guess)").status == .notFound)
            }
            let blocked = try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(n1)&last4=8000", headers: ["Accept-Language": "en"])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.object["code"] as? String == "lookup_throttled")
            #expect(!blocked.body.contains("submitted"))
            // Another application is unaffected.
            #expect(try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(n2)&last4=8000").status == .ok)
        }
    }

    @Test func oneAddressCannotSweepManyNumbers() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = res.object["trackingNumber"] as! String
            var rng = SeededGenerator(seed: 9)
            let headers: HTTPHeaders = ["X-Forwarded-For": "198.51.100.7"]
            for _ in 0..<LookupThrottle.perAddressPerHour {
                let made = TrackingNumber.make(on: LocalDate(instant: Date()), using: &rng)
                _ = try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(made)&last4=0000", headers: headers)
            }
            let swept = try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=8000", headers: headers)
            #expect(swept.status == .tooManyRequests)
            let elsewhere = try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=8000",
                                              headers: ["X-Forwarded-For": "203.0.113.5"])
            #expect(elsewhere.status == .ok)
        }
    }
}
