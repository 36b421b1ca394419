import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Lists say how many there are and give the rest a page at a time, instead of stopping at a row count.
@Suite struct PagedListsTests {
    @Test func directoryListsAnswerAPageWithTheTotalAndTheRestOnTheNextPage() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let token = try await app.token("clerk")
            for n in 1...5 {
                #expect(try await app.api(.POST, "/api/v1/households", token: token, json: ["divisionCode": communityA, "address": "Pager \(n)"]).status == .created)
                #expect(try await app.api(.POST, "/api/v1/buildings", token: token, json: ["divisionCode": communityA, "name": "Pager \(n)"]).status == .created)
                #expect(try await app.api(.POST, "/api/v1/residents-groups", token: token, json: ["divisionCode": communityA, "name": "Pager \(n)"]).status == .created)
            }
            for (path, field) in [("households", "address"), ("buildings", "name"), ("residents-groups", "name")] {
                var seen: [String] = []
                for page in 1...3 {
                    let res = try await app.api(.GET, "/api/v1/\(path)?community=\(communityA)&per=2&page=\(page)", token: token)
                    #expect(res.status == .ok)
                    #expect(res.object["total"] as? Int == 5, "\(path)")
                    #expect(res.object["page"] as? Int == page && res.object["perPage"] as? Int == 2)
                    #expect(res.items.count == (page < 3 ? 2 : 1), "\(path) page \(page)")
                    seen += res.items.compactMap { $0[field] as? String }
                }
                #expect(seen == (1...5).map { "Pager \($0)" }, "\(path): every row once, in order")
            }

            let admin = try await app.token("admin", adminPassword)
            for n in 1...3 { try await makeAccount(app, "pager\(n)", .communityStaff, communityA) }
            let accounts = try await app.api(.GET, "/api/v1/accounts?per=2&page=2", token: admin)
            #expect(accounts.object["total"] as? Int == 5) // admin, clerk and three more
            #expect(accounts.items.compactMap { $0["username"] as? String } == ["pager1", "pager2"])

            for n in 1...3 {
                let made = try await app.api(.POST, "/api/v1/organizations", token: admin, json: [
                    "kind": "unit", "name": "Pager \(n)", "category": "养老", "contact": "0756-1234567", "divisionCode": communityA])
                #expect(made.status == .created)
            }
            let orgs = try await app.api(.GET, "/api/v1/organizations?per=2&page=2", token: admin)
            #expect(orgs.object["total"] as? Int == 3)
            #expect(orgs.items.compactMap { $0["name"] as? String } == ["Pager 3"])
        }
    }

    @Test func pagesShowTheTotalAndLinkToTheNextPage() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let token = try await app.token("clerk")
            for n in 1...5 {
                _ = try await app.api(.POST, "/api/v1/households", token: token, json: ["divisionCode": communityA, "address": "Pager \(n)"])
            }
            let browser = Browser(app)
            try await browser.signIn("clerk")
            let first = try await browser.get("/households?per=2")
            #expect(first.status == .ok)
            #expect(first.body.contains("Pager 1") && first.body.contains("Pager 2") && !first.body.contains("Pager 3"))
            #expect(first.body.contains("共 5 条，第 1 / 3 页") || first.body.contains("5 in all, page 1 of 3"))
            #expect(first.body.contains("href=\"/households?per=2&amp;page=2\""))
            // The residents list pages through the same pager.
            #expect(try await browser.get("/residents").body.contains("class=\"pager\""))
            let last = try await browser.get("/households?per=2&page=3")
            #expect(last.body.contains("Pager 5") && !last.body.contains("Pager 4"))
            #expect(last.body.contains("href=\"/households?per=2&amp;page=2\"") && !last.body.contains("rel=\"next\""))

            // The audit page was the last 50 entries and nothing more: now every entry is a page away.
            try await browser.signIn("admin", adminPassword)
            let entries = try await app.count(AuditEntry.self)
            #expect(entries > 2)
            let audit = try await browser.get("/audit?per=2")
            #expect(audit.status == .ok)
            #expect(audit.body.contains("共 \(entries) 条") || audit.body.contains("\(entries) in all"))
            #expect(audit.body.contains("href=\"/audit?per=2&amp;page=2\""))
            let accounts = try await browser.get("/accounts?per=1&page=2")
            #expect(accounts.body.contains("clerk") && accounts.body.contains("rel=\"prev\""))
        }
    }

    @Test func badPageOrSizeIsRefusedNotGuessed() async throws {
        try await withShequ { app in
            let admin = try await app.token("admin", adminPassword)
            let browser = Browser(app)
            try await browser.signIn("admin", adminPassword)
            for bad in ["page=0", "page=-1", "page=1000000000000", "page=x", "per=0", "per=-1", "per=1000000000000", "per=x", "per=201"] {
                for path in ["households", "buildings", "residents-groups", "organizations", "accounts"] {
                    let res = try await app.api(.GET, "/api/v1/\(path)?\(bad)", token: admin)
                    #expect((400..<500).contains(Int(res.status.code)), "\(path)?\(bad): \(res.status)")
                }
                for path in ["/households", "/organizations", "/accounts", "/audit"] {
                    let res = try await browser.get("\(path)?\(bad)")
                    #expect((400..<500).contains(Int(res.status.code)), "\(path)?\(bad): \(res.status)")
                }
            }
        }
    }

    @Test func everyPagedListPublishesItsBounds() async throws {
        try await withShequ { app in
            let doc = try await app.api(.GET, "/api/v1/openapi.json").object
            let paths = doc["paths"] as? [String: Any] ?? [:]
            for path in ["/api/v1/households", "/api/v1/buildings", "/api/v1/residents-groups", "/api/v1/organizations", "/api/v1/accounts"] {
                let get = (paths[path] as? [String: Any])?["get"] as? [String: Any] ?? [:]
                let parameters = get["parameters"] as? [[String: Any]] ?? []
                let per = parameters.first { $0["name"] as? String == "per" }
                let schema = per?["schema"] as? [String: Any] ?? [:]
                #expect(schema["maximum"] as? Int == ShequPlatform.ListPageRequest.maxPerPage && schema["minimum"] as? Int == 1, "\(path)")
                #expect(parameters.contains { $0["name"] as? String == "page" }, "\(path)")
            }
        }
    }
}
