import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SelfGovernance

/// The supervision committee's appeal decision needs its reason, on the page and by the API alike (one command):
/// absent, blank or too long is a 4xx with the reason named, and the appeal stays pending with nothing recorded.
@Suite struct SupervisionGapsTests {
    static func hiddenAndAppealed(_ app: Vapor.Application, _ g: Governance) async throws -> String {
        let topic = try #require(try await app.api(.POST, "/api/v1/communities/\(communityA)/messages", token: g.voters[0].token,
                                                   json: ["channel": "forum", "subject": "出租车位", "text": "有意者联系"]).object["id"] as? String)
        #expect(try await app.api(.POST, "/api/v1/messages/\(topic)/hide", token: g.committee, json: ["text": "商业广告"]).status == .ok)
        #expect(try await app.api(.POST, "/api/v1/messages/\(topic)/appeal", token: g.voters[0].token, json: ["text": "邻里互助"]).status == .ok)
        return topic
    }

    static func decisions(_ app: Vapor.Application) async throws -> Int {
        try await AuditEntry.query(on: app.db).filter(\.$action == "message.appealDecision").filter(\.$outcome == "ok").count()
    }

    @Test func anAppealDecisionWithoutAReasonIsRefusedOnThePageAndByTheAPI() async throws {
        try await withGovernance { app, g in
            let topic = try await Self.hiddenAndAppealed(app, g)
            let superv = Browser(app)
            try await superv.signIn("superv.a")
            let page = try await superv.get("/messages/\(topic)")
            #expect(page.body.contains("name=\"reason\"") && page.body.contains("required"))

            let long = String(repeating: "理", count: 1001)
            for form in [["reverse": "true"], ["reverse": "true", "reason": ""], ["reverse": "true", "reason": " \n\t "],
                         ["reverse": "false", "reason": "\u{3000}\u{3000}"], ["reverse": "true", "reason": long],
                         ["reverse": "true", "reason": "\u{200B}\u{200B}"], ["reverse": "false", "reason": "\u{FEFF}\u{2060} \u{200D}"]] {
                _ = try await superv.get("/messages/\(topic)")
                let refused = try await superv.post("/messages/\(topic)/appeal-decision", form: form)
                #expect(refused.status.code / 100 == 4 && refused.status != .forbidden, "\(form): \(refused.status)")
                #expect(refused.body.contains("reason"), "\(form): \(refused.body.prefix(300))")
            }
            for json in [["reverse": true] as [String: Any], ["reverse": true, "reason": ""], ["reverse": false, "reason": "   "],
                         ["reverse": true, "reason": long], ["reverse": true, "reason": "\u{200B}"], ["reverse": false, "reason": "\u{00AD}\u{180E}"]] {
                let refused = try await app.api(.POST, "/api/v1/messages/\(topic)/appeal-decision", token: g.supervision, json: json)
                #expect(refused.status.code / 100 == 4 && refused.status != .forbidden, "\(json): \(refused.status) \(refused.body)")
                #expect(refused.body.contains("reason"), "\(json): \(refused.body)")
            }
            let english = try await app.api(.POST, "/api/v1/messages/\(topic)/appeal-decision", token: g.supervision,
                                            json: ["reverse": true, "reason": " "], headers: ["Accept-Language": "en"])
            #expect(english.status == .unprocessableEntity && english.body.contains("reason"))
            let unchanged = try #require(try await ChannelMessage.find(UUID(uuidString: topic), on: app.db))
            #expect(unchanged.appealState == .pending && unchanged.hidden && unchanged.appealDecision == nil)
            #expect(try await Self.decisions(app) == 0)

            // With its reason, the same command decides it.
            _ = try await superv.get("/messages/\(topic)")
            #expect(try await superv.post("/messages/\(topic)/appeal-decision", form: ["reverse": "false", "reason": "确属商业广告"]).status == .seeOther)
            let decided = try #require(try await ChannelMessage.find(UUID(uuidString: topic), on: app.db))
            #expect(decided.appealState == .upheld && decided.appealDecision == "确属商业广告")
            #expect(try await Self.decisions(app) == 1)
        }
    }
}
