import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// Open311 lists and answers anonymously only for public-interest items (issue 9, finding 5).
@Suite struct Open311AccessTests {
    @Test func personalRequestsNeedAKeyInScope() async throws {
        try await withServiceHall { app, f in
            let dibao = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "MZ-001-1", "details": "家庭困难"])
            let personal = try #require(dibao.object["trackingNumber"] as? String)
            let booking = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "TY-001"])
            let venue = try #require(booking.object["trackingNumber"] as? String)
            let report = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "CG-004", "details": "路灯不亮"])
            let lamp = try #require(report.object["trackingNumber"] as? String)

            // Anonymous: the public-interest requests are listed and followed, the personal one is neither.
            let anonymous = try await app.api(.GET, "/open311/v2/requests.json").array.compactMap { $0["service_request_id"] as? String }
            #expect(Set(anonymous) == [venue, lamp])
            let asked = try await app.api(.GET, "/open311/v2/requests.json?service_request_id=\(personal),\(lamp)").array
            #expect(asked.compactMap { $0["service_request_id"] as? String } == [lamp])
            #expect(asked.first?["description"] is NSNull)
            #expect(try await app.api(.GET, "/open311/v2/requests/\(personal).json").status == .notFound)
            #expect(try await app.api(.GET, "/open311/v2/requests/\(personal).xml").status == .notFound)
            #expect(try await app.api(.GET, "/open311/v2/requests/\(lamp).json").status == .ok)

            // Staff in scope see it with what was written; staff elsewhere do not.
            let inScope = try await app.api(.GET, "/open311/v2/requests/\(personal).json?api_key=\(f.windowA)").array
            #expect(inScope.first?["description"] as? String == "家庭困难")
            #expect(try await app.api(.GET, "/open311/v2/requests/\(personal).json?api_key=\(f.windowB)").status == .notFound)
            let elsewhere = try await app.api(.GET, "/open311/v2/requests.json?api_key=\(f.windowB)").array.compactMap { $0["service_request_id"] as? String }
            #expect(!elsewhere.contains(personal))
            #expect(try await app.api(.GET, "/open311/v2/requests.json?api_key=not-a-key").status == .forbidden)
            // The applicant's own key reaches their own.
            let own = try await app.api(.GET, "/open311/v2/requests.json?api_key=\(f.resident)").array.compactMap { $0["service_request_id"] as? String }
            #expect(own.contains(personal))

            // The mark is published with the service list and the catalogue.
            let services = try await app.api(.GET, "/open311/v2/services.json").array
            #expect(services.first { $0["service_code"] as? String == "TY-001" }?["public_interest"] as? Bool == true)
            #expect(services.first { $0["service_code"] as? String == "MZ-001-1" }?["public_interest"] as? Bool == false)
            #expect(try await app.api(.GET, "/api/v1/service-items/CG-003").object["publicInterest"] as? Bool == true)
        }
    }

    @Test func aResidentsOwnKeyPostsForThemself() async throws {
        try await withServiceHall { app, f in
            let id = validID("44040219700101123")
            let withNumber = try await app.api(.POST, "/open311/v2/requests.json", raw: "api_key=\(f.resident)&service_code=RS-002&attribute[id_number]=\(id)",
                                               contentType: .urlEncodedForm)
            #expect(withNumber.status == .ok, "\(withNumber.body)")
            let without = try await app.api(.POST, "/open311/v2/requests.json", raw: "api_key=\(f.resident)&service_code=CG-003&description=垃圾未清运",
                                            contentType: .urlEncodedForm)
            #expect(without.status == .ok, "\(without.body)")
            let numbers = (withNumber.array + without.array).compactMap { $0["service_request_id"] as? String }
            #expect(numbers.count == 2)
            for number in numbers {
                let shown = try await app.api(.GET, "/api/v1/applications/\(number)", token: f.resident)
                #expect(shown.object["channel"] as? String == "open311")
                #expect(shown.object["responsibleAccountID"] == nil)
            }
            // Someone else's ID number with a resident's key is still refused.
            let other = try await app.api(.POST, "/api/v1/residents", token: try await app.token("admin", adminPassword),
                                          json: residentJSON(communityA, "邻居", "44040219800101456"))
            #expect(other.status == .created)
            let refused = try await app.api(.POST, "/open311/v2/requests.json",
                                            raw: "api_key=\(f.resident)&service_code=RS-002&attribute[id_number]=\(validID("44040219800101456"))",
                                            contentType: .urlEncodedForm)
            #expect(refused.status == .forbidden)
            // Staff keys still name the resident.
            #expect(try await app.api(.POST, "/open311/v2/requests.json", raw: "api_key=\(f.windowA)&service_code=RS-002",
                                      contentType: .urlEncodedForm).status == .badRequest)
        }
    }
}
