import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SelfGovernance

/// The self-governance work that had only API routes, done on pages: each form
/// runs the API's command (same record, same audit entry), the wrong role is
/// refused and the refusal logged, and bad input changes nothing.
@Suite struct GovernancePagesTests {
    static func denied(_ app: Vapor.Application) async throws -> Int {
        try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").count()
    }

    static func audited(_ app: Vapor.Application, _ action: String, by actor: String) async throws -> Int {
        try await AuditEntry.query(on: app.db).filter(\.$action == action).filter(\.$outcome == "ok").all()
            .filter { $0.actor.contains(actor) }.count
    }

    static func records(_ app: Vapor.Application, _ kind: String) async throws -> Int {
        try await PublicRecordEntry.query(on: app.db).filter(\.$kind == kind).count()
    }

    static let charterForm: [String: String] = [
        "title": "紫荆社区居民自治章程", "text": "第一条 为规范居民自治……", "inForceFrom": "",
        "residentsAssemblyBase": "adults", "quorumNumerator": "1", "quorumDenominator": "2", "quorumStrictlyMore": "true",
        "majorityNumerator": "2", "majorityDenominator": "3", "majorityStrictlyMore": "false", "majorityBase": "present",
        "noticeDays": "10", "secretBallot": "true", "migrantsVoteAfterMonths": "6",
        "representativesFewest": "2", "representativesMost": "3", "minimumAge": "18",
    ]

    @Test func theCharterIsShownInWordsBeforeItIsAdoptedAsTheAPIAdoptsIt() async throws {
        try await withGovernance { app, g in
            let rc = Browser(app), delib = Browser(app)
            try await rc.signIn("rc.a"); try await delib.signIn("delib.a")
            let governance = try await rc.get("/communities/\(communityA)/governance")
            #expect(governance.body.contains("/communities/\(communityA)/charter"))
            #expect(try await rc.get("/communities/\(communityA)/charter").body.contains("制定新版章程"))
            // First post: the rules in words, nothing adopted yet.
            let preview = try await rc.post("/communities/\(communityA)/charters", form: Self.charterForm)
            #expect(preview.status == .ok, "\(preview.body.prefix(300))")
            #expect(preview.body.contains("会议的决定须经到会人员的不少于三分之二同意") && preview.body.contains("至少提前 10 天"))
            #expect(try await Charter.query(on: app.db).count() == 0)
            // Confirmed: adopted by the API's command, with its audit entry and public record.
            var confirmed = Self.charterForm
            confirmed["confirmed"] = "true"
            #expect(try await rc.post("/communities/\(communityA)/charters", form: confirmed).status == .seeOther)
            let charter = try #require(try await Charter.query(on: app.db).first())
            #expect(charter.rules.majority == Threshold(2, 3, strictlyMore: false) && charter.rules.noticeDays == 10 && charter.rules.secretBallot)
            #expect(charter.adoptedBy == "residentsCommittee · rc.a")
            let viaAPI = try await app.api(.POST, "/api/v1/communities/\(communityA)/charters", token: g.committee,
                                           json: ["title": "第二版", "text": "全文"])
            #expect(viaAPI.status == .created)
            #expect(try await Self.audited(app, "charter.adopt", by: "rc.a") == 2)
            #expect(try await Self.records(app, "charter.adopted") == 2)
            #expect(try await rc.get("/communities/\(communityA)/charter").body.contains("第二版"))

            // Below the Organic Law: refused on the first post with the rule cited, nothing adopted.
            _ = try await rc.get("/communities/\(communityA)/charter")
            var loose = confirmed
            loose["majorityNumerator"] = "1"; loose["majorityDenominator"] = "3"
            let below = try await rc.post("/communities/\(communityA)/charters", form: loose)
            #expect(below.status == .unprocessableEntity && below.body.contains("组织法"))
            _ = try await rc.get("/communities/\(communityA)/charter")
            var backwards = Self.charterForm
            backwards["representativesFewest"] = "5"; backwards["representativesMost"] = "2"
            #expect(try await rc.post("/communities/\(communityA)/charters", form: backwards).status == .unprocessableEntity)
            _ = try await rc.get("/communities/\(communityA)/charter")
            var outOfBounds = Self.charterForm
            outOfBounds["noticeDays"] = "61"
            #expect(try await rc.post("/communities/\(communityA)/charters", form: outOfBounds).status.code / 100 == 4)
            #expect(try await Charter.query(on: app.db).count() == 2)

            // The deliberation committee has no say over the charter: refused at either post, and logged.
            let page = try await delib.get("/communities/\(communityA)/charter")
            #expect(page.status == .ok && !page.body.contains("制定新版章程"))
            for form in [Self.charterForm, confirmed] {
                let before = try await Self.denied(app)
                _ = try await delib.get("/communities/\(communityA)/charter")
                let refused = try await delib.post("/communities/\(communityA)/charters", form: form)
                #expect(refused.status == .forbidden && refused.body.contains("<html"))
                #expect(try await Self.denied(app) == before + 1)
            }
            #expect(try await Charter.query(on: app.db).count() == 2)
        }
    }

