import ConsoleKit
import Fluent
import Foundation
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import ShequPlatform

@Suite struct AuditTests {
    @Test func changesAreLoggedWithWhoWhatWhichAndWhere() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let res = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, "张三", "44040219800101123"),
                                        headers: ["X-Forwarded-For": "203.0.113.9"])
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "resident.create").first())
            #expect(entry.actor == "admin")
            #expect(entry.entityID == res.object["id"] as? String)
            #expect(entry.scope == communityA)
            #expect(entry.ip == "203.0.113.9")
            #expect(entry.chain == streetA)
            #expect(!entry.recordedAt.isEmpty)
        }
    }

    @Test func verifyNamesTheFirstEntryEditedInTheDatabase() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            for (i, name) in ["甲", "乙", "丙"].enumerated() {
                _ = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, name, "4404021980010\(i)123"))
            }
            #expect(try await AuditLog.verify(on: app.db) == nil)
            let verified = try await app.api(.GET, "/api/v1/audit/verify", token: token)
            #expect(verified.object["holds"] as? Bool == true)

            let target = try #require(try await AuditEntry.query(on: app.db).filter(\.$chain == streetA).filter(\.$sequence == 2).first())
            try await (app.db as! any SQLDatabase)
                .raw("UPDATE audit_entries SET actor = 'someone-else' WHERE id = \(bind: target.id!)").run()

            let finding = try #require(try await AuditLog.verify(on: app.db))
            #expect(finding.chain == streetA)
            #expect(finding.sequence == 2)
            #expect(finding.entryID == target.id)
            let broken = try await app.api(.GET, "/api/v1/audit/verify", token: token)
            #expect(broken.object["holds"] as? Bool == false)
            #expect(broken.object["sequence"] as? Int == 2)
        }
    }

    @Test func verifyCatchesADeletedTail() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            _ = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, "甲", "44040219800101123"))
            _ = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, "乙", "44040219810101123"))
            try await (app.db as! any SQLDatabase)
                .raw("DELETE FROM audit_entries WHERE chain = \(bind: streetA) AND sequence = 2").run()
            let finding = try #require(try await AuditLog.verify(on: app.db))
            #expect(finding.chain == streetA)
            #expect(finding.sequence == 2)
        }
    }

    @Test func auditVerifyCommandExitsOneOnTampering() async throws {
        try await withShequ { app in
            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["shequ", "verify"]))
            context.application = app
            try await AuditCommand().run(using: &context)
            #expect(console.output.contains("every chain holds"))

            try await (app.db as! any SQLDatabase).raw("UPDATE audit_entries SET detail = 'forged'").run()
            var again = CommandContext(console: console, input: CommandInput(arguments: ["shequ", "verify"]))
            again.application = app
            await #expect(throws: CommandExit.self) { try await AuditCommand().run(using: &again) }
            #expect(console.output.contains("broken at entry #1"))
        }
    }

    @Test func concurrentWritesKeepEveryChainWhole() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for i in 0..<40 {
                    let community = i % 2 == 0 ? communityA : communityB
                    group.addTask {
                        try await app.api(.POST, "/api/v1/residents", token: token,
                                          json: residentJSON(community, "并发\(i)", "4404021980" + String(format: "%02d%02d", 1 + i / 28, 1 + i % 28) + "123")).status
                    }
                }
                for try await status in group { #expect(status == .created) }
            }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "resident.create").count() == 40)
            #expect(try await AuditLog.verify(on: app.db) == nil)
        }
    }
}
