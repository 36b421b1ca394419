import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import Procurement

/// The release log: append-only, tamper-evident, and served as packages and records.
@Suite struct OCDSLogTests {
    static let street = "440402001"

    func publishSamples(_ app: Application, projectID: UUID = UUID(), ocid: String? = nil, chain: String = street,
                        stages: Range<Int> = 0..<5) async throws -> UUID {
        for release in OCDSSamples.stages()[stages] {
            var edited = release
            if let ocid { edited.ocid = ocid }
            let release = edited
            try await app.writeGate.transaction(on: app.db) { db in
                try await OCDSLog.append(release, projectID: projectID, chain: chain, on: db)
            }
        }
        return projectID
    }

    func sql(_ app: Application) -> any SQLDatabase { app.db as! any SQLDatabase }

    @Test func releasesAreNumberedPerOcidAndTheChainsHold() async throws {
        try await withShequ { app in
            let project = try await publishSamples(app)
            let other = try await publishSamples(app, ocid: "ocds-zhsq01-other", chain: "440402002", stages: 0..<2)
            let stored = try await OCDSLog.releases(projectID: project, on: app.db)
            #expect(stored.map { $0["id"]?.stringValue ?? "" } == (1...5).map { OCDSSamples.ocid + "-\($0)" })
            #expect(try await OCDSLog.releases(projectID: other, on: app.db).count == 2)
            // Stored bytes are the release's canonical bytes, with the log's id.
            var first = OCDSSamples.stages()[0]
            first.id = OCDSSamples.ocid + "-1"
            #expect(stored[0] == first.json)
            let (checked, finding) = try await OCDSLog.verify(on: app.db)
            #expect(checked == 2 && finding == nil)
        }
    }

    @Test func anEditedReleaseIsFoundByVerify() async throws {
        try await withShequ { app in
            _ = try await publishSamples(app)
            let edited = OCDSSamples.stages()[2].json.canonicalText.replacingOccurrences(of: "185000.5", with: "285000.5")
            try await sql(app).raw("UPDATE ocds_releases SET json = \(bind: edited) WHERE ordinal = 3").run()
            let (_, finding) = try await OCDSLog.verify(on: app.db)
            #expect(finding?.sequence == 3)
            #expect(finding?.releaseID == OCDSSamples.ocid + "-3")
            #expect(finding?.problem.contains("contentAltered") == true)
        }
    }

    @Test func aMissingReleaseAndACutTailAreFound() async throws {
        try await withShequ { app in
            _ = try await publishSamples(app)
            try await sql(app).raw("DELETE FROM ocds_releases WHERE sequence = 2").run()
            #expect(try await OCDSLog.verify(on: app.db).finding?.sequence == 2)
        }
        try await withShequ { app in
            _ = try await publishSamples(app)
            try await sql(app).raw("DELETE FROM ocds_releases WHERE sequence >= 4").run()
            let finding = try await OCDSLog.verify(on: app.db).finding
            #expect(finding?.sequence == 4)
            #expect(finding?.problem.contains("removed") == true)
            // Moving the head back over the cut tail breaks its seal.
            try await sql(app).raw("UPDATE ocds_chain_heads SET sequence = 3, hash = (SELECT hash FROM ocds_releases WHERE sequence = 3)").run()
            #expect(try await OCDSLog.verify(on: app.db).finding?.problem.contains("seal") == true)
        }
        try await withShequ { app in
            _ = try await publishSamples(app)
            // A whole chain gone, head and all: the checkpoint of heads still names it.
            try await sql(app).raw("DELETE FROM ocds_releases").run()
            try await sql(app).raw("DELETE FROM ocds_chain_heads").run()
            #expect(try await OCDSLog.verify(on: app.db).finding?.problem.contains("missing") == true)
        }
    }

