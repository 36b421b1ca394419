import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SelfGovernance

/// The committees work a matter through on its page, with plain forms.
@Suite struct SelfGovernanceCommitteePagesTests {
    func stage(_ app: Vapor.Application, _ matter: String) async throws -> MatterStage? {
        try await Matter.find(UUID(uuidString: matter), on: app.db)?.stage
    }

    @Test func eachCommitteeSeesOnlyItsOwnFormsAndTheyMoveTheMatter() async throws {
        try await withGovernance { app, g in
            let raised = try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.voters[0].token,
                                           json: ["title": "小区绿化", "description": "补种行道树。"])
            let matter = try #require(raised.object["id"] as? String)
            let delib = Browser(app), rc = Browser(app), superv = Browser(app), resident = Browser(app)
            try await delib.signIn("delib.a"); try await rc.signIn("rc.a"); try await superv.signIn("superv.a"); try await resident.signIn("r.101001")
            #expect(!(try await resident.get("/matters/\(matter)").body.contains("委员会办理")))
            #expect(!(try await rc.get("/matters/\(matter)").body.contains("受理议题")))
            #expect(try await delib.get("/matters/\(matter)").body.contains("受理议题"))
            #expect(try await delib.post("/matters/\(matter)/steps", form: ["step": "takeUp"]).status == .seeOther)
            _ = try await delib.get("/matters/\(matter)")
            #expect(try await delib.post("/matters/\(matter)/notes", form: ["kind": "minutes", "text": "多数同意"]).status == .seeOther)
            _ = try await delib.get("/matters/\(matter)")
            #expect(try await delib.post("/matters/\(matter)/steps", form: ["step": "recommend", "text": "建议表决"]).status == .seeOther)
            #expect(try await stage(app, matter) == .decision)

            // The residents' committee convenes in Beijing time, eight days ahead.
            let starts = Date().addingTimeInterval(8 * 86_400)
            let local = BeijingTime.text(starts).replacingOccurrences(of: " ", with: "T")
            _ = try await rc.get("/matters/\(matter)")
            #expect(rc.lastBody.contains("召集会议"))
            #expect(try await rc.post("/matters/\(matter)/assemblies", form: ["kind": "residents", "title": "绿化表决", "place": "活动室",
                                                                              "startsAt": local]).status == .seeOther)
            let assembly = try #require(try await Assembly.query(on: app.db).first())
            #expect(abs(assembly.startsAt.timeIntervalSince(starts)) < 120)
            // At the door: two residents registered present by ID number; a typo is refused with the reason.
            _ = try await rc.get("/matters/\(matter)")
            #expect(rc.lastBody.contains("登记到会"))
            for body in ["44040219800101004", "44040219800101005"] {
                #expect(try await rc.post("/assemblies/\(assembly.id!)/attendance", form: ["idNumber": validID(body)]).status == .seeOther)
                _ = try await rc.get("/matters/\(matter)")
            }
            let typo = try await rc.post("/assemblies/\(assembly.id!)/attendance", form: ["idNumber": "440402198001010041"])
            #expect(typo.status == .unprocessableEntity)
            _ = try await rc.get("/matters/\(matter)")
            #expect(try await Attendance.query(on: app.db).count() == 2)
            try await arrive(app, assembly.id!.uuidString)
            _ = try await rc.get("/matters/\(matter)")
            #expect(try await rc.post("/assemblies/\(assembly.id!)/open", form: [:]).status == .seeOther)
            for v in g.voters[0...2] { _ = try await vote(app, assembly.id!.uuidString, v.token, "inFavor") }
            _ = try await rc.get("/matters/\(matter)")
            #expect(try await rc.post("/assemblies/\(assembly.id!)/close", form: [:]).status == .seeOther)
            #expect(try await stage(app, matter) == .execution)

            _ = try await rc.get("/matters/\(matter)")
            #expect(try await rc.post("/matters/\(matter)/tasks", form: ["title": "采购树苗", "owner": "王主任", "dueOn": "2027-03-12"]).status == .seeOther)
            let task = try #require(try await MatterTask.query(on: app.db).first())
            _ = try await rc.get("/matters/\(matter)")
            #expect(try await rc.post("/tasks/\(task.id!)/reports", form: ["text": "已种植", "progress": "100"]).status == .seeOther)
            _ = try await rc.get("/matters/\(matter)")
            #expect(try await rc.post("/matters/\(matter)/steps", form: ["step": "finishExecution"]).status == .seeOther)
            _ = try await superv.get("/matters/\(matter)")
            #expect(superv.lastBody.contains("公布监督意见"))
            #expect(try await superv.post("/matters/\(matter)/findings", form: ["taskID": "", "asDecided": "true", "text": "已按决定执行"]).status == .seeOther)
            _ = try await superv.get("/matters/\(matter)")
            #expect(try await superv.post("/matters/\(matter)/steps", form: ["step": "close", "text": "办结"]).status == .seeOther)
            #expect(try await stage(app, matter) == .closed)
            // A refused form comes back as a page in the user's language, and nothing changes.
            _ = try await rc.get("/matters/\(matter)")
            let refused = try await rc.post("/matters/\(matter)/steps", form: ["step": "close", "text": "x"])
            #expect(refused.status == .forbidden && refused.body.contains("<html"))
            #expect(try await stage(app, matter) == .closed)
        }
    }
}

