import Fluent
import Foundation
import ServiceHall
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import SelfGovernance

/// S3: mailbox, hotline, forum; every message answered and tracked.
@Suite struct SelfGovernanceChannelTests {
    func post(_ app: Vapor.Application, _ token: String, _ channel: String, anonymous: Bool = false, subject: String = "路灯不亮") async throws -> String {
        let res = try await app.api(.POST, "/api/v1/communities/\(communityA)/messages", token: token,
                                    json: ["channel": channel, "subject": subject, "text": "3栋门口路灯坏了一周。", "anonymous": anonymous])
        #expect(res.status == .created, "\(res.body)")
        return try #require(res.object["id"] as? String)
    }

    @Test func anAnonymousLetterIsAnsweredAndItsAuthorIsKnownOnlyToTheCommittee() async throws {
        try await withGovernance { app, g in
            let id = try await post(app, g.voters[0].token, "mailbox", anonymous: true)
            let listed = try await app.api(.GET, "/api/v1/communities/\(communityA)/messages")
            #expect(listed.items.first?["author"] as? String == "匿名")
            #expect(!listed.body.contains("居民1") && !listed.body.contains(g.voters[0].id.uuidString))
            let stored = try #require(try await ChannelMessage.find(UUID(uuidString: id), on: app.db))
            #expect(stored.residentID == g.voters[0].id && stored.authorName == "居民1")
            // The due date is counted in working days from today.
            let expected = try app.workingCalendar.deadline(from: LocalDate(instant: Date()), workingDays: 5)
            #expect(stored.dueOn == expected.description)
            // A named letter shows a masked name.
            _ = try await post(app, g.voters[1].token, "mailbox", subject: "楼道堆物")
            #expect(try await app.api(.GET, "/api/v1/communities/\(communityA)/messages?channel=mailbox").body.contains("居*"))
            #expect(try await app.api(.POST, "/api/v1/messages/\(id)/answer", token: g.voters[1].token, json: ["text": "x"]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/messages/\(id)/answer", token: g.committee, json: ["text": ""]).status == .unprocessableEntity)
            let answered = try await app.api(.POST, "/api/v1/messages/\(id)/answer", token: g.committee, json: ["text": "已报修，三日内修复。"])
            #expect(answered.status == .ok && answered.object["answer"] as? String == "已报修，三日内修复。")
            #expect(try await app.api(.POST, "/api/v1/messages/\(id)/answer", token: g.committee, json: ["text": "again"]).status == .conflict)
            // Residents of other communities write to their own mailbox only.
            #expect(try await app.api(.POST, "/api/v1/communities/\(communityA)/messages", token: g.outsider.token,
                                      json: ["channel": "mailbox", "subject": "x", "text": "y"]).status == .forbidden)
        }
    }

    @Test func overdueAnswersAreVisibleToTheSupervisionCommittee() async throws {
        try await withGovernance { app, g in
            let late = try await post(app, g.voters[0].token, "mailbox")
            let onTime = try await post(app, g.voters[1].token, "mailbox", subject: "噪音")
            let answeredLate = try await post(app, g.voters[2].token, "mailbox", subject: "绿化")
            try await (app.db as! any SQLDatabase).raw("UPDATE channel_messages SET due_on = '2026-01-05' WHERE id <> \(bind: UUID(uuidString: onTime)!)").run()
            _ = try await app.api(.POST, "/api/v1/messages/\(answeredLate)/answer", token: g.committee, json: ["text": "已处理"])
            let overdue = try await app.api(.GET, "/api/v1/communities/\(communityA)/messages/overdue", token: g.supervision)
            #expect(overdue.status == .ok)
            #expect(overdue.items.compactMap { $0["id"] as? String }.map { $0.lowercased() } == [late.lowercased()])
            #expect(try await app.api(.GET, "/api/v1/communities/\(communityA)/messages/overdue", token: g.voters[0].token).status == .forbidden)
            #expect(try await app.api(.GET, "/api/v1/communities/\(communityA)/messages/overdue", token: g.otherCommittee).status == .forbidden)
        }
    }

    @Test func moderationGivesAReasonAndTheAuthorsAppealGoesToTheSupervisionCommittee() async throws {
        try await withGovernance { app, g in
            let topic = try await post(app, g.voters[0].token, "forum", subject: "周末跳蚤市场")
            let reply = try await app.api(.POST, "/api/v1/messages/\(topic)/replies", token: g.voters[1].token, json: ["text": "支持！"])
            #expect(reply.status == .created)
            #expect(try await app.api(.POST, "/api/v1/messages/\(topic)/replies", token: g.outsider.token, json: ["text": "x"]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/messages/\(topic)/hide", token: g.committee, json: ["text": " "]).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/api/v1/messages/\(topic)/hide", token: g.voters[1].token, json: ["text": "x"]).status == .forbidden)
            let hidden = try await app.api(.POST, "/api/v1/messages/\(topic)/hide", token: g.committee, json: ["text": "含商业广告"])
            #expect(hidden.object["hidden"] as? Bool == true && hidden.object["text"] as? String == "")
            #expect(try await app.api(.GET, "/api/v1/messages/\(topic)").object["hiddenReason"] as? String == "含商业广告")
            #expect(try await app.api(.POST, "/api/v1/messages/\(topic)/appeal", token: g.voters[1].token, json: ["text": "x"]).status == .forbidden)
            let appealed = try await app.api(.POST, "/api/v1/messages/\(topic)/appeal", token: g.voters[0].token, json: ["text": "是邻里互助，不是广告"])
            #expect(appealed.object["appealState"] as? String == "pending")
            #expect(try await app.api(.POST, "/api/v1/messages/\(topic)/appeal-decision", token: g.committee,
                                      json: ["reverse": true, "reason": "x"]).status == .forbidden)
            let decided = try await app.api(.POST, "/api/v1/messages/\(topic)/appeal-decision", token: g.supervision,
                                            json: ["reverse": true, "reason": "属于邻里互助"])
            #expect(decided.object["appealState"] as? String == "reversed" && decided.object["hidden"] as? Bool == false)
            #expect(try await app.api(.POST, "/api/v1/messages/\(topic)/appeal", token: g.voters[0].token, json: ["text": "again"]).status == .conflict)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "message.hide").filter(\.$outcome == "ok").first()?.detail == "含商业广告")
        }
    }

    @Test func aCallBecomesAMatterAndALetterAServiceApplication() async throws {
        try await withGovernance { app, g in
            _ = try await ServiceHallModule().demo(app)
            let call = try await app.api(.POST, "/api/v1/communities/\(communityA)/hotline-calls", token: g.committee,
                                         json: ["residentID": g.voters[2].id.uuidString, "callerName": "居民3", "subject": "小区停车难",
                                                "text": "晚上车位不够。"])
            #expect(call.status == .created)
            let callID = try #require(call.object["id"] as? String)
            let matter = try await app.api(.POST, "/api/v1/messages/\(callID)/matter", token: g.committee)
            #expect(matter.status == .created && matter.object["source"] as? String == "hotline")
            let after = try await app.api(.GET, "/api/v1/messages/\(callID)")
            #expect((after.object["answer"] as? String ?? "").contains("小区停车难") && after.object["matterID"] as? String != nil)
            #expect(try await app.api(.POST, "/api/v1/messages/\(callID)/matter", token: g.committee).status == .conflict)

            let letter = try await post(app, g.voters[0].token, "mailbox", subject: "想办居住证")
            #expect(try await app.api(.POST, "/api/v1/messages/\(letter)/application", token: g.deliberation, json: ["itemCode": "RS-002"]).status == .forbidden)
            let converted = try await app.api(.POST, "/api/v1/messages/\(letter)/application", token: g.committee, json: ["itemCode": "RS-002"])
            #expect(converted.status == .ok, "\(converted.body)")
            let answer = converted.object["answer"] as? String ?? ""
            let number = String(answer.split(separator: "：").last ?? "")
            let application = try #require(try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == number).first())
            #expect(application.residentID == g.voters[0].id)
        }
    }
}
