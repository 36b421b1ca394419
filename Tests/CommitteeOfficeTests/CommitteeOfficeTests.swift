import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import CommitteeOffice

/// The committee's office records: kept by the committee, read by its street, append-only, documents tracked to
/// their deadlines.
@Suite struct CommitteeOfficeTests {
    @Test func theCommitteeKeepsEachRecordAndItsStreetReadsThem() async throws {
        try await withShequ { app in
            try await OfficeFixture.accounts(app)
            let committee = try await app.token(OfficeFixture.committee)
            let records: [(String, [String: Any])] = [
                ("minutes", OfficeFixture.minutes), ("duty-schedule", OfficeFixture.duty), ("work-log", OfficeFixture.log),
                ("documents-received", OfficeFixture.received(deadline: 5)), ("documents-sent", OfficeFixture.sent), ("seal-uses", OfficeFixture.seal),
            ]
            for (segment, json) in records {
                let res = try await app.api(.POST, "\(OfficeFixture.base)/\(segment)", token: committee, json: json)
                #expect(res.status == .created, "\(segment): \(res.body)")
                #expect(res.object["recordedBy"] as? String == OfficeFixture.committee)
            }
            let street = try await app.token(OfficeFixture.street)
            for (segment, _) in records {
                let list = try await app.api(.GET, "\(OfficeFixture.base)/\(segment)", token: street)
                #expect(list.status == .ok && list.object["total"] as? Int == 1, "\(segment): \(list.body)")
            }
            let seal = try await app.api(.GET, "\(OfficeFixture.base)/seal-uses", token: committee)
            #expect(seal.items.first?["approvedBy"] as? String == "张丽")
            #expect(seal.items.first?["people"] as? String == "王芳")
            // Every write is in the audit log.
            let audited = try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["committeeOffice.minutes", "committeeOffice.sealUse"]).count()
            #expect(audited == 2)

            // The pages, in both languages, and the CSV of each list, for the committee and its street.
            let browser = Browser(app)
            try await browser.signIn(OfficeFixture.street)
            let index = try await browser.get("/communities/\(communityA)/office")
            #expect(index.status == .ok && index.body.contains("用印登记"))
            #expect(try await browser.get("/communities/\(communityA)/governance").body.contains("/communities/\(communityA)/office"))
            let sealPage = try await browser.get("/communities/\(communityA)/office/seal-uses")
            #expect(sealPage.body.contains("居住证明") && !sealPage.body.contains("<form method=\"post\" action=\"/communities/\(communityA)/office/seal-uses\""))
            for (segment, _) in records {
                let csv = try await browser.get("/communities/\(communityA)/office/\(segment).csv")
                #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv", "\(segment)")
                #expect(csv.body.contains("recorded_by") || csv.body.contains("state"))
            }
            let workbench = try await browser.get("/workbench")
            #expect(workbench.body.contains("committeeOffice-oversight"))
            let english = Browser(app)
            english.cookies["shequ-lang"] = "en"
            try await english.signIn(OfficeFixture.committee)
            let en = try await english.get("/communities/\(communityA)/office/minutes")
            #expect(en.body.contains("Meeting minutes") && en.body.contains("Record a meeting"))
            let committeeBench = try await english.get("/workbench")
            #expect(committeeBench.body.contains("committeeOffice-committee") && committeeBench.body.contains("/communities/\(communityA)/office"))
        }
    }

    @Test func documentsPastTheirDeadlineAreOverdueUntilHandled() async throws {
        try await withShequ { app in
            try await OfficeFixture.accounts(app)
            let committee = try await app.token(OfficeFixture.committee)
            func record(_ json: [String: Any]) async throws -> String {
                let res = try await app.api(.POST, "\(OfficeFixture.base)/documents-received", token: committee, json: json)
                return try #require(res.object["id"] as? String, "\(res.body)")
            }
            let late = try await record(OfficeFixture.received(deadline: -1, title: "消防检查通知"))
            let due = try await record(OfficeFixture.received(deadline: 3, title: "长者津贴年审通知"))
            _ = try await record(OfficeFixture.received(deadline: nil, title: "无期限的通报"))
            let wrong = try await record(OfficeFixture.received(deadline: -2, title: "登记有误的通知"))
            var overdue = try await app.api(.GET, "\(OfficeFixture.base)/documents/overdue", token: committee)
            #expect(Set(overdue.items.compactMap { $0["id"] as? String }) == [late, wrong])
            #expect(overdue.items.first?["state"] as? String == "overdue")

            // Handling closes it; a correction takes the old entry's place, and the deadline it carries is the one that counts.
            let handled = try await app.api(.POST, "\(OfficeFixture.base)/documents/\(late)/handled", token: committee,
                                            json: ["handledOn": OfficeFixture.day(0), "text": "台账已报街道。"])
            #expect(handled.status == .created, "\(handled.body)")
            var corrected = OfficeFixture.received(deadline: 20, title: "登记有误的通知（更正期限）")
            corrected["corrects"] = wrong
            let correction = try await app.api(.POST, "\(OfficeFixture.base)/documents-received", token: committee, json: corrected)
            #expect(correction.status == .created, "\(correction.body)")
            overdue = try await app.api(.GET, "\(OfficeFixture.base)/documents/overdue", token: committee)
            #expect(overdue.object["total"] as? Int == 0, "\(overdue.body)")
            let list = try await app.api(.GET, "\(OfficeFixture.base)/documents-received", token: committee)
            let states = Dictionary(uniqueKeysWithValues: list.items.compactMap { i in (i["id"] as? String).map { ($0, i["state"] as? String ?? "") } })
            #expect(states[late] == "handled" && states[wrong] == "corrected" && states[due] == "open")
            #expect(list.items.first { $0["id"] as? String == late }?["handling"] as? String == "台账已报街道。")

            // Handled once; a corrected entry is handled on its correction; another community's document is not found.
            let again = try await app.api(.POST, "\(OfficeFixture.base)/documents/\(late)/handled", token: committee,
                                          json: ["handledOn": OfficeFixture.day(0), "text": "再办一次"])
            #expect(again.status == .conflict && again.object["code"] as? String == "already_handled")
            let superseded = try await app.api(.POST, "\(OfficeFixture.base)/documents/\(wrong)/handled", token: committee,
                                               json: ["handledOn": OfficeFixture.day(0), "text": "办理"])
            #expect(superseded.object["code"] as? String == "superseded")
            let early = try await app.api(.POST, "\(OfficeFixture.base)/documents/\(due)/handled", token: committee,
                                          json: ["handledOn": OfficeFixture.day(-30), "text": "办理"])
            #expect(early.status == .unprocessableEntity)
            let other = try await app.api(.POST, "/api/v1/communities/\(communityB)/office/documents/\(due)/handled",
                                          token: try await app.token(OfficeFixture.otherCommittee), json: ["handledOn": OfficeFixture.day(0), "text": "办理"])
            #expect(other.status == .notFound)

            // The overdue list's CSV and the index page.
            let browser = Browser(app)
            try await browser.signIn(OfficeFixture.committee)
            let csv = try await browser.get("/communities/\(communityA)/office/overdue.csv")
            #expect(csv.status == .ok && csv.body.contains("deadline"))
            let page = try await browser.get("/communities/\(communityA)/office/documents-received?handle=\(due)")
            #expect(page.body.contains("/office/documents/\(due)/handled"))
            let posted = try await browser.post("/communities/\(communityA)/office/documents/\(due)/handled",
                                                form: ["handledOn": OfficeFixture.day(0), "text": "已核对名单"])
            #expect(posted.status == .seeOther)
        }
    }

    @Test func entriesAreNeverChangedOnlyCorrected() async throws {
        try await withShequ { app in
            try await OfficeFixture.accounts(app)
            let committee = try await app.token(OfficeFixture.committee)
            let first = try #require(try await app.api(.POST, "\(OfficeFixture.base)/seal-uses", token: committee, json: OfficeFixture.seal)
                .object["id"] as? String)
            var fix = OfficeFixture.seal
            fix["document"] = "居住证明（一式两份）"
            fix["corrects"] = first
            let fixed = try await app.api(.POST, "\(OfficeFixture.base)/seal-uses", token: committee, json: fix)
            #expect(fixed.status == .created && fixed.object["correctsID"] as? String == first)
            let original = try #require(try await OfficeEntry.find(UUID(uuidString: first), on: app.db))
            #expect(original.title == "居住证明")
            let twice = try await app.api(.POST, "\(OfficeFixture.base)/seal-uses", token: committee, json: fix)
            #expect(twice.status == .conflict && twice.object["code"] as? String == "already_corrected")
            var wrongKind = OfficeFixture.log
            wrongKind["corrects"] = first
            let kind = try await app.api(.POST, "\(OfficeFixture.base)/work-log", token: committee, json: wrongKind)
            #expect(kind.object["code"] as? String == "invalid_correction")
            #expect(try await app.count(OfficeEntry.self) == 2)
            // The page marks the old entry and offers the correction form pre-filled.
            let browser = Browser(app)
            try await browser.signIn(OfficeFixture.committee)
            let page = try await browser.get("/communities/\(communityA)/office/seal-uses")
            #expect(page.body.contains("已更正"))
            let correcting = try await browser.get("/communities/\(communityA)/office/seal-uses?corrects=\(try #require(fixed.object["id"] as? String))")
            #expect(correcting.body.contains("name=\"corrects\"") && correcting.body.contains("居住证明（一式两份）"))
        }
    }

    @Test func badInputIsRefusedWithWhyAndChangesNothing() async throws {
        try await withShequ { app in
            try await OfficeFixture.accounts(app)
            let committee = try await app.token(OfficeFixture.committee)
            func post(_ segment: String, _ json: [String: Any], _ change: (inout [String: Any]) -> Void) async throws -> APIResult {
                var body = json
                change(&body)
                return try await app.api(.POST, "\(OfficeFixture.base)/\(segment)", token: committee, json: body)
            }
            let selfApproved = try await post("seal-uses", OfficeFixture.seal) { $0["approvedBy"] = "王芳" }
            #expect(selfApproved.status == .unprocessableEntity && selfApproved.object["code"] as? String == "seal_self_approved")
            let backwards = try await post("duty-schedule", OfficeFixture.duty) { $0["startsAt"] = "18:00" }
            #expect(backwards.object["code"] as? String == "invalid_time")
            let badTime = try await post("duty-schedule", OfficeFixture.duty) { $0["endsAt"] = "25:00" }
            #expect(badTime.object["code"] as? String == "invalid_time")
            let future = try await post("minutes", OfficeFixture.minutes) { $0["heldOn"] = OfficeFixture.day(3) }
            #expect(future.object["code"] as? String == "implausible_date")
            let farDuty = try await post("duty-schedule", OfficeFixture.duty) { $0["dutyOn"] = OfficeFixture.day(400) }
            #expect(farDuty.object["code"] as? String == "implausible_date")
            let deadline = try await post("documents-received", OfficeFixture.received(deadline: nil)) { $0["deadline"] = OfficeFixture.day(-20) }
            #expect(deadline.object["code"] as? String == "invalid_deadline")
            let missing = try await post("work-log", OfficeFixture.log) { $0.removeValue(forKey: "text") }
            #expect(missing.status == .badRequest)
            let long = try await post("minutes", OfficeFixture.minutes) { $0["title"] = String(repeating: "会", count: 201) }
            #expect(long.status == .unprocessableEntity)
            let blank = try await post("work-log", OfficeFixture.log) { $0["title"] = "   " }
            #expect(blank.status == .unprocessableEntity)
            let badDate = try await post("work-log", OfficeFixture.log) { $0["loggedOn"] = "2026-02-30" }
            #expect(badDate.status.code >= 400 && badDate.status.code < 500)
            let badCorrects = try await post("work-log", OfficeFixture.log) { $0["corrects"] = UUID().uuidString }
            #expect(badCorrects.object["code"] as? String == "invalid_correction")
            #expect(try await app.count(OfficeEntry.self) == 0)
        }
    }

    @Test func noOneOutsideTheCommitteeAndItsStreetReadsAndOnlyTheCommitteeWrites() async throws {
        try await withShequ { app in
            try await OfficeFixture.accounts(app)
            let committee = try await app.token(OfficeFixture.committee)
            #expect(try await app.api(.POST, "\(OfficeFixture.base)/seal-uses", token: committee, json: OfficeFixture.seal).status == .created)
            for outsider in [OfficeFixture.otherCommittee, OfficeFixture.otherStreet, OfficeFixture.district, OfficeFixture.resident] {
                let token = try await app.token(outsider)
                var denied = try await OfficeFixture.denied(app)
                #expect(try await app.api(.GET, "\(OfficeFixture.base)/seal-uses", token: token).status == .forbidden, "\(outsider)")
                #expect(try await OfficeFixture.denied(app) == denied + 1, "\(outsider) refused without a trace")
                denied = try await OfficeFixture.denied(app)
                #expect(try await app.api(.GET, "\(OfficeFixture.base)/documents/overdue", token: token).status == .forbidden)
                #expect(try await OfficeFixture.denied(app) == denied + 1)
                denied = try await OfficeFixture.denied(app)
                #expect(try await app.api(.POST, "\(OfficeFixture.base)/seal-uses", token: token, json: OfficeFixture.seal).status == .forbidden)
                #expect(try await OfficeFixture.denied(app) == denied + 1)
                let browser = Browser(app)
                try await browser.signIn(outsider)
                let page = try await browser.get("/communities/\(communityA)/office/seal-uses")
                #expect(page.status == .forbidden && !page.body.contains("居住证明"))
                #expect(!(try await browser.get("/communities/\(communityA)/governance").body.contains("/communities/\(communityA)/office")))
            }
            // The street reads but does not write.
            let street = try await app.token(OfficeFixture.street)
            let denied = try await OfficeFixture.denied(app)
            #expect(try await app.api(.POST, "\(OfficeFixture.base)/seal-uses", token: street, json: OfficeFixture.seal).status == .forbidden)
            #expect(try await OfficeFixture.denied(app) == denied + 1)
            #expect(try await app.api(.GET, "/api/v1/communities/\(communityA)/office/seal-uses").status == .unauthorized)
            #expect(try await app.count(OfficeEntry.self) == 1)
        }
    }
}