@Suite struct SelfGovernanceChannelPagesTests {
    @Test func aResidentWritesOnAPageAndTheCommitteeAnswersAndModeratesThere() async throws {
        try await withGovernance { app, g in
            let resident = Browser(app), rc = Browser(app)
            try await resident.signIn("r.101001"); try await rc.signIn("rc.a")
            let list = try await resident.get("/communities/\(communityA)/messages")
            #expect(list.status == .ok && list.body.contains("对公众匿名"))
            let sent = try await resident.post("/communities/\(communityA)/messages",
                                               form: ["channel": "mailbox", "subject": "楼道灯坏了", "text": "2单元3楼。", "anonymous": "true"])
            #expect(sent.status == .seeOther)
            let letter = try #require(try await ChannelMessage.query(on: app.db).first())
            #expect(letter.anonymous && letter.residentID == g.voters[0].id)
            #expect(try await Browser(app).get("/communities/\(communityA)/messages").body.contains("匿名"))
            // The committee logs a call from the desk; residents do not see the form.
            #expect(!(try await resident.get("/communities/\(communityA)/messages").body.contains("登记来电")))
            _ = try await rc.get("/communities/\(communityA)/messages")
            #expect(try await rc.post("/communities/\(communityA)/hotline-calls",
                                      form: ["callerName": "张阿姨", "subject": "噪音扰民", "text": "楼上装修到深夜。"]).status == .seeOther)
            #expect(try await ChannelMessage.query(on: app.db).filter(\.$channel == .hotline).first()?.recordedBy == "rc.a")
            _ = try await rc.get("/messages/\(letter.id!)")
            #expect(rc.lastBody.contains("答复"))
            #expect(try await rc.post("/messages/\(letter.id!)/answer", form: ["text": "已更换灯泡"]).status == .seeOther)
            #expect(try await resident.get("/messages/\(letter.id!)").body.contains("已更换灯泡"))
            // A forum topic hidden with a reason; its author appeals from the page.
            _ = try await resident.get("/communities/\(communityA)/messages")
            _ = try await resident.post("/communities/\(communityA)/messages", form: ["channel": "forum", "subject": "出租车位", "text": "有意者联系"])
            let topic = try #require(try await ChannelMessage.query(on: app.db).filter(\.$channel == .forum).first())
            _ = try await rc.get("/messages/\(topic.id!)")
            #expect(try await rc.post("/messages/\(topic.id!)/hide", form: ["text": "商业广告"]).status == .seeOther)
            let hiddenPage = try await resident.get("/messages/\(topic.id!)")
            #expect(hiddenPage.body.contains("商业广告") && !hiddenPage.body.contains("有意者联系"))
            #expect(try await resident.post("/messages/\(topic.id!)/appeal", form: ["text": "是邻里互助"]).status == .seeOther)
            #expect(try await ChannelMessage.find(topic.id, on: app.db)?.appealState == .pending)
            #expect(try await resident.get("/messages/\(topic.id!)").body.contains("待监督委员会裁决"))
        }
    }
}
