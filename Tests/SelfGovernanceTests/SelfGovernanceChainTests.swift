import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import SelfGovernance

@Suite struct SelfGovernanceChainTests {
    @Test func oneMatterFromAResidentsMessageToTheSupervisionCommitteesFindings() async throws {
        try await withGovernance { app, g in
            let (matter, assembly) = try await matterOpenForVote(app, g)
            // Five adults are the base: the child and the neighbour are not counted.
            let opened = try await app.api(.GET, "/api/v1/assemblies/\(assembly)")
            #expect(opened.object["eligible"] as? Int == 5)
            for (i, choice) in ["inFavor", "inFavor", "inFavor", "against"].enumerated() {
                #expect(try await vote(app, assembly, g.voters[i].token, choice).status == .created)
            }
            let closed = try await app.api(.POST, "/api/v1/assemblies/\(assembly)/close", token: g.committee)
            #expect(closed.status == .ok, "\(closed.body)")
            #expect(closed.object["present"] as? Int == 4)
            #expect(closed.object["passed"] as? Bool == true)
            #expect(try await app.api(.GET, "/api/v1/matters/\(matter)").object["matter"].flatMap { ($0 as? [String: Any])?["stage"] as? String } == "execution")

            let task = try await app.api(.POST, "/api/v1/matters/\(matter)/tasks", token: g.committee,
                                         json: ["title": "招标施工单位", "owner": "居委会 王主任", "dueOn": "2027-03-31"])
            #expect(task.status == .created)
            let taskID = try #require(task.object["id"] as? String)
            let org = Organization()
            org.kind = .socialOrganization
            org.name = "香湾社工服务中心"
            org.divisionCode = "440402001"
            org.category = "社工服务"
            org.contact = "0756-0000000"
            try await org.create(on: app.db)
            #expect(try await app.api(.POST, "/api/v1/tasks/\(taskID)/assistance", token: g.committee,
                                      json: ["organizationID": org.id!.uuidString, "text": "组织居民协商费用分摊"]).status == .created)
            #expect(try await app.api(.POST, "/api/v1/tasks/\(taskID)/reports", token: g.committee,
                                      json: ["text": "已完成招标", "progress": 100]).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.committee, json: ["step": "finishExecution"]).status == .ok)
            // The supervision committee finds the work not as decided: the matter goes back to execution.
            let flagged = try await app.api(.POST, "/api/v1/matters/\(matter)/findings", token: g.supervision,
                                            json: ["text": "招标未公示", "asDecided": false, "taskID": taskID])
            #expect(flagged.status == .created)
            let back = try await app.api(.GET, "/api/v1/matters/\(matter)")
            #expect((back.object["matter"] as? [String: Any])?["stage"] as? String == "execution")
            #expect(try await app.api(.POST, "/api/v1/tasks/\(taskID)/reports", token: g.committee,
                                      json: ["text": "已补充公示", "progress": 100]).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.committee, json: ["step": "finishExecution"]).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/matters/\(matter)/findings", token: g.supervision,
                                      json: ["text": "已按决定执行", "asDecided": true, "taskID": taskID]).status == .created)
            let closedMatter = try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.supervision,
                                                 json: ["step": "close", "text": "监督委员会确认办结"])
            #expect((closedMatter.object["matter"] as? [String: Any])?["stage"] as? String == "closed")

            // Every step is on the public record, readable without signing in, and the chain holds.
            let record = try await app.api(.GET, "/api/v1/communities/\(communityA)/record")
            #expect(record.object["holds"] as? Bool == true)
            let kinds = record.items.compactMap { $0["kind"] as? String }
            for kind in ["matter.raised", "matter.takeUp", "note.minutes", "matter.recommend", "assembly.convened", "assembly.votingOpened",
                         "assembly.result", "matter.adopt", "task.added", "task.assistance", "task.progress", "matter.finishExecution",
                         "supervision.finding", "matter.sendBack", "matter.close"] {
                #expect(kinds.contains(kind), "\(kind) missing from the record")
            }
            // No ballot's choice and no resident's name reach the public record.
            #expect(!record.body.contains("居民1") && !record.body.contains(g.voters[0].id.uuidString))
            let page = try await Browser(app).get("/communities/\(communityA)/record")
            #expect(page.status == .ok && page.body.contains("公开记录完整"))
        }
    }

    /// The public verdict is kept while the head stays, for a minute at most (`ChainVerdicts`); any new entry
    /// has it walked again, so an edit is shown as soon as the community's record moves on.
    @Test func theShownVerdictIsWalkedAgainOnceTheRecordMovesOn() async throws {
        try await withGovernance { app, g in
            _ = try await matterOpenForVote(app, g)
            let path = "/api/v1/communities/\(communityA)/record"
            #expect(try await app.api(.GET, path).object["holds"] as? Bool == true)
            try await (app.db as! any SQLDatabase).raw("UPDATE public_record_entries SET summary = 'forged' WHERE sequence = 2").run()
            let raised = try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.voters[1].token,
                                           json: ["title": "路灯", "description": "3栋门口路灯坏了。"])
            #expect(raised.status == .created)
            let after = try await app.api(.GET, path)
            #expect(after.object["holds"] as? Bool == false)
            #expect(after.object["brokenAt"] as? Int == 2)
            #expect(try await Browser(app).get("/communities/\(communityA)/record").body.contains("#2"))
        }
    }

    @Test func theRecordCannotBeQuietlyRewritten() async throws {
        try await withGovernance { app, g in
            _ = try await matterOpenForVote(app, g)
            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["shequ", "verify"]))
            context.application = app
            try await RecordCommand().run(using: &context)
            #expect(console.output.contains("1 community's chain holds"))

            try await (app.db as! any SQLDatabase).raw("UPDATE public_record_entries SET summary = 'forged' WHERE sequence = 3").run()
            var again = CommandContext(console: console, input: CommandInput(arguments: ["shequ", "verify", "--community", communityA]))
            again.application = app
            await #expect(throws: CommandExit.self) { try await RecordCommand().run(using: &again) }
            #expect(console.output.contains("public record of \(communityA) broken at entry #3"))
            #expect(try await app.api(.GET, "/api/v1/communities/\(communityA)/record").object["holds"] as? Bool == false)
            // Editing every entry is no way out: the first entry no longer matches its hash.
            try await (app.db as! any SQLDatabase).raw("UPDATE public_record_entries SET summary = 'x'").run()
            let (_, finding) = try await PublicRecord.verify(community: communityA, on: app.db)
            #expect(finding != nil)
            var usage = CommandContext(console: console, input: CommandInput(arguments: ["shequ", "check"]))
            usage.application = app
            await #expect(throws: CommandExit.self) { try await RecordCommand().run(using: &usage) }
        }
    }

    @Test func tailDeletionIsFound() async throws {
        try await withGovernance { app, g in
            _ = try await matterOpenForVote(app, g)
            try await (app.db as! any SQLDatabase).raw("DELETE FROM public_record_entries WHERE sequence = (SELECT MAX(sequence) FROM public_record_entries)").run()
            let (checked, finding) = try await PublicRecord.verify(on: app.db)
            #expect(checked == 1)
            #expect(finding?.problem.contains("entries were removed") == true)
        }
    }

    @Test func assembliesHaveACalendarFeed() async throws {
        try await withGovernance { app, g in
            _ = try await matterOpenForVote(app, g)
            let feed = try await app.api(.GET, "/communities/\(communityA)/assemblies.ics")
            #expect(feed.status == .ok)
            #expect(feed.headers.contentType?.subType == "calendar")
            #expect(feed.body.contains("BEGIN:VEVENT") && feed.body.contains("SUMMARY:居民会议：加装电梯"))
            #expect(try await app.api(.GET, "/communities/999999999999/assemblies.ics").status == .notFound)
        }
    }
}
