import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// Open311 answers a client's mistake as the client's, and confirms no personal number to a stranger.
@Suite struct Open311RefusalTests {
    @Test func anUnsupportedBodyIsTheClientsMistakeNotA500() async throws {
        try await withServiceHall { app, _ in
            for type in [HTTPMediaType.xml, HTTPMediaType(type: "text", subType: "xml"), HTTPMediaType(type: "application", subType: "octet-stream")] {
                let answer = try await app.api(.POST, "/open311/v2/requests.json", raw: "<x/>", contentType: type)
                #expect(answer.status == .unsupportedMediaType, "\(type): \(answer.body)")
                #expect(answer.array.first?["code"] as? Int == 415)
            }
        }
    }

    @Test func aTokenConfirmsOnlyWhatTheRequestItselfWould() async throws {
        try await withServiceHall { app, f in
            let dibao = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "MZ-001-1", "details": "家庭困难"])
            let personal = try #require(dibao.object["trackingNumber"] as? String)
            let report = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "CG-004", "details": "路灯不亮"])
            let lamp = try #require(report.object["trackingNumber"] as? String)

            // Anonymous, or staff elsewhere: a personal number answers like one that does not exist.
            #expect(try await app.api(.GET, "/open311/v2/tokens/\(personal).json").status == .notFound)
            #expect(try await app.api(.GET, "/open311/v2/tokens/\(personal).json?api_key=\(f.windowB)").status == .notFound)
            // Public-interest numbers, and personal ones the key reaches, are confirmed.
            #expect(try await app.api(.GET, "/open311/v2/tokens/\(lamp).json").status == .ok)
            let reached = try await app.api(.GET, "/open311/v2/tokens/\(personal).json?api_key=\(f.windowA)")
            #expect(reached.status == .ok)
            #expect(reached.array.first?["token"] as? String == personal)
            #expect(try await app.api(.GET, "/open311/v2/tokens/\(personal).json?api_key=\(f.resident)").status == .ok)
        }
    }
}