    @Test func bodiesAreSetUpAndMembersSeatedByIDNumberAsTheAPIDoes() async throws {
        try await withGovernance { app, g in
            let rc = Browser(app), delib = Browser(app), other = Browser(app)
            try await rc.signIn("rc.a"); try await delib.signIn("delib.a"); try await other.signIn("rc.b")
            let bodies = "/communities/\(communityA)/bodies"
            _ = try await rc.get(bodies)
            #expect(rc.lastBody.contains("设立机构"))
            #expect(try await rc.post(bodies, form: ["kind": "deliberationCommittee", "name": "紫荆社区议事协商委员会"]).status == .seeOther)
            let body = try #require(try await GovernanceBody.query(on: app.db).first())
            #expect(try await Self.audited(app, "body.create", by: "rc.a") == 1)
            _ = try await rc.get(bodies)
            let seat = ["idNumber": validID("44040219800101001"), "role": "chair", "termStart": "2026-01-01", "termEnd": "2028-12-31"]
            #expect(try await rc.post("/bodies/\(body.id!)/members", form: seat).status == .seeOther)
            let member = try #require(try await BodyMember.query(on: app.db).first())
            #expect(member.residentID == g.voters[0].id && member.role == .chair)
            #expect(try await Self.audited(app, "body.addMember", by: "rc.a") == 1)
            #expect(try await Self.records(app, "body.member") == 1)
            let listed = try await Browser(app).get(bodies)
            #expect(listed.body.contains("居民1") && listed.body.contains("data-label"))
            #expect(!listed.body.contains(validID("44040219800101001")))

            // Bad input: a term ending before it starts, a resident not on file, another community's resident.
            for bad in [["termEnd": "2025-01-01"], ["idNumber": validID("44040219800101099")], ["idNumber": validID("44040219800101021")]] {
                _ = try await rc.get(bodies)
                let refused = try await rc.post("/bodies/\(body.id!)/members", form: seat.merging(bad) { $1 })
                #expect(refused.status == .unprocessableEntity, "\(bad) → \(refused.status)")
            }
            _ = try await rc.get(bodies)
            #expect(try await rc.post(bodies, form: ["kind": "nonsense", "name": "x"]).status.code / 100 == 4)
            #expect(try await BodyMember.query(on: app.db).count() == 1)
            #expect(try await GovernanceBody.query(on: app.db).count() == 1)

            // The deliberation committee and another community's committee are refused, and it is logged.
            #expect(!(try await delib.get(bodies).body.contains("设立机构")))
            var before = try await Self.denied(app)
            let byDelib = try await delib.post(bodies, form: ["kind": "supervisionCommittee", "name": "监督委员会"])
            #expect(byDelib.status == .forbidden)
            #expect(try await Self.denied(app) == before + 1)
            before = try await Self.denied(app)
            _ = try await other.get(bodies)
            let byOther = try await other.post("/bodies/\(body.id!)/members", form: seat.merging(["role": "member"]) { $1 })
            #expect(byOther.status == .forbidden)
            #expect(try await Self.denied(app) == before + 1)
            #expect(try await BodyMember.query(on: app.db).count() == 1)
            #expect(try await GovernanceBody.query(on: app.db).count() == 1)
        }
    }

