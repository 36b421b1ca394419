import Fluent
import Foundation
import NIOConcurrencyHelpers
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

final class CapturingMessenger: OutboundMessenger {
    let sent = NIOLockedValueBox<[OutboundMessage]>([])
    let fail: Bool
    init(fail: Bool = false) { self.fail = fail }
    func send(_ message: OutboundMessage) async throws {
        if fail { throw Abort(.serviceUnavailable) }
        sent.withLockedValue { $0.append(message) }
    }
}

@Suite struct NotificationTests {
    @Test func everyStepTellsTheResidentInTheLanguageTheyAppliedIn() async throws {
        try await withServiceHall { app, f in
            let messenger = CapturingMessenger()
            app.outboundMessenger = messenger
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"], headers: ["Accept-Language": "en"])
            let number = res.object["trackingNumber"] as! String
            // Staff work in Chinese; the resident still hears English.
            _ = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                  json: ["step": "accept", "materialIDs": try await materialIDs(app, item: "RS-002")])
            let sent = messenger.sent.withLockedValue { $0 }
            #expect(sent.count == 2)
            #expect(sent.allSatisfy { $0.to == "13800138000" && $0.language == "en" && $0.channel == "sms" })
            #expect(sent[1].text.contains("was accepted and should be finished by"))
            let inApp = try await app.api(.GET, "/api/v1/me/notifications", token: f.resident).items
            #expect(inApp.count == 2)
            #expect((inApp.first?["text"] as? String ?? "").contains(number))
            #expect(try await app.api(.GET, "/api/v1/me/notifications", token: f.windowA).items.isEmpty)
        }
    }

    @Test func aFailingGatewayDoesNotUndoTheApplication() async throws {
        try await withServiceHall { app, f in
            app.outboundMessenger = CapturingMessenger(fail: true)
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            #expect(res.status == .created)
            #expect(try await app.count(ServiceHall.Application.self) == 1)
            #expect(try await app.count(ResidentNotification.self) == 1)
        }
    }

    @Test func theDefaultOutboxIsALogFileInTheDataDirectory() async throws {
        try await withServiceHall { app, f in
            _ = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let path = app.shequSettings.dataDirectory.appendingPathComponent("outbound.log").path
            let log = try String(contentsOfFile: path, encoding: .utf8)
            #expect(log.contains("13800138000"))
            #expect(log.contains("已提交"))
            let attrs = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
    }
}
