import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor

/// O2: district-level powers granted to streets, recorded with the decision and its dates.
@Suite struct DelegatedPowerTests {
    static var grant: [String: Any] {
        ["power": "residencePermitAcceptance", "streetCode": streetB,
         "decisionDocument": "珠香府〔2012〕8号", "decidedOn": "2012-02-20", "effectiveFrom": "2012-03-01"]
    }

    @Test func theDistrictGrantsAndRevokesAndEveryoneCanRead() async throws {
        try await withShequ { app in
            try await makeAccount(app, "district.xz", .districtOfficial, "440402")
            let district = try await app.token("district.xz")
            let created = try await app.api(.POST, "/api/v1/delegated-powers", token: district, json: Self.grant)
            #expect(created.status == .created)
            #expect(created.object["districtCode"] as? String == "440402")
            #expect(created.object["streetName"] as? String == "梅华街道")
            #expect(created.object["inForce"] as? Bool == true)
            let id = try #require(created.object["id"] as? String)
            // Public: no sign-in needed, and no person named.
            let listed = try await app.api(.GET, "/api/v1/delegated-powers?power=residencePermitAcceptance")
            #expect(listed.status == .ok)
            #expect(listed.items.map { $0["decisionDocument"] as? String } == ["珠香府〔2012〕8号"])
            #expect(!listed.body.contains("district.xz"))
            // The same street cannot hold the same power twice.
            #expect(try await app.api(.POST, "/api/v1/delegated-powers", token: district, json: Self.grant).status == .conflict)

            let revoked = try await app.api(.POST, "/api/v1/delegated-powers/\(id)/revoke", token: district,
                                            json: ["reason": "试点结束", "revokedOn": "2013-01-01"])
            #expect(revoked.status == .ok)
            #expect(revoked.object["revokedOn"] as? String == "2013-01-01")
            #expect(revoked.object["inForce"] as? Bool == false)
            #expect(try await app.api(.POST, "/api/v1/delegated-powers/\(id)/revoke", token: district, json: ["reason": "再次"]).status == .conflict)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$entity == "delegatedPower").filter(\.$outcome == "ok").all()
            #expect(Set(entries.map(\.action)) == ["delegatedPower.grant", "delegatedPower.revoke"])
            #expect(entries.allSatisfy { $0.scope == streetB && $0.actor == "district.xz" })

            let csv = try await app.api(.GET, "/api/v1/delegated-powers/export")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.contains("residencePermitAcceptance") && csv.body.contains("2013-01-01"))

            // Once revoked, the street may be granted it again by a new decision.
            var again = Self.grant
            again["decisionDocument"] = "珠香府〔2014〕3号"
            again["decidedOn"] = "2014-01-10"
            again["effectiveFrom"] = "2014-01-10"
            #expect(try await app.api(.POST, "/api/v1/delegated-powers", token: district, json: again).status == .created)
        }
    }

    @Test func theListComesAPageAtATimeInAStableOrder() async throws {
        try await withShequ { app in
            try await makeAccount(app, "district.xz", .districtOfficial, "440402")
            let district = try await app.token("district.xz")
            let powers: [DistrictPower] = [.residencePermitAcceptance, .familyPlanningServices, .individualBusinessRegistration]
            for power in powers {
                var json = Self.grant
                json["power"] = power.rawValue
                #expect(try await app.api(.POST, "/api/v1/delegated-powers", token: district, json: json).status == .created)
            }
            let first = try await app.api(.GET, "/api/v1/delegated-powers?division=\(streetB)&per=2&page=1")
            let second = try await app.api(.GET, "/api/v1/delegated-powers?division=\(streetB)&per=2&page=2")
            #expect(first.object["total"] as? Int == 3 && second.object["total"] as? Int == 3)
            #expect(first.items.count == 2 && second.items.count == 1)
            // Every grant once, in power order, across the two pages.
            let names = (first.items + second.items).compactMap { $0["power"] as? String }
            #expect(names == powers.map(\.rawValue).sorted())
            #expect((first.items + second.items).allSatisfy { $0["streetName"] as? String == "梅华街道" })
        }
    }

    @Test func theLeadingGroupOfficeMayGrantToo() async throws {
        try await withShequ { app in
            try await makeAccount(app, "lgo", .leadingGroupOffice, "4404")
            let res = try await app.api(.POST, "/api/v1/delegated-powers", token: try await app.token("lgo"), json: Self.grant)
            #expect(res.status == .created)
        }
    }

    @Test func othersAreForbiddenAndTheAttemptIsAudited() async throws {
        try await withShequ { app in
            let outsiders: [(String, Role, String)] = [("street.b", .streetOfficial, streetB), ("centre.b", .centerStaff, streetB),
                                                       ("district.dm", .districtOfficial, "440403"), ("city.admin", .cityAdministrator, "4404")]
            for (name, role, scope) in outsiders {
                try await makeAccount(app, name, role, scope)
                let res = try await app.api(.POST, "/api/v1/delegated-powers", token: try await app.token(name), json: Self.grant)
                #expect(res.status == .forbidden, "\(name)")
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "delegatedPower.grant").filter(\.$actor == name)
                    .filter(\.$outcome == "denied").count() == 1)
            }
            #expect(try await app.count(DelegatedPower.self) == 0)
            // Revoking is theirs to refuse as well.
            try await makeAccount(app, "district.xz", .districtOfficial, "440402")
            let created = try await app.api(.POST, "/api/v1/delegated-powers", token: try await app.token("district.xz"), json: Self.grant)
            let id = try #require(created.object["id"] as? String)
            let refused = try await app.api(.POST, "/api/v1/delegated-powers/\(id)/revoke", token: try await app.token("street.b"), json: ["reason": "x"])
            #expect(refused.status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "delegatedPower.revoke").filter(\.$outcome == "denied").count() == 1)
            #expect(try await DelegatedPower.query(on: app.db).filter(\.$revokedOn == nil).count() == 1)
        }
    }

    @Test func badGrantsAreRefusedWithTheRule() async throws {
        try await withShequ { app in
            try await makeAccount(app, "district.xz", .districtOfficial, "440402")
            let district = try await app.token("district.xz")
            func attempt(_ change: [String: Any]) async throws -> APIResult {
                try await app.api(.POST, "/api/v1/delegated-powers", token: district, json: Self.grant.merging(change) { $1 })
            }
            #expect(try await attempt(["streetCode": communityB]).body.contains("not_a_street"))
            #expect(try await attempt(["streetCode": "440402"]).status == .unprocessableEntity)
            #expect(try await attempt(["streetCode": "440402999"]).status == .unprocessableEntity)
            #expect(try await attempt(["effectiveFrom": "2012-01-01"]).body.contains("effective_before_decision"))
            #expect(try await attempt(["decidedOn": "2999-01-01", "effectiveFrom": "2999-01-01"]).body.contains("decision_in_future"))
            #expect(try await attempt(["decisionDocument": "  "]).status == .unprocessableEntity)
            // An unknown power in JSON is a value the type cannot hold: 400, as the decoder answers.
            #expect(try await attempt(["power": "everything"]).status == .badRequest)
            #expect(try await app.count(DelegatedPower.self) == 0)
            let created = try await attempt([:])
            let id = try #require(created.object["id"] as? String)
            let early = try await app.api(.POST, "/api/v1/delegated-powers/\(id)/revoke", token: district, json: ["reason": "x", "revokedOn": "2012-02-01"])
            #expect(early.body.contains("revoked_before_effective"))
            #expect(try await app.api(.POST, "/api/v1/delegated-powers/\(UUID())/revoke", token: district, json: ["reason": "x"]).status == .notFound)
        }
    }

    @Test func thePagesGrantAndRevokeThroughTheSameCommands() async throws {
        try await withShequ { app in
            try await makeAccount(app, "district.xz", .districtOfficial, "440402")
            let official = Browser(app)
            try await official.signIn("district.xz")
            let home = try await official.get("/")
            #expect(home.body.contains("href=\"/delegated-powers\""))
            let page = try await official.get("/delegated-powers")
            #expect(page.body.contains("action=\"/delegated-powers\""))
            // Only the official's own district's streets are offered.
            #expect(page.body.contains("value=\"440402002\"") && !page.body.contains("value=\"440403001\""))
            let posted = try await official.post("/delegated-powers", form: Self.grant.mapValues { "\($0)" })
            #expect(posted.status == .seeOther)
            let grant = try #require(try await DelegatedPower.query(on: app.db).first())
            let listed = try await official.get("/delegated-powers")
            #expect(listed.body.contains("珠香府〔2012〕8号") && listed.body.contains("梅华街道"))
            let revoked = try await official.post("/delegated-powers/\(grant.id!)/revoke", form: ["reason": "撤销试点", "revokedOn": ""])
            #expect(revoked.status == .seeOther)
            #expect(try await DelegatedPower.find(grant.id, on: app.db)?.revocationReason == "撤销试点")
            // A street official reads the list but is offered no form, and the form's door refuses them as the API does.
            try await makeAccount(app, "street.b", .streetOfficial, streetB)
            let street = Browser(app)
            try await street.signIn("street.b")
            let seen = try await street.get("/delegated-powers")
            #expect(seen.body.contains("珠香府〔2012〕8号") && !seen.body.contains("action=\"/delegated-powers\""))
            #expect(try await street.post("/delegated-powers", form: Self.grant.mapValues { "\($0)" }).status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "delegatedPower.grant").filter(\.$actor == "street.b")
                .filter(\.$outcome == "denied").count() == 1)
            // In English too.
            let en = try await Browser(app).get("/delegated-powers?lang=en")
            #expect(en.body.contains("Powers delegated to streets"))
        }
    }
}