    @Test func compoundsGuidanceMeetingsAndFollowUpsRunOnPages() async throws {
        try await withGovernance { app, g in
            let oc = try #require(try await app.api(.POST, "/api/v1/communities/\(communityA)/bodies", token: g.committee,
                                                    json: ["kind": "ownersCommittee", "name": "翠香花园业主委员会"]).object["id"] as? String)
            let pm = Organization()
            pm.kind = .propertyManager
            pm.name = "珠海某物业服务有限公司"
            pm.category = "物业服务"
            pm.contact = "0756-1234567"
            pm.divisionCode = streetA
            try await pm.create(on: app.db)
            let rc = Browser(app), superv = Browser(app)
            try await rc.signIn("rc.a"); try await superv.signIn("superv.a")
            let list = "/communities/\(communityA)/compounds"
            _ = try await rc.get(list)
            #expect(rc.lastBody.contains("珠海某物业服务有限公司") && rc.lastBody.contains("翠香花园业主委员会"))
            // A property manager is not an owners' committee: refused, nothing registered.
            #expect(try await rc.post(list, form: ["name": "x", "ownersCommitteeID": pm.id!.uuidString, "propertyManagerID": ""]).status == .unprocessableEntity)
            #expect(try await Compound.query(on: app.db).count() == 0)
            _ = try await rc.get(list)
            let made = try await rc.post(list, form: ["name": "翠香花园", "ownersCommitteeID": oc, "propertyManagerID": pm.id!.uuidString])
            #expect(made.status == .seeOther)
            let compound = try #require(try await Compound.query(on: app.db).first())
            #expect(compound.ownersCommitteeID?.uuidString == oc && compound.propertyManagerID == pm.id)
            #expect(made.headers.first(name: .location) == "/compounds/\(compound.id!)")
            #expect(try await Self.audited(app, "compound.create", by: "rc.a") == 1)
            // "None" in both selects is a compound with neither, as the API's absent fields.
            _ = try await rc.get(list)
            #expect(try await rc.post(list, form: ["name": "老旧小区", "ownersCommitteeID": "", "propertyManagerID": ""]).status == .seeOther)
            #expect(try await Compound.query(on: app.db).filter(\.$name == "老旧小区").first()?.ownersCommitteeID == nil)

            let page = "/compounds/\(compound.id!)"
            _ = try await rc.get(page)
            #expect(try await rc.post(page + "/guidance", form: ["kind": "supervision", "text": "督促业委会公开维修资金"]).status == .seeOther)
            #expect(try await GuidanceRecord.query(on: app.db).count() == 1)
            #expect(try await Self.records(app, "compound.supervision") == 1)

