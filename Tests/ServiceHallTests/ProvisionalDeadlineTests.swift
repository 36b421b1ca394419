import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// Due dates counted past the shipped holiday notices: said to be provisional
/// everywhere they are shown, and recounted once the year's notice is added.
@Suite struct ProvisionalDeadlineTests {
    /// An accepted MZ-003 application, as if accepted on the first weekday from 1 February of the first unpublished year.
    func acceptedInTheUnpublishedYear(_ app: Vapor.Application, _ f: Fixture) async throws -> (number: String, accepted: LocalDate, year: Int) {
        let res = try await app.api(.POST, "/api/v1/applications", token: f.windowA,
                                    json: ["itemCode": "MZ-003", "residentID": f.residentID.uuidString])
        let number = try #require(res.object["trackingNumber"] as? String)
        let accepted = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                         json: ["step": "accept", "materialIDs": try await materialIDs(app, item: "MZ-003")])
        #expect(accepted.status == .ok)
        let year = try app.holidayNotices.shipped.coveredThrough + 1
        var day = LocalDate("\(year)-02-01")!
        while day.isWeekend { day = day.adding(days: 1) }
        let item = try #require(try await ServiceItem.query(on: app.db).filter(\.$code == "MZ-003").first())
        let due = try app.workingCalendar.deadline(from: day, workingDays: item.promisedDays)
        try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == number)
            .set(\.$acceptedOn, to: day.description).set(\.$dueOn, to: due.description).update()
        return (number, day, year)
    }

    @Test func aDateInAnUnpublishedYearIsMarkedOnTheAPILookupAndPage() async throws {
        try await withServiceHall { app, f in
            let (number, _, year) = try await acceptedInTheUnpublishedYear(app, f)
            let shown = try await app.api(.GET, "/api/v1/applications/\(number)", token: f.resident)
            #expect(shown.object["dueOnProvisional"] as? Bool == true)
            let lookup = try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=8000")
            #expect(lookup.object["expectedOnProvisional"] as? Bool == true)
            let browser = Browser(app)
            try await browser.signIn("applicant")
            let page = try await browser.get("/applications/\(number)")
            #expect(page.body.contains("暂定：国务院尚未公布\(year)年节假日安排"))
            // A date inside the published years carries no such note.
            try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == number)
                .set(\.$dueOn, to: "\(year - 1)-06-30").update()
            #expect(try await app.api(.GET, "/api/v1/applications/\(number)", token: f.resident).object["dueOnProvisional"] as? Bool == false)
            #expect(!(try await browser.get("/applications/\(number)")).body.contains("暂定"))
        }
    }

    @Test func addingTheYearsNoticeRecountsOpenDeadlinesAndAuditsEachMove() async throws {
        try await withServiceHall { app, f in
            let (number, accepted, _) = try await acceptedInTheUnpublishedYear(app, f)
            let before = try #require(try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == number).first())
            // The notice gives the whole week after acceptance off: the limit must move by exactly that week.
            let week = (1...7).map { accepted.adding(days: $0) }
            let notice = try WorkingCalendar(csv: "date,name,is_off_day\n" + week.map { "\($0),春节,true" }.joined(separator: "\n") + "\n")
            let updated = try app.workingCalendar.adding(notice)
            let outcome = try await DeadlineRecount.run(calendar: updated, from: notice.firstListedDay!,
                                                        writeGate: app.writeGate, on: app.db)
            #expect(outcome.checked == 1)
            #expect(outcome.moved == 1)
            let after = try #require(try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == number).first())
            let expected = updated.deadline(from: accepted, workingDays: 10)
            #expect(after.dueOn == expected.description)
            #expect(LocalDate(after.dueOn!)! > LocalDate(before.dueOn!)!)
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "application.recomputeDue").first())
            #expect(entry.detail == "\(number) \(before.dueOn!) → \(expected)")
            #expect(try await AuditLog.verify(on: app.db) == nil)
            // Running it again changes nothing.
            #expect(try await DeadlineRecount.run(calendar: updated, from: notice.firstListedDay!,
                                                  writeGate: app.writeGate, on: app.db).moved == 0)
        }
    }

    @Test func theHolidaysFileIsLaidOverTheShippedCalendarAndABrokenOneStopsStart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shequ-holidays-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("next-year.csv").path
        try await withShequ { app in
            let next = try app.holidayNotices.shipped.coveredThrough + 1
            try "date,name,is_off_day\n\(next)-01-01,元旦,true\n".write(toFile: file, atomically: true, encoding: .utf8)
        }
        try await withShequ(adjust: { $0.holidaysFile = file }) { app in
            let calendar = try app.workingCalendar
            #expect(calendar.coveredThrough == (try app.holidayNotices.shipped.coveredThrough) + 1)
            #expect(!calendar.isProvisional(LocalDate("\(calendar.coveredThrough)-12-31")!))
            #expect(try app.holidayNotices.recountFrom == LocalDate("\(calendar.coveredThrough)-01-01")!)
        }
        await #expect(throws: (any Error).self) {
            try await withShequ(adjust: { $0.holidaysFile = dir.appendingPathComponent("missing.csv").path }) { _ in }
        }
    }
}
