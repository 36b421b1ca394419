import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import SelfGovernance

/// A community's matters and its public record are kept per instance under the record's head and sent with an
/// ETag (`PublicAnswers`): a client holding the current version is told 304, and any new entry, from this instance
/// or another, is shown at once.
@Suite struct PublicAnswersTests {
    @Test func aListHoldsItsVersionUntilTheRecordMovesOn() async throws {
        try await withGovernance { app, g in
            let path = "/api/v1/communities/\(communityA)/matters"
            _ = try await app.api(.POST, path, token: g.voters[0].token, json: ["title": "电梯", "description": "3栋希望加装电梯。"])
            let first = try await app.api(.GET, path)
            let etag = try #require(first.headers.first(name: .eTag))
            #expect(first.status == .ok && first.object["total"] as? Int == 1)
            #expect(first.headers.first(name: .cacheControl) == "no-cache")
            // Asked again: the same answer, from what this instance kept.
            let again = try await app.api(.GET, path)
            #expect(again.body == first.body && again.headers.first(name: .eTag) == etag)
            // A client that holds it is told nothing changed.
            let unchanged = try await app.api(.GET, path, headers: ["If-None-Match": etag])
            #expect(unchanged.status == .notModified && unchanged.body.isEmpty)
            // Another page of the list is another answer, with a tag of its own.
            let other = try await app.api(.GET, path + "?per=1&page=1", headers: ["If-None-Match": etag])
            #expect(other.status == .ok && other.headers.first(name: .eTag) != etag)

            // A matter raised elsewhere (another instance writes the same database): shown at once, under a new tag.
            try await app.db.transaction { db in
                _ = try await Matters.raise(community: communityA, title: "路灯", description: "5栋门口路灯坏了。", source: .hotline, by: "resident", on: db)
            }
            let moved = try await app.api(.GET, path, headers: ["If-None-Match": etag])
            #expect(moved.status == .ok && moved.object["total"] as? Int == 2)
            #expect(moved.items.first?["title"] as? String == "路灯")
            #expect(moved.headers.first(name: .eTag) != etag)
            // Bad paging is refused whatever was kept.
            #expect((400..<500).contains(try await app.api(.GET, path + "?page=0").status.code))
        }
    }