            var meeting = ["heldOn": "2026-11-20", "topic": "电梯维修", "minutes": "三方商定维修方案。",
                           "residentsCommitteePresent": "王主任", "ownersCommitteePresent": "李主任", "propertyManagerPresent": "",
                           "followUp1Party": "propertyManager", "followUp1Text": "两周内完成电梯维修", "followUp1DueOn": "2026-12-04",
                           "followUp2Party": "ownersCommittee", "followUp2Text": "", "followUp2DueOn": ""]
            _ = try await rc.get(page)
            let short = try await rc.post(page + "/meetings", form: meeting)
            #expect(short.status == .unprocessableEntity && short.body.contains("propertyManager"))
            _ = try await rc.get(page)
            var undated = meeting
            undated["propertyManagerPresent"] = "张经理"; undated["followUp1DueOn"] = ""
            #expect(try await rc.post(page + "/meetings", form: undated).status == .badRequest)
            #expect(try await ThreePartyMeeting.query(on: app.db).count() == 0)
            meeting["propertyManagerPresent"] = "张经理"
            _ = try await rc.get(page)
            #expect(try await rc.post(page + "/meetings", form: meeting).status == .seeOther)
            #expect(try await ThreePartyMeeting.query(on: app.db).count() == 1)
            let followUp = try #require(try await MeetingFollowUp.query(on: app.db).all().first)
            #expect(try await MeetingFollowUp.query(on: app.db).count() == 1)
            #expect(try await Self.audited(app, "compound.meeting", by: "rc.a") == 1)
            let shown = try await rc.get(page)
            #expect(shown.body.contains("电梯维修") && shown.body.contains("张经理") && shown.body.contains("登记完成"))

            // The supervision committee reads the page but does not record guidance or close follow-ups.
            let read = try await superv.get(page)
            #expect(read.status == .ok && !read.body.contains("登记完成") && read.body.contains("两周内完成电梯维修"))
            var before = try await Self.denied(app)
            let refused = try await superv.post(page + "/guidance", form: ["kind": "guidance", "text": "x"])
            #expect(refused.status == .forbidden)
            #expect(try await Self.denied(app) == before + 1)
            before = try await Self.denied(app)
            _ = try await superv.get(page)
            #expect(try await superv.post("/meeting-follow-ups/\(followUp.id!)/done", form: ["outcome": "x"]).status == .forbidden)
            #expect(try await Self.denied(app) == before + 1)
            #expect(try await GuidanceRecord.query(on: app.db).count() == 1)

