import ConsoleKit
import Crypto
import Fluent
import Foundation
import ShequKernel
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import ShequPlatform

/// Issue 9, finding 12: a chain cannot vanish, shrink or be rewritten unnoticed,
/// even by someone who can write anything in the database.
@Suite struct AuditChainTests {
    /// Three residents in street A: its chain has three entries.
    func streetChain(_ app: Application) async throws {
        let token = try await app.token("admin", adminPassword)
        for (i, name) in ["甲", "乙", "丙"].enumerated() {
            let res = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, name, "4404021980010\(i + 1)123"))
            #expect(res.status == .created, "\(res.body)")
        }
    }

    func sql(_ app: Application) -> any SQLDatabase { app.db as! any SQLDatabase }

    func head(_ app: Application, _ chain: String) async throws -> (sequence: Int, hash: String, seal: String) {
        let row = try #require(try await sql(app).raw("SELECT sequence, hash, seal FROM audit_chain_heads WHERE chain = \(bind: chain)").first())
        return (try row.decode(column: "sequence", as: Int.self), try row.decode(column: "hash", as: String.self), try row.decode(column: "seal", as: String.self))
    }

    @Test func anUntouchedLogHolds() async throws {
        try await withShequ { app in
            try await streetChain(app)
            try await AuditLog.heads.checkpoint.seal(on: app.db)
            #expect(try await AuditLog.verify(on: app.db) == nil)
        }
    }

    @Test func aChainDeletedWholeWithItsHeadIsNamed() async throws {
        try await withShequ { app in
            try await streetChain(app)
            let untouched = try await AuditLog.verify(on: app.db)
            #expect(untouched == nil, "\(String(describing: untouched))")
            try await sql(app).raw("DELETE FROM audit_entries WHERE chain = \(bind: streetA)").run()
            try await sql(app).raw("DELETE FROM audit_chain_heads WHERE chain = \(bind: streetA)").run()
            let finding = try #require(try await AuditLog.verify(on: app.db))
            #expect(finding.chain == streetA)
            #expect(finding.problem.contains("missing"))
            // And from the command line: exit 1, naming the chain.
            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["shequ", "verify"]))
            context.application = app
            await #expect(throws: CommandExit.self) { try await AuditCommand().run(using: &context) }
            #expect(console.output.contains("chain \(streetA)") && console.output.contains("missing"))
        }
    }

    @Test func deletingTheCheckpointTooIsNoWayOut() async throws {
        try await withShequ { app in
            try await streetChain(app)
            try await sql(app).raw("DELETE FROM audit_entries WHERE chain = \(bind: streetA)").run()
            try await sql(app).raw("DELETE FROM audit_chain_heads WHERE chain = \(bind: streetA)").run()
            try await sql(app).raw("DELETE FROM chain_checkpoints").run()
            #expect(try await AuditLog.verify(on: app.db)?.problem.contains("checkpoint") == true)
        }
    }

    @Test func aTruncatedTailWithTheHeadMovedBackIsFound() async throws {
        try await withShequ { app in
            try await streetChain(app)
            let second = try #require(try await AuditEntry.query(on: app.db).filter(\.$chain == streetA).filter(\.$sequence == 2).first())
            try await sql(app).raw("DELETE FROM audit_entries WHERE chain = \(bind: streetA) AND sequence = 3").run()
            try await sql(app).raw("UPDATE audit_chain_heads SET sequence = 2, hash = \(bind: second.hash) WHERE chain = \(bind: streetA)").run()
            let finding = try #require(try await AuditLog.verify(on: app.db))
            #expect(finding.chain == streetA)
        }
    }

    @Test func aHeadMovedBackWithASealSeenEarlierIsCaughtByTheCheckpoint() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            _ = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, "甲", "44040219800101123"))
            let earlier = try await head(app, streetA)
            _ = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, "乙", "44040219810101123"))
            // The periodic checkpoint has been taken since.
            try await AuditLog.heads.checkpoint.seal(on: app.db)
            try await sql(app).raw("DELETE FROM audit_entries WHERE chain = \(bind: streetA) AND sequence > \(bind: earlier.sequence)").run()
            try await sql(app).raw("""
                UPDATE audit_chain_heads SET sequence = \(bind: earlier.sequence), hash = \(bind: earlier.hash), seal = \(bind: earlier.seal)
                WHERE chain = \(bind: streetA)
                """).run()
            let finding = try #require(try await AuditLog.verify(on: app.db))
            #expect(finding.chain == streetA && finding.problem.contains("truncated"))
        }
    }

    @Test func anEntryRewrittenWithItsHashesRecomputedIsFound() async throws {
        try await withShequ { app in
            try await streetChain(app)
            // Whoever has the database but not the key recomputes every hash from the edit on.
            let entries = try await AuditEntry.query(on: app.db).filter(\.$chain == streetA).sort(\.$sequence).all()
            var previous = entries[0].hash
            for entry in entries.dropFirst() {
                if entry.sequence == 2 { entry.actor = "someone-else" }
                entry.previousHash = previous
                entry.hash = HashChain.link(previous: previous, content: entry.canonicalContent)
                try await sql(app).raw("""
                    UPDATE audit_entries SET actor = \(bind: entry.actor), previous_hash = \(bind: entry.previousHash), hash = \(bind: entry.hash)
                    WHERE id = \(bind: entry.id!)
                    """).run()
                previous = entry.hash
            }
            let finding = try #require(try await AuditLog.verify(on: app.db))
            #expect(finding.chain == streetA && finding.sequence == 2)
            // Moving the head to the new end does not help: its seal needs the key too.
            try await sql(app).raw("UPDATE audit_chain_heads SET hash = \(bind: previous) WHERE chain = \(bind: streetA)").run()
            #expect(try await AuditLog.verify(on: app.db)?.chain == streetA)
        }
    }

    /// Chains written before links were keyed keep verifying after the upgrade, and are protected by it.
    @Test func chainsFromBeforeTheKeyKeepVerifyingAndCannotBeRewrittenAfterTheUpgrade() async throws {
        try await withShequ { app in
            // A chain as the old code wrote it: plain links, a head with no seal.
            var previous = HashChain.genesis
            var legacy: [AuditEntry] = []
            for sequence in 1...3 {
                let entry = AuditEntry()
                entry.id = UUID()
                entry.chain = "440402099"
                entry.sequence = sequence
                entry.recordedAt = "2026-11-0\(sequence)T08:00:00.000Z"
                entry.actor = "admin"
                entry.action = "resident.create"
                entry.entity = "resident"
                entry.outcome = "ok"
                entry.detail = ""
                entry.previousHash = previous
                entry.hash = HashChain.link(previous: previous, content: entry.canonicalContent)
                try await entry.create(on: app.db)
                legacy.append(entry)
                previous = entry.hash
            }
            try await sql(app).raw("INSERT INTO audit_chain_heads (chain, sequence, hash) VALUES ('440402099', 3, \(bind: previous))").run()
            try await AuditLog.heads.upgradeToKeyed(on: app.db)
            #expect(try await AuditLog.verify(on: app.db) == nil)
            try await AuditLog.append(AuditDraft(actor: "admin", action: "resident.update", entity: "resident", scope: "440402099001"), on: app.db)
            #expect(try await AuditLog.verify(on: app.db) == nil)
            // Rewriting the old part and recomputing its plain links no longer joins the keyed part.
            previous = HashChain.genesis
            for entry in legacy {
                if entry.sequence == 1 { entry.actor = "mallory" }
                entry.previousHash = previous
                entry.hash = HashChain.link(previous: previous, content: entry.canonicalContent)
                try await sql(app).raw("UPDATE audit_entries SET actor = \(bind: entry.actor), previous_hash = \(bind: entry.previousHash), hash = \(bind: entry.hash) WHERE id = \(bind: entry.id!)").run()
                previous = entry.hash
            }
            let finding = try #require(try await AuditLog.verify(on: app.db))
            #expect(finding.chain == "440402099" && finding.sequence == 4)
        }
    }

    @Test func checkpointsAreMadeWithoutWaitingAndKeepUpWithNewChains() async throws {
        try await withShequ { app in
            try await streetChain(app)
            // Street B's chain begins: the checkpoint records it at once.
            let token = try await app.token("admin", adminPassword)
            _ = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityB, "丁", "44040219820101123"))
            let row = try #require(try await sql(app).raw("SELECT heads FROM chain_checkpoints WHERE chain_set = 'audit_chain_heads' ORDER BY sealed_at DESC LIMIT 1").first())
            let heads = try row.decode(column: "heads", as: String.self)
            #expect(heads.contains(streetA) && heads.contains(String(communityB.prefix(9))))
        }
    }
}

