import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import ServiceHall

/// Submissions are group-committed (`SubmissionBatcher`); these check that
/// batching never loses, duplicates or unlinks anything.
@Suite struct SubmissionBatchTests {
    @Test func concurrentSubmissionsEachLandOnceWithNoticeAndAuditEntry() async throws {
        try await withServiceHall { app, f in
            let auditBefore = try await AuditEntry.query(on: app.db).filter(\.$chain == streetA).count()
            let answers = try await withThrowingTaskGroup(of: APIResult.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        try await app.api(.POST, "/api/v1/applications", token: f.windowA,
                                          json: ["itemCode": i.isMultiple(of: 2) ? "RS-002" : "RS-004", "residentID": f.residentID.uuidString])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == .created })
            let numbers = Set(answers.compactMap { $0.object["trackingNumber"] as? String })
            #expect(numbers.count == 40)
            #expect(numbers.allSatisfy { TrackingNumber.normalize($0) == $0 })
            let stored = try await ServiceHall.Application.query(on: app.db).all()
            #expect(Set(stored.map(\.trackingNumber)) == numbers)
            #expect(stored.allSatisfy { $0.responsibleAccountID != nil && $0.channel == .window })
            #expect(try await ResidentNotification.query(on: app.db).filter(\.$residentID == f.residentID).count() == 40)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$chain == streetA).sort(\.$sequence).all()
            #expect(entries.count == auditBefore + 40)
            #expect(entries.map(\.sequence) == Array(1...entries.count))
            let submitted = entries.filter { $0.action == "application.submit" }
            #expect(Set(submitted.map { String($0.detail.prefix(while: { $0 != " " })) }) == numbers)
            #expect(submitted.allSatisfy { $0.actor == "window.a" && $0.scope == communityA })
            #expect(try await AuditLog.verify(on: app.db) == nil)
        }
    }

    @Test func aBadApplicationFailsAloneAndTheRestOfItsBatchLands() async throws {
        try await withServiceHall { app, f in
            let vault = PersonalDataVault(secrets: app.secrets)
            let applicant = try #require(try await Applicant.find(id: f.residentID, on: app.db))
            let item = try #require(try await app.catalogueCache.entry(code: "RS-002", on: app.db)).item
            func new(_ who: Applicant) -> NewApplication {
                NewApplication(item: item, applicant: who, channel: .window, placeID: nil, details: "", staff: nil,
                               language: .zhHans, audit: AuditDraft(actor: "window.a", action: "application.submit", entity: "application"),
                               idLast4: "1234", phoneLast4: "8000", phone: "13800138000")
            }
            // A resident removed after the check: the row breaks its foreign key.
            let gone = Applicant(id: UUID(), divisionCode: communityA, idNumberSealed: applicant.idNumberSealed, phoneSealed: nil)
            // One batch, written directly: whether concurrent callers share a batch depends on timing.
            let results = await SubmissionBatcher.writeAll([new(applicant), new(gone), new(applicant)], app: app)
            let landed = [try results[0].get(), try results[2].get()]
            #expect(throws: (any Error).self) { _ = try results[1].get() }
            let stored = try await ServiceHall.Application.query(on: app.db).all()
            #expect(Set(stored.map(\.trackingNumber)) == Set(landed.map(\.application.trackingNumber)))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "application.submit").count() == 2)
            #expect(try await ResidentNotification.query(on: app.db).count() == 2)
            #expect(landed.allSatisfy { $0.message?.to == "13800138000" })
            #expect(try await AuditLog.verify(on: app.db) == nil)
        }
    }

    @Test func lookupsMatchStoredDigestsAndOlderApplicationsStillAnswer() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = try #require(res.object["trackingNumber"] as? String)
            let idLast4 = String(validID("44040219700101123").suffix(4))
            for last4 in [idLast4, "8000"] {
                let found = try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=\(last4)")
                #expect(found.status == .ok)
                #expect(found.object["state"] as? String == "submitted")
            }
            #expect(try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=0000").status == .notFound)
            // The digests are keyed: neither suffix is stored in clear.
            let sql = app.db as! any SQLDatabase
            let row = try #require(try await sql.raw("SELECT lookup_id_digest, lookup_phone_digest FROM applications WHERE tracking_number = \(bind: number)").first())
            let digests = [try row.decode(column: "lookup_id_digest", as: String?.self), try row.decode(column: "lookup_phone_digest", as: String?.self)]
            #expect(digests.allSatisfy { $0 != nil && !$0!.contains("8000") && !$0!.contains(idLast4) })
            // An application written before the digests existed is checked by decrypting, as before.
            try await sql.raw("UPDATE applications SET lookup_id_digest = NULL, lookup_phone_digest = NULL").run()
            #expect(try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=8000").status == .ok)
            #expect(try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=1111").status == .notFound)
        }
    }

    @Test func communityStaffSeeTheirOverdueListToo() async throws {
        try await withServiceHall { app, f in
            try await makeAccount(app, "station.a", .stationStaff, communityA)
            try await makeAccount(app, "station.other", .stationStaff, "440402001002")
            var numbers: [String] = []
            for code in ["RS-002", "RS-004"] {
                let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": code])
                let n = res.object["trackingNumber"] as! String
                _ = try await app.api(.POST, "/api/v1/applications/\(n)/steps", token: f.windowA,
                                      json: ["step": "accept", "materialIDs": try await materialIDs(app, item: code)])
                numbers.append(n)
            }
            let today = LocalDate(instant: Date())
            for (n, days) in zip(numbers, [-2, -5]) {
                try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == n)
                    .set(\.$dueOn, to: today.adding(days: days).description).update()
            }
            let station = try await app.token("station.a")
            let list = try await app.api(.GET, "/api/v1/applications?due=overdue", token: station).items
            // Most overdue first.
            #expect(list.compactMap { $0["trackingNumber"] as? String } == [numbers[1], numbers[0]])
            #expect(try await app.api(.GET, "/api/v1/applications?due=overdue", token: try await app.token("station.other")).items.isEmpty)
        }
    }
}