            _ = try await rc.get(page)
            #expect(try await rc.post("/meeting-follow-ups/\(followUp.id!)/done", form: ["outcome": ""]).status.code / 100 == 4)
            #expect(try await MeetingFollowUp.find(followUp.id, on: app.db)?.doneOn == nil)
            _ = try await rc.get(page)
            #expect(try await rc.post("/meeting-follow-ups/\(followUp.id!)/done", form: ["outcome": "已修复"]).status == .seeOther)
            #expect(try await MeetingFollowUp.find(followUp.id, on: app.db)?.outcome == "已修复")
            #expect(try await Self.records(app, "compound.followUpDone") == 1)
        }
    }

    @Test func mattersAreRaisedAndMessagesTurnedIntoMattersOnPages() async throws {
        try await withGovernance { app, g in
            let resident = Browser(app), outsider = Browser(app), rc = Browser(app), delib = Browser(app)
            try await resident.signIn("r.101001"); try await outsider.signIn("r.101021")
            try await rc.signIn("rc.a"); try await delib.signIn("delib.a")
            let governance = "/communities/\(communityA)/governance"
            #expect(try await resident.get(governance).body.contains("提出议题"))
            #expect(try await resident.post("/communities/\(communityA)/matters",
                                            form: ["title": "增设充电桩", "description": "电动车充电难。"]).status == .seeOther)
            let matter = try #require(try await Matter.query(on: app.db).first())
            #expect(matter.source == .resident)
            #expect(try await Self.audited(app, "matter.raise", by: "r.101001") == 1)
            _ = try await resident.get(governance)
            #expect(try await resident.post("/communities/\(communityA)/matters", form: ["title": "", "description": "x"]).status.code / 100 == 4)
            // A neighbour from another community has no voice here: refused and logged.
            #expect(!(try await outsider.get(governance).body.contains("提出议题")))
            let before = try await Self.denied(app)
            let refused = try await outsider.post("/communities/\(communityA)/matters", form: ["title": "x", "description": "y"])
            #expect(refused.status == .forbidden)
            #expect(try await Self.denied(app) == before + 1)
            #expect(try await Matter.query(on: app.db).count() == 1)

            let letter = try await app.api(.POST, "/api/v1/communities/\(communityA)/messages", token: g.voters[1].token,
                                           json: ["channel": "mailbox", "subject": "路灯不亮", "text": "3栋门口路灯坏了。"])
            let message = try #require(letter.object["id"] as? String)
            #expect(!(try await delib.get("/messages/\(message)").body.contains("转为议题")))
            let deniedBefore = try await Self.denied(app)
            #expect(try await delib.post("/messages/\(message)/matter", form: [:]).status == .forbidden)
            #expect(try await Self.denied(app) == deniedBefore + 1)
            #expect(try await rc.get("/messages/\(message)").body.contains("转为议题"))
            #expect(try await rc.post("/messages/\(message)/matter", form: [:]).status == .seeOther)
            let stored = try #require(try await ChannelMessage.find(UUID(uuidString: message), on: app.db))
            #expect(stored.matterID != nil && stored.answeredOn != nil)
            #expect(try await Matter.find(stored.matterID, on: app.db)?.source == .mailbox)
            #expect(try await Self.audited(app, "message.toMatter", by: "rc.a") == 1)
            let after = try await rc.get("/messages/\(message)")
            #expect(after.body.contains("已转为议题") && !after.body.contains("转为议题</button>"))
            // A second time is a conflict, and no second matter.
            #expect(try await rc.post("/messages/\(message)/matter", form: [:]).status == .conflict)
            #expect(try await Matter.query(on: app.db).count() == 2)
        }
    }

    @Test func theSupervisionCommitteeReadsOverdueMessagesAndDecidesAppealsOnPages() async throws {
        try await withGovernance { app, g in
            let superv = Browser(app), rc = Browser(app), resident = Browser(app)
            try await superv.signIn("superv.a"); try await rc.signIn("rc.a"); try await resident.signIn("r.101001")
            let late = try await app.api(.POST, "/api/v1/communities/\(communityA)/messages", token: g.voters[0].token,
                                         json: ["channel": "mailbox", "subject": "垃圾清运不及时", "text": "已经三天。"])
            let lateID = try #require(late.object["id"] as? String)
            let stored = try #require(try await ChannelMessage.find(UUID(uuidString: lateID), on: app.db))
            stored.dueOn = "2020-01-02"
            try await stored.save(on: app.db)
            let topic = try #require(try await app.api(.POST, "/api/v1/communities/\(communityA)/messages", token: g.voters[0].token,
                                                       json: ["channel": "forum", "subject": "出租车位", "text": "有意者联系"]).object["id"] as? String)
            #expect(try await app.api(.POST, "/api/v1/messages/\(topic)/hide", token: g.committee, json: ["text": "商业广告"]).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/messages/\(topic)/appeal", token: g.voters[0].token, json: ["text": "邻里互助"]).status == .ok)

            let governance = try await superv.get("/communities/\(communityA)/governance")
            let overdue = "/communities/\(communityA)/messages/overdue"
            #expect(governance.body.contains(overdue))
            let page = try await superv.get(overdue)
            #expect(page.status == .ok && page.body.contains("垃圾清运不及时") && page.body.contains("/messages/\(topic)"))
            #expect(!page.body.contains("居民1"))
            let csv = try await superv.get(overdue + ".csv")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv" && csv.body.contains("垃圾清运不及时"))
            // Residents do not read the supervision list: refused and logged, on the page and the CSV.
            for path in [overdue, overdue + ".csv"] {
                let before = try await Self.denied(app)
                #expect(try await resident.get(path).status == .forbidden)
                #expect(try await Self.denied(app) == before + 1)
            }

            // Only the supervision committee decides the appeal.
            #expect(!(try await rc.get("/messages/\(topic)").body.contains("作出裁决")))
            let before = try await Self.denied(app)
            #expect(try await rc.post("/messages/\(topic)/appeal-decision", form: ["reverse": "true", "reason": "x"]).status == .forbidden)
            #expect(try await Self.denied(app) == before + 1)
            #expect(try await superv.get("/messages/\(topic)").body.contains("作出裁决"))
            #expect(try await superv.post("/messages/\(topic)/appeal-decision", form: ["reverse": "maybe", "reason": "x"]).status.code / 100 == 4)
            #expect(try await ChannelMessage.find(UUID(uuidString: topic), on: app.db)?.appealState == .pending)
            _ = try await superv.get("/messages/\(topic)")
            #expect(try await superv.post("/messages/\(topic)/appeal-decision", form: ["reverse": "true", "reason": "属邻里互助，不是广告"]).status == .seeOther)
            let decided = try #require(try await ChannelMessage.find(UUID(uuidString: topic), on: app.db))
            #expect(decided.appealState == .reversed && !decided.hidden)
            #expect(try await Self.audited(app, "message.appealDecision", by: "superv.a") == 1)
            #expect(try await superv.get(overdue).body.contains("没有待裁决的申诉"))
        }
    }

    @Test func windowStaffTurnAMessageIntoAnApplicationForItsAuthor() async throws {
        try await withGovernance { app, g in
            try await makeAccount(app, "station.a", .stationStaff, communityA)
            let window = Browser(app), delib = Browser(app)
            try await window.signIn("station.a"); try await delib.signIn("delib.a")
            let letter = try await app.api(.POST, "/api/v1/communities/\(communityA)/messages", token: g.voters[0].token,
                                           json: ["channel": "mailbox", "subject": "想办理证明", "text": "需要开具居住证明。"])
            let message = try #require(letter.object["id"] as? String)
            // The deliberation committee is not a window: no form, and a post is refused and logged.
            #expect(!(try await delib.get("/messages/\(message)").body.contains("转为服务申请")))
            let before = try await Self.denied(app)
            #expect(try await delib.post("/messages/\(message)/application", form: ["itemCode": "RS-002"]).status == .forbidden)
            #expect(try await Self.denied(app) == before + 1)
            #expect(try await window.get("/messages/\(message)").body.contains("转为服务申请"))
            #expect(try await window.post("/messages/\(message)/application", form: ["itemCode": String(repeating: "X", count: 40)]).status.code / 100 == 4)
            #expect(try await ChannelMessage.find(UUID(uuidString: message), on: app.db)?.answeredOn == nil)
            _ = try await window.get("/messages/\(message)")
            let made = try await window.post("/messages/\(message)/application", form: ["itemCode": "RS-002"])
            #expect(made.status == .seeOther, "\(made.body.prefix(300))")
            let stored = try #require(try await ChannelMessage.find(UUID(uuidString: message), on: app.db))
            #expect(stored.trackingNumber != nil && stored.answeredOn != nil)
            #expect(try await Self.audited(app, "message.toApplication", by: "station.a") == 1)
        }
    }

    @Test func aStreetOfficialFindsTheStreetsCommunitiesAndTheirPages() async throws {
        try await withGovernance { app, _ in
            try await makeAccount(app, "street.a", .streetOfficial, streetA)
            let street = Browser(app)
            try await street.signIn("street.a")
            let start = try await street.get("/governance")
            #expect(start.status == .ok && start.body.contains("/communities/\(communityA)/governance"))
            #expect(!start.body.contains("/communities/\(communityB)/governance"))
            #expect(try await street.get("/communities/\(communityA)/charter").body.contains("制定新版章程"))
            #expect(try await street.get("/communities/\(communityA)/bodies").body.contains("设立机构"))
            #expect(try await street.get("/communities/\(communityA)/compounds").body.contains("登记小区"))
        }
    }
}