    @Test func theVerifyCommandExitsNonZeroOnABrokenChain() async throws {
        try await withShequ { app in
            _ = try await publishSamples(app)
            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["shequ", "verify"]))
            context.application = app
            try await OCDSCommand().run(using: context, signature: try OCDSCommand.Signature(from: &context.input))
            try await sql(app).raw("UPDATE ocds_releases SET tag = 'award' WHERE sequence = 1").run()
            context.input = CommandInput(arguments: ["shequ", "verify"])
            await #expect(throws: CommandExit.self) {
                try await OCDSCommand().run(using: context, signature: try OCDSCommand.Signature(from: &context.input))
            }
        }
    }

    @Test func theProjectsPackageAndRecordAreServedAtStableURLs() async throws {
        try await withShequ { app in
            let project = try await publishSamples(app)
            let path = "/api/v1/ocds/projects/\(project.uuidString.lowercased())"
            try await app.testing().test(.GET, path + "/releases") { res async throws in
                #expect(res.status == .ok)
                let package = try OCDSJSON.parse(Array(res.body.readableBytesView))
                #expect(package["version"] == .string("1.1"))
                #expect(package["releases"]?.arrayValue?.count == 5)
                #expect(package["uri"]?.stringValue?.hasSuffix(path + "/releases") == true)
            }
            try await app.testing().test(.GET, path + "/record") { res async throws in
                #expect(res.status == .ok)
                let package = try OCDSJSON.parse(Array(res.body.readableBytesView))
                let record = package["records"]?.arrayValue?.first
                #expect(record?["ocid"] == .string(OCDSSamples.ocid))
                #expect(record?["compiledRelease"]?["contracts"] == OCDSSamples.stages()[4].json["contracts"])
            }
            try await app.testing().test(.GET, "/api/v1/ocds/projects/\(UUID().uuidString)/record") { res async in
                #expect(res.status == .notFound)
            }
            try await app.testing().test(.GET, "/ocds/projects/\(project.uuidString.lowercased())") { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(path + "/record"))
                #expect(res.body.string.contains("翠香街道居家养老服务项目"))
            }
            try await app.testing().test(.GET, "/api/v1/openapi.json") { res async throws in
                let paths = (try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])?["paths"] as? [String: Any] ?? [:]
                for path in ["/api/v1/ocds/projects/{id}/releases", "/api/v1/ocds/projects/{id}/record", "/api/v1/ocds/releases/{year}"] {
                    #expect(paths[path] != nil, "\(path)")
                }
            }
        }
    }

    @Test func theYearsPackageStreamsEveryReleaseOfTheYearAsOneValidDocument() async throws {
        try await withShequ { app in
            // More releases than a page, over several projects and chains, and one in another year.
            let count = OCDSPackages.pageSize + 37
            try await app.writeGate.transaction(on: app.db) { db in
                for i in 0..<count {
                    var release = OCDSSamples.stages()[i % 5]
                    release.ocid = "ocds-zhsq01-p\(i / 5)"
                    release.date = "2026-" + String(format: "%02d", 1 + i % 12) + "-15T10:00:00+08:00"
                    try await OCDSLog.append(release, projectID: UUID(), chain: i % 2 == 0 ? "440402001" : "440402002", on: db)
                }
                var late = OCDSSamples.stages()[0]
                late.ocid = "ocds-zhsq01-next"
                late.date = "2027-01-01T00:00:00+08:00"
                try await OCDSLog.append(late, projectID: UUID(), chain: "440402001", on: db)
            }
            try await app.testing().test(.GET, "/api/v1/ocds/releases/2026") { res async throws in
                #expect(res.status == .ok)
                let package = try OCDSJSON.parse(Array(res.body.readableBytesView))
                let releases = package["releases"]?.arrayValue ?? []
                #expect(releases.count == count)
                #expect(Set(releases.compactMap { $0["id"]?.stringValue }).count == count)
                let dates = releases.compactMap { $0["date"]?.stringValue }
                #expect(dates == dates.sorted())
            }
            try await app.testing().test(.GET, "/api/v1/ocds/releases/2027") { res async throws in
                #expect(try OCDSJSON.parse(Array(res.body.readableBytesView))["releases"]?.arrayValue?.count == 1)
            }
            try await app.testing().test(.GET, "/api/v1/ocds/releases/1999") { res async in
                #expect(res.status == .unprocessableEntity)
            }
        }
    }

    @Test func theMigrationRevertsAndPreparesAgain() async throws {
        try await withShequ { app in
            _ = try await publishSamples(app)
            try await CreateOCDSReleases().revert(on: app.db)
            try await CreateOCDSReleases().prepare(on: app.db)
            _ = try await publishSamples(app)
            #expect(try await OCDSLog.verify(on: app.db).finding == nil)
        }
    }
}