    @Test func theRecordsPagesShowANewEntryAtOnce() async throws {
        try await withGovernance { app, g in
            let browser = Browser(app)
            let page = "/communities/\(communityA)/record"
            let before = try await browser.get(page)
            #expect(before.status == .ok)
            #expect(try await browser.get(page).body == before.body)
            _ = try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.voters[0].token,
                                  json: ["title": "垃圾分类点", "description": "希望增设垃圾分类点。"])
            let after = try await browser.get(page)
            #expect(after.body.contains("垃圾分类点") && !before.body.contains("垃圾分类点"))
            // Signed in, the page is made for the visitor, and shows the same record.
            let staff = Browser(app)
            try await staff.signIn("rc.a")
            #expect(try await staff.get(page).body.contains("垃圾分类点"))

            let api = "/api/v1/communities/\(communityA)/record"
            let tagged = try await app.api(.GET, api)
            let etag = try #require(tagged.headers.first(name: .eTag))
            #expect(try await app.api(.GET, api, headers: ["If-None-Match": etag]).status == .notModified)
            // An edit behind the chain's back changes the verdict once it is walked again, and with it the version.
            try await (app.db as! any SQLDatabase).raw("UPDATE public_record_entries SET summary = 'forged' WHERE sequence = 1").run()
            _ = try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.voters[0].token,
                                  json: ["title": "健身器材", "description": "希望维修健身器材。"])
            let broken = try await app.api(.GET, api, headers: ["If-None-Match": etag])
            #expect(broken.status == .ok && broken.object["holds"] as? Bool == false)
        }
    }

    @Test func aMattersPagesAreKeptForVisitorsAndMadeForEachSignedInOne() async throws {
        try await withGovernance { app, g in
            let raised = try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.voters[0].token,
                                           json: ["title": "停车位", "description": "希望规划停车位。"])
            let id = try #require(raised.object["id"] as? String)
            let visitor = Browser(app)
            let first = try await visitor.get("/matters/\(id)")
            #expect(first.status == .ok && !first.body.contains("f-discussion"))
            #expect(try await visitor.get("/matters/\(id)").body == first.body)
            // A resident of the community signed in gets the discussion form the kept page never had.
            let resident = Browser(app)
            try await resident.signIn("r.101001")
            let own = try await resident.get("/matters/\(id)")
            #expect(own.body.contains("f-discussion"))
            // Their word is on the record, and on the page every visitor sees, at once.
            let said = try await app.api(.POST, "/api/v1/matters/\(id)/notes", token: g.voters[1].token,
                                         json: ["kind": "discussion", "text": "同意，停车难。"])
            #expect(said.status == .created)
            #expect(try await visitor.get("/matters/\(id)").body.contains("同意，停车难。"))
            let json = try await app.api(.GET, "/api/v1/matters/\(id)")
            let etag = try #require(json.headers.first(name: .eTag))
            #expect(try await app.api(.GET, "/api/v1/matters/\(id)", headers: ["If-None-Match": etag]).status == .notModified)
            #expect(try await app.api(.GET, "/api/v1/matters/\(UUID())").status == .notFound)

            // The community's page: a new matter is on it at once.
            let community = "/communities/\(communityA)/governance"
            #expect(!(try await visitor.get(community).body.contains("健身步道")))
            _ = try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.voters[2].token,
                                  json: ["title": "健身步道", "description": "希望修建健身步道。"])
            #expect(try await visitor.get(community).body.contains("健身步道"))
        }
    }

    @Test func whatIsKeptIsBoundedAndAnswersAreRemadeInTime() async throws {
        try await withGovernance { app, g in
            let path = "/api/v1/communities/\(communityA)/record"
            _ = try await matterOpenForVote(app, g)
            // Parameters the route ignores make no keys of their own.
            let before = app.publicAnswers.count
            for i in 0..<20 { #expect(try await app.api(.GET, path + "?z=\(i)").status == .ok) }
            #expect(app.publicAnswers.count <= before + 1)
            // A tag a compressing proxy marked weak still matches.
            let tag = try #require(try await app.api(.GET, path).headers.first(name: .eTag))
            #expect(try await app.api(.GET, path, headers: ["If-None-Match": "W/" + tag]).status == .notModified)

            // Memory is bounded by bytes.
            app.publicAnswers = PublicAnswers(budget: 1_200)
            var sent = 0
            for page in 1...6 { sent += try await app.api(.GET, path + "?per=1&page=\(page)").body.utf8.count }
            #expect(sent > 2_400)
            #expect(app.publicAnswers.bytes <= 1_200 && app.publicAnswers.count >= 1)

            // An edit outside the commands (an operator removing words from a note) shows once the kept answer is
            // older than its lifetime, under a tag of its own.
            app.publicAnswers = PublicAnswers(lifetime: .zero)
            let shown = try await app.api(.GET, "/api/v1/communities/\(communityA)/matters")
            let id = try #require(shown.items.first?["id"] as? String)
            let first = try await app.api(.GET, "/api/v1/matters/\(id)")
            try await (app.db as! any SQLDatabase).raw("UPDATE matters SET title = '已更正' WHERE id = \(bind: UUID(uuidString: id)!)").run()
            let second = try await app.api(.GET, "/api/v1/matters/\(id)", headers: ["If-None-Match": first.headers.first(name: .eTag) ?? ""])
            #expect(second.status == .ok && second.body.contains("已更正"))
            #expect(second.headers.first(name: .eTag) != first.headers.first(name: .eTag))
        }
    }
}
