import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import SelfGovernance

/// Issue 9, finding 12 for the public record: a community's record cannot vanish,
/// shrink or be rewritten unnoticed by someone with only the database.
@Suite struct SelfGovernanceRecordSealTests {
    func sql(_ app: Vapor.Application) -> any SQLDatabase { app.db as! any SQLDatabase }

    func verifyCommand(_ app: Vapor.Application, _ arguments: [String] = []) async throws -> (failed: Bool, output: String) {
        let console = TestConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["shequ", "verify"] + arguments))
        context.application = app
        do {
            try await RecordCommand().run(using: &context)
            return (false, console.output)
        } catch is CommandExit {
            return (true, console.output)
        }
    }

    /// Two communities with records: A's matter and B's body.
    func twoRecords(_ app: Vapor.Application, _ g: Governance) async throws {
        _ = try await matterOpenForVote(app, g)
        #expect(try await app.api(.POST, "/api/v1/communities/\(communityB)/bodies", token: g.otherCommittee,
                                  json: ["kind": "residentsGroup", "name": "第一居民小组"]).status == .created)
    }

    @Test func anUntouchedRecordHolds() async throws {
        try await withGovernance { app, g in
            try await twoRecords(app, g)
            let (failed, output) = try await verifyCommand(app)
            #expect(!failed && output.contains("2 communities' chains hold"), "\(output)")
        }
    }

    @Test func aCommunitysRecordDeletedWholeWithItsHeadIsNamed() async throws {
        try await withGovernance { app, g in
            try await twoRecords(app, g)
            try await sql(app).raw("DELETE FROM public_record_entries WHERE division_code = \(bind: communityB)").run()
            try await sql(app).raw("DELETE FROM public_record_heads WHERE division_code = \(bind: communityB)").run()
            let (failed, output) = try await verifyCommand(app)
            #expect(failed && output.contains("public record of \(communityB)") && output.contains("missing"), "\(output)")
            let (_, one) = try await PublicRecord.verify(community: communityB, on: app.db)
            #expect(one?.community == communityB)
            #expect(try await app.api(.GET, "/api/v1/communities/\(communityB)/record").object["holds"] as? Bool == false)
        }
    }

    @Test func aTruncatedRecordWithItsHeadMovedBackIsFound() async throws {
        try await withGovernance { app, g in
            try await twoRecords(app, g)
            let last = try #require(try await PublicRecordEntry.query(on: app.db).filter(\.$divisionCode == communityA).sort(\.$sequence, .descending).first())
            let before = try #require(try await PublicRecordEntry.query(on: app.db).filter(\.$divisionCode == communityA)
                .filter(\.$sequence == last.sequence - 2).first())
            try await sql(app).raw("DELETE FROM public_record_entries WHERE division_code = \(bind: communityA) AND sequence > \(bind: before.sequence)").run()
            try await sql(app).raw("""
                UPDATE public_record_heads SET sequence = \(bind: before.sequence), hash = \(bind: before.hash) WHERE division_code = \(bind: communityA)
                """).run()
            let (failed, output) = try await verifyCommand(app, ["--community", communityA])
            #expect(failed && output.contains("public record of \(communityA)"), "\(output)")
        }
    }

    @Test func anEntryRewrittenWithItsHashesRecomputedIsFound() async throws {
        try await withGovernance { app, g in
            try await twoRecords(app, g)
            let entries = try await PublicRecordEntry.query(on: app.db).filter(\.$divisionCode == communityA).sort(\.$sequence).all()
            var previous = entries[0].hash
            for entry in entries.dropFirst() {
                if entry.sequence == 2 { entry.summary = "改写的记录" }
                entry.previousHash = previous
                entry.hash = HashChain.link(previous: previous, content: entry.canonicalContent)
                try await sql(app).raw("""
                    UPDATE public_record_entries SET summary = \(bind: entry.summary), previous_hash = \(bind: entry.previousHash), hash = \(bind: entry.hash)
                    WHERE id = \(bind: entry.id!)
                    """).run()
                previous = entry.hash
            }
            try await sql(app).raw("UPDATE public_record_heads SET hash = \(bind: previous) WHERE division_code = \(bind: communityA)").run()
            let (failed, output) = try await verifyCommand(app)
            #expect(failed && output.contains("public record of \(communityA)"), "\(output)")
            let page = try await Browser(app).get("/communities/\(communityA)/record")
            #expect(page.body.contains("公开记录校验失败"))
        }
    }

    /// Records written before the key keep verifying after the upgrade migration.
    @Test func recordsFromBeforeTheKeyKeepVerifying() async throws {
        try await withGovernance { app, g in
            var previous = HashChain.genesis
            for sequence in 1...2 {
                let entry = PublicRecordEntry()
                entry.id = UUID()
                entry.divisionCode = communityB
                entry.sequence = sequence
                entry.recordedAt = "2026-11-0\(sequence)T08:00:00.000Z"
                entry.kind = "body.created"
                entry.body = "residentsCommittee · rc.b"
                entry.summary = "居民小组 \(sequence)"
                entry.previousHash = previous
                entry.hash = HashChain.link(previous: previous, content: entry.canonicalContent)
                try await entry.create(on: app.db)
                previous = entry.hash
            }
            try await sql(app).raw("INSERT INTO public_record_heads (division_code, sequence, hash) VALUES (\(bind: communityB), 2, \(bind: previous))").run()
            try await PublicRecord.heads.upgradeToKeyed(on: app.db)
            #expect(try await PublicRecord.verify(on: app.db).finding == nil)
            #expect(try await app.api(.POST, "/api/v1/communities/\(communityB)/bodies", token: g.otherCommittee,
                                      json: ["kind": "residentsGroup", "name": "第三居民小组"]).status == .created)
            #expect(try await PublicRecord.verify(on: app.db).finding == nil)
            #expect(try await PublicRecordEntry.query(on: app.db).filter(\.$divisionCode == communityB).count() == 3)
        }
    }
}