@Suite struct ChainKeySecretsTests {
    func directory() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("shequ-secrets-\(UUID().uuidString)") }

    @Test func aDataDirectoryFromBeforeKeyedChainsGetsAChainKeyOnceAndKeepsIt() throws {
        let dir = directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let old = #"{"personalDataKey":"\#(Data(repeating: 1, count: 32).base64EncodedString())","blindIndexKey":"\#(Data(repeating: 2, count: 32).base64EncodedString())"}"#
        let file = dir.appendingPathComponent("secrets.json")
        try Data(old.utf8).write(to: file)
        let first = try Secrets.load(dataDirectory: dir, environment: [:])
        let second = try Secrets.load(dataDirectory: dir, environment: [:])
        #expect(first.chainKey == second.chainKey)
        #expect(first.personalDataKey == SymmetricKey(data: Data(repeating: 1, count: 32)))
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOf: file, encoding: .utf8).contains("chainKey"))
    }

    @Test func theEnvironmentKeepsTheChainKeyOutOfTheDataDirectory() throws {
        let dir = directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = Data(repeating: 7, count: 32).base64EncodedString()
        let fromEnvironment = try Secrets.load(dataDirectory: dir, environment: ["SHEQU_CHAIN_KEY": key])
        #expect(fromEnvironment.chainKey == SymmetricKey(data: Data(repeating: 7, count: 32)))
        #expect(!(try String(contentsOf: dir.appendingPathComponent("secrets.json"), encoding: .utf8).contains("chainKey")))
        // The personal-data keys in the environment without the chain key is a mistake, said at start.
        #expect(throws: (any Error).self) {
            try Secrets.load(dataDirectory: dir, environment: ["SHEQU_PERSONAL_DATA_KEY": key, "SHEQU_BLIND_INDEX_KEY": key])
        }
        #expect(throws: (any Error).self) { try Secrets.load(dataDirectory: dir, environment: ["SHEQU_CHAIN_KEY": "short"]) }
    }
}
