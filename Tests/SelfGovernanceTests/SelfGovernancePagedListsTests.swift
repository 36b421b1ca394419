import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import SelfGovernance

/// Messages, matters, compounds and the public record say how many there are and give the rest a page at a time.
@Suite struct SelfGovernancePagedListsTests {
    /// Every page of `path` at two a page, checking the total on each; the ids served, each once.
    func walk(_ app: Vapor.Application, _ path: String, token: String? = nil, total: Int) async throws -> Set<String> {
        var seen: [String] = []
        let pages = (total + 1) / 2
        for page in 1...pages {
            let res = try await app.api(.GET, path + "?per=2&page=\(page)", token: token)
            #expect(res.status == .ok, "\(path)")
            #expect(res.object["total"] as? Int == total, "\(path)")
            #expect(res.items.count == (page < pages || total % 2 == 0 ? 2 : 1), "\(path) page \(page)")
            seen += res.items.compactMap { ($0["id"] as? String)?.lowercased() }
        }
        #expect(Set(seen).count == seen.count, "\(path): no row on two pages")
        return Set(seen)
    }

    @Test func listsAndPagesComeAPageAtATime() async throws {
        try await withGovernance { app, g in
            let community = "/api/v1/communities/\(communityA)"
            var messages: Set<String> = [], matters: Set<String> = [], compounds: Set<String> = []
            for i in 0..<3 {
                let m = try await app.api(.POST, "\(community)/messages", token: g.voters[i].token,
                                          json: ["channel": "mailbox", "subject": "Pager \(i)", "text": "3栋门口路灯坏了一周。"])
                messages.insert((m.object["id"] as? String ?? "").lowercased())
                let matter = try await app.api(.POST, "\(community)/matters", token: g.voters[i].token,
                                               json: ["title": "Pager \(i)", "description": "3栋居民希望加装电梯。"])
                matters.insert((matter.object["id"] as? String ?? "").lowercased())
                let compound = try await app.api(.POST, "\(community)/compounds", token: g.committee, json: ["name": "Pager \(i)"])
                compounds.insert((compound.object["id"] as? String ?? "").lowercased())
            }
            #expect(try await walk(app, "\(community)/messages", total: 3) == messages)
            try await (app.db as! any SQLDatabase).raw("UPDATE channel_messages SET due_on = '2026-01-05'").run()
            #expect(try await walk(app, "\(community)/messages/overdue", token: g.supervision, total: 3) == messages)
            #expect(try await walk(app, "\(community)/matters", total: 3) == matters)
            #expect(try await walk(app, "\(community)/compounds", total: 3) == compounds)
            // A list row carries what the list shows; the description is on the matter's own page.
            let newest = try #require(try await app.api(.GET, "\(community)/matters?per=1").items.first)
            #expect(newest["title"] as? String == "Pager 2" && newest["stage"] is String && newest["divisionCode"] as? String == communityA)
            #expect(newest["description"] == nil && newest["createdAt"] != nil)
            let entries = try await PublicRecordEntry.query(on: app.db).filter(\.$divisionCode == communityA).count()
            #expect(entries >= 6)
            let record = try await app.api(.GET, "\(community)/record?per=2&page=2")
            #expect(record.object["holds"] as? Bool == true && record.object["total"] as? Int == entries)
            #expect(record.items.compactMap { $0["sequence"] as? Int } == [entries - 2, entries - 3])
            // Every entry names its matter, or says it has none.
            #expect(record.items.allSatisfy { $0.keys.contains("matterID") })

            // The pages show the same page, the total, and the way on.
            let browser = Browser(app)
            let page = try await browser.get("/communities/\(communityA)/governance?per=2")
            #expect(page.status == .ok)
            #expect(page.body.contains("共 3 条") || page.body.contains("3 in all"))
            #expect(page.body.contains("href=\"/communities/\(communityA)/governance?per=2&amp;page=2\""))
            let letters = try await browser.get("/communities/\(communityA)/messages?channel=mailbox&per=2&page=2")
            #expect(letters.body.contains("Pager 0") && !letters.body.contains("Pager 2"))
            #expect(letters.body.contains("href=\"/communities/\(communityA)/messages?channel=mailbox&amp;per=2&amp;page=1\""))
            let shown = try await browser.get("/communities/\(communityA)/record?per=2")
            #expect(shown.body.contains("共 \(entries) 条") || shown.body.contains("\(entries) in all"))
            _ = try await app.api(.POST, "/api/v1/communities/\(communityB)/matters", token: g.outsider.token,
                                  json: ["title": "Pager B", "description": "邻居的事。"])
            let start = try await browser.get("/governance?per=1")
            #expect(start.body.contains("共 2 条") || start.body.contains("2 in all"))
            #expect(start.body.contains("href=\"/governance?per=1&amp;page=2\""))
        }
    }

    @Test func theCalendarIsBoundedByDateNotByRowCount() async throws {
        try await withGovernance { app, g in
            let (_, assembly) = try await matterOpenForVote(app, g)
            let feed = "/communities/\(communityA)/assemblies.ics"
            #expect(try await app.api(.GET, feed).body.lowercased().contains(assembly.lowercased()))
            let a = try #require(try await Assembly.find(UUID(uuidString: assembly), on: app.db))
            a.startsAt = Date().addingTimeInterval(-2 * 366 * 86_400)
            try await a.save(on: app.db)
            #expect(!(try await app.api(.GET, feed).body.lowercased().contains(assembly.lowercased())))
        }
    }

    @Test func badPageOrSizeIsRefused() async throws {
        try await withGovernance { app, g in
            let community = "communities/\(communityA)"
            for bad in ["page=0", "page=-1", "page=1000000000000", "page=x", "per=0", "per=-1", "per=1000000000000", "per=x"] {
                for (path, token) in [("\(community)/messages", nil), ("\(community)/messages/overdue", g.supervision),
                                      ("\(community)/matters", nil), ("\(community)/compounds", nil), ("\(community)/record", nil)] as [(String, String?)] {
                    let res = try await app.api(.GET, "/api/v1/\(path)?\(bad)", token: token)
                    #expect((400..<500).contains(Int(res.status.code)), "\(path)?\(bad): \(res.status)")
                }
                for path in ["/governance", "/\(community)/governance", "/\(community)/messages", "/\(community)/record"] {
                    let res = try await Browser(app).get("\(path)?\(bad)")
                    #expect((400..<500).contains(Int(res.status.code)), "\(path)?\(bad): \(res.status)")
                }
            }
        }
    }
}
